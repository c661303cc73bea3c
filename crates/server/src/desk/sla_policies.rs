//! SLA policies: which active policy applies to a ticket (by priority, type
//! and the customer's loyalty tier), the business calendar it counts time
//! in, and an admin's changes to the policies (each with its audit row, in
//! the caller's transaction). The clocks themselves are kept by `sla`.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use kehu_domain::sla::{Calendar, Clock, Metric, OpenRange};
use kehu_domain::validate::Errors;
use kehu_store::entities::{business_calendar, loyalty_account, sla_policy, ticket};
use kehu_store::{convert, new_id, now};
use kehu_types::{
    CreateSlaPolicy, OpenHours, Priority, SlaMetric, SlaPolicy, TicketType, UpdateSlaPolicy, codes, field_codes,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::platform::audit;

/// A policy with the calendar it counts in.
pub struct Policy {
    pub row: sla_policy::Model,
    calendar: Option<Calendar<Tz>>,
}

impl Policy {
    pub fn clock(&self) -> Clock<'_, Tz> {
        match &self.calendar {
            Some(calendar) => Clock::Business(calendar),
            None => Clock::WallClock,
        }
    }

    /// Whether the policy's lists match a ticket of this priority and type
    /// for a customer in `tier` (a customer without a tier matches only
    /// policies that ask for none).
    pub fn matches(&self, priority: Priority, kind: TicketType, tier: Option<&str>) -> bool {
        let wire = convert::sla_policy(&self.row);
        let priority_ok = wire.match_priorities.is_empty() || wire.match_priorities.contains(&priority);
        let type_ok = wire.match_types.is_empty() || wire.match_types.contains(&kind);
        let tier_ok = wire.match_tiers.is_empty() || tier.is_some_and(|t| wire.match_tiers.iter().any(|m| m == t));
        priority_ok && type_ok && tier_ok
    }

    /// The target of `metric` in minutes, if the policy times it.
    pub fn target(&self, metric: SlaMetric) -> Option<i32> {
        match metric {
            SlaMetric::FirstResponse => self.row.first_response_minutes,
            SlaMetric::NextResponse => self.row.next_response_minutes,
            SlaMetric::Resolution => self.row.resolution_minutes,
        }
    }

    fn warn_share(&self) -> f64 {
        f64::from(self.row.warn_percent) / 100.0
    }

    /// A running metric's warn and due times from its clock numbers.
    pub fn timed(&self, metric: Metric) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let clock = self.clock();
        (metric.warn_at(&clock, self.warn_share()), metric.due(&clock))
    }
}

/// Parse `HH:MM` (the rule is `kehu_domain::sla::parse_time`).
pub use kehu_domain::sla::parse_time;

/// The domain calendar of a stored one; `None` if its zone or hours are unusable.
pub fn calendar_of(row: &business_calendar::Model) -> Option<Calendar<Tz>> {
    let zone = Tz::from_str(&row.time_zone).ok()?;
    let wire = convert::business_calendar(row);
    let days: Vec<Vec<OpenRange>> = wire
        .week
        .iter()
        .map(|ranges| {
            ranges
                .iter()
                .filter_map(|h: &OpenHours| Some(OpenRange::new(parse_time(&h.start)?, parse_time(&h.end)?)))
                .collect()
        })
        .collect();
    let week: [Vec<OpenRange>; 7] = days.try_into().ok()?;
    Some(
        Calendar::new(zone, week, wire.holidays.into_iter().collect())
            .ok()?
            .with_workdays(wire.workdays.into_iter().collect()),
    )
}

async fn policy(conn: &impl ConnectionTrait, row: sla_policy::Model) -> ApiResult<Policy> {
    let calendar = match row.calendar_id {
        Some(id) => business_calendar::Entity::find_by_id(id).one(conn).await?.as_ref().and_then(calendar_of),
        None => None,
    };
    Ok(Policy { row, calendar })
}

/// The active policies in the order they are tried, with their calendars
/// (read in one query).
pub async fn active_policies(conn: &impl ConnectionTrait) -> ApiResult<Vec<Policy>> {
    let rows = sla_policy::Entity::find()
        .filter(sla_policy::Column::Active.eq(true))
        .order_by_asc(sla_policy::Column::Position)
        .order_by_asc(sla_policy::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().filter_map(|row| row.calendar_id).collect();
    let calendars: HashMap<Uuid, business_calendar::Model> = if ids.is_empty() {
        HashMap::new()
    } else {
        business_calendar::Entity::find()
            .filter(business_calendar::Column::Id.is_in(ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|row| (row.id, row))
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|row| {
            let calendar = row.calendar_id.and_then(|id| calendars.get(&id)).and_then(calendar_of);
            Policy { row, calendar }
        })
        .collect())
}

pub async fn load_policy(conn: &impl ConnectionTrait, id: Uuid) -> ApiResult<Option<Policy>> {
    match sla_policy::Entity::find_by_id(id).one(conn).await? {
        Some(row) => Ok(Some(policy(conn, row).await?)),
        None => Ok(None),
    }
}

/// The first active policy, in order, that matches the ticket: its
/// priority, its type and its customer's loyalty tier.
pub async fn match_policy(conn: &impl ConnectionTrait, ticket: &ticket::Model) -> ApiResult<Option<Policy>> {
    let (priority, kind) = (priority_of(ticket), type_of(ticket));
    let tier = loyalty_account::Entity::find_by_id(ticket.customer_id).one(conn).await?.and_then(|a| a.tier);
    let policies = active_policies(conn).await?;
    Ok(policies.into_iter().find(|policy| policy.matches(priority, kind, tier.as_deref())))
}

fn priority_of(row: &ticket::Model) -> Priority {
    Priority::parse(&row.priority).unwrap_or(Priority::Normal)
}

fn type_of(row: &ticket::Model) -> TicketType {
    TicketType::parse(&row.ticket_type).unwrap_or(TicketType::Inquiry)
}

/// Refuse a calendar that cannot be used (for the admin API).
pub fn check_calendar(row: &business_calendar::Model) -> ApiResult<()> {
    calendar_of(row).map(|_| ()).ok_or_else(|| {
        ApiError::field("week", kehu_types::field_codes::INVALID_FORMAT, "the calendar has no usable open hours")
    })
}

/// Longest target: a year.
const MINUTES_MAX: i32 = 525_600;
const NAME_MAX: usize = 100;

fn check_minutes(errors: &mut Errors, field: &str, value: Option<i32>) {
    if value.is_some_and(|m| !(1..=MINUTES_MAX).contains(&m)) {
        errors.add(field, field_codes::OUT_OF_RANGE, format!("must be between 1 and {MINUTES_MAX} minutes"));
    }
}

fn check_policy_numbers(errors: &mut Errors, policy: &SlaPolicy) {
    check_minutes(errors, "first_response_minutes", policy.first_response_minutes);
    check_minutes(errors, "next_response_minutes", policy.next_response_minutes);
    check_minutes(errors, "resolution_minutes", policy.resolution_minutes);
    if !(1..=99).contains(&policy.warn_percent) {
        errors.add("warn_percent", field_codes::OUT_OF_RANGE, "must be between 1 and 99");
    }
    if !(0..=10_000).contains(&policy.position) {
        errors.add("position", field_codes::OUT_OF_RANGE, "must be between 0 and 10000");
    }
    if policy.match_tiers.len() > 20 || policy.match_tiers.iter().any(|t| t.trim().is_empty() || t.chars().count() > 50)
    {
        errors.add("match_tiers", field_codes::INVALID_FORMAT, "at most 20 tier names of 1–50 characters");
    }
}

async fn check_policy_refs(
    conn: &impl ConnectionTrait,
    policy: &SlaPolicy,
    except: Option<uuid::Uuid>,
) -> ApiResult<()> {
    if let Some(calendar) = policy.calendar_id
        && business_calendar::Entity::find_by_id(calendar).one(conn).await?.is_none()
    {
        return Err(ApiError::field(
            "calendar_id",
            field_codes::UNKNOWN_REFERENCE,
            "no business calendar with this id",
        ));
    }
    let mut taken = sla_policy::Entity::find().filter(sla_policy::Column::Name.eq(policy.name.as_str()));
    if let Some(id) = except {
        taken = taken.filter(sla_policy::Column::Id.ne(id));
    }
    if taken.count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::NAME_TAKEN, format!("a policy named {} already exists", policy.name)));
    }
    Ok(())
}

fn write_policy(active: &mut sla_policy::ActiveModel, policy: &SlaPolicy) {
    active.name = Set(policy.name.clone());
    active.position = Set(policy.position);
    active.active = Set(policy.active);
    active.match_priorities = Set(json!(policy.match_priorities));
    active.match_types = Set(json!(policy.match_types));
    active.match_tiers = Set(json!(policy.match_tiers));
    active.first_response_minutes = Set(policy.first_response_minutes);
    active.next_response_minutes = Set(policy.next_response_minutes);
    active.resolution_minutes = Set(policy.resolution_minutes);
    active.calendar_id = Set(policy.calendar_id);
    active.warn_percent = Set(policy.warn_percent);
    active.escalate_on_breach = Set(policy.escalate_on_breach);
    active.updated_at = Set(now());
}

/// Create a policy with its audit row; it goes last unless given a position.
pub async fn create(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    input: &CreateSlaPolicy,
) -> ApiResult<sla_policy::Model> {
    let mut errors = Errors::default();
    let name = errors.required_text("name", &input.name, NAME_MAX);
    let position = match input.position {
        Some(position) => position,
        None => {
            let last: Option<i32> = sla_policy::Entity::find()
                .select_only()
                .column_as(sla_policy::Column::Position.max(), "max")
                .into_tuple::<Option<i32>>()
                .one(conn)
                .await?
                .flatten();
            last.unwrap_or(0).saturating_add(1)
        }
    };
    let id = new_id();
    let policy = SlaPolicy {
        id,
        name,
        position,
        active: true,
        match_priorities: input.match_priorities.clone(),
        match_types: input.match_types.clone(),
        match_tiers: input.match_tiers.clone(),
        first_response_minutes: input.first_response_minutes,
        next_response_minutes: input.next_response_minutes,
        resolution_minutes: input.resolution_minutes,
        calendar_id: input.calendar_id,
        warn_percent: input.warn_percent.unwrap_or(80),
        escalate_on_breach: input.escalate_on_breach.unwrap_or(true),
    };
    check_policy_numbers(&mut errors, &policy);
    errors.finish(()).map_err(ApiError::validation)?;
    check_policy_refs(conn, &policy, None).await?;
    let mut active = sla_policy::ActiveModel { id: Set(id), created_at: Set(now()), ..Default::default() };
    write_policy(&mut active, &policy);
    let row = active.insert(conn).await?;
    let created = convert::sla_policy(&row);
    audit::record(conn, Some(actor.id), &actor.meta, "sla_policy.create", "sla_policy", Some(id), json!(created))
        .await?;
    Ok(row)
}

/// Change a policy, with its audit row.
pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    patch: &UpdateSlaPolicy,
) -> ApiResult<sla_policy::Model> {
    let row = sla_policy::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("SLA policy"))?;
    let before = convert::sla_policy(&row);
    let mut policy = before.clone();
    let mut errors = Errors::default();
    if let Some(name) = &patch.name {
        policy.name = errors.required_text("name", name, NAME_MAX);
    }
    macro_rules! take {
        ($($field:ident),*) => { $(if let Some(value) = patch.$field.clone() { policy.$field = value; })* };
    }
    take!(
        position,
        active,
        match_priorities,
        match_types,
        match_tiers,
        first_response_minutes,
        next_response_minutes,
        resolution_minutes,
        calendar_id,
        warn_percent,
        escalate_on_breach
    );
    check_policy_numbers(&mut errors, &policy);
    errors.finish(()).map_err(ApiError::validation)?;
    check_policy_refs(conn, &policy, Some(row.id)).await?;
    let mut active = row.into_active_model();
    write_policy(&mut active, &policy);
    let row = active.update(conn).await?;
    let after = convert::sla_policy(&row);
    let changes = audit::diff(&json!(before), &json!(after), &[]);
    audit::record(conn, Some(actor.id), &actor.meta, "sla_policy.update", "sla_policy", Some(row.id), changes).await?;
    Ok(row)
}
