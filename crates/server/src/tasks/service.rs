//! Follow-up tasks: who may see and change them, and their writes (each with
//! its audit row and outbox event).

use chrono::{DateTime, Utc};
use kehu_domain::validate::{BODY_MAX, Errors, SUBJECT_MAX};
use kehu_store::entities::task;
use kehu_store::{convert, new_id, now};
use kehu_types::{CreateTask, NotificationKind, Role, UpdateTask, field_codes};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;
use uuid::Uuid;

use crate::customers::customer_refs::{self, CustomerReference};
use crate::desk::tickets;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::identity::users;
use crate::notifications::service as notifications;
use crate::platform::{audit, versioned};

/// How far from now a due time may be.
const HORIZON_DAYS: i64 = 5 * 366;

/// Agents see the tasks given to them or made by them; other roles see all.
pub fn visible(actor: &Actor) -> Condition {
    match actor.role {
        Role::Agent => {
            Condition::any().add(task::Column::AssigneeId.eq(actor.id)).add(task::Column::CreatedBy.eq(actor.id))
        }
        Role::Admin | Role::Manager | Role::Viewer => Condition::all(),
    }
}

fn allows(actor: &Actor, row: &task::Model) -> bool {
    actor.role != Role::Agent || row.assignee_id == actor.id || row.created_by == Some(actor.id)
}

pub async fn load_visible(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<task::Model> {
    task::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|row| allows(actor, row))
        .ok_or_else(|| ApiError::not_found("task"))
}

fn check_due(errors: &mut Errors, due_at: DateTime<Utc>) {
    if (due_at - Utc::now()).num_days().abs() > HORIZON_DAYS {
        errors.add("due_at", field_codes::OUT_OF_RANGE, "must be within five years of now");
    }
}

/// Only an active user; and an agent may only give a task to themselves.
async fn check_assignee(conn: &impl ConnectionTrait, actor: &Actor, assignee: Uuid) -> ApiResult<()> {
    if actor.role == Role::Agent && assignee != actor.id {
        return Err(ApiError::field(
            "assignee_id",
            field_codes::NOT_ALLOWED,
            "agents may only give tasks to themselves",
        ));
    }
    users::ensure_active_user(conn, assignee, "assignee_id").await.map(|_| ())
}

async fn tell_assignee(conn: &impl ConnectionTrait, actor: &Actor, row: &task::Model) -> ApiResult<()> {
    notifications::notify(
        conn,
        &[row.assignee_id],
        NotificationKind::TaskAssigned,
        row.ticket_id,
        Some(actor.id),
        &row.title,
    )
    .await
}

pub async fn create(conn: &impl ConnectionTrait, actor: &Actor, input: &CreateTask) -> ApiResult<task::Model> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let title = errors.required_text("title", &input.title, SUBJECT_MAX);
    let notes = errors.optional_body("notes", input.notes.as_deref(), BODY_MAX);
    check_due(&mut errors, input.due_at);
    errors.finish(()).map_err(ApiError::validation)?;
    let assignee = input.assignee_id.unwrap_or(actor.id);
    check_assignee(conn, actor, assignee).await?;
    let ticket = match input.ticket_id {
        Some(id) => Some(tickets::load_visible(conn, actor, id).await.map_err(|_| {
            ApiError::field("ticket_id", field_codes::UNKNOWN_REFERENCE, "no such ticket visible to you")
        })?),
        None => None,
    };
    let named = match (input.customer_id, input.customer.as_ref()) {
        (None, None) => None,
        (customer_id, customer) => {
            Some(customer_refs::resolve(conn, actor, CustomerReference { customer_id, customer }, false).await?.id)
        }
    };
    let customer_id = named.or(ticket.as_ref().map(|t| t.customer_id));
    if let (Some(customer), Some(ticket)) = (customer_id, &ticket)
        && ticket.customer_id != customer
    {
        return Err(ApiError::field("ticket_id", field_codes::NOT_ALLOWED, "the ticket belongs to another customer"));
    }
    let at = now();
    let row = task::ActiveModel {
        id: Set(new_id()),
        kind: Set(input.kind.as_str().to_owned()),
        title: Set(title),
        notes: Set(notes),
        due_at: Set(chrono::SubsecRound::trunc_subsecs(input.due_at, 6)),
        assignee_id: Set(assignee),
        customer_id: Set(customer_id),
        ticket_id: Set(input.ticket_id),
        done_at: Set(None),
        created_by: Set(Some(actor.id)),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(conn)
    .await?;
    tell_assignee(conn, actor, &row).await?;
    let created = json!(convert::task(&row));
    audit::record(conn, Some(actor.id), &actor.meta, "task.create", "task", Some(row.id), created.clone()).await?;
    audit::emit(conn, "task.created", "task", row.id, created).await?;
    Ok(row)
}

pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    patch: &UpdateTask,
) -> ApiResult<task::Model> {
    actor.require_writer()?;
    let row = load_visible(conn, actor, id).await?;
    if let Some(version) = version {
        ApiError::check_version("task", row.version, version)?;
    }
    let mut errors = Errors::default();
    let title = patch.title.as_deref().map(|t| errors.required_text("title", t, SUBJECT_MAX));
    let notes = patch.notes.as_ref().map(|n| errors.optional_body("notes", n.as_deref(), BODY_MAX));
    if let Some(due_at) = patch.due_at {
        check_due(&mut errors, due_at);
    }
    errors.finish(()).map_err(ApiError::validation)?;
    let reassigned = patch.assignee_id.filter(|a| *a != row.assignee_id);
    if let Some(assignee) = reassigned {
        check_assignee(conn, actor, assignee).await?;
    }
    let before = convert::task(&row);
    let mut active = row.clone().into_active_model();
    if let Some(kind) = patch.kind {
        active.kind = Set(kind.as_str().to_owned());
    }
    if let Some(title) = title {
        active.title = Set(title);
    }
    if let Some(notes) = notes {
        active.notes = Set(notes);
    }
    if let Some(due_at) = patch.due_at {
        active.due_at = Set(chrono::SubsecRound::trunc_subsecs(due_at, 6));
    }
    if let Some(assignee) = reassigned {
        active.assignee_id = Set(assignee);
    }
    if let Some(done) = patch.done
        && done != row.done_at.is_some()
    {
        active.done_at = Set(done.then(now));
    }
    active.version = Set(row.version + 1);
    active.updated_at = Set(now());
    let updated = versioned::update(conn, active, task::Column::Version, row.version, "task").await?;
    if reassigned.is_some() {
        tell_assignee(conn, actor, &updated).await?;
    }
    let after = convert::task(&updated);
    let changes = audit::diff(&json!(before), &json!(after), &["version", "updated_at"]);
    let event = match (row.done_at.is_some(), updated.done_at.is_some()) {
        (false, true) => "task.completed",
        (true, false) => "task.reopened",
        _ => "task.updated",
    };
    audit::record(conn, Some(actor.id), &actor.meta, "task.update", "task", Some(id), changes.clone()).await?;
    audit::emit(conn, event, "task", id, changes).await?;
    Ok(updated)
}
