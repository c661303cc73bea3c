//! In-app notifications: written in the transaction of what caused them, and
//! marked read by the person they are for.

use kehu_store::entities::{notification, user};
use kehu_store::{new_id, now};
use kehu_types::NotificationKind;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};

/// Tell each of `users` (once each, never the actor themself).
pub async fn notify(
    conn: &impl ConnectionTrait,
    users: &[Uuid],
    kind: NotificationKind,
    ticket_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    summary: &str,
) -> ApiResult<()> {
    let mut sent: Vec<Uuid> = Vec::new();
    for user in users {
        if Some(*user) == actor_id || sent.contains(user) {
            continue;
        }
        sent.push(*user);
        notification::ActiveModel {
            id: Set(new_id()),
            user_id: Set(*user),
            kind: Set(kind.as_str().to_owned()),
            ticket_id: Set(ticket_id),
            actor_id: Set(actor_id),
            summary: Set(summary.to_owned()),
            created_at: Set(now()),
            read_at: Set(None),
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// The active users `@mentioned` by display name in `body`.
pub async fn mentioned(conn: &impl ConnectionTrait, body: &str) -> ApiResult<Vec<Uuid>> {
    if !body.contains('@') {
        return Ok(Vec::new());
    }
    let users = user::Entity::find().filter(user::Column::Active.eq(true)).all(conn).await?;
    let names: Vec<String> = users.iter().map(|u| u.name.clone()).collect();
    let found = kehu_domain::tickets::mentions(body, &names);
    Ok(users.iter().filter(|u| found.contains(&u.name.as_str())).map(|u| u.id).collect())
}

/// Mark one of the actor's notifications read; anyone else's is not found.
pub async fn mark_read(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<()> {
    let row = notification::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|row| row.user_id == actor.id)
        .ok_or_else(|| ApiError::not_found("notification"))?;
    if row.read_at.is_none() {
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(Some(now())))
            .filter(notification::Column::Id.eq(row.id))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Mark all the actor's notifications read.
pub async fn mark_all_read(conn: &impl ConnectionTrait, actor: &Actor) -> ApiResult<()> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now())))
        .filter(notification::Column::UserId.eq(actor.id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}
