//! Your in-app notifications: newest first, the unread count, mark read.

use actix_web::{HttpResponse, web};
use kehu_store::convert;
use kehu_store::entities::notification;
use kehu_store::tickets::about_visible_ticket;
use kehu_types::{NotificationPage, NotificationQuery, UnreadCount};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select};

use crate::desk::tickets;
use crate::http::actor::Actor;
use crate::http::error::ApiResult;
use crate::http::params::{IdPath, decode_cursor, next_id_cursor, page_limit};
use crate::notifications::service;
use crate::state::AppState;

type State = web::Data<AppState>;

/// The actor's notifications, less those about a ticket they may no longer
/// see (it moved to another team since): its subject stays hidden too.
fn mine(actor: &Actor) -> Select<notification::Entity> {
    notification::Entity::find().filter(notification::Column::UserId.eq(actor.id)).filter(about_visible_ticket(
        (notification::Entity, notification::Column::TicketId),
        tickets::visibility(actor),
    ))
}

/// Your notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", operation_id = "list_notifications",
    params(NotificationQuery),
    responses((status = 200, description = "A page of notifications", body = NotificationPage)))]
pub async fn list(
    state: State,
    actor: Actor,
    query: web::Query<NotificationQuery>,
) -> ApiResult<web::Json<NotificationPage>> {
    let limit = page_limit(query.limit)?;
    let mut select = mine(&actor);
    if query.unread == Some(true) {
        select = select.filter(notification::Column::ReadAt.is_null());
    }
    if let Some(cursor) = decode_cursor(query.cursor.as_deref())? {
        select = select.filter(notification::Column::Id.lt(cursor.id));
    }
    let mut rows = select.order_by_desc(notification::Column::Id).limit(limit + 1).all(state.db.conn()).await?;
    let next = next_id_cursor(&mut rows, limit, |row| row.id);
    Ok(web::Json(NotificationPage {
        items: rows.iter().map(convert::notification).collect(),
        next_cursor: next,
        total: None,
    }))
}

/// How many notifications you have not read.
#[utoipa::path(get, path = "/api/v1/notifications/unread-count", tag = "notifications", operation_id = "count_unread_notifications",
    responses((status = 200, description = "The count", body = UnreadCount)))]
pub async fn unread_count(state: State, actor: Actor) -> ApiResult<web::Json<UnreadCount>> {
    let unread = mine(&actor).filter(notification::Column::ReadAt.is_null()).count(state.db.conn()).await?;
    Ok(web::Json(UnreadCount { unread }))
}

/// Mark one of your notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", operation_id = "mark_notification_read",
    params(IdPath), responses((status = 204, description = "Read")))]
pub async fn mark_read(state: State, actor: Actor, path: web::Path<IdPath>) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    service::mark_read(&*txn, &actor, path.id).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mark all your notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications", operation_id = "mark_all_notifications_read",
    responses((status = 204, description = "All read")))]
pub async fn mark_all_read(state: State, actor: Actor) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    service::mark_all_read(&*txn, &actor).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
