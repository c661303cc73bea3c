//! Segments: customers chosen by a filter tree.

use actix_web::{HttpRequest, HttpResponse, web};
use kehu_store::convert;
use kehu_types::{CreateSegment, Segment, SegmentCount, SegmentCountRequest, SegmentPage, UpdateSegment};

use crate::http::actor::Actor;
use crate::http::error::ApiResult;
use crate::http::params::IdPath;
use crate::http::preconditions::{etag, if_match};
use crate::segments::{filters as segments, saved_segments};
use crate::state::AppState;

/// How many customers you may see a filter selects. The filter is a tree of
/// `and`/`or`/`not` groups over `compare` conditions on the customer's
/// stage, tags, region, source, kind, value (orders, spend, days since the
/// last purchase), RFM scores and segment, loyalty tier and points. A bad
/// tree is a 422 naming the faulty node, e.g. `filter.items[1].value`.
#[utoipa::path(post, path = "/api/v1/segments/count", tag = "segments", operation_id = "count_segment",
    request_body = SegmentCountRequest,
    responses((status = 200, description = "The number of customers", body = SegmentCount)))]
pub async fn count(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<SegmentCountRequest>,
) -> ApiResult<web::Json<SegmentCount>> {
    Ok(web::Json(SegmentCount { count: segments::count(state.db.conn(), &actor, &body.filter).await? }))
}

/// The saved segments you may use (yours and the shared ones), by name.
/// Their members are `GET /customers?segment={id}` (with `count=true` for
/// the live count).
#[utoipa::path(get, path = "/api/v1/segments", tag = "segments", operation_id = "list_segments",
    responses((status = 200, description = "The segments", body = SegmentPage)))]
pub async fn list(state: web::Data<AppState>, actor: Actor) -> ApiResult<web::Json<SegmentPage>> {
    let rows = saved_segments::list(state.db.conn(), &actor).await?;
    Ok(web::Json(SegmentPage { items: rows.iter().map(convert::segment).collect(), next_cursor: None, total: None }))
}

/// Save a filter under a name, private or `shared`. A bad filter is a 422
/// naming the faulty node.
#[utoipa::path(post, path = "/api/v1/segments", tag = "segments", operation_id = "create_segment",
    request_body = CreateSegment,
    responses((status = 201, description = "Saved", body = Segment, headers(("ETag" = String, description = "The version")))))]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<CreateSegment>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let row = saved_segments::create(&*txn, &actor, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().insert_header(etag(row.version)).json(convert::segment(&row)))
}

/// One segment you may use.
#[utoipa::path(get, path = "/api/v1/segments/{id}", tag = "segments", operation_id = "get_segment",
    params(IdPath),
    responses((status = 200, description = "The segment", body = Segment, headers(("ETag" = String, description = "The version")))))]
pub async fn get(state: web::Data<AppState>, actor: Actor, path: web::Path<IdPath>) -> ApiResult<HttpResponse> {
    let row = saved_segments::load(state.db.conn(), &actor, path.id).await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::segment(&row)))
}

/// Rename, refilter, share or unshare a segment (its owner or an admin).
#[utoipa::path(patch, path = "/api/v1/segments/{id}", tag = "segments", operation_id = "update_segment",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = UpdateSegment,
    responses(
        (status = 200, description = "Saved", body = Segment, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<UpdateSegment>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = saved_segments::update(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::segment(&row)))
}

/// Move a segment to the trash (its owner or an admin). `If-Match` is
/// checked when sent.
#[utoipa::path(delete, path = "/api/v1/segments/{id}", tag = "segments", operation_id = "delete_segment",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    responses(
        (status = 204, description = "In the trash; `POST …/restore` brings it back"),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(
    state: web::Data<AppState>,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    saved_segments::set_deleted(&*txn, &actor, path.id, version, true).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Bring a segment back from the trash.
#[utoipa::path(post, path = "/api/v1/segments/{id}/restore", tag = "segments", operation_id = "restore_segment",
    params(IdPath),
    responses((status = 200, description = "Restored", body = Segment, headers(("ETag" = String, description = "The new version")))))]
pub async fn restore(state: web::Data<AppState>, actor: Actor, path: web::Path<IdPath>) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let row = saved_segments::set_deleted(&*txn, &actor, path.id, None, false).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::segment(&row)))
}
