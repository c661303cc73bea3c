//! Follow-up tasks: "my tasks", overdue, due today, done; create, edit, complete.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use kehu_store::convert;
use kehu_store::cursor::{Cursor, finish_page, newer_than};
use kehu_store::entities::task;
use kehu_types::{CreateTask, Task, TaskPage, TaskQuery, UpdateTask};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, decode_cursor, page_limit};
use crate::http::preconditions::{etag, if_match};
use crate::state::AppState;
use crate::tasks::service;

type State = web::Data<AppState>;

/// Tasks you may see, soonest due first.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "tasks", operation_id = "list_tasks",
    params(TaskQuery), responses((status = 200, description = "A page of tasks", body = TaskPage)))]
pub async fn list(state: State, actor: Actor, query: web::Query<TaskQuery>) -> ApiResult<web::Json<TaskPage>> {
    let limit = page_limit(query.limit)?;
    let mut select = task::Entity::find().filter(service::visible(&actor));
    if query.mine == Some(true) {
        select = select.filter(task::Column::AssigneeId.eq(actor.id));
    }
    if let Some(assignee) = query.assignee_id {
        select = select.filter(task::Column::AssigneeId.eq(assignee));
    }
    match query.done {
        Some(true) => select = select.filter(task::Column::DoneAt.is_not_null()),
        Some(false) => select = select.filter(task::Column::DoneAt.is_null()),
        None => {}
    }
    if let Some(before) = query.due_before {
        select = select.filter(task::Column::DueAt.lt(before));
    }
    if let Some(customer) = query.customer_id {
        select = select.filter(task::Column::CustomerId.eq(customer));
    }
    if let Some(ticket) = query.ticket_id {
        select = select.filter(task::Column::TicketId.eq(ticket));
    }
    if let Some(cursor) = decode_cursor(query.cursor.as_deref())? {
        let at = cursor.key_as::<DateTime<Utc>>().map_err(|e| ApiError::bad_query(e.to_string()))?;
        select = select.filter(newer_than(task::Column::DueAt, task::Column::Id, at, cursor.id));
    }
    let mut rows = select
        .order_by_asc(task::Column::DueAt)
        .order_by_asc(task::Column::Id)
        .limit(limit + 1)
        .all(state.db.conn())
        .await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(row.due_at, row.id));
    Ok(web::Json(TaskPage { items: rows.iter().map(convert::task).collect(), next_cursor: next, total: None }))
}

/// Create a follow-up task (for yourself, or — managers and admins — for anyone).
#[utoipa::path(post, path = "/api/v1/tasks", tag = "tasks", operation_id = "create_task",
    request_body = CreateTask,
    responses((status = 201, description = "Created", body = Task, headers(("ETag" = String, description = "The version")))))]
pub async fn create(state: State, actor: Actor, body: web::Json<CreateTask>) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    let row = service::create(&*txn, &actor, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().insert_header(etag(row.version)).json(convert::task(&row)))
}

/// One task.
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks", operation_id = "get_task",
    params(IdPath),
    responses((status = 200, description = "The task", body = Task, headers(("ETag" = String, description = "The version")))))]
pub async fn get(state: State, actor: Actor, path: web::Path<IdPath>) -> ApiResult<HttpResponse> {
    let row = service::load_visible(state.db.conn(), &actor, path.id).await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::task(&row)))
}

/// Edit, complete (`done: true`) or reopen (`done: false`) a task. `If-Match` is checked when sent.
#[utoipa::path(patch, path = "/api/v1/tasks/{id}", tag = "tasks", operation_id = "update_task",
    params(IdPath, ("If-Match" = Option<String>, Header, description = "Optional version check")),
    request_body = UpdateTask,
    responses(
        (status = 200, description = "Updated", body = Task, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "Someone changed it first (`version_mismatch`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    state: State,
    actor: Actor,
    request: HttpRequest,
    path: web::Path<IdPath>,
    body: web::Json<UpdateTask>,
) -> ApiResult<HttpResponse> {
    let version = if_match(&request)?;
    let txn = state.db.begin_write().await?;
    let row = service::update(&*txn, &actor, path.id, version, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(row.version)).json(convert::task(&row)))
}
