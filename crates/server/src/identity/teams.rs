//! Teams: an admin creates and changes them, each write with its audit row in
//! the caller's transaction. Names are unique; a lead must be an active user.

use kehu_store::entities::team;
use kehu_store::{convert, new_id, now};
use kehu_types::{UpdateTeam, codes};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::identity::users;
use crate::platform::audit;

async fn ensure_name_free(conn: &impl ConnectionTrait, name: &str, except: Option<Uuid>) -> ApiResult<()> {
    let mut query = team::Entity::find().filter(team::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(team::Column::Id.ne(id));
    }
    if query.count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::CONFLICT, format!("a team named {name} already exists")));
    }
    Ok(())
}

/// Create a team from a name and description already checked
/// (`users::name`, `users::team_description`).
pub async fn create(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    name: String,
    description: Option<String>,
    lead_id: Option<Uuid>,
) -> ApiResult<team::Model> {
    ensure_name_free(conn, &name, None).await?;
    if let Some(lead) = lead_id {
        users::ensure_active_user(conn, lead, "lead_id").await?;
    }
    let at = now();
    let row = team::ActiveModel {
        id: Set(new_id()),
        name: Set(name),
        description: Set(description),
        lead_id: Set(lead_id),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(conn)
    .await?;
    let created = convert::team(&row);
    audit::record(
        conn,
        Some(actor.id),
        &actor.meta,
        "team.create",
        "team",
        Some(row.id),
        json!({ "name": created.name }),
    )
    .await?;
    Ok(row)
}

/// Rename a team, change its description or its lead.
pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    patch: &UpdateTeam,
) -> ApiResult<team::Model> {
    let row = team::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("team"))?;
    let before = convert::team(&row);
    let mut active = row.into_active_model();
    if let Some(name) = &patch.name {
        let name = users::name(name)?;
        ensure_name_free(conn, &name, Some(id)).await?;
        active.name = Set(name);
    }
    if let Some(description) = &patch.description {
        active.description = Set(users::team_description(description.as_deref())?);
    }
    if let Some(lead) = patch.lead_id {
        if let Some(user) = lead {
            users::ensure_active_user(conn, user, "lead_id").await?;
        }
        active.lead_id = Set(lead);
    }
    active.updated_at = Set(now());
    let row = active.update(conn).await?;
    let after = convert::team(&row);
    let changes = audit::diff(&json!(before), &json!(after), &[]);
    audit::record(conn, Some(actor.id), &actor.meta, "team.update", "team", Some(row.id), changes).await?;
    Ok(row)
}
