//! The communication record of a customer and the merged timeline.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use kehu_domain::validate::{BODY_MAX, Errors, SUBJECT_MAX};
use kehu_store::cursor::{Cursor, finish_page, older_than};
use kehu_store::entities::interaction;
use kehu_store::{convert, new_id, now, timeline};
use kehu_types::{CreateInteraction, Interaction, InteractionPage, TimelinePage, field_codes};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::params::{IdPath, PageParams, Paging, decode_cursor};
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::services::{audit, customers, tickets};
use crate::state::AppState;

type State = web::Data<AppState>;

/// The (time, id) position of a timeline or interaction cursor.
fn position(page: &PageParams) -> ApiResult<Option<(DateTime<Utc>, uuid::Uuid)>> {
    decode_cursor(page.cursor.as_deref())?
        .map(|cursor| {
            let at = cursor.key_as::<DateTime<Utc>>().map_err(|e| ApiError::bad_query(e.to_string()))?;
            Ok((at, cursor.id))
        })
        .transpose()
}

/// A customer's interactions, most recent first.
#[utoipa::path(get, path = "/api/v1/customers/{id}/interactions", tag = "interactions", operation_id = "list_customer_interactions",
    params(IdPath, PageParams),
    responses((status = 200, description = "A page of interactions", body = InteractionPage)))]
pub async fn list(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<InteractionPage>> {
    customers::load_visible(state.db.conn(), &actor, path.id, true).await?;
    let limit = page.limit()?;
    let mut select = interaction::Entity::find().filter(interaction::Column::CustomerId.eq(path.id));
    if let Some((at, id)) = position(&page)? {
        select = select.filter(older_than(interaction::Column::OccurredAt, interaction::Column::Id, at, id));
    }
    let mut rows = select
        .order_by_desc(interaction::Column::OccurredAt)
        .order_by_desc(interaction::Column::Id)
        .limit(limit + 1)
        .all(state.db.conn())
        .await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(row.occurred_at, row.id));
    Ok(web::Json(InteractionPage {
        items: rows.iter().map(convert::interaction).collect(),
        next_cursor: next,
        total: None,
    }))
}

/// Record a call, email, visit, chat… with a customer.
#[utoipa::path(post, path = "/api/v1/customers/{id}/interactions", tag = "interactions", operation_id = "create_customer_interaction",
    params(IdPath), request_body = CreateInteraction,
    responses((status = 201, description = "Recorded", body = Interaction)))]
pub async fn create(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<CreateInteraction>,
) -> ApiResult<HttpResponse> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let subject = errors.optional_text("subject", body.subject.as_deref(), SUBJECT_MAX);
    let text = errors.optional_body("body", body.body.as_deref(), BODY_MAX);
    if subject.is_none() && text.is_none() {
        errors.add("subject", field_codes::REQUIRED, "give a subject or a body");
    }
    let occurred_at = body.occurred_at.map(|at| at.trunc_micros()).unwrap_or_else(now);
    if occurred_at > Utc::now() + Duration::days(1) {
        errors.add("occurred_at", field_codes::OUT_OF_RANGE, "may not be more than a day in the future");
    }
    errors.finish(()).map_err(ApiError::validation)?;

    let txn = state.db.begin_write().await?;
    customers::load_visible(&*txn, &actor, path.id, false).await?;
    let row = interaction::ActiveModel {
        id: Set(new_id()),
        customer_id: Set(path.id),
        channel: Set(body.channel.as_str().to_owned()),
        direction: Set(body.direction.as_str().to_owned()),
        subject: Set(subject),
        body: Set(text),
        occurred_at: Set(occurred_at),
        author_id: Set(Some(actor.id)),
        created_at: Set(now()),
    }
    .insert(&*txn)
    .await?;
    let created = convert::interaction(&row);
    let payload = serde_json::to_value(&created).unwrap_or_default();
    audit::record(
        &*txn,
        Some(actor.id),
        &actor.meta,
        "interaction.create",
        "interaction",
        Some(row.id),
        payload.clone(),
    )
    .await?;
    audit::emit(&*txn, "interaction.created", "interaction", row.id, payload).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(created))
}

/// Everything that happened with a customer, newest first: interactions and
/// stage changes and ticket events (later also orders, surveys…).
#[utoipa::path(get, path = "/api/v1/customers/{id}/timeline", tag = "customers", operation_id = "get_customer_timeline",
    params(IdPath, PageParams),
    responses((status = 200, description = "A page of the timeline", body = TimelinePage)))]
pub async fn timeline(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<TimelinePage>> {
    customers::load_visible(state.db.conn(), &actor, path.id, true).await?;
    let limit = page.limit()?;
    let (items, next) =
        timeline::page(state.db.conn(), path.id, position(&page)?, limit, tickets::visibility(&actor)).await?;
    Ok(web::Json(TimelinePage { items, next_cursor: next, total: None }))
}

trait TruncMicros {
    fn trunc_micros(self) -> Self;
}

impl TruncMicros for DateTime<Utc> {
    fn trunc_micros(self) -> Self {
        chrono::SubsecRound::trunc_subsecs(self, 6)
    }
}
