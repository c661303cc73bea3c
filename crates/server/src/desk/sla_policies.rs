//! SLA policies: which active policy applies to a ticket (by priority, type
//! and the customer's loyalty tier), and the business calendar it counts
//! time in. The clocks themselves are kept by `sla`.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use kehu_domain::sla::{Calendar, Clock, Metric, OpenRange};
use kehu_store::convert;
use kehu_store::entities::{business_calendar, loyalty_account, sla_policy, ticket};
use kehu_types::{OpenHours, Priority, SlaMetric, TicketType};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::http::error::{ApiError, ApiResult};

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
