//! Business calendars (everyone signed in reads them; admins change them):
//! weekly hours, holidays and make-up working days with their names, and the
//! due time a clock would compute. Importing a holiday schedule is in
//! `holidays`.

use std::str::FromStr;

use actix_web::{HttpResponse, web};
use kehu_domain::holidays::Days;
use kehu_domain::validate::Errors;
use kehu_store::entities::business_calendar;
use kehu_store::{convert, new_id, now};
use kehu_types::{
    BusinessCalendar, BusinessCalendarInput, BusinessCalendarList, DueTime, DueTimeQuestion, codes, field_codes,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;

use crate::desk::{calendars, sla_policies};
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::IdPath;
use crate::platform::audit;
use crate::state::AppState;
use crate::value::lifecycle_sweep;

type State = web::Data<AppState>;

const PROBLEM: &str = "application/problem+json";
const NAME_MAX: usize = 100;
/// Longest name of a holiday or make-up day, as in a schedule file.
const NAMES_MAX: usize = kehu_domain::holidays::NAME_MAX;

/// Every business calendar.
#[utoipa::path(get, path = "/api/v1/business-calendars", tag = "sla", operation_id = "list_business_calendars",
    responses((status = 200, description = "All calendars", body = BusinessCalendarList)))]
pub async fn list_calendars(state: State, _actor: Actor) -> ApiResult<web::Json<BusinessCalendarList>> {
    let rows =
        business_calendar::Entity::find().order_by_asc(business_calendar::Column::Name).all(state.db.conn()).await?;
    Ok(web::Json(BusinessCalendarList { items: rows.iter().map(convert::business_calendar).collect() }))
}

/// A validated calendar as row values.
struct CalendarValues {
    name: String,
    zone: String,
    week: serde_json::Value,
    holidays: serde_json::Value,
    workdays: serde_json::Value,
    /// The dates, with the names the body gave.
    days: Days,
    /// Whether the body gave names; without them a replaced calendar keeps
    /// its stored names of the dates it still lists.
    names_given: bool,
}

impl CalendarValues {
    /// The names column: the given names, or `stored` ones for dates still listed.
    fn names(&self, stored: Option<&business_calendar::Model>) -> serde_json::Value {
        let kept = match stored {
            Some(row) if !self.names_given => calendars::days_of(row).names,
            _ => self.days.names.clone(),
        };
        calendars::names_value(&kept, &self.days)
    }
}

/// Sorted, without repeats.
fn dates(list: &[chrono::NaiveDate]) -> Vec<chrono::NaiveDate> {
    let mut dates = list.to_vec();
    dates.sort();
    dates.dedup();
    dates
}

/// Validate a calendar and turn it into row values.
fn calendar_values(input: &BusinessCalendarInput) -> ApiResult<CalendarValues> {
    let mut errors = Errors::default();
    let name = errors.required_text("name", &input.name, NAME_MAX);
    if chrono_tz::Tz::from_str(input.time_zone.trim()).is_err() {
        errors.add("time_zone", field_codes::INVALID_FORMAT, "must be an IANA time zone such as Asia/Shanghai");
    }
    if input.week.len() != 7 {
        errors.add("week", field_codes::INVALID_FORMAT, "must list seven days, Monday first");
    }
    for (day, ranges) in input.week.iter().enumerate() {
        if ranges.len() > 6 {
            errors.add(format!("week[{day}]"), field_codes::TOO_MANY, "at most six ranges a day");
        }
        for (n, range) in ranges.iter().enumerate() {
            if sla_policies::parse_time(&range.start).is_none() || sla_policies::parse_time(&range.end).is_none() {
                errors.add(format!("week[{day}][{n}]"), field_codes::INVALID_FORMAT, "times are HH:MM");
            }
        }
    }
    if input.week.iter().all(Vec::is_empty) {
        errors.add("week", field_codes::REQUIRED, "give open hours on at least one day");
    }
    if input.holidays.len() > calendars::DATES_MAX {
        errors.add("holidays", field_codes::TOO_MANY, "at most 1000 holidays");
    }
    if input.workdays.len() > calendars::DATES_MAX {
        errors.add("workdays", field_codes::TOO_MANY, "at most 1000 make-up working days");
    }
    let (holidays, workdays) = (dates(&input.holidays), dates(&input.workdays));
    for (n, day) in input.workdays.iter().enumerate() {
        if holidays.binary_search(day).is_ok() {
            errors.add(
                format!("workdays[{n}]"),
                field_codes::DUPLICATE,
                "a date cannot be a holiday and a working day",
            );
        }
    }
    for (day, text) in input.names.iter().flatten() {
        if holidays.binary_search(day).is_err() && workdays.binary_search(day).is_err() {
            let message = "names only dates listed as holidays or make-up working days";
            errors.add(format!("names[{day}]"), field_codes::UNKNOWN_REFERENCE, message);
        } else if text.trim().chars().count() > NAMES_MAX {
            errors.add(format!("names[{day}]"), field_codes::TOO_LONG, format!("at most {NAMES_MAX} characters"));
        }
    }
    errors.finish(()).map_err(ApiError::validation)?;
    let days = Days {
        holidays: holidays.iter().copied().collect(),
        workdays: workdays.iter().copied().collect(),
        names: input.names.clone().unwrap_or_default(),
    };
    Ok(CalendarValues {
        name,
        zone: input.time_zone.trim().to_owned(),
        week: json!(input.week),
        holidays: json!(holidays),
        workdays: json!(workdays),
        days,
        names_given: input.names.is_some(),
    })
}

async fn ensure_calendar_name_free(
    conn: &impl ConnectionTrait,
    name: &str,
    except: Option<uuid::Uuid>,
) -> ApiResult<()> {
    let mut taken = business_calendar::Entity::find().filter(business_calendar::Column::Name.eq(name));
    if let Some(id) = except {
        taken = taken.filter(business_calendar::Column::Id.ne(id));
    }
    if taken.count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::NAME_TAKEN, format!("a calendar named {name} already exists")));
    }
    Ok(())
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
    let values = calendar_values(&body)?;
    let txn = state.db.begin_write().await?;
    ensure_calendar_name_free(&*txn, &values.name, None).await?;
    let at = now();
    let names = values.names(None);
    let row = business_calendar::ActiveModel {
        id: Set(new_id()),
        day_names: Set(Some(names)),
        name: Set(values.name),
        time_zone: Set(values.zone),
        week: Set(values.week),
        holidays: Set(values.holidays),
        workdays: Set(Some(values.workdays)),
        created_at: Set(at),
        updated_at: Set(at),
    };
    let row = row.insert(&*txn).await?;
    sla_policies::check_calendar(&row)?;
    // The first calendar becomes the default one, whose zone the daily work follows.
    lifecycle_sweep::reschedule_daily_job(&*txn, now()).await?;
    let created = convert::business_calendar(&row);
    audit::record(
        &*txn,
        Some(actor.id),
        &actor.meta,
        "business_calendar.create",
        "business_calendar",
        Some(row.id),
        json!(created),
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(created))
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
    let values = calendar_values(&body)?;
    let txn = state.db.begin_write().await?;
    let row = calendars::find_for_update(&*txn, path.id).await?;
    ensure_calendar_name_free(&*txn, &values.name, Some(row.id)).await?;
    let before = convert::business_calendar(&row);
    let names = values.names(Some(&row));
    let mut active = row.into_active_model();
    active.day_names = Set(Some(names));
    active.name = Set(values.name);
    active.time_zone = Set(values.zone);
    active.week = Set(values.week);
    active.holidays = Set(values.holidays);
    active.workdays = Set(Some(values.workdays));
    active.updated_at = Set(now());
    let row = active.update(&*txn).await?;
    sla_policies::check_calendar(&row)?;
    // The daily work follows the default calendar's zone unless one is pinned.
    lifecycle_sweep::reschedule_daily_job(&*txn, now()).await?;
    let after = convert::business_calendar(&row);
    let changes = audit::diff(&json!(before), &json!(after), &[]);
    audit::record(
        &*txn,
        Some(actor.id),
        &actor.meta,
        "business_calendar.update",
        "business_calendar",
        Some(row.id),
        changes,
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(after))
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
