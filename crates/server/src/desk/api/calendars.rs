//! Business calendars (everyone signed in reads them; admins change them):
//! weekly hours, holidays and make-up working days with their names, and the
//! due time a clock would compute. Importing a holiday schedule is in
//! `holidays`.

use actix_web::{HttpResponse, web};
use kehu_store::convert;
use kehu_store::entities::business_calendar;
use kehu_types::{
    BusinessCalendar, BusinessCalendarInput, BusinessCalendarList, DueTime, DueTimeQuestion, field_codes,
};
use sea_orm::{EntityTrait, QueryOrder};

use crate::desk::{calendars, sla_policies};
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::IdPath;
use crate::state::AppState;

type State = web::Data<AppState>;

const PROBLEM: &str = "application/problem+json";

/// Every business calendar.
#[utoipa::path(get, path = "/api/v1/business-calendars", tag = "sla", operation_id = "list_business_calendars",
    responses((status = 200, description = "All calendars", body = BusinessCalendarList)))]
pub async fn list_calendars(state: State, _actor: Actor) -> ApiResult<web::Json<BusinessCalendarList>> {
    let rows =
        business_calendar::Entity::find().order_by_asc(business_calendar::Column::Name).all(state.db.conn()).await?;
    Ok(web::Json(BusinessCalendarList { items: rows.iter().map(convert::business_calendar).collect() }))
}

/// Create a business calendar (admin).
#[utoipa::path(post, path = "/api/v1/business-calendars", tag = "sla", operation_id = "create_business_calendar",
    request_body = BusinessCalendarInput,
    responses(
        (status = 201, description = "Created", body = BusinessCalendar),
        (status = 409, description = "The name is taken (`name_taken`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn create_calendar(
    state: State,
    actor: Actor,
    body: web::Json<BusinessCalendarInput>,
) -> ApiResult<HttpResponse> {
    actor.require_admin()?;
    let values = calendars::values(&body)?;
    let txn = state.db.begin_write().await?;
    let row = calendars::create(&*txn, &actor, values).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(convert::business_calendar(&row)))
}

/// Replace a business calendar (admin). Running clocks keep their due times
/// until they are next recomputed.
#[utoipa::path(put, path = "/api/v1/business-calendars/{id}", tag = "sla", operation_id = "replace_business_calendar",
    params(IdPath), request_body = BusinessCalendarInput,
    responses(
        (status = 200, description = "Replaced", body = BusinessCalendar),
        (status = 409, description = "The name is taken (`name_taken`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn replace_calendar(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<BusinessCalendarInput>,
) -> ApiResult<web::Json<BusinessCalendar>> {
    actor.require_admin()?;
    let values = calendars::values(&body)?;
    let txn = state.db.begin_write().await?;
    let row = calendars::replace(&*txn, &actor, path.id, values).await?;
    txn.commit().await?;
    Ok(web::Json(convert::business_calendar(&row)))
}

/// When a target counted in the calendar's open hours would be due: what SLA
/// clocks under this calendar compute, so an admin can check holidays and
/// make-up days before tickets meet them.
#[utoipa::path(post, path = "/api/v1/business-calendars/{id}/due-time", tag = "sla", operation_id = "business_calendar_due_time",
    params(IdPath), request_body = DueTimeQuestion,
    responses((status = 200, description = "The due time", body = DueTime)))]
pub async fn due_time(
    state: State,
    _actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<DueTimeQuestion>,
) -> ApiResult<web::Json<DueTime>> {
    if !(0..=525_600).contains(&body.minutes) {
        return Err(ApiError::field("minutes", field_codes::OUT_OF_RANGE, "must be 0 to 525600 minutes"));
    }
    let row = calendars::find(state.db.conn(), path.id).await?;
    let calendar = sla_policies::calendar_of(&row).ok_or_else(|| ApiError::not_found("business calendar"))?;
    Ok(web::Json(DueTime { due_at: calendar.add_minutes(body.from, body.minutes) }))
}
