//! Service desk rows: tickets, their events, categories and compensations,
//! and the SLA policies, calendars and clocks that time them.

use kehu_domain::tickets::format_number;
use serde::de::DeserializeOwned;

use kehu_types as t;

use super::{json_or_default, parse_or};
use crate::entities::{
    business_calendar, sla_ledger, sla_policy, ticket, ticket_category, ticket_compensation, ticket_event,
    ticket_sla_metric,
};

/// A ticket row; `customer_name` comes from the customer row, read alongside.
pub fn ticket(row: &ticket::Model, customer_name: &str) -> t::Ticket {
    t::Ticket {
        id: row.id,
        number: format_number(row.number),
        customer_id: row.customer_id,
        customer_name: customer_name.to_owned(),
        ticket_type: parse_or(t::TicketType::parse, &row.ticket_type, t::TicketType::Inquiry, "tickets.ticket_type"),
        category_id: row.category_id,
        subject: row.subject.clone(),
        description: row.description.clone(),
        priority: parse_or(t::Priority::parse, &row.priority, t::Priority::Normal, "tickets.priority"),
        status: parse_or(t::TicketStatus::parse, &row.status, t::TicketStatus::New, "tickets.status"),
        channel: parse_or(t::Channel::parse, &row.channel, t::Channel::Other, "tickets.channel"),
        assignee_id: row.assignee_id,
        team_id: row.team_id,
        escalation_level: row.escalation_level,
        resolution_summary: row.resolution_summary.clone(),
        root_cause: row.root_cause.clone(),
        first_response_at: row.first_response_at,
        resolved_at: row.resolved_at,
        closed_at: row.closed_at,
        created_by: row.created_by,
        sla_policy_id: row.sla_policy_id,
        sla_due_at: row.sla_due_at,
        sla_breached: row.sla_breached,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub fn ticket_event(row: &ticket_event::Model) -> t::TicketEvent {
    t::TicketEvent {
        id: row.id,
        ticket_id: row.ticket_id,
        ticket_number: format_number(row.ticket_number),
        customer_id: row.customer_id,
        kind: parse_or(t::TicketEventKind::parse, &row.kind, t::TicketEventKind::Updated, "ticket_events.kind"),
        actor_id: row.actor_id,
        body: row.body.clone(),
        details: json_or_default(&row.details, "ticket_events.details"),
        at: row.at,
    }
}

pub fn ticket_category(row: &ticket_category::Model) -> t::TicketCategory {
    t::TicketCategory {
        id: row.id,
        name: row.name.clone(),
        name_en: row.name_en.clone(),
        active: row.active,
        position: row.position,
    }
}

pub fn compensation(row: &ticket_compensation::Model) -> t::Compensation {
    t::Compensation {
        id: row.id,
        ticket_id: row.ticket_id,
        customer_id: row.customer_id,
        kind: parse_or(t::CompensationKind::parse, &row.kind, t::CompensationKind::Gift, "ticket_compensations.kind"),
        amount: row.amount,
        currency: row.currency.clone(),
        reason: row.reason.clone(),
        created_by: row.created_by,
        created_at: row.created_at,
        status: parse_or(
            t::CompensationStatus::parse,
            &row.status,
            t::CompensationStatus::Requested,
            "ticket_compensations.status",
        ),
        approval_needed: row.approval_needed.as_deref().and_then(t::ApprovalReason::parse),
        decided_by: row.decided_by,
        decided_at: row.decided_at,
        decision_reason: row.decision_reason.clone(),
    }
}

fn json_list<T: DeserializeOwned>(value: &serde_json::Value, column: &str) -> Vec<T> {
    json_or_default(value, column)
}

pub fn sla_policy(row: &sla_policy::Model) -> t::SlaPolicy {
    t::SlaPolicy {
        id: row.id,
        name: row.name.clone(),
        position: row.position,
        active: row.active,
        match_priorities: json_list(&row.match_priorities, "sla_policies.match_priorities"),
        match_types: json_list(&row.match_types, "sla_policies.match_types"),
        match_tiers: json_list(&row.match_tiers, "sla_policies.match_tiers"),
        first_response_minutes: row.first_response_minutes,
        next_response_minutes: row.next_response_minutes,
        resolution_minutes: row.resolution_minutes,
        calendar_id: row.calendar_id,
        warn_percent: row.warn_percent,
        escalate_on_breach: row.escalate_on_breach,
    }
}

pub fn business_calendar(row: &business_calendar::Model) -> t::BusinessCalendar {
    t::BusinessCalendar {
        id: row.id,
        name: row.name.clone(),
        time_zone: row.time_zone.clone(),
        week: json_list(&row.week, "business_calendars.week"),
        holidays: json_list(&row.holidays, "business_calendars.holidays"),
        workdays: row.workdays.as_ref().map(|days| json_list(days, "business_calendars.workdays")).unwrap_or_default(),
        names: row
            .day_names
            .as_ref()
            .map(|names| json_or_default(names, "business_calendars.day_names"))
            .unwrap_or_default(),
    }
}

pub fn sla_metric(row: &ticket_sla_metric::Model) -> t::SlaMetricStatus {
    t::SlaMetricStatus {
        metric: parse_or(t::SlaMetric::parse, &row.metric, t::SlaMetric::Resolution, "ticket_sla_metrics.metric"),
        state: parse_or(t::SlaMetricState::parse, &row.state, t::SlaMetricState::Cancelled, "ticket_sla_metrics.state"),
        target_minutes: row.target_minutes,
        consumed_minutes: row.consumed_minutes,
        warn_at: row.warn_at,
        due_at: row.due_at,
        warned: row.warned,
        breached: row.breached,
        fulfilled_at: row.fulfilled_at,
    }
}

pub fn sla_entry(row: &sla_ledger::Model) -> t::SlaLedgerEntry {
    t::SlaLedgerEntry {
        id: row.id,
        metric: parse_or(t::SlaMetric::parse, &row.metric, t::SlaMetric::Resolution, "sla_ledger.metric"),
        event: parse_or(t::SlaEvent::parse, &row.event, t::SlaEvent::Recompute, "sla_ledger.event"),
        due_at: row.due_at,
        at: row.at,
    }
}
