//! Ticket writes. Each function runs inside the caller's transaction and writes
//! the ticket, its event (which is also the customer's timeline entry), the
//! audit row and the outbox event together. Assignment and escalation are in
//! `ticket_ownership`.

use kehu_domain::tickets::{self as process, TicketFacts};
use kehu_domain::validate::{BODY_MAX, Errors, REASON_MAX, SUBJECT_MAX};
use kehu_store::entities::{customer, ticket, ticket_category, ticket_event};
use kehu_store::tickets::{TicketVisibility, next_counter, search_text};
use kehu_store::{convert, new_id, now};
use kehu_types::{
    Channel, CreateTicket, CreateTicketMessage, NotificationKind, Priority, Role, Ticket, TicketEventDetails,
    TicketEventKind, TicketMessageKind, TicketStatus, TicketStatusChange, TicketType, UpdateTicket, codes, field_codes,
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, Set};
use serde_json::json;
use uuid::Uuid;

use crate::customers::customer_refs::{self, CustomerReference};
use crate::desk::sla;
use crate::http::actor::{Actor, RequestMeta};
use crate::http::error::{ApiError, ApiResult};
use crate::identity::users;
use crate::notifications::service as notifications;
use crate::platform::{audit, versioned};

/// Longest resolution summary or root cause.
const SUMMARY_MAX: usize = 5000;

pub fn visibility(actor: &Actor) -> TicketVisibility {
    match actor.role {
        Role::Agent => TicketVisibility::Agent { user_id: actor.id, team_id: actor.team_id },
        Role::Admin | Role::Manager | Role::Viewer => TicketVisibility::All,
    }
}

/// Load a ticket the actor may see; anything else is "not found", the same
/// answer as for a ticket that does not exist.
pub async fn load_visible(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<ticket::Model> {
    visible(ticket::Entity::find_by_id(id).filter(visibility(actor).condition()).one(conn).await?)
}

/// Like `load_visible`, but takes the ticket's row lock (PostgreSQL; SQLite
/// has one writer at a time), for writes made without a client's version:
/// they wait for one another instead of writing over each other.
pub async fn lock_visible(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<ticket::Model> {
    visible(ticket::Entity::find_by_id(id).filter(visibility(actor).condition()).lock_exclusive().one(conn).await?)
}

fn visible(row: Option<ticket::Model>) -> ApiResult<ticket::Model> {
    row.ok_or_else(|| ApiError::not_found("ticket"))
}

/// Wire tickets with their customers' names, read in one query.
pub async fn present(conn: &impl ConnectionTrait, rows: &[ticket::Model]) -> ApiResult<Vec<Ticket>> {
    let names = kehu_store::customers::names_of(conn, rows.iter().map(|row| row.customer_id)).await?;
    Ok(rows.iter().map(|row| convert::ticket(row, names.get(&row.customer_id).map_or("", String::as_str))).collect())
}

pub async fn present_one(conn: &impl ConnectionTrait, row: &ticket::Model) -> ApiResult<Ticket> {
    present(conn, std::slice::from_ref(row)).await?.pop().ok_or_else(|| ApiError::internal("ticket vanished"))
}

pub fn status_of(row: &ticket::Model) -> TicketStatus {
    TicketStatus::parse(&row.status).unwrap_or(TicketStatus::New)
}

pub(super) fn refuse_when_done(row: &ticket::Model, what: &str) -> ApiResult<()> {
    if process::is_open(status_of(row)) {
        Ok(())
    } else {
        Err(ApiError::conflict(
            codes::TICKET_CLOSED,
            format!("the ticket is {}: reopen it before you {what}", status_of(row)),
        ))
    }
}

/// 422 on `field` unless the category exists (and, for new use, is active).
async fn ensure_category(conn: &impl ConnectionTrait, id: Uuid, field: &str) -> ApiResult<()> {
    match ticket_category::Entity::find_by_id(id).one(conn).await? {
        Some(row) if row.active => Ok(()),
        Some(_) => Err(ApiError::field(field, field_codes::NOT_ALLOWED, "this category is no longer in use")),
        None => Err(ApiError::field(field, field_codes::UNKNOWN_REFERENCE, "no ticket category with this id")),
    }
}

/// Append an event to the ticket's history (and so to the customer's timeline).
pub async fn record_event(
    conn: &impl ConnectionTrait,
    row: &ticket::Model,
    kind: TicketEventKind,
    actor_id: Option<Uuid>,
    body: Option<String>,
    details: TicketEventDetails,
) -> ApiResult<ticket_event::Model> {
    Ok(ticket_event::ActiveModel {
        id: Set(new_id()),
        ticket_id: Set(row.id),
        ticket_number: Set(row.number),
        customer_id: Set(row.customer_id),
        kind: Set(kind.as_str().to_owned()),
        actor_id: Set(actor_id),
        body: Set(body),
        details: Set(serde_json::to_value(&details).unwrap_or_default()),
        at: Set(now()),
    }
    .insert(conn)
    .await?)
}

/// The audit row (`ticket.<action>`) and the outbox event (`ticket.<event>`) of a
/// ticket write; both carry the ticket number.
pub async fn log(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    names: (&str, &str),
    row: &ticket::Model,
    change: serde_json::Value,
) -> ApiResult<()> {
    log_as(conn, Some(actor.id), &actor.meta, names, row, change).await
}

/// [`log`] for a write nobody signed in made (the public request form, jobs).
pub async fn log_as(
    conn: &impl ConnectionTrait,
    actor_id: Option<Uuid>,
    meta: &RequestMeta,
    (action, event): (&str, &str),
    row: &ticket::Model,
    change: serde_json::Value,
) -> ApiResult<()> {
    let mut change = change;
    if let Some(object) = change.as_object_mut() {
        object.insert("number".into(), json!(process::format_number(row.number)));
    }
    let action = format!("ticket.{action}");
    audit::record(conn, actor_id, meta, &action, "ticket", Some(row.id), change.clone()).await?;
    audit::emit(conn, &format!("ticket.{event}"), "ticket", row.id, change).await?;
    Ok(())
}

/// Notify `users` of something `actor` did to the ticket.
pub(super) async fn tell(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    row: &ticket::Model,
    users: &[Uuid],
    kind: NotificationKind,
) -> ApiResult<()> {
    let summary = format!("{} {}", process::format_number(row.number), row.subject);
    notifications::notify(conn, users, kind, Some(row.id), Some(actor.id), &summary).await
}

/// Bump the version and the update time of a ticket about to be saved.
pub(super) fn touch(active: &mut ticket::ActiveModel, version: i64) {
    active.version = Set(version + 1);
    active.updated_at = Set(now());
}

pub async fn create(conn: &impl ConnectionTrait, actor: &Actor, input: &CreateTicket) -> ApiResult<ticket::Model> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let subject = errors.required_text("subject", &input.subject, SUBJECT_MAX);
    let description = errors.optional_body("description", input.description.as_deref(), BODY_MAX);
    errors.finish(()).map_err(ApiError::validation)?;
    let reference = CustomerReference { customer_id: input.customer_id, customer: input.customer.as_ref() };
    let customer = customer_refs::resolve(conn, actor, reference, false).await?;
    if let Some(category) = input.category_id {
        ensure_category(conn, category, "category_id").await?;
    }
    let assignee_id = match (input.assignee_id, actor.role) {
        (None, Role::Agent) => Some(actor.id),
        (assignee, _) => assignee,
    };
    let assignee_team = match assignee_id {
        Some(id) => users::ensure_ticket_owner(conn, id, "assignee_id").await?.team_id,
        None => None,
    };
    if let Some(team) = input.team_id {
        users::ensure_team(conn, team, "team_id").await?;
    }
    let team_id = input.team_id.or(assignee_team).or(customer.team_id).or(actor.team_id);
    let opening = Opening {
        ticket_type: input.ticket_type,
        subject,
        description,
        priority: input.priority.unwrap_or(Priority::Normal),
        category_id: input.category_id,
        channel: input.channel.unwrap_or(Channel::Phone),
        assignee_id,
        team_id,
    };
    let row = open(conn, &customer, opening, Some(actor.id), &actor.meta).await?;
    if let Some(owner) = assignee_id {
        tell(conn, actor, &row, &[owner], NotificationKind::Assigned).await?;
    }
    Ok(row)
}

/// A checked ticket about to be opened.
pub struct Opening {
    pub ticket_type: TicketType,
    pub subject: String,
    pub description: Option<String>,
    pub priority: Priority,
    pub category_id: Option<Uuid>,
    pub channel: Channel,
    pub assignee_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
}

/// Number and insert a ticket, start its SLA clocks, and write its first
/// event, audit row and outbox event. `opener` is `None` for a customer's own
/// request through the public form.
pub async fn open(
    conn: &impl ConnectionTrait,
    customer: &customer::Model,
    opening: Opening,
    opener: Option<Uuid>,
    meta: &RequestMeta,
) -> ApiResult<ticket::Model> {
    let number = next_counter(conn, "ticket").await?;
    let at = now();
    let row = ticket::ActiveModel {
        id: Set(new_id()),
        number: Set(number),
        customer_id: Set(customer.id),
        ticket_type: Set(opening.ticket_type.as_str().to_owned()),
        category_id: Set(opening.category_id),
        search_text: Set(search_text(number, &opening.subject, opening.description.as_deref())),
        subject: Set(opening.subject),
        description: Set(opening.description),
        priority: Set(opening.priority.as_str().to_owned()),
        status: Set(TicketStatus::New.as_str().to_owned()),
        channel: Set(opening.channel.as_str().to_owned()),
        assignee_id: Set(opening.assignee_id),
        team_id: Set(opening.team_id),
        escalation_level: Set(0),
        resolution_summary: Set(None),
        root_cause: Set(None),
        first_response_at: Set(None),
        resolved_at: Set(None),
        closed_at: Set(None),
        created_by: Set(opener),
        version: Set(1),
        sla_policy_id: Set(None),
        sla_due_at: Set(None),
        sla_breached: Set(false),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(conn)
    .await?;
    let row = sla::start_ticket(conn, row, at).await?;
    let details = TicketEventDetails {
        to_status: Some(TicketStatus::New),
        to_assignee_id: opening.assignee_id,
        team_id: opening.team_id,
        ..Default::default()
    };
    record_event(conn, &row, TicketEventKind::Created, opener, None, details).await?;
    let created = convert::ticket(&row, &customer.name);
    log_as(conn, opener, meta, ("create", "created"), &row, serde_json::to_value(&created).unwrap_or_default()).await?;
    Ok(row)
}

pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: i64,
    patch: &UpdateTicket,
) -> ApiResult<ticket::Model> {
    actor.require_writer()?;
    let row = load_visible(conn, actor, id).await?;
    ApiError::check_version("ticket", row.version, version)?;
    let mut errors = Errors::default();
    let subject = patch.subject.as_deref().map(|s| errors.required_text("subject", s, SUBJECT_MAX));
    let description = patch.description.as_ref().map(|d| errors.optional_body("description", d.as_deref(), BODY_MAX));
    errors.finish(()).map_err(ApiError::validation)?;
    if let Some(Some(category)) = patch.category_id
        && Some(category) != row.category_id
    {
        ensure_category(conn, category, "category_id").await?;
    }

    let subject = subject.unwrap_or_else(|| row.subject.clone());
    let description = description.unwrap_or_else(|| row.description.clone());
    let mut changed = Vec::new();
    let mut active = row.clone().into_active_model();
    if let Some(kind) = patch.ticket_type.filter(|k| k.as_str() != row.ticket_type) {
        active.ticket_type = Set(kind.as_str().to_owned());
        changed.push("type");
    }
    if subject != row.subject {
        active.subject = Set(subject.clone());
        changed.push("subject");
    }
    if description != row.description {
        active.description = Set(description.clone());
        changed.push("description");
    }
    if let Some(priority) = patch.priority.filter(|p| p.as_str() != row.priority) {
        active.priority = Set(priority.as_str().to_owned());
        changed.push("priority");
    }
    if let Some(category) = patch.category_id.filter(|c| *c != row.category_id) {
        active.category_id = Set(category);
        changed.push("category_id");
    }
    if changed.is_empty() {
        return Ok(row);
    }
    active.search_text = Set(search_text(row.number, &subject, description.as_deref()));
    touch(&mut active, row.version);
    let updated = versioned::update(conn, active, ticket::Column::Version, row.version, "ticket").await?;
    let updated = if changed.contains(&"priority") || changed.contains(&"type") {
        sla::retarget(conn, updated, now()).await?
    } else {
        updated
    };
    let changed: Vec<String> = changed.into_iter().map(str::to_owned).collect();
    let details = TicketEventDetails { changed: changed.clone(), ..Default::default() };
    record_event(conn, &updated, TicketEventKind::Updated, Some(actor.id), None, details).await?;
    log(conn, actor, ("update", "updated"), &updated, json!({ "changed": changed })).await?;
    Ok(updated)
}

/// Move a ticket along its process.
pub async fn change_status(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    request: &TicketStatusChange,
) -> ApiResult<ticket::Model> {
    actor.require_writer()?;
    let row = load_visible(conn, actor, id).await?;
    if let Some(version) = version {
        ApiError::check_version("ticket", row.version, version)?;
    }
    let from = status_of(&row);
    let to = request.status;
    if !process::can_move(from, to) {
        let allowed = process::allowed_next(from).iter().map(|s| s.as_str().to_owned()).collect();
        return Err(ApiError::illegal_transition(
            codes::INVALID_STATUS_TRANSITION,
            format!("a ticket cannot move from {from} to {to}"),
            allowed,
        ));
    }
    let mut errors = Errors::default();
    let note = errors.optional_body("note", request.note.as_deref(), REASON_MAX);
    let summary = errors.optional_body("resolution_summary", request.resolution_summary.as_deref(), SUMMARY_MAX);
    let root_cause = errors.optional_body("root_cause", request.root_cause.as_deref(), SUMMARY_MAX);
    errors.finish(()).map_err(ApiError::validation)?;
    if let Some(category) = request.category_id
        && Some(category) != row.category_id
    {
        ensure_category(conn, category, "category_id").await?;
    }
    let category_id = request.category_id.or(row.category_id);
    let summary = summary.or_else(|| row.resolution_summary.clone());
    let root_cause = root_cause.or_else(|| row.root_cause.clone());
    let facts = TicketFacts {
        ticket_type: kehu_types::TicketType::parse(&row.ticket_type).unwrap_or(kehu_types::TicketType::Inquiry),
        has_category: category_id.is_some(),
        resolution_summary: summary.as_deref(),
        root_cause: root_cause.as_deref(),
    };
    let missing = process::requirements(to, facts);
    if !missing.is_empty() {
        return Err(ApiError::validation(missing));
    }

    let at = now();
    let mut active = row.clone().into_active_model();
    active.status = Set(to.as_str().to_owned());
    active.category_id = Set(category_id);
    if let Some(priority) = request.priority {
        active.priority = Set(priority.as_str().to_owned());
    }
    active.resolution_summary = Set(summary);
    active.root_cause = Set(root_cause);
    match to {
        TicketStatus::Resolved => active.resolved_at = Set(Some(at)),
        TicketStatus::Closed => active.closed_at = Set(Some(at)),
        _ if process::is_reopen(from, to) => {
            active.resolved_at = Set(None);
            active.closed_at = Set(None);
        }
        _ => {}
    }
    // Work needs an owner: whoever starts it takes an unowned ticket.
    let takes_over = to == TicketStatus::InProgress && row.assignee_id.is_none() && actor.role != Role::Viewer;
    if takes_over {
        active.assignee_id = Set(Some(actor.id));
        if row.team_id.is_none() {
            active.team_id = Set(actor.team_id);
        }
    }
    touch(&mut active, row.version);
    let updated = versioned::update(conn, active, ticket::Column::Version, row.version, "ticket").await?;
    let updated = if request.priority.is_some_and(|p| p.as_str() != row.priority) {
        sla::retarget(conn, updated, at).await?
    } else {
        updated
    };
    let updated = sla::on_status(conn, updated, from, to, at).await?;
    let details = TicketEventDetails { from_status: Some(from), to_status: Some(to), ..Default::default() };
    record_event(conn, &updated, TicketEventKind::StatusChanged, Some(actor.id), note.clone(), details).await?;
    if takes_over {
        let details =
            TicketEventDetails { to_assignee_id: Some(actor.id), team_id: updated.team_id, ..Default::default() };
        record_event(conn, &updated, TicketEventKind::Assigned, Some(actor.id), None, details).await?;
    }
    log(conn, actor, ("status_change", "status_changed"), &updated, json!({ "from": from, "to": to, "note": note }))
        .await?;
    Ok(updated)
}

/// Add a public reply, an internal note, or a message from the customer.
pub async fn add_message(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    input: &CreateTicketMessage,
) -> ApiResult<(ticket::Model, ticket_event::Model)> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let body = errors.optional_body("body", Some(&input.body), BODY_MAX);
    if body.is_none() {
        errors.add("body", field_codes::REQUIRED, "must not be empty");
    }
    errors.finish(()).map_err(ApiError::validation)?;
    let row = lock_visible(conn, actor, id).await?;
    if input.kind != TicketMessageKind::Note {
        refuse_when_done(&row, "write to the customer on it")?;
    }
    let kind = match input.kind {
        TicketMessageKind::Reply => TicketEventKind::Reply,
        TicketMessageKind::Note => TicketEventKind::Note,
        TicketMessageKind::CustomerMessage => TicketEventKind::CustomerMessage,
    };
    let event = record_event(conn, &row, kind, Some(actor.id), body, TicketEventDetails::default()).await?;

    let from = status_of(&row);
    let first_response = kind == TicketEventKind::Reply && row.first_response_at.is_none();
    // The customer answered: the ticket is back with us (and its SLA clock runs again).
    let resumes = kind == TicketEventKind::CustomerMessage && from == TicketStatus::AwaitingCustomer;
    let mut active = row.clone().into_active_model();
    if first_response {
        active.first_response_at = Set(Some(event.at));
    }
    if resumes {
        active.status = Set(TicketStatus::InProgress.as_str().to_owned());
    }
    touch(&mut active, row.version);
    let updated = active.update(conn).await?;
    // Resume the paused clocks first, then start the next-response clock.
    let updated =
        if resumes { sla::on_status(conn, updated, from, TicketStatus::InProgress, event.at).await? } else { updated };
    let updated = sla::on_message(conn, updated, kind, event.at).await?;
    if kind == TicketEventKind::Note {
        let mentioned = notifications::mentioned(conn, &input.body).await?;
        tell(conn, actor, &updated, &mentioned, NotificationKind::Mentioned).await?;
    }
    if resumes {
        let details = TicketEventDetails {
            from_status: Some(from),
            to_status: Some(TicketStatus::InProgress),
            automatic: true,
            ..Default::default()
        };
        record_event(conn, &updated, TicketEventKind::StatusChanged, None, None, details).await?;
    }
    let names = match input.kind {
        TicketMessageKind::Reply => ("reply", "replied"),
        TicketMessageKind::Note => ("note", "noted"),
        TicketMessageKind::CustomerMessage => ("customer_message", "customer_messaged"),
    };
    log(conn, actor, names, &updated, json!({ "event_id": event.id })).await?;
    Ok((updated, event))
}
