//! Service levels: business calendars, SLA policies, and the clock of each
//! ticket metric with its ledger.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::patch::double_option;
use crate::wire::wire_enum;
use crate::{Priority, TicketType};

/// Open hours of one day, local time `HH:MM`. An end not after the start runs
/// past midnight (`22:00`–`06:00`); `00:00`–`00:00` is the whole day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpenHours {
    #[cfg_attr(feature = "openapi", schema(example = "09:00"))]
    pub start: String,
    #[cfg_attr(feature = "openapi", schema(example = "18:00"))]
    pub end: String,
}

/// When a team works: SLA targets in business time count only these hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessCalendar {
    pub id: Uuid,
    pub name: String,
    /// IANA time zone, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    /// Seven days, Monday first; each a list of open ranges.
    pub week: Vec<Vec<OpenHours>>,
    /// Closed dates (public holidays).
    pub holidays: Vec<NaiveDate>,
    /// Make-up working days (调休): dates worked although their weekday has
    /// no hours, with the hours of the first weekday that has any.
    pub workdays: Vec<NaiveDate>,
    /// Names of holidays and make-up days by date (`{"2027-10-01": "国庆节"}`);
    /// dates without a name are left out.
    #[serde(default)]
    pub names: BTreeMap<NaiveDate, String>,
}

/// Body of `POST /api/v1/business-calendars` and `PUT /api/v1/business-calendars/{id}` (admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BusinessCalendarInput {
    /// 1–100 characters, unique.
    pub name: String,
    pub time_zone: String,
    /// Exactly seven days, Monday first; at least one range in the week.
    pub week: Vec<Vec<OpenHours>>,
    /// At most 1000.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// Make-up working days; at most 1000, none of them a holiday.
    #[serde(default)]
    pub workdays: Vec<NaiveDate>,
    /// Names of holidays and make-up days by date, each at most 50
    /// characters, only for dates listed above; an empty name is none. Left
    /// out (or `null`), the calendar keeps the names it has for the dates it
    /// still lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<BTreeMap<NaiveDate, String>>,
}

/// Body of `POST /api/v1/business-calendars/{id}/due-time`: when would a
/// target of `minutes` counted in the calendar's open hours from `from` be due?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DueTimeQuestion {
    pub from: DateTime<Utc>,
    /// 0 – 525,600 (a year of minutes).
    pub minutes: i64,
}

/// The answer: `null` when the calendar is closed for the next ten years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueTime {
    pub due_at: Option<DateTime<Utc>>,
}

/// Body of `POST /api/v1/business-calendars/{id}/holidays/import` (admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HolidayImport {
    /// The schedule file: one date `YYYY-MM-DD` or inclusive range
    /// `YYYY-MM-DD..YYYY-MM-DD` (at most 31 days) per line, then an optional
    /// name (at most 50 characters); a leading `+` marks a make-up working
    /// day; lines starting with `#` are comments. At most 100,000 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "# 2027\n2027-10-01..2027-10-07 国庆节\n+2027-10-09 国庆节调休上班\n")
    )]
    pub text: String,
    /// Only say what would change; save nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Also remove the calendar's holidays and make-up days in the years the
    /// file covers that it does not list (a corrected notice replaces the
    /// year's schedule). Otherwise the file only adds, moves and renames.
    #[serde(default)]
    pub replace_years: bool,
}

/// A date with its name (empty when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NamedDate {
    pub date: NaiveDate,
    pub name: String,
}

/// A date that stays a holiday (or a make-up day) under another name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenamedDate {
    pub date: NaiveDate,
    pub before: String,
    pub after: String,
}

/// What a holiday import changed or, on a dry run, would change; each list
/// in date order, removed dates with the name they had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolidayImportResult {
    /// `true`: nothing was saved.
    pub dry_run: bool,
    pub holidays_added: Vec<NamedDate>,
    pub holidays_removed: Vec<NamedDate>,
    pub workdays_added: Vec<NamedDate>,
    pub workdays_removed: Vec<NamedDate>,
    pub renamed: Vec<RenamedDate>,
    /// The calendar as saved (on a dry run: as it is, unchanged).
    pub calendar: BusinessCalendar,
}

/// Every calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessCalendarList {
    pub items: Vec<BusinessCalendar>,
}

/// Targets for tickets that match: tried in `position` order, first match wins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaPolicy {
    pub id: Uuid,
    pub name: String,
    pub position: i32,
    pub active: bool,
    /// Empty matches every priority.
    pub match_priorities: Vec<Priority>,
    /// Empty matches every type.
    pub match_types: Vec<TicketType>,
    /// Loyalty tiers of the customer; empty matches every customer.
    pub match_tiers: Vec<String>,
    pub first_response_minutes: Option<i32>,
    pub next_response_minutes: Option<i32>,
    pub resolution_minutes: Option<i32>,
    /// Count in this calendar's open hours; `null` counts wall-clock time.
    pub calendar_id: Option<Uuid>,
    /// Warn the owner when this share of a target (1–99 %) has passed.
    pub warn_percent: i32,
    /// Raise the escalation level by one on a breach.
    pub escalate_on_breach: bool,
}

/// Body of `POST /api/v1/sla-policies` (admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSlaPolicy {
    pub name: String,
    /// Default: after the last one.
    #[serde(default)]
    pub position: Option<i32>,
    #[serde(default)]
    pub match_priorities: Vec<Priority>,
    #[serde(default)]
    pub match_types: Vec<TicketType>,
    #[serde(default)]
    pub match_tiers: Vec<String>,
    #[serde(default)]
    pub first_response_minutes: Option<i32>,
    #[serde(default)]
    pub next_response_minutes: Option<i32>,
    #[serde(default)]
    pub resolution_minutes: Option<i32>,
    #[serde(default)]
    pub calendar_id: Option<Uuid>,
    /// Default 80.
    #[serde(default)]
    pub warn_percent: Option<i32>,
    /// Default true.
    #[serde(default)]
    pub escalate_on_breach: Option<bool>,
}

/// Body of `PATCH /api/v1/sla-policies/{id}` (admin). Changes apply to tickets
/// whose clocks start or are recomputed afterwards.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSlaPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_priorities: Option<Vec<Priority>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_types: Option<Vec<TicketType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_tiers: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i32>, nullable))]
    pub first_response_minutes: Option<Option<i32>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i32>, nullable))]
    pub next_response_minutes: Option<Option<i32>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i32>, nullable))]
    pub resolution_minutes: Option<Option<i32>>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub calendar_id: Option<Option<Uuid>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_percent: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalate_on_breach: Option<bool>,
}

/// Every policy, in matching order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaPolicyList {
    pub items: Vec<SlaPolicy>,
}

/// The clock of one metric of a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaMetricStatus {
    pub metric: SlaMetric,
    pub state: SlaMetricState,
    pub target_minutes: i32,
    /// Minutes counted before the clock last (re)started.
    pub consumed_minutes: i32,
    pub warn_at: Option<DateTime<Utc>>,
    /// When the target is reached (only while running).
    pub due_at: Option<DateTime<Utc>>,
    pub warned: bool,
    pub breached: bool,
    pub fulfilled_at: Option<DateTime<Utc>>,
}

/// One SLA event of a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaLedgerEntry {
    pub id: Uuid,
    pub metric: SlaMetric,
    pub event: SlaEvent,
    /// The due time after the event.
    pub due_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

/// The SLA of one ticket: the policy that applies, its clocks and ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketSla {
    pub policy: Option<SlaPolicy>,
    pub metrics: Vec<SlaMetricStatus>,
    /// Oldest first.
    pub ledger: Vec<SlaLedgerEntry>,
}

wire_enum!(
    /// What an SLA measures.
    SlaMetric {
        /// From opening to the first public reply.
        FirstResponse => "first_response",
        /// From a customer's message to the next public reply.
        NextResponse => "next_response",
        /// From opening to resolution, paused while awaiting the customer.
        Resolution => "resolution",
    }
);

wire_enum!(
    /// Where an SLA clock stands.
    SlaMetricState {
        Running => "running",
        Paused => "paused",
        Fulfilled => "fulfilled",
        /// No longer measured (e.g. no reply was needed before closing).
        Cancelled => "cancelled",
    }
);

wire_enum!(
    /// An entry of the SLA ledger.
    SlaEvent {
        Start => "start",
        Pause => "pause",
        Resume => "resume",
        Fulfil => "fulfil",
        Warn => "warn",
        Breach => "breach",
        Cancel => "cancel",
        /// The target or the policy changed and the due time was recomputed.
        Recompute => "recompute",
    }
);
