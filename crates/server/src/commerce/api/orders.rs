//! Orders: writers record purchases for customers they may see; everyone
//! reads the orders of the customers they may see.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use kehu_store::cursor::{Cursor, finish_page, older_than};
use kehu_store::entities::{customer, order};
use kehu_store::orders::items_of;
use kehu_types::{CreateOrder, CreateRefund, OrderBatch, OrderBatchResult, OrderPage, OrderQuery};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::commerce::{order_import, orders as service};
use crate::customers::service as customers;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, decode_cursor, page_limit};
use crate::state::AppState;

type State = web::Data<AppState>;

/// Orders of the customers you may see, newest first.
#[utoipa::path(get, path = "/api/v1/orders", tag = "orders", operation_id = "list_orders",
    params(OrderQuery), responses((status = 200, description = "A page of orders", body = OrderPage)))]
pub async fn list(state: State, actor: Actor, query: web::Query<OrderQuery>) -> ApiResult<web::Json<OrderPage>> {
    let limit = page_limit(query.limit)?;
    let visible = Query::select()
        .column(customer::Column::Id)
        .from(customer::Entity)
        .cond_where(customers::visibility(&actor).condition())
        .to_owned();
    let mut select = order::Entity::find().filter(Expr::col(order::Column::CustomerId).in_subquery(visible));
    if let Some(customer_id) = query.customer_id {
        select = select.filter(order::Column::CustomerId.eq(customer_id));
    }
    if let Some(status) = query.status {
        select = select.filter(order::Column::Status.eq(status.as_str()));
    }
    if let Some(cursor) = decode_cursor(query.cursor.as_deref())? {
        let at = cursor.key_as::<DateTime<Utc>>().map_err(|e| ApiError::bad_query(e.to_string()))?;
        select = select.filter(older_than(order::Column::OrderedAt, order::Column::Id, at, cursor.id));
    }
    let mut rows = select
        .order_by_desc(order::Column::OrderedAt)
        .order_by_desc(order::Column::Id)
        .limit(limit + 1)
        .all(state.db.conn())
        .await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(row.ordered_at, row.id));
    let ids: Vec<_> = rows.iter().map(|row| row.id).collect();
    let mut items = items_of(state.db.conn(), &ids).await?;
    let recorded: Vec<_> = rows
        .into_iter()
        .map(|row| {
            let lines = items.remove(&row.id).unwrap_or_default();
            (row, lines)
        })
        .collect();
    let orders = service::present(state.db.conn(), &recorded).await?;
    Ok(web::Json(OrderPage { items: orders, next_cursor: next, total: None }))
}

/// Record a paid (or cancelled) order. The customer's value and, by the
/// lifecycle rules, their stage change in the same transaction: a first paid
/// order makes a prospect `new`, a repeat one makes a new customer `active`,
/// and any wins back an `at_risk` or `churned` one. Re-sending an order with
/// the same `source` and `number` returns the recorded one (200) and counts
/// nothing twice.
#[utoipa::path(post, path = "/api/v1/orders", tag = "orders", operation_id = "create_order",
    request_body = CreateOrder,
    responses(
        (status = 201, description = "Recorded", body = kehu_types::Order),
        (status = 200, description = "Already recorded (same source and number)", body = kehu_types::Order),
        (status = 409, description = "The number is recorded for another customer (`order_number_taken`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(state: State, actor: Actor, body: web::Json<CreateOrder>) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let (recorded, created) = service::create(&*txn, &actor, &body).await?;
    let order = service::present_one(&*txn, &recorded).await?;
    txn.commit().await?;
    Ok(if created { HttpResponse::Created().json(order) } else { HttpResponse::Ok().json(order) })
}

/// One order with its lines.
#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "orders", operation_id = "get_order",
    params(IdPath), responses((status = 200, description = "The order", body = kehu_types::Order)))]
pub async fn get(state: State, actor: Actor, path: web::Path<IdPath>) -> ApiResult<web::Json<kehu_types::Order>> {
    let recorded = service::load_visible(state.db.conn(), &actor, path.id).await?;
    Ok(web::Json(service::present_one(state.db.conn(), &recorded).await?))
}

/// Import up to 500 orders from a shop system, each recorded as `POST
/// /orders` records one (value, lifecycle stage, audit). All or nothing: any
/// faulty item fails the request with a 422 naming every faulty field as
/// `items[i].field` (`items[i]` with code `order_number_taken` for a number
/// recorded for another customer). Idempotent: orders already recorded (same
/// `source` and `number`) come back as recorded and count as `unchanged`.
#[utoipa::path(post, path = "/api/v1/orders/bulk", tag = "orders", operation_id = "import_orders",
    request_body = OrderBatch,
    responses((status = 200, description = "What was recorded or already so", body = OrderBatchResult)))]
pub async fn bulk(state: State, actor: Actor, body: web::Json<OrderBatch>) -> ApiResult<web::Json<OrderBatchResult>> {
    let txn = state.db.begin_write().await?;
    let result = order_import::bulk(&*txn, &actor, &body).await?;
    txn.commit().await?;
    Ok(web::Json(result))
}

/// Refund part (`amount`) or all (no `amount`) of a paid order, with a reason.
/// The customer's spend drops by the amount, a fully refunded order stops
/// counting as a purchase, and the refund appears on the customer's timeline.
#[utoipa::path(post, path = "/api/v1/orders/{id}/refunds", tag = "orders", operation_id = "refund_order",
    params(IdPath), request_body = CreateRefund,
    responses(
        (status = 201, description = "Refunded; the order as it now stands", body = kehu_types::Order),
        (status = 409, description = "Cancelled or fully refunded already (`order_not_refundable`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn refund(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<CreateRefund>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let (recorded, _) = service::refund(&*txn, &actor, path.id, &body).await?;
    let order = service::present_one(&*txn, &recorded).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(order))
}
