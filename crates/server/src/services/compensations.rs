//! Compensation given to a customer on a ticket (refund, coupon, points, gift).

use kehu_domain::validate::{Errors, REASON_MAX};
use kehu_store::entities::{ticket, ticket_compensation};
use kehu_store::{convert, new_id, now};
use kehu_types::{
    CompensationKind, CreateCompensation, LoyaltySettings, PointsKind, TicketEventDetails, TicketEventKind, field_codes,
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};
use serde_json::json;

use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::services::{customers, loyalty, settings, tickets};

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

pub async fn create(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: uuid::Uuid,
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
    }
    .insert(conn)
    .await?;
    if input.kind == CompensationKind::Points {
        // The points reach the customer's balance in the same transaction.
        customers::lock(conn, row.customer_id).await?;
        let (program, _) = settings::load::<LoyaltySettings>(conn).await?;
        let why = format!("ticket T-{:06}: {reason}", row.number);
        let posting = loyalty::Posting {
            kind: PointsKind::Compensation,
            points: input.amount,
            order_id: None,
            ticket_id: Some(row.id),
            reason: &why,
            actor_id: Some(actor.id),
        };
        loyalty::post(conn, row.customer_id, posting, &program, now()).await?;
        loyalty::refresh_tier(conn, row.customer_id, &program, now()).await?;
    }
    let wire = convert::compensation(&compensation);
    let mut active = row.clone().into_active_model();
    active.version = Set(row.version + 1);
    active.updated_at = Set(now());
    let updated = active.update(conn).await?;
    let details = TicketEventDetails { compensation: Some(wire.clone()), ..Default::default() };
    tickets::record_event(conn, &updated, TicketEventKind::Compensation, Some(actor.id), Some(reason), details).await?;
    tickets::log(conn, actor, ("compensate", "compensated"), &updated, json!({ "compensation": wire })).await?;
    Ok(compensation)
}
