//! Business calendars beyond the SLA clocks: finding one, and their dated
//! entries (holidays, make-up working days and their names) as the holiday
//! import reads and writes them. Which calendar is the business's default is
//! the daily work's question (`value::daily_schedule`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kehu_domain::holidays::{Changes, Days, Schedule, import};
use kehu_store::convert;
use kehu_store::entities::business_calendar;
use kehu_store::now;
use kehu_types::{HolidayImportResult, NamedDate, RenamedDate, field_codes};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QuerySelect, Set};
use serde_json::json;
use uuid::Uuid;

use crate::desk::sla_policies;
use crate::http::error::{ApiError, ApiResult};

/// Most holidays, and most make-up days, one calendar keeps.
pub const DATES_MAX: usize = 1000;

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
