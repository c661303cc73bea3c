//! The SLA job: when a metric's warning or due time comes, record it in the
//! ledger, tell the owner and the team lead, and escalate a breach if the
//! policy says so. Runs from the job queue (`crate::platform::jobs`), once per moment.

use chrono::{DateTime, Utc};
use kehu_domain::tickets::format_number;
use kehu_store::entities::{team, ticket, ticket_sla_metric};
use kehu_types::{NotificationKind, SlaEvent, SlaMetric, SlaMetricState, TicketEventDetails, TicketEventKind};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QuerySelect, Set};
use serde_json::json;
use uuid::Uuid;

use super::sla::{ledger, refresh, state_of};
use super::sla_policies::load_policy;
use crate::desk::tickets;
use crate::http::actor::RequestMeta;
use crate::http::error::ApiResult;
use crate::notifications::service as notifications;
use crate::platform::jobs::Outcome;

/// The lead of the ticket's team, if it has one.
async fn team_lead(conn: &impl ConnectionTrait, row: &ticket::Model) -> ApiResult<Option<Uuid>> {
    Ok(match row.team_id {
        Some(team) => team::Entity::find_by_id(team).one(conn).await?.and_then(|t| t.lead_id),
        None => None,
    })
}

/// Warn or breach a metric whose moment has come (the job's work).
pub async fn run_job(
    conn: &impl ConnectionTrait,
    payload: &serde_json::Value,
    at: DateTime<Utc>,
) -> ApiResult<Outcome> {
    let ticket_id = payload.get("ticket_id").and_then(|v| v.as_str()).and_then(|v| Uuid::parse_str(v).ok());
    let metric = payload.get("metric").and_then(|v| v.as_str()).and_then(SlaMetric::parse);
    let (Some(ticket_id), Some(metric)) = (ticket_id, metric) else { return Ok(Outcome::Done) };
    let Some(metric_row) =
        ticket_sla_metric::Entity::find_by_id((ticket_id, metric.as_str().to_owned())).one(conn).await?
    else {
        return Ok(Outcome::Done);
    };
    if state_of(&metric_row) != SlaMetricState::Running || metric_row.breached {
        return Ok(Outcome::Done);
    }
    // The ticket's row lock: an agent's reply or edit at the same moment waits, or makes this wait.
    let Some(ticket_row) = ticket::Entity::find_by_id(ticket_id).lock_exclusive().one(conn).await? else {
        return Ok(Outcome::Done);
    };
    let policy = load_policy(conn, metric_row.policy_id).await?;
    let lead = team_lead(conn, &ticket_row).await?;
    let mut warned = metric_row.warned;
    let mut breached = false;
    let mut active = metric_row.clone().into_active_model();
    if !warned && metric_row.warn_at.is_some_and(|w| w <= at) {
        warned = true;
        active.warned = Set(true);
        ledger(conn, ticket_id, metric, SlaEvent::Warn, metric_row.due_at, at).await?;
        alert(conn, &ticket_row, lead, NotificationKind::SlaWarning, metric).await?;
    }
    if metric_row.due_at.is_some_and(|d| d <= at) {
        breached = true;
        active.breached = Set(true);
        ledger(conn, ticket_id, metric, SlaEvent::Breach, metric_row.due_at, at).await?;
        alert(conn, &ticket_row, lead, NotificationKind::SlaBreach, metric).await?;
    }
    let updated = if warned != metric_row.warned || breached { active.update(conn).await? } else { metric_row.clone() };
    let ticket_row = refresh(conn, ticket_row, Some(metric_row.policy_id)).await?;
    if breached && policy.as_ref().is_some_and(|p| p.row.escalate_on_breach) {
        escalate(conn, ticket_row, lead, metric, at).await?;
    }
    Ok(match (breached, warned) {
        (true, _) => Outcome::Done,
        (false, true) => updated.due_at.map_or(Outcome::Done, Outcome::Again),
        (false, false) => updated.warn_at.or(updated.due_at).map_or(Outcome::Done, Outcome::Again),
    })
}

/// Who hears of a ticket's SLA trouble: its owner and its team's lead.
async fn alert(
    conn: &impl ConnectionTrait,
    row: &ticket::Model,
    lead: Option<Uuid>,
    kind: NotificationKind,
    metric: SlaMetric,
) -> ApiResult<()> {
    let summary = format!("{} {} · {}", format_number(row.number), row.subject, metric);
    let recipients: Vec<Uuid> = row.assignee_id.into_iter().chain(lead).collect();
    notifications::notify(conn, &recipients, kind, Some(row.id), None, &summary).await
}

/// A breach raises the escalation level by one; at level 1 the team lead takes over.
async fn escalate(
    conn: &impl ConnectionTrait,
    row: ticket::Model,
    lead: Option<Uuid>,
    metric: SlaMetric,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    if row.escalation_level >= kehu_types::MAX_ESCALATION_LEVEL
        || !kehu_domain::tickets::is_open(tickets::status_of(&row))
    {
        return Ok(());
    }
    let level = row.escalation_level + 1;
    let assignee = kehu_domain::tickets::escalated_assignee(level, lead, row.assignee_id);
    let mut active = row.clone().into_active_model();
    active.escalation_level = Set(level);
    active.assignee_id = Set(assignee);
    active.version = Set(row.version + 1);
    active.updated_at = Set(at);
    let updated = active.update(conn).await?;
    let details = TicketEventDetails {
        from_level: Some(row.escalation_level),
        to_level: Some(level),
        from_assignee_id: row.assignee_id,
        to_assignee_id: assignee,
        automatic: true,
        ..Default::default()
    };
    let reason = format!("SLA {metric} breached");
    tickets::record_event(conn, &updated, TicketEventKind::Escalated, None, Some(reason.clone()), details).await?;
    let change = json!({ "from_level": row.escalation_level, "to_level": level, "reason": reason });
    tickets::log_as(conn, None, &RequestMeta::system(), ("escalate", "escalated"), &updated, change).await?;
    if let Some(user) = assignee.filter(|user| Some(*user) != row.assignee_id) {
        let summary = format!("{} {}", format_number(row.number), row.subject);
        notifications::notify(conn, &[user], NotificationKind::Escalated, Some(row.id), None, &summary).await?;
    }
    Ok(())
}
