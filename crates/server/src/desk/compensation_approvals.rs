//! Deciding compensations that waited for approval, and the queue of those
//! still waiting. A manager or admin approves (the compensation then takes
//! effect) or rejects (it never does), with a reason, never their own request.

use kehu_domain::validate::{Errors, REASON_MAX};
use kehu_store::entities::ticket_compensation;
use kehu_store::{convert, now};
use kehu_types::{
    CompensationDecision, CompensationStatus, NotificationKind, Role, TicketEventDetails, TicketEventKind, codes,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use crate::desk::compensations::{bump, take_effect};
use crate::desk::tickets;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};

/// Load a compensation whose ticket the actor may see; anything else is
/// "not found", as for one that does not exist.
pub async fn load_visible(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<ticket_compensation::Model> {
    let row = ticket_compensation::Entity::find_by_id(id).one(conn).await?;
    let row = row.ok_or_else(|| ApiError::not_found("compensation"))?;
    tickets::load_visible(conn, actor, row.ticket_id).await.map_err(|_| ApiError::not_found("compensation"))?;
    Ok(row)
}

/// Approve (`approve = true`) or reject a requested compensation.
pub async fn decide(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    approve: bool,
    input: &CompensationDecision,
) -> ApiResult<ticket_compensation::Model> {
    let mut errors = Errors::default();
    let reason = errors.required_text("reason", &input.reason, REASON_MAX);
    errors.finish(()).map_err(ApiError::validation)?;
    let found = load_visible(conn, actor, id).await?;
    actor.require(&[Role::Manager, Role::Admin])?;
    if found.created_by == Some(actor.id) {
        return Err(ApiError::forbidden("another manager or admin must decide your own request"));
    }
    // The ticket's lock first, as every compensation write takes it, then a
    // write that only a still-requested row lets through: of two approvers
    // deciding at once, the second is told it was decided.
    let ticket = tickets::lock_visible(conn, actor, found.ticket_id).await?;
    let status = if approve { CompensationStatus::Approved } else { CompensationStatus::Rejected };
    let decided = ticket_compensation::Entity::update_many()
        .col_expr(ticket_compensation::Column::Status, Expr::value(status.as_str()))
        .col_expr(ticket_compensation::Column::DecidedBy, Expr::value(Some(actor.id)))
        .col_expr(ticket_compensation::Column::DecidedAt, Expr::value(Some(now())))
        .col_expr(ticket_compensation::Column::DecisionReason, Expr::value(Some(reason.clone())))
        .filter(ticket_compensation::Column::Id.eq(id))
        .filter(ticket_compensation::Column::Status.eq(CompensationStatus::Requested.as_str()))
        .exec(conn)
        .await?;
    if decided.rows_affected == 0 {
        return Err(ApiError::conflict(
            codes::COMPENSATION_DECIDED,
            format!("this compensation is already {}", found.status),
        ));
    }
    let row = ticket_compensation::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| ApiError::internal("compensation vanished"))?;
    if approve {
        take_effect(conn, actor.id, &ticket, &row).await?;
    }
    let wire = convert::compensation(&row);
    let updated = bump(conn, &ticket).await?;
    let details = TicketEventDetails { compensation: Some(wire.clone()), ..Default::default() };
    let kind = TicketEventKind::CompensationDecided;
    tickets::record_event(conn, &updated, kind, Some(actor.id), Some(reason), details).await?;
    let names = if approve {
        ("approve_compensation", "compensation_approved")
    } else {
        ("reject_compensation", "compensation_rejected")
    };
    tickets::log(conn, actor, names, &updated, json!({ "compensation": wire })).await?;
    let requester: Vec<Uuid> = row.created_by.into_iter().collect();
    tickets::tell(conn, actor, &updated, &requester, NotificationKind::CompensationDecided).await?;
    Ok(row)
}

/// The compensations on tickets the actor may see, newest first, optionally
/// of one status (`requested`: the approval queue).
pub async fn page(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    status: Option<CompensationStatus>,
    after: Option<Uuid>,
    limit: u64,
) -> ApiResult<Vec<ticket_compensation::Model>> {
    let visible = kehu_store::tickets::about_visible_ticket(
        (ticket_compensation::Entity, ticket_compensation::Column::TicketId),
        tickets::visibility(actor),
    );
    let mut select = ticket_compensation::Entity::find().filter(visible);
    if let Some(status) = status {
        select = select.filter(ticket_compensation::Column::Status.eq(status.as_str()));
    }
    if let Some(after) = after {
        select = select.filter(ticket_compensation::Column::Id.lt(after));
    }
    Ok(select.order_by_desc(ticket_compensation::Column::Id).limit(limit + 1).all(conn).await?)
}
