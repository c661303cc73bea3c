//! Rows to wire types. Enum columns hold wire spellings written by this code
//! only, so an unknown value means a corrupted row: it is logged and shown as the
//! safest default rather than failing a whole page.
//!
//! People and their records are here; the service desk, commerce and the
//! knowledge base each have a module, re-exported so callers write
//! `convert::ticket` whatever the module.

mod commerce;
mod desk;
mod knowledge;

pub use commerce::*;
pub use desk::*;
pub use knowledge::*;

use kehu_types as t;
use serde::de::DeserializeOwned;

use crate::entities::{audit_log, consent_event, customer, interaction, notification, stage_history, task, team, user};

pub(super) fn json_or_default<T: DeserializeOwned + Default>(value: &serde_json::Value, column: &str) -> T {
    // Deserialising from a borrowed value skips the deep copy `from_value` needs.
    T::deserialize(value).unwrap_or_else(|error| {
        tracing::warn!(%column, %error, "unreadable JSON column");
        T::default()
    })
}

pub(super) fn parse_or<T: Copy>(parse: fn(&str) -> Option<T>, text: &str, fallback: T, column: &str) -> T {
    parse(text).unwrap_or_else(|| {
        tracing::warn!(%column, value = %text, "unknown enum value");
        fallback
    })
}

pub fn customer(row: &customer::Model) -> t::Customer {
    into_customer(row.clone())
}

/// A customer row as the API's type, taking the row's strings and lists
/// instead of copying them: a list page converts fifty rows.
pub fn into_customer(row: customer::Model) -> t::Customer {
    t::Customer {
        id: row.id,
        kind: parse_or(t::CustomerKind::parse, &row.kind, t::CustomerKind::Person, "customers.kind"),
        name: row.name,
        company_name: row.company_name,
        emails: row.emails.0,
        phones: row.phones.0,
        address: row.address.map(|a| a.0),
        region: row.region,
        industry: row.industry,
        birthday: row.birthday,
        source: row.source.as_deref().and_then(t::AcquisitionSource::parse),
        stage: parse_or(t::LifecycleStage::parse, &row.stage, t::LifecycleStage::Prospect, "customers.stage"),
        owner_id: row.owner_id,
        team_id: row.team_id,
        tags: row.tags.0,
        custom: row.custom.0,
        marketing_consent: row.marketing_consent.0,
        external_source: row.external_source,
        external_id: row.external_id,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
        deleted_at: row.deleted_at,
    }
}

pub fn consent_event(row: &consent_event::Model) -> t::ConsentEvent {
    t::ConsentEvent {
        id: row.id,
        customer_id: row.customer_id,
        purpose: parse_or(t::ConsentPurpose::parse, &row.purpose, t::ConsentPurpose::Email, "consent_events.purpose"),
        granted: row.granted,
        actor_id: row.actor_id,
        at: row.at,
    }
}

pub fn stage_entry(row: &stage_history::Model) -> t::StageHistoryEntry {
    t::StageHistoryEntry {
        id: row.id,
        customer_id: row.customer_id,
        from_stage: row.from_stage.as_deref().and_then(t::LifecycleStage::parse),
        to_stage: parse_or(
            t::LifecycleStage::parse,
            &row.to_stage,
            t::LifecycleStage::Prospect,
            "stage_history.to_stage",
        ),
        reason_kind: parse_or(
            t::StageChangeKind::parse,
            &row.reason_kind,
            t::StageChangeKind::Manual,
            "stage_history.reason_kind",
        ),
        note: row.note.clone(),
        actor_id: row.actor_id,
        at: row.at,
        rule: row.rule.as_deref().and_then(t::LifecycleRule::parse),
    }
}

pub fn interaction(row: &interaction::Model) -> t::Interaction {
    t::Interaction {
        id: row.id,
        customer_id: row.customer_id,
        channel: parse_or(t::Channel::parse, &row.channel, t::Channel::Other, "interactions.channel"),
        direction: parse_or(t::Direction::parse, &row.direction, t::Direction::Inbound, "interactions.direction"),
        subject: row.subject.clone(),
        body: row.body.clone(),
        occurred_at: row.occurred_at,
        author_id: row.author_id,
        created_at: row.created_at,
    }
}

pub fn user(row: &user::Model) -> t::User {
    t::User {
        id: row.id,
        email: row.email.clone(),
        name: row.name.clone(),
        role: parse_or(t::Role::parse, &row.role, t::Role::Viewer, "users.role"),
        team_id: row.team_id,
        active: row.active,
        created_at: row.created_at,
        last_login_at: row.last_login_at,
        time_zone: row.time_zone.clone(),
    }
}

pub fn team(row: &team::Model) -> t::Team {
    t::Team {
        id: row.id,
        name: row.name.clone(),
        description: row.description.clone(),
        lead_id: row.lead_id,
        created_at: row.created_at,
    }
}

pub fn audit(row: &audit_log::Model) -> t::AuditEntry {
    t::AuditEntry {
        id: row.id,
        actor_id: row.actor_id,
        action: row.action.clone(),
        entity_type: row.entity_type.clone(),
        entity_id: row.entity_id,
        changes: row.changes.clone(),
        request_id: row.request_id.clone(),
        ip: row.ip.clone(),
        at: row.at,
    }
}

pub fn notification(row: &notification::Model) -> t::Notification {
    t::Notification {
        id: row.id,
        kind: parse_or(t::NotificationKind::parse, &row.kind, t::NotificationKind::Assigned, "notifications.kind"),
        ticket_id: row.ticket_id,
        actor_id: row.actor_id,
        summary: row.summary.clone(),
        created_at: row.created_at,
        read_at: row.read_at,
    }
}

pub fn task(row: &task::Model) -> t::Task {
    t::Task {
        id: row.id,
        kind: parse_or(t::TaskKind::parse, &row.kind, t::TaskKind::Other, "tasks.kind"),
        title: row.title.clone(),
        notes: row.notes.clone(),
        due_at: row.due_at,
        assignee_id: row.assignee_id,
        customer_id: row.customer_id,
        ticket_id: row.ticket_id,
        done_at: row.done_at,
        created_by: row.created_by,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub fn segment(row: &crate::entities::segment::Model) -> t::Segment {
    t::Segment {
        id: row.id,
        name: row.name.clone(),
        filter: serde_json::from_value(row.filter.clone()).unwrap_or_else(|error| {
            // An unreadable stored filter selects no one rather than everyone.
            tracing::warn!(%error, "unreadable segment filter");
            t::SegmentFilter::Or { items: Vec::new() }
        }),
        shared: row.shared,
        owner_id: row.owner_id,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}
