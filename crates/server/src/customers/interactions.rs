//! Recording a call, an email, a visit… with a customer, with its audit row
//! and event in the caller's transaction: by the customer's id, or for a
//! customer named in the body by either id.

use chrono::{Duration, Utc};
use kehu_domain::validate::{BODY_MAX, Errors, SUBJECT_MAX};
use kehu_store::entities::interaction;
use kehu_store::{convert, new_id, now};
use kehu_types::{CreateInteraction, Interaction, RecordInteraction, field_codes};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

use crate::customers::customer_refs::{self, CustomerReference};
use crate::customers::service as customers;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::platform::audit;

/// Record `input` for the customer `customer_id`, who must be visible to `actor`.
pub async fn record(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    customer_id: Uuid,
    input: &CreateInteraction,
) -> ApiResult<Interaction> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let subject = errors.optional_text("subject", input.subject.as_deref(), SUBJECT_MAX);
    let text = errors.optional_body("body", input.body.as_deref(), BODY_MAX);
    if subject.is_none() && text.is_none() {
        errors.add("subject", field_codes::REQUIRED, "give a subject or a body");
    }
    let occurred_at = input.occurred_at.map(|at| chrono::SubsecRound::trunc_subsecs(at, 6)).unwrap_or_else(now);
    if occurred_at > Utc::now() + Duration::days(1) {
        errors.add("occurred_at", field_codes::OUT_OF_RANGE, "may not be more than a day in the future");
    }
    errors.finish(()).map_err(ApiError::validation)?;

    customers::load_visible(conn, actor, customer_id, false).await?;
    let row = interaction::ActiveModel {
        id: Set(new_id()),
        customer_id: Set(customer_id),
        channel: Set(input.channel.as_str().to_owned()),
        direction: Set(input.direction.as_str().to_owned()),
        subject: Set(subject),
        body: Set(text),
        occurred_at: Set(occurred_at),
        author_id: Set(Some(actor.id)),
        created_at: Set(now()),
    }
    .insert(conn)
    .await?;
    let created = convert::interaction(&row);
    let payload = serde_json::to_value(&created).unwrap_or_default();
    audit::record(
        conn,
        Some(actor.id),
        &actor.meta,
        "interaction.create",
        "interaction",
        Some(row.id),
        payload.clone(),
    )
    .await?;
    audit::emit(conn, "interaction.created", "interaction", row.id, payload).await?;
    Ok(created)
}

/// Record an interaction for the customer the body names, by Kehu's id or
/// by their id in another system; a customer `actor` may not see is unknown.
pub async fn record_by_reference(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    body: RecordInteraction,
) -> ApiResult<Interaction> {
    let reference = CustomerReference { customer_id: body.customer_id, customer: body.customer.as_ref() };
    let customer_id = customer_refs::resolve(conn, actor, reference, false).await?.id;
    let input = CreateInteraction {
        channel: body.channel,
        direction: body.direction,
        subject: body.subject,
        body: body.body,
        occurred_at: body.occurred_at,
    };
    record(conn, actor, customer_id, &input).await
}
