//! The product catalogue: everyone signed in reads it; managers and admins
//! keep it, one by one or in bulk from a shop system.

use actix_web::{HttpRequest, HttpResponse, web};
use kehu_store::convert;
use kehu_store::cursor::{Cursor, finish_page};
use kehu_store::entities::product;
use kehu_store::search::escape_like;
use kehu_types::{ProductBatch, ProductBatchResult, ProductInput, ProductPage, ProductQuery, UpdateProduct};
use sea_orm::sea_query::LikeExpr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::commerce::products as service;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, decode_cursor, page_limit};
use crate::http::preconditions::{etag, if_match};
use crate::state::AppState;

type State = web::Data<AppState>;

/// Products in SKU order.
#[utoipa::path(get, path = "/api/v1/products", tag = "products", operation_id = "list_products",
    params(ProductQuery), responses((status = 200, description = "A page of products", body = ProductPage)))]
pub async fn list(state: State, _actor: Actor, query: web::Query<ProductQuery>) -> ApiResult<web::Json<ProductPage>> {
    let limit = page_limit(query.limit)?;
    let mut select = product::Entity::find();
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = LikeExpr::new(escape_like(&q.to_lowercase())).escape('\\');
        select = select.filter(product::Column::SearchText.like(pattern));
    }
    if let Some(category) = &query.category {
        select = select.filter(product::Column::Category.eq(category.as_str()));
    }
    if let Some(active) = query.active {
        select = select.filter(product::Column::Active.eq(active));
    }
    if let Some(cursor) = decode_cursor(query.cursor.as_deref())? {
        let after = cursor.key_as::<String>().map_err(|e| ApiError::bad_query(e.to_string()))?;
        select = select.filter(product::Column::Sku.gt(after));
    }
    let mut rows = select.order_by_asc(product::Column::Sku).limit(limit + 1).all(state.db.conn()).await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(&row.sku, row.id));
    Ok(web::Json(ProductPage { items: rows.iter().map(convert::product).collect(), next_cursor: next, total: None }))
}

/// Add a product (managers and admins).
#[utoipa::path(post, path = "/api/v1/products", tag = "products", operation_id = "create_product",
    request_body = ProductInput,
    responses(
        (status = 201, description = "Created", body = kehu_types::Product, headers(("ETag" = String, description = "The version"))),
        (status = 409, description = "The SKU is taken (`sku_taken`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(state: State, actor: Actor, body: web::Json<ProductInput>) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let row = service::create(&*txn, &actor, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().insert_header(etag(row.version)).json(convert::product(&row)))
}

/// One product.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "products", operation_id = "get_product",
    params(IdPath),
    responses((status = 200, description = "The product", body = kehu_types::Product, headers(("ETag" = String, description = "The version")))))]
pub async fn get(state: State, _actor: Actor, path: web::Path<IdPath>) -> ApiResult<HttpResponse> {
    let row = service::load(state.db.conn(), path.id).await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::product(&row)))
}

/// Change a product (managers and admins); the SKU stays. `If-Match` is checked when sent.
#[utoipa::path(patch, path = "/api/v1/products/{id}", tag = "products", operation_id = "update_product",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    request_body = UpdateProduct,
    responses(
        (status = 200, description = "Updated", body = kehu_types::Product, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<UpdateProduct>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = service::update(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::product(&row)))
}

/// Sync up to 500 products from a shop system: each is created, or updated by
/// its SKU. All or nothing: one invalid item fails the request with a 422
/// naming every faulty field as `items[i].field`.
#[utoipa::path(post, path = "/api/v1/products/bulk", tag = "products", operation_id = "sync_products",
    request_body = ProductBatch,
    responses((status = 200, description = "What was created, updated or already so", body = ProductBatchResult)))]
pub async fn bulk(
    state: State,
    actor: Actor,
    body: web::Json<ProductBatch>,
) -> ApiResult<web::Json<ProductBatchResult>> {
    let txn = state.db.begin_write().await?;
    let result = service::bulk(&*txn, &actor, &body).await?;
    txn.commit().await?;
    Ok(web::Json(result))
}
