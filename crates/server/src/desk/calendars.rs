//! Business calendars beyond the SLA clocks: an admin's calendars as they are
//! checked, created and replaced, and their dated entries (holidays, make-up
//! working days and their names) as the holiday import reads and writes them.
//! Each write runs in the caller's transaction with its audit row. Which
//! calendar is the business's default is the daily work's question
//! (`value::daily_schedule`).

use std::collections::BTreeMap;

use std::str::FromStr;

use chrono::NaiveDate;
use kehu_domain::holidays::{Changes, Days, Schedule, import};
use kehu_domain::validate::Errors;
use kehu_store::entities::business_calendar;
use kehu_store::{convert, new_id, now};
use kehu_types::{BusinessCalendarInput, HolidayImportResult, NamedDate, RenamedDate, codes, field_codes};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::desk::sla_policies;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::platform::audit;
use crate::value::lifecycle_sweep;

/// Most holidays, and most make-up days, one calendar keeps.
pub const DATES_MAX: usize = 1000;
const NAME_MAX: usize = 100;
/// Longest name of a holiday or make-up day, as in a schedule file.
const NAMES_MAX: usize = kehu_domain::holidays::NAME_MAX;

/// A calendar by id, or 404.
pub async fn find(conn: &impl ConnectionTrait, id: Uuid) -> ApiResult<business_calendar::Model> {
    business_calendar::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("business calendar"))
}

/// A calendar by id, locked until the transaction ends (on PostgreSQL; SQLite
/// writers queue anyway), for writes that read the calendar before changing
/// it, so two imports at once both land.
pub async fn find_for_update(conn: &impl ConnectionTrait, id: Uuid) -> ApiResult<business_calendar::Model> {
    business_calendar::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or_else(|| ApiError::not_found("business calendar"))
}

/// The calendar's dated entries.
pub fn days_of(row: &business_calendar::Model) -> Days {
    let wire = convert::business_calendar(row);
    Days {
        holidays: wire.holidays.into_iter().collect(),
        workdays: wire.workdays.into_iter().collect(),
        names: wire.names,
    }
}

/// The names column's value: only listed dates, only non-empty names.
pub fn names_value(names: &BTreeMap<NaiveDate, String>, days: &Days) -> serde_json::Value {
    let kept: BTreeMap<&NaiveDate, &str> = names
        .iter()
        .map(|(day, name)| (day, name.trim()))
        .filter(|(day, name)| !name.is_empty() && (days.holidays.contains(day) || days.workdays.contains(day)))
        .collect();
    json!(kept)
}

/// A schedule imported into a calendar, not yet saved.
pub struct Import {
    pub row: business_calendar::Model,
    pub days: Days,
    pub changes: Changes,
}

/// What importing `schedule` into the calendar gives; 422 when the calendar
/// would hold more dates than it may.
pub fn plan_import(row: business_calendar::Model, schedule: &Schedule, replace_years: bool) -> ApiResult<Import> {
    let (days, changes) = import(&days_of(&row), schedule, replace_years);
    if days.holidays.len() > DATES_MAX || days.workdays.len() > DATES_MAX {
        return Err(ApiError::field(
            "text",
            field_codes::TOO_MANY,
            "the calendar would hold more than 1000 holidays or make-up days",
        ));
    }
    Ok(Import { row, days, changes })
}

fn named(list: &BTreeMap<NaiveDate, String>) -> Vec<NamedDate> {
    list.iter().map(|(date, name)| NamedDate { date: *date, name: name.clone() }).collect()
}

impl Import {
    /// The answer about this import; `calendar` is the row as it stands.
    pub fn result(&self, dry_run: bool) -> HolidayImportResult {
        let changes = &self.changes;
        HolidayImportResult {
            dry_run,
            holidays_added: named(&changes.holidays_added),
            holidays_removed: named(&changes.holidays_removed),
            workdays_added: named(&changes.workdays_added),
            workdays_removed: named(&changes.workdays_removed),
            renamed: changes
                .renamed
                .iter()
                .map(|(date, (before, after))| RenamedDate {
                    date: *date,
                    before: before.clone(),
                    after: after.clone(),
                })
                .collect(),
            calendar: convert::business_calendar(&self.row),
        }
    }
}

/// Save the calendar's dated entries (the caller audits the write).
pub async fn save_days(
    conn: &impl ConnectionTrait,
    row: business_calendar::Model,
    days: &Days,
) -> ApiResult<business_calendar::Model> {
    let mut active = row.into_active_model();
    active.holidays = Set(json!(days.holidays));
    active.workdays = Set(Some(json!(days.workdays)));
    active.day_names = Set(Some(names_value(&days.names, days)));
    active.updated_at = Set(now());
    let row = active.update(conn).await?;
    sla_policies::check_calendar(&row)?;
    Ok(row)
}

/// A validated calendar as row values.
pub struct CalendarValues {
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
            Some(row) if !self.names_given => days_of(row).names,
            _ => self.days.names.clone(),
        };
        names_value(&kept, &self.days)
    }
}

/// Sorted, without repeats.
fn dates(list: &[chrono::NaiveDate]) -> Vec<chrono::NaiveDate> {
    let mut dates = list.to_vec();
    dates.sort();
    dates.dedup();
    dates
}

/// Check a calendar as sent and turn it into row values.
pub fn values(input: &BusinessCalendarInput) -> ApiResult<CalendarValues> {
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
    if input.holidays.len() > DATES_MAX {
        errors.add("holidays", field_codes::TOO_MANY, "at most 1000 holidays");
    }
    if input.workdays.len() > DATES_MAX {
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

async fn ensure_name_free(conn: &impl ConnectionTrait, name: &str, except: Option<uuid::Uuid>) -> ApiResult<()> {
    let mut taken = business_calendar::Entity::find().filter(business_calendar::Column::Name.eq(name));
    if let Some(id) = except {
        taken = taken.filter(business_calendar::Column::Id.ne(id));
    }
    if taken.count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::NAME_TAKEN, format!("a calendar named {name} already exists")));
    }
    Ok(())
}

/// Create a calendar; the first one becomes the default.
pub async fn create(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    values: CalendarValues,
) -> ApiResult<business_calendar::Model> {
    ensure_name_free(conn, &values.name, None).await?;
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
    let row = row.insert(conn).await?;
    sla_policies::check_calendar(&row)?;
    // The first calendar becomes the default one, whose zone the daily work follows.
    lifecycle_sweep::reschedule_daily_job(conn, now()).await?;
    let created = convert::business_calendar(&row);
    audit::record(
        conn,
        Some(actor.id),
        &actor.meta,
        "business_calendar.create",
        "business_calendar",
        Some(row.id),
        json!(created),
    )
    .await?;
    Ok(row)
}

/// Replace a calendar. Running clocks keep their due times until they are
/// next recomputed.
pub async fn replace(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    values: CalendarValues,
) -> ApiResult<business_calendar::Model> {
    let row = find_for_update(conn, id).await?;
    ensure_name_free(conn, &values.name, Some(row.id)).await?;
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
    let row = active.update(conn).await?;
    sla_policies::check_calendar(&row)?;
    // The daily work follows the default calendar's zone unless one is pinned.
    lifecycle_sweep::reschedule_daily_job(conn, now()).await?;
    let after = convert::business_calendar(&row);
    let changes = audit::diff(&json!(before), &json!(after), &[]);
    audit::record(
        conn,
        Some(actor.id),
        &actor.meta,
        "business_calendar.update",
        "business_calendar",
        Some(row.id),
        changes,
    )
    .await?;
    Ok(row)
}

/// Import a holiday schedule into the calendar (locked until the transaction
/// ends), with its audit row when anything changes. The answer says what
/// changed and shows the calendar as it now is.
pub async fn import_holidays(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    schedule: &Schedule,
    replace_years: bool,
) -> ApiResult<HolidayImportResult> {
    let row = find_for_update(conn, id).await?;
    let import = plan_import(row, schedule, replace_years)?;
    let result = import.result(false);
    if import.changes.is_empty() {
        return Ok(result);
    }
    let row = save_days(conn, import.row, &import.days).await?;
    let changes = json!({
        "replace_years": replace_years,
        "holidays_added": result.holidays_added,
        "holidays_removed": result.holidays_removed,
        "workdays_added": result.workdays_added,
        "workdays_removed": result.workdays_removed,
        "renamed": result.renamed,
    });
    audit::record(
        conn,
        Some(actor.id),
        &actor.meta,
        "business_calendar.import_holidays",
        "business_calendar",
        Some(row.id),
        changes,
    )
    .await?;
    Ok(HolidayImportResult { calendar: convert::business_calendar(&row), ..result })
}
