//! Compensation given to a customer on a ticket (refund, coupon, points, gift).
//! Within the giver's limits it takes effect as it is recorded; above them it
//! waits as `requested` until a manager or admin decides
//! (`compensation_approvals`).

use chrono::Duration;
use kehu_domain::compensation::approval_needed;
use kehu_domain::validate::{Errors, REASON_MAX};
use kehu_store::entities::{ticket, ticket_compensation, user};
use kehu_store::{convert, new_id, now};
use kehu_types::{
    CompensationKind, CompensationLimits, CompensationStatus, CreateCompensation, LoyaltySettings, NotificationKind,
    PointsKind, Role, TicketEventDetails, TicketEventKind, field_codes,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::customers::service as customers;
use crate::desk::tickets;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::loyalty::ledger as loyalty;
use crate::platform::settings;

/// A three-letter upper-case ISO 4217 code.
fn currency(errors: &mut Errors, kind: CompensationKind, value: Option<&str>) -> Option<String> {
    let code = value.map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
    match (kind, code) {
        (CompensationKind::Points, Some(_)) => {
            errors.add("currency", field_codes::NOT_ALLOWED, "points carry no currency");
            None
        }
        (CompensationKind::Refund | CompensationKind::Coupon, None) => {
            errors.add("currency", field_codes::REQUIRED, "give the ISO 4217 currency, e.g. CNY");
            None
        }
        (_, Some(code)) => Some(errors.currency("currency", &code)),
        (_, None) => None,
    }
}

/// What the customer was given of this kind and currency in the 30 days
/// before now, approved or still waiting.
async fn given_in_30_days(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    kind: CompensationKind,
    currency: Option<&str>,
) -> ApiResult<i64> {
    let mut select = ticket_compensation::Entity::find()
        .select_only()
        // PostgreSQL sums bigints as numeric: cast back for one reading on both.
        .column_as(Expr::cust("CAST(COALESCE(SUM(amount), 0) AS BIGINT)"), "given")
        .filter(ticket_compensation::Column::CustomerId.eq(customer_id))
        .filter(ticket_compensation::Column::Kind.eq(kind.as_str()))
        .filter(ticket_compensation::Column::CreatedAt.gt(now() - Duration::days(30)))
        .filter(ticket_compensation::Column::Status.ne(CompensationStatus::Rejected.as_str()));
    select = match currency {
        Some(code) => select.filter(ticket_compensation::Column::Currency.eq(code)),
        None => select.filter(ticket_compensation::Column::Currency.is_null()),
    };
    let given: Option<i64> = select.into_tuple().one(conn).await?;
    Ok(given.unwrap_or(0))
}

pub async fn create(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: Uuid,
    input: &CreateCompensation,
) -> ApiResult<ticket_compensation::Model> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    errors.money("amount", input.amount, 1);
    let currency = currency(&mut errors, input.kind, input.currency.as_deref());
    let reason = errors.required_text("reason", &input.reason, REASON_MAX);
    errors.finish(()).map_err(ApiError::validation)?;
    // The ticket's row lock: its version is raised from the row read here.
    let row: ticket::Model = tickets::lock_visible(conn, actor, ticket_id).await?;
    // The customer's lock too: two requests racing for one customer's monthly
    // limit are counted one after the other.
    customers::lock(conn, row.customer_id).await?;
    let (limits, _) = settings::load::<CompensationLimits>(conn).await?;
    let given = given_in_30_days(conn, row.customer_id, input.kind, currency.as_deref()).await?;
    let needed = approval_needed(&limits, actor.role, input.kind, currency.as_deref(), input.amount, given);
    let status = if needed.is_some() { CompensationStatus::Requested } else { CompensationStatus::Approved };
    let compensation = ticket_compensation::ActiveModel {
        id: Set(new_id()),
        ticket_id: Set(row.id),
        customer_id: Set(row.customer_id),
        kind: Set(input.kind.as_str().to_owned()),
        amount: Set(input.amount),
        currency: Set(currency),
        reason: Set(reason.clone()),
        created_by: Set(Some(actor.id)),
        created_at: Set(now()),
        status: Set(status.as_str().to_owned()),
        approval_needed: Set(needed.map(|reason| reason.as_str().to_owned())),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_reason: Set(None),
    }
    .insert(conn)
    .await?;
    if status == CompensationStatus::Approved {
        take_effect(conn, actor.id, &row, &compensation).await?;
    }
    let wire = convert::compensation(&compensation);
    let updated = bump(conn, &row).await?;
    let details = TicketEventDetails { compensation: Some(wire.clone()), ..Default::default() };
    tickets::record_event(conn, &updated, TicketEventKind::Compensation, Some(actor.id), Some(reason), details).await?;
    tickets::log(conn, actor, ("compensate", "compensated"), &updated, json!({ "compensation": wire })).await?;
    if status == CompensationStatus::Requested {
        let approvers = approvers(conn).await?;
        tickets::tell(conn, actor, &updated, &approvers, NotificationKind::CompensationRequested).await?;
    }
    Ok(compensation)
}

/// What an approved compensation does beyond being recorded: points reach
/// the customer's balance (and may lift the tier) in the same transaction.
/// Money given counts in the customer's cost to serve by its status alone.
pub(super) async fn take_effect(
    conn: &impl ConnectionTrait,
    actor_id: Uuid,
    row: &ticket::Model,
    compensation: &ticket_compensation::Model,
) -> ApiResult<()> {
    if compensation.kind != CompensationKind::Points.as_str() {
        return Ok(());
    }
    customers::lock(conn, row.customer_id).await?;
    let (program, _) = settings::load::<LoyaltySettings>(conn).await?;
    let why = format!("ticket T-{:06}: {}", row.number, compensation.reason);
    let posting = loyalty::Posting {
        kind: PointsKind::Compensation,
        points: compensation.amount,
        order_id: None,
        ticket_id: Some(row.id),
        reason: &why,
        actor_id: Some(actor_id),
    };
    loyalty::post(conn, row.customer_id, posting, &program, now()).await?;
    loyalty::refresh_tier(conn, row.customer_id, &program, now()).await
}

/// Raise the ticket's version: its compensations are part of it.
pub(super) async fn bump(conn: &impl ConnectionTrait, row: &ticket::Model) -> ApiResult<ticket::Model> {
    let mut active = row.clone().into_active_model();
    active.version = Set(row.version + 1);
    active.updated_at = Set(now());
    Ok(active.update(conn).await?)
}

/// The active users who may approve: managers and admins.
async fn approvers(conn: &impl ConnectionTrait) -> ApiResult<Vec<Uuid>> {
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in([Role::Manager.as_str(), Role::Admin.as_str()]))
        .into_tuple()
        .all(conn)
        .await?)
}
