//! Who is accountable for a ticket: assigning it, transferring it with a
//! hand-off note, and escalating or de-escalating it.

use kehu_domain::tickets::{EscalationDirection, escalation_change};
use kehu_domain::validate::{Errors, REASON_MAX};
use kehu_store::entities::ticket;
use kehu_types::{
    AssignTicket, EscalateTicket, NotificationKind, Role, TicketEventDetails, TicketEventKind, TicketStatus, codes,
    field_codes,
};
use sea_orm::{ConnectionTrait, IntoActiveModel, Set};
use serde_json::json;
use uuid::Uuid;

use super::tickets::{load_visible, log, record_event, refuse_when_done, status_of, tell, touch};
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::identity::users;
use crate::platform::versioned;

/// Give the ticket to someone (or back to the team queue). Taking a ticket
/// from its owner is a transfer and needs a hand-off note.
pub async fn assign(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    input: &AssignTicket,
) -> ApiResult<ticket::Model> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let note = errors.optional_body("note", input.note.as_deref(), REASON_MAX);
    errors.finish(()).map_err(ApiError::validation)?;
    let row = load_visible(conn, actor, id).await?;
    if let Some(version) = version {
        ApiError::check_version("ticket", row.version, version)?;
    }
    if status_of(&row) == TicketStatus::Closed {
        refuse_when_done(&row, "hand it over")?;
    }
    let new_team = match input.assignee_id {
        Some(user) => users::ensure_ticket_owner(conn, user, "assignee_id").await?.team_id,
        None => None,
    };
    if let Some(team) = input.team_id {
        users::ensure_team(conn, team, "team_id").await?;
    }
    let team_id = input.team_id.or(new_team).or(row.team_id);
    if input.assignee_id == row.assignee_id && team_id == row.team_id {
        return Err(ApiError::conflict(codes::CONFLICT, "the ticket already has this owner and team"));
    }
    let transfer = row.assignee_id.is_some() && input.assignee_id != row.assignee_id;
    if transfer && note.is_none() {
        return Err(ApiError::field(
            "note",
            field_codes::REQUIRED,
            "a transfer needs a hand-off note for the next owner",
        ));
    }
    let mut active = row.clone().into_active_model();
    active.assignee_id = Set(input.assignee_id);
    active.team_id = Set(team_id);
    touch(&mut active, row.version);
    let updated = versioned::update(conn, active, ticket::Column::Version, row.version, "ticket").await?;
    let kind = if transfer { TicketEventKind::Transferred } else { TicketEventKind::Assigned };
    let details = TicketEventDetails {
        from_assignee_id: row.assignee_id,
        to_assignee_id: input.assignee_id,
        team_id,
        ..Default::default()
    };
    record_event(conn, &updated, kind, Some(actor.id), note.clone(), details).await?;
    if let Some(owner) = input.assignee_id {
        let why = if transfer { NotificationKind::Transferred } else { NotificationKind::Assigned };
        tell(conn, actor, &updated, &[owner], why).await?;
    }
    let names = if transfer { ("transfer", "transferred") } else { ("assign", "assigned") };
    log(conn, actor, names, &updated, json!({ "from": row.assignee_id, "to": input.assignee_id, "team_id": team_id }))
        .await?;
    Ok(updated)
}

/// Raise the escalation level (the named user takes the ticket over) or lower it.
pub async fn escalate(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    input: &EscalateTicket,
) -> ApiResult<ticket::Model> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let reason = errors.required_text("reason", &input.reason, REASON_MAX);
    errors.finish(()).map_err(ApiError::validation)?;
    let row = load_visible(conn, actor, id).await?;
    if let Some(version) = version {
        ApiError::check_version("ticket", row.version, version)?;
    }
    refuse_when_done(&row, "escalate it")?;
    let direction = escalation_change(row.escalation_level, input.level)
        .map_err(|message| ApiError::field("level", field_codes::OUT_OF_RANGE, message))?;
    if direction == EscalationDirection::Down
        && !matches!(actor.role, Role::Admin | Role::Manager)
        && row.assignee_id != Some(actor.id)
    {
        return Err(ApiError::forbidden("only the ticket's owner or a manager may lower its escalation"));
    }
    let assignee_id = match (direction, input.assignee_id) {
        (EscalationDirection::Up, None) => {
            return Err(ApiError::field("assignee_id", field_codes::REQUIRED, "name who takes the escalated ticket"));
        }
        (_, Some(user)) => {
            users::ensure_ticket_owner(conn, user, "assignee_id").await?;
            Some(user)
        }
        (EscalationDirection::Down, None) => row.assignee_id,
    };
    let mut active = row.clone().into_active_model();
    active.escalation_level = Set(input.level);
    active.assignee_id = Set(assignee_id);
    touch(&mut active, row.version);
    let updated = versioned::update(conn, active, ticket::Column::Version, row.version, "ticket").await?;
    let kind = match direction {
        EscalationDirection::Up => TicketEventKind::Escalated,
        EscalationDirection::Down => TicketEventKind::Deescalated,
    };
    let details = TicketEventDetails {
        from_level: Some(row.escalation_level),
        to_level: Some(input.level),
        from_assignee_id: row.assignee_id,
        to_assignee_id: assignee_id,
        ..Default::default()
    };
    record_event(conn, &updated, kind, Some(actor.id), Some(reason.clone()), details).await?;
    if let (EscalationDirection::Up, Some(owner)) = (direction, assignee_id) {
        tell(conn, actor, &updated, &[owner], NotificationKind::Escalated).await?;
    }
    let names = match direction {
        EscalationDirection::Up => ("escalate", "escalated"),
        EscalationDirection::Down => ("deescalate", "deescalated"),
    };
    log(
        conn,
        actor,
        names,
        &updated,
        json!({ "from_level": row.escalation_level, "to_level": input.level, "reason": reason }),
    )
    .await?;
    Ok(updated)
}
