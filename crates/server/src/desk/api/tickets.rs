//! Tickets: queues, the ticket, its process, conversation, ownership,
//! escalation and compensation.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use kehu_store::convert;
use kehu_store::cursor::{Cursor, finish_page, newer_than};
use kehu_store::entities::{ticket_compensation, ticket_event};
use kehu_store::tickets::{self as queries, TicketFilter, TicketSort};
use kehu_types::{
    AssignTicket, Compensation, CompensationList, CreateCompensation, CreateTicket, CreateTicketMessage,
    EscalateTicket, Ticket, TicketEvent, TicketEventPage, TicketPage, TicketQuery, TicketStatusChange, UpdateTicket,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::desk::{compensations, ticket_ownership, tickets as service};
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::idempotency;
use crate::http::params::{IdPath, PageParams, Paging, decode_cursor, page_limit};
use crate::http::preconditions::{etag, if_match, require_if_match};
use crate::state::AppState;

type State = web::Data<AppState>;

const PROBLEM: &str = "application/problem+json";

/// The ticket with its version in the `ETag` header.
async fn respond(
    state: &State,
    status: actix_web::http::StatusCode,
    row: &kehu_store::entities::ticket::Model,
) -> ApiResult<HttpResponse> {
    let ticket = service::present_one(state.db.conn(), row).await?;
    Ok(HttpResponse::build(status).insert_header(etag(ticket.version)).json(ticket))
}

/// List tickets visible to you: a queue (`view`), filters and search.
#[utoipa::path(get, path = "/api/v1/tickets", tag = "tickets", operation_id = "list_tickets",
    params(TicketQuery),
    responses((status = 200, description = "A page of tickets", body = TicketPage)))]
pub async fn list(state: State, actor: Actor, params: web::Query<TicketQuery>) -> ApiResult<web::Json<TicketPage>> {
    let params = params.into_inner();
    let limit = page_limit(params.limit)?;
    let cursor = decode_cursor(params.cursor.as_deref())?;
    let filter = TicketFilter {
        view: params.view,
        me: Some((actor.id, actor.team_id)),
        now: Some(chrono::Utc::now()),
        status: params.status,
        open: params.open,
        ticket_type: params.ticket_type,
        priority: params.priority,
        category_id: params.category_id,
        customer_id: params.customer_id,
        assignee_id: params.assignee_id,
        team_id: params.team_id,
        q: params.q,
    };
    let sort = params.sort.map(TicketSort::from).unwrap_or_default();
    let visibility = service::visibility(&actor);
    let (rows, next) = queries::list(state.db.conn(), visibility, &filter, sort, cursor.as_ref(), limit)
        .await?
        .map_err(|e| ApiError::bad_query(e.to_string()))?;
    let total = if params.count.unwrap_or(false) {
        Some(queries::count(state.db.conn(), visibility, &filter).await?)
    } else {
        None
    };
    let items = service::present(state.db.conn(), &rows).await?;
    Ok(web::Json(TicketPage { items, next_cursor: next, total }))
}

/// Open a ticket for a customer. It gets the next number (`T-000123`).
///
/// An agent who opens a ticket owns it unless they name someone else (one-stop
/// service). With an `Idempotency-Key`, a retry returns the first response.
#[utoipa::path(post, path = "/api/v1/tickets", tag = "tickets", operation_id = "create_ticket",
    request_body = CreateTicket,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1–200 visible ASCII characters")),
    responses((status = 201, description = "Created", body = Ticket, headers(("ETag" = String, description = "The version")))))]
pub async fn create(
    state: State,
    actor: Actor,
    request: HttpRequest,
    body: web::Json<CreateTicket>,
) -> ApiResult<HttpResponse> {
    let once = idempotency::Once::of(&request, actor.id, &*body)?;
    let txn = state.db.begin_write().await?;
    if let Some(replayed) = once.replay(&*txn).await? {
        return Ok(replayed);
    }
    let row = service::create(&*txn, &actor, &body).await?;
    let created = service::present_one(&*txn, &row).await?;
    once.remember(&*txn, &created).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().insert_header(etag(created.version)).json(created))
}

/// One ticket. The `ETag` header carries the version for `If-Match`.
#[utoipa::path(get, path = "/api/v1/tickets/{id}", tag = "tickets", operation_id = "get_ticket",
    params(IdPath),
    responses((status = 200, description = "The ticket", body = Ticket, headers(("ETag" = String, description = "The version")))))]
pub async fn get(state: State, actor: Actor, path: web::Path<IdPath>) -> ApiResult<HttpResponse> {
    let row = service::load_visible(state.db.conn(), &actor, path.id).await?;
    respond(&state, actix_web::http::StatusCode::OK, &row).await
}

/// Edit the type, subject, description, priority or category. Requires `If-Match`.
#[utoipa::path(patch, path = "/api/v1/tickets/{id}", tag = "tickets", operation_id = "update_ticket",
    params(IdPath, ("If-Match" = String, Header, description = "The version from the ETag, e.g. \"3\"")),
    request_body = UpdateTicket,
    responses(
        (status = 200, description = "Updated", body = Ticket, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = PROBLEM),
        (status = 428, description = "`If-Match` is missing (`precondition_required`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn update(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<UpdateTicket>,
) -> ApiResult<HttpResponse> {
    let version = require_if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = service::update(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    respond(&state, actix_web::http::StatusCode::OK, &row).await
}

/// Move a ticket along the process: new → triaged → in_progress ⇄
/// awaiting_customer → resolved → closed; resolved|closed → in_progress reopens.
///
/// Triage needs a category (give `category_id` here or before); closing needs a
/// `resolution_summary`, and for complaints a `root_cause`. Moving an unowned
/// ticket to `in_progress` makes you its owner.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/status", tag = "tickets", operation_id = "change_ticket_status",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    request_body = TicketStatusChange,
    responses(
        (status = 200, description = "The ticket after the move", body = Ticket, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Not an allowed move (`invalid_status_transition`, with `allowed`)", body = kehu_types::Problem, content_type = PROBLEM),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn change_status(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<TicketStatusChange>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = service::change_status(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    respond(&state, actix_web::http::StatusCode::OK, &row).await
}

/// Give the ticket to a user (or, with `assignee_id: null`, back to the team
/// queue). Taking it from its current owner is a transfer and needs a `note`.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/assign", tag = "tickets", operation_id = "assign_ticket",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    request_body = AssignTicket,
    responses(
        (status = 200, description = "The ticket with its new owner", body = Ticket, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "Already this owner (`conflict`) or closed (`ticket_closed`)", body = kehu_types::Problem, content_type = PROBLEM),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn assign(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<AssignTicket>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = ticket_ownership::assign(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    respond(&state, actix_web::http::StatusCode::OK, &row).await
}

/// Raise the escalation level (0 agent, 1 team lead, 2 manager, 3 executive)
/// and hand the ticket to `assignee_id`, or lower it (the owner or a manager).
#[utoipa::path(post, path = "/api/v1/tickets/{id}/escalation", tag = "tickets", operation_id = "escalate_ticket",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    request_body = EscalateTicket,
    responses(
        (status = 200, description = "The ticket at its new level", body = Ticket, headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "The ticket is resolved or closed (`ticket_closed`)", body = kehu_types::Problem, content_type = PROBLEM),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn escalate(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<EscalateTicket>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = ticket_ownership::escalate(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    respond(&state, actix_web::http::StatusCode::OK, &row).await
}

/// The ticket's history and conversation, oldest first.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/events", tag = "tickets", operation_id = "list_ticket_events",
    params(IdPath, PageParams),
    responses((status = 200, description = "A page of events", body = TicketEventPage)))]
pub async fn events(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    page: web::Query<PageParams>,
) -> ApiResult<web::Json<TicketEventPage>> {
    service::load_visible(state.db.conn(), &actor, path.id).await?;
    let limit = page.limit()?;
    let mut select = ticket_event::Entity::find().filter(ticket_event::Column::TicketId.eq(path.id));
    if let Some(cursor) = decode_cursor(page.cursor.as_deref())? {
        let at = cursor.key_as::<DateTime<Utc>>().map_err(|e| ApiError::bad_query(e.to_string()))?;
        select = select.filter(newer_than(ticket_event::Column::At, ticket_event::Column::Id, at, cursor.id));
    }
    let mut rows = select
        .order_by_asc(ticket_event::Column::At)
        .order_by_asc(ticket_event::Column::Id)
        .limit(limit + 1)
        .all(state.db.conn())
        .await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(row.at, row.id));
    Ok(web::Json(TicketEventPage {
        items: rows.iter().map(convert::ticket_event).collect(),
        next_cursor: next,
        total: None,
    }))
}

/// Add a public reply, an internal note, or a message from the customer.
///
/// The first reply stamps `first_response_at`. A customer message on a ticket
/// awaiting the customer moves it back to `in_progress`. Replies and customer
/// messages need an open ticket; notes can be added to any.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/messages", tag = "tickets", operation_id = "create_ticket_message",
    params(IdPath), request_body = CreateTicketMessage,
    responses(
        (status = 201, description = "The event written", body = TicketEvent),
        (status = 409, description = "The ticket is resolved or closed (`ticket_closed`)", body = kehu_types::Problem, content_type = PROBLEM),
    ))]
pub async fn add_message(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<CreateTicketMessage>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let (row, event) = service::add_message(&*txn, &actor, path.id, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().insert_header(etag(row.version)).json(convert::ticket_event(&event)))
}

/// Compensation given on the ticket, oldest first.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/compensations", tag = "tickets", operation_id = "list_ticket_compensations",
    params(IdPath),
    responses((status = 200, description = "Every compensation", body = CompensationList)))]
pub async fn compensations(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
) -> ApiResult<web::Json<CompensationList>> {
    service::load_visible(state.db.conn(), &actor, path.id).await?;
    let rows = ticket_compensation::Entity::find()
        .filter(ticket_compensation::Column::TicketId.eq(path.id))
        .order_by_asc(ticket_compensation::Column::CreatedAt)
        .order_by_asc(ticket_compensation::Column::Id)
        .all(state.db.conn())
        .await?;
    Ok(web::Json(CompensationList { items: rows.iter().map(convert::compensation).collect() }))
}

/// Record compensation: a refund or coupon (minor units + currency), points, or a gift.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/compensations", tag = "tickets", operation_id = "create_ticket_compensation",
    params(IdPath), request_body = CreateCompensation,
    responses((status = 201, description = "Recorded", body = Compensation)))]
pub async fn add_compensation(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<CreateCompensation>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let row = compensations::create(&*txn, &actor, path.id, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(convert::compensation(&row)))
}
