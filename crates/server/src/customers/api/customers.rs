//! Customers: the list, the file, its lifecycle stage and the trash.

use actix_web::{HttpRequest, HttpResponse, web};
use kehu_store::convert;
use kehu_store::customers::{self as queries, CustomerFilter, CustomerSort};
use kehu_store::entities::stage_history;
use kehu_types::{
    ConsentHistory, CreateCustomer, CustomFieldSettings, Customer, CustomerPage, CustomerQuery, ExternalCustomerRef,
    StageChangeRequest, StageHistoryEntry, StageHistoryPage, UpdateCustomer,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::customers::service;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::idempotency;
use crate::http::params::{IdPath, PageParams, Paging, decode_cursor, next_id_cursor, page_limit};
use crate::http::preconditions::{etag, if_match, require_if_match};
use crate::segments::{filters as segments, saved_segments};
use crate::state::AppState;

type State = web::Data<AppState>;

/// List customers visible to you.
#[utoipa::path(get, path = "/api/v1/customers", tag = "customers", operation_id = "list_customers",
    params(CustomerQuery),
    responses((status = 200, description = "A page of customers", body = CustomerPage)))]
pub async fn list(state: State, actor: Actor, params: web::Query<CustomerQuery>) -> ApiResult<web::Json<CustomerPage>> {
    let params = params.into_inner();
    let limit = page_limit(params.limit)?;
    let cursor = decode_cursor(params.cursor.as_deref())?;
    let filter = CustomerFilter {
        stage: params.stage,
        owner_id: params.owner_id,
        team_id: params.team_id,
        tag: params.tag,
        source: params.source.map(|s| s.as_str().to_owned()),
        region: params.region,
        created_from: params.created_from,
        created_to: params.created_to,
        q: params.q,
        deleted: params.deleted.unwrap_or(false),
        segment: match params.segment {
            Some(id) => {
                let saved = convert::segment(&saved_segments::load(state.db.conn(), &actor, id).await?);
                Some(segments::compile(&saved.filter, chrono::Utc::now(), state.db.conn().get_database_backend()))
            }
            None => None,
        },
    };
    let sort = params.sort.map(CustomerSort::from).unwrap_or_default();
    let visibility = service::visibility(&actor);
    let (rows, next) = queries::list(state.db.conn(), visibility, &filter, sort, cursor.as_ref(), limit)
        .await?
        .map_err(|e| ApiError::bad_query(e.to_string()))?;
    let total = if params.count.unwrap_or(false) {
        Some(queries::count(state.db.conn(), visibility, &filter).await?)
    } else {
        None
    };
    let items = rows.into_iter().map(|row| service::present(&actor, row)).collect();
    Ok(web::Json(CustomerPage { items, next_cursor: next, total }))
}

/// Create a customer.
///
/// With an `Idempotency-Key` header, a retried request returns the first
/// response and creates nothing; the same key with a different body is refused.
#[utoipa::path(post, path = "/api/v1/customers", tag = "customers", operation_id = "create_customer",
    request_body = CreateCustomer,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1–200 visible ASCII characters")),
    responses((status = 201, description = "Created", body = Customer, headers(("ETag" = String, description = "The version")))))]
pub async fn create(
    state: State,
    actor: Actor,
    request: HttpRequest,
    body: web::Json<CreateCustomer>,
) -> ApiResult<HttpResponse> {
    let once = idempotency::Once::of(&request, actor.id, &*body)?;
    let txn = state.db.begin_write().await?;
    if let Some(replayed) = once.replay(&*txn).await? {
        return Ok(replayed);
    }
    let row = service::create(&*txn, &actor, &body).await?;
    let created = service::present(&actor, row);
    once.remember(&*txn, &created).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().insert_header(etag(created.version)).json(created))
}

/// One customer. The `ETag` header carries the version for `If-Match`.
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers", operation_id = "get_customer",
    params(IdPath),
    responses((status = 200, description = "The customer", body = Customer, headers(("ETag" = String, description = "The version")))))]
pub async fn get(state: State, actor: Actor, path: web::Path<IdPath>) -> ApiResult<HttpResponse> {
    let row = service::load_visible(state.db.conn(), &actor, path.id, true).await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(service::present(&actor, row)))
}

/// The customer another system knows by `external_id` (from a shop or an
/// ERP), as `GET …/customers/{id}` answers it; 404 when none is visible to you.
#[utoipa::path(get, path = "/api/v1/customers/by-external-id", tag = "customers", operation_id = "get_customer_by_external_id",
    params(ExternalCustomerRef),
    responses((status = 200, description = "The customer", body = Customer, headers(("ETag" = String, description = "The version")))))]
pub async fn by_external_id(
    state: State,
    actor: Actor,
    query: web::Query<ExternalCustomerRef>,
) -> ApiResult<HttpResponse> {
    let row = crate::customers::customer_refs::find_by_external_id(state.db.conn(), &actor, &query).await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(service::present(&actor, row)))
}

/// Change some fields of a customer. Requires `If-Match` with the current version.
#[utoipa::path(patch, path = "/api/v1/customers/{id}", tag = "customers", operation_id = "update_customer",
    params(IdPath, ("If-Match" = String, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = UpdateCustomer,
    responses(
        (status = 200, description = "Updated", body = Customer, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing (`precondition_required`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<UpdateCustomer>,
) -> ApiResult<HttpResponse> {
    let version = require_if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = service::update(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(service::present(&actor, row)))
}

/// Move a customer to the trash. `If-Match` is checked when sent.
#[utoipa::path(delete, path = "/api/v1/customers/{id}", tag = "customers", operation_id = "delete_customer",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    responses(
        (status = 204, description = "In the trash; `POST …/restore` brings it back"),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    service::set_deleted(&*txn, &actor, path.id, version, true).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Bring a customer back from the trash.
#[utoipa::path(post, path = "/api/v1/customers/{id}/restore", tag = "customers", operation_id = "restore_customer",
    params(IdPath),
    responses((status = 200, description = "Restored", body = Customer)))]
pub async fn restore(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = service::set_deleted(&*txn, &actor, path.id, version, false).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(service::present(&actor, row)))
}

/// Move a customer to another lifecycle stage, with a reason.
///
/// Allowed moves: prospect→new→active→loyal; active|loyal→at_risk→churned;
/// at_risk|churned→active; loyal→active. Others are 409 with `allowed`.
#[utoipa::path(post, path = "/api/v1/customers/{id}/stage", tag = "customers", operation_id = "change_customer_stage",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    request_body = StageChangeRequest,
    responses(
        (status = 200, description = "The history row written", body = StageHistoryEntry),
        (status = 409, description = "Not an allowed move (`invalid_stage_transition`, with `allowed`)", body = kehu_types::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_stage(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<StageChangeRequest>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let (row, history) = service::change_stage(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::stage_entry(&history)))
}

/// The stage history of a customer, newest first.
#[utoipa::path(get, path = "/api/v1/customers/{id}/stage-history", tag = "customers", operation_id = "list_customer_stage_history",
    params(IdPath, PageParams),
    responses((status = 200, description = "A page of stage changes", body = StageHistoryPage)))]
pub async fn stage_history(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<StageHistoryPage>> {
    service::load_visible(state.db.conn(), &actor, path.id, true).await?;
    let limit = page.limit()?;
    let mut select = stage_history::Entity::find()
        .filter(stage_history::Column::CustomerId.eq(path.id))
        .order_by_desc(stage_history::Column::Id);
    if let Some(before) = page.cursor_id()? {
        select = select.filter(stage_history::Column::Id.lt(before));
    }
    let mut rows = select.limit(limit + 1).all(state.db.conn()).await?;
    let next = next_id_cursor(&mut rows, limit, |row| row.id);
    Ok(web::Json(StageHistoryPage {
        items: rows.iter().map(convert::stage_entry).collect(),
        next_cursor: next,
        total: None,
    }))
}

/// When and by whom each marketing consent of a customer was granted or
/// withdrawn, newest first (the latest 500).
#[utoipa::path(get, path = "/api/v1/customers/{id}/consent-history", tag = "customers", operation_id = "get_customer_consent_history",
    params(IdPath),
    responses((status = 200, description = "The consent ledger of the customer", body = ConsentHistory)))]
pub async fn consent_history(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
) -> ApiResult<web::Json<ConsentHistory>> {
    let items = service::consent_history(state.db.conn(), &actor, path.id).await?;
    Ok(web::Json(ConsentHistory { items }))
}

/// The custom fields of the customer file, with their types; everyone signed
/// in reads them. The `ETag` carries the version (0 while none are defined).
#[utoipa::path(get, path = "/api/v1/settings/custom-fields", tag = "settings", operation_id = "get_custom_field_settings",
    responses((status = 200, description = "The fields", body = CustomFieldSettings, headers(("ETag" = String, description = "The version")))))]
pub async fn get_custom_fields(state: State, _actor: Actor) -> ApiResult<HttpResponse> {
    crate::platform::settings::read::<CustomFieldSettings>(&state).await
}

/// Replace the custom fields (admins). Values customers already have stay;
/// a value written afterwards must fit its field.
#[utoipa::path(put, path = "/api/v1/settings/custom-fields", tag = "settings", operation_id = "update_custom_field_settings",
    params(("If-Match" = Option<String>, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = CustomFieldSettings,
    responses(
        (status = 200, description = "Saved", body = CustomFieldSettings, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_custom_fields(
    state: State,
    actor: Actor,
    request: HttpRequest,
    body: web::Json<CustomFieldSettings>,
) -> ApiResult<HttpResponse> {
    crate::platform::settings::write(&state, &actor, &request, &*body).await
}
