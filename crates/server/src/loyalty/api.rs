//! Loyalty: a customer's points and tier, their ledger, adjustments and
//! redemptions, the program's settings, and expiry on demand.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use kehu_store::convert;
use kehu_store::cursor::{Cursor, finish_page, older_than};
use kehu_store::entities::points_entry;
use kehu_types::{AdjustPoints, ExpiryRun, LoyaltyAccount, LoyaltySettings, PageQuery, PointsPage, RedeemPoints};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::customers::service as customers;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, decode_cursor, page_limit};
use crate::loyalty::points;
use crate::platform::settings::{read, write};
use crate::state::AppState;

type State = web::Data<AppState>;

/// A customer's points balance, lifetime points, tier (with its benefits and
/// what it is measured on) and the next tier.
#[utoipa::path(get, path = "/api/v1/customers/{id}/loyalty", tag = "loyalty", operation_id = "get_loyalty_account",
    params(IdPath), responses((status = 200, description = "The customer's points and tier", body = LoyaltyAccount)))]
pub async fn account(state: State, actor: Actor, path: web::Path<IdPath>) -> ApiResult<web::Json<LoyaltyAccount>> {
    let customer = customers::load_visible(state.db.conn(), &actor, path.id, true).await?;
    Ok(web::Json(points::account(state.db.conn(), customer.id, Utc::now()).await?))
}

/// The customer's points ledger, newest first: earned, reversed, adjusted,
/// redeemed, expired and compensation points, each with the balance after it.
#[utoipa::path(get, path = "/api/v1/customers/{id}/points", tag = "loyalty", operation_id = "list_points",
    params(IdPath, PageQuery), responses((status = 200, description = "A page of the ledger", body = PointsPage)))]
pub async fn ledger(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    query: web::Query<PageQuery>,
) -> ApiResult<web::Json<PointsPage>> {
    let customer = customers::load_visible(state.db.conn(), &actor, path.id, true).await?;
    let limit = page_limit(query.limit)?;
    let mut select = points_entry::Entity::find().filter(points_entry::Column::CustomerId.eq(customer.id));
    if let Some(cursor) = decode_cursor(query.cursor.as_deref())? {
        let at = cursor.key_as::<DateTime<Utc>>().map_err(|e| ApiError::bad_query(e.to_string()))?;
        select = select.filter(older_than(points_entry::Column::At, points_entry::Column::Id, at, cursor.id));
    }
    let mut rows = select
        .order_by_desc(points_entry::Column::At)
        .order_by_desc(points_entry::Column::Id)
        .limit(limit + 1)
        .all(state.db.conn())
        .await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(row.at, row.id));
    Ok(web::Json(PointsPage {
        items: rows.iter().map(convert::points_entry).collect(),
        next_cursor: next,
        total: None,
    }))
}

/// Add (positive) or remove (negative) points by hand, with a reason
/// (managers and admins). Removing more than the balance is a 409
/// `insufficient_points`.
#[utoipa::path(post, path = "/api/v1/customers/{id}/points/adjustments", tag = "loyalty", operation_id = "adjust_points",
    params(IdPath), request_body = AdjustPoints,
    responses(
        (status = 201, description = "The ledger entry", body = kehu_types::PointsEntry),
        (status = 409, description = "More than the balance (`insufficient_points`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn adjust(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<AdjustPoints>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let entry = points::adjust(&*txn, &actor, path.id, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(convert::points_entry(&entry)))
}

/// Spend the customer's points (anyone who may write and sees the customer).
/// The balance never goes below zero, even when redemptions race: more than
/// the balance is a 409 `insufficient_points`.
#[utoipa::path(post, path = "/api/v1/customers/{id}/points/redemptions", tag = "loyalty", operation_id = "redeem_points",
    params(IdPath), request_body = RedeemPoints,
    responses(
        (status = 201, description = "The ledger entry", body = kehu_types::PointsEntry),
        (status = 409, description = "More than the balance (`insufficient_points`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn redeem(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<RedeemPoints>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let entry = points::redeem(&*txn, &actor, path.id, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(convert::points_entry(&entry)))
}

/// The loyalty program: points per currency unit, rounding, expiry, and the
/// tiers with their thresholds and benefits.
#[utoipa::path(get, path = "/api/v1/settings/loyalty", tag = "loyalty", operation_id = "get_loyalty_settings",
    responses((status = 200, description = "The program", body = LoyaltySettings, headers(("ETag" = String, description = "The version")))))]
pub async fn get_settings(state: State, _actor: Actor) -> ApiResult<HttpResponse> {
    read::<LoyaltySettings>(&state).await
}

/// Replace the loyalty program (admins). New rates apply to the next
/// orders; tiers are recomputed on each customer's next points or order.
#[utoipa::path(put, path = "/api/v1/settings/loyalty", tag = "loyalty", operation_id = "update_loyalty_settings",
    params(("If-Match" = Option<String>, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = LoyaltySettings,
    responses(
        (status = 200, description = "Saved", body = LoyaltySettings, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_settings(
    state: State,
    actor: Actor,
    request: HttpRequest,
    body: web::Json<LoyaltySettings>,
) -> ApiResult<HttpResponse> {
    write(&state, &actor, &request, &*body).await
}

/// Let lapsed points expire now (admins; it also runs daily).
#[utoipa::path(post, path = "/api/v1/loyalty/expire", tag = "loyalty", operation_id = "expire_points",
    responses((status = 200, description = "What expired", body = ExpiryRun)))]
pub async fn expire(state: State, actor: Actor) -> ApiResult<web::Json<ExpiryRun>> {
    actor.require_admin()?;
    Ok(web::Json(expire_now(&state, Utc::now()).await?))
}

/// The whole expiry as of `at`, one transaction per batch.
pub async fn expire_now(state: &AppState, at: DateTime<Utc>) -> ApiResult<ExpiryRun> {
    let mut total = ExpiryRun { customers: 0, points: 0, at };
    loop {
        let txn = state.db.begin_write().await?;
        let (run, more) = points::expire_batch(&*txn, at).await?;
        txn.commit().await?;
        total.customers += run.customers;
        total.points += run.points;
        if !more {
            return Ok(total);
        }
    }
}
