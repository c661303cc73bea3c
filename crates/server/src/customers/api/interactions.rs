//! The communication record of a customer and the merged timeline.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use kehu_store::cursor::{Cursor, finish_page, older_than};
use kehu_store::entities::interaction;
use kehu_store::{convert, timeline};
use kehu_types::{CreateInteraction, Interaction, InteractionPage, RecordInteraction, TimelinePage};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::customers::{interactions as service, service as customers};
use crate::desk::tickets;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, PageParams, Paging, decode_cursor};
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
    let txn = state.db.begin_write().await?;
    let created = service::record(&*txn, &actor, path.id, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(created))
}

/// Record an interaction for a customer named in the body, by Kehu's id or by
/// their id in another system (`customer: {source, external_id}`).
#[utoipa::path(post, path = "/api/v1/interactions", tag = "interactions", operation_id = "record_interaction",
    request_body = RecordInteraction,
    responses((status = 201, description = "Recorded", body = Interaction)))]
pub async fn record(state: State, actor: Actor, body: web::Json<RecordInteraction>) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let created = service::record_by_reference(&*txn, &actor, body.into_inner()).await?;
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
