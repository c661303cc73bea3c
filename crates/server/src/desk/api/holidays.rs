//! A year's holiday schedule imported into a business calendar from its text
//! form (`kehu_domain::holidays`), with a dry run that says what would
//! change: for integrators and the yearly update as much as for the admin app.

use actix_web::web;
use kehu_domain::holidays;
use kehu_types::{HolidayImport, HolidayImportResult, field_codes};

use crate::desk::calendars;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::IdPath;
use crate::state::AppState;

/// The longest schedule text, in characters (a year takes a few hundred).
const TEXT_MAX: usize = 100_000;

/// Read the schedule: every faulty line named as `lines[N]`.
fn schedule_of(body: &HolidayImport) -> ApiResult<holidays::Schedule> {
    if body.text.chars().count() > TEXT_MAX {
        return Err(ApiError::field("text", field_codes::TOO_LONG, "at most 100000 characters"));
    }
    let schedule =
        holidays::parse(&body.text).map_err(|errors| ApiError::validation(holidays::field_errors(&errors)))?;
    if schedule.holidays.is_empty() && schedule.workdays.is_empty() {
        return Err(ApiError::field("text", field_codes::REQUIRED, "the schedule lists no dates"));
    }
    Ok(schedule)
}

/// Import a holiday schedule into a business calendar (admin, as for
/// editing a calendar). The body's `text` is the schedule file: one date
/// (`YYYY-MM-DD`) or inclusive range (`YYYY-MM-DD..YYYY-MM-DD`, at most 31
/// days) per line, then an optional name; a leading `+` marks a make-up
/// working day (调休上班); `#` starts a comment. Its holidays and make-up days
/// join the calendar's (a date in the other list moves), a name given
/// replaces the date's old one, and with `replace_years` the calendar's
/// entries in the years the file covers that it does not list are removed.
/// With `dry_run` nothing is saved: the answer says what would change. A
/// faulty line refuses the whole file with a 422 naming every such line as
/// `lines[N]` (counting from 1). Calendars carry no version, so no
/// `If-Match` is needed. SLA clocks already running keep their due times
/// until they are next recomputed.
#[utoipa::path(post, path = "/api/v1/business-calendars/{id}/holidays/import", tag = "sla",
    operation_id = "import_business_calendar_holidays",
    params(IdPath), request_body = HolidayImport,
    responses(
        (status = 200, description = "What changed (or, on a dry run, would change), and the calendar as it now is", body = HolidayImportResult),
        (status = 422, description = "Faulty lines, each an error with field `lines[N]` (`validation_failed`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn import(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<HolidayImport>,
) -> ApiResult<web::Json<HolidayImportResult>> {
    actor.require_admin()?;
    let schedule = schedule_of(&body)?;
    if body.dry_run {
        let row = calendars::find(state.db.conn(), path.id).await?;
        let import = calendars::plan_import(row, &schedule, body.replace_years)?;
        return Ok(web::Json(import.result(true)));
    }
    let txn = state.db.begin_write().await?;
    let result = calendars::import_holidays(&*txn, &actor, path.id, &schedule, body.replace_years).await?;
    txn.commit().await?;
    Ok(web::Json(result))
}
