//! A customer's value, the settings of the lifecycle and value rules, and
//! running the daily work (inactivity sweep, RFM scoring) on demand.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use kehu_types::{CustomerValue, DailyJobSettings, LifecycleSettings, RfmRun, Role, SweepResult, ValueSettings};

use crate::customers::service as customers;
use crate::http::actor::Actor;
use crate::http::error::ApiResult;
use crate::http::params::IdPath;
use crate::http::preconditions::{etag, if_match};
use crate::platform::settings;
use crate::platform::settings::{read, write};
use crate::state::AppState;
use crate::value::lifecycle_sweep::{add, reschedule_daily_job, sweep_batch};
use crate::value::{customer_value, daily_schedule};

type State = web::Data<AppState>;

/// A customer's value: paid orders, total spent, average order value, first
/// and last purchase, gross margin where product costs are known; historical
/// and predicted lifetime value, cost to serve and profit; and the RFM scores
/// and segment of the latest scoring run.
#[utoipa::path(get, path = "/api/v1/customers/{id}/value", tag = "orders", operation_id = "get_customer_value",
    params(IdPath), responses((status = 200, description = "The customer's value", body = CustomerValue)))]
pub async fn value(state: State, actor: Actor, path: web::Path<IdPath>) -> ApiResult<web::Json<CustomerValue>> {
    let customer = customers::load_visible(state.db.conn(), &actor, path.id, true).await?;
    Ok(web::Json(customer_value::of(state.db.conn(), &customer).await?))
}

/// The lifecycle rules' thresholds: when a customer turns loyal, at risk or
/// churned. The `ETag` carries the version (0 while the defaults apply).
#[utoipa::path(get, path = "/api/v1/settings/lifecycle", tag = "settings", operation_id = "get_lifecycle_settings",
    responses((status = 200, description = "The thresholds", body = LifecycleSettings, headers(("ETag" = String, description = "The version")))))]
pub async fn get_lifecycle(state: State, _actor: Actor) -> ApiResult<HttpResponse> {
    read::<LifecycleSettings>(&state).await
}

/// Replace the lifecycle thresholds (admins). They apply from the next order
/// and the next sweep; stages already reached are not recomputed.
#[utoipa::path(put, path = "/api/v1/settings/lifecycle", tag = "settings", operation_id = "update_lifecycle_settings",
    params(("If-Match" = Option<String>, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = LifecycleSettings,
    responses(
        (status = 200, description = "Saved", body = LifecycleSettings, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_lifecycle(
    state: State,
    actor: Actor,
    request: HttpRequest,
    body: web::Json<LifecycleSettings>,
) -> ApiResult<HttpResponse> {
    write(&state, &actor, &request, &*body).await
}

/// What the value metrics count as cost: the cost of handling one ticket and
/// the expected customer lifetime for the predicted lifetime value.
#[utoipa::path(get, path = "/api/v1/settings/value", tag = "settings", operation_id = "get_value_settings",
    responses((status = 200, description = "The settings", body = ValueSettings, headers(("ETag" = String, description = "The version")))))]
pub async fn get_value(state: State, _actor: Actor) -> ApiResult<HttpResponse> {
    read::<ValueSettings>(&state).await
}

/// Replace the value settings (admins).
#[utoipa::path(put, path = "/api/v1/settings/value", tag = "settings", operation_id = "update_value_settings",
    params(("If-Match" = Option<String>, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = ValueSettings,
    responses(
        (status = 200, description = "Saved", body = ValueSettings, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_value(
    state: State,
    actor: Actor,
    request: HttpRequest,
    body: web::Json<ValueSettings>,
) -> ApiResult<HttpResponse> {
    write(&state, &actor, &request, &*body).await
}

/// When the daily work runs: a local time (03:00 unless set), in the zone
/// the settings pin or else the default business calendar's (the first
/// calendar created). The answer always names the zone in use.
#[utoipa::path(get, path = "/api/v1/settings/daily-jobs", tag = "settings", operation_id = "get_daily_job_settings",
    responses((status = 200, description = "The schedule", body = DailyJobSettings, headers(("ETag" = String, description = "The version")))))]
pub async fn get_daily_jobs(state: State, _actor: Actor) -> ApiResult<HttpResponse> {
    let (answer, version) = daily_schedule::load(state.db.conn()).await?;
    Ok(HttpResponse::Ok().insert_header(etag(version)).json(answer))
}

/// Change when the daily work runs (admins): a `time_zone` pins the zone,
/// none follows the default business calendar's. A run not yet begun moves
/// to the new time.
#[utoipa::path(put, path = "/api/v1/settings/daily-jobs", tag = "settings", operation_id = "update_daily_job_settings",
    params(("If-Match" = Option<String>, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = DailyJobSettings,
    responses(
        (status = 200, description = "Saved", body = DailyJobSettings, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_daily_jobs(
    state: State,
    actor: Actor,
    request: HttpRequest,
    body: web::Json<DailyJobSettings>,
) -> ApiResult<HttpResponse> {
    actor.require_admin()?;
    let expected = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let stored = daily_schedule::to_store(&*txn, &body).await?;
    let version = settings::save(&*txn, &actor, &stored, expected).await?;
    reschedule_daily_job(&*txn, Utc::now()).await?;
    let (answer, _) = daily_schedule::load(&*txn).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(version)).json(answer))
}

/// Run the inactivity sweep now (admins; it also runs daily): active and
/// loyal customers without a purchase for the at-risk days become
/// `at_risk`, at-risk ones past the churned days `churned`, each move in the
/// stage history with its rule. Stages set by hand since the last purchase
/// are kept when the settings say so.
#[utoipa::path(post, path = "/api/v1/lifecycle/sweep", tag = "settings", operation_id = "run_lifecycle_sweep",
    responses((status = 200, description = "What the sweep did", body = SweepResult)))]
pub async fn sweep(state: State, actor: Actor) -> ApiResult<web::Json<SweepResult>> {
    actor.require_admin()?;
    Ok(web::Json(sweep_now(&state, Utc::now()).await?))
}

/// The whole sweep as of `at`, one transaction per batch of customers.
pub async fn sweep_now(state: &AppState, at: chrono::DateTime<Utc>) -> ApiResult<SweepResult> {
    let mut total = SweepResult { at, ..SweepResult::default() };
    let mut after = None;
    loop {
        let txn = state.db.begin_write().await?;
        let (batch, next) = sweep_batch(&*txn, at, after).await?;
        txn.commit().await?;
        add(&mut total, &batch);
        match next {
            Some(id) => after = Some(id),
            None => return Ok(total),
        }
    }
}

/// Score every customer's RFM now (managers and admins; it also runs daily).
#[utoipa::path(post, path = "/api/v1/customer-value/rfm", tag = "settings", operation_id = "score_rfm",
    responses((status = 200, description = "How many customers were scored", body = RfmRun)))]
pub async fn score_rfm(state: State, actor: Actor) -> ApiResult<web::Json<RfmRun>> {
    actor.require(&[Role::Admin, Role::Manager])?;
    let txn = state.db.begin_write().await?;
    let run = customer_value::score_rfm(&*txn, Utc::now()).await?;
    txn.commit().await?;
    Ok(web::Json(run))
}
