//! Ticket categories: an admin creates, renames, reorders, retires and
//! revives them, each write with its audit row in the caller's transaction.
//! Names are unique; a new category goes last unless given a position.

use kehu_store::entities::ticket_category;
use kehu_store::{convert, new_id, now};
use kehu_types::codes;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::platform::audit;

/// A change to a category, its fields already checked; `None` keeps a field.
pub struct CategoryChange {
    pub name: Option<String>,
    pub name_en: Option<Option<String>>,
    pub active: Option<bool>,
    pub position: Option<i32>,
}

async fn ensure_name_free(conn: &impl ConnectionTrait, name: &str, except: Option<Uuid>) -> ApiResult<()> {
    let mut query = ticket_category::Entity::find().filter(ticket_category::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(ticket_category::Column::Id.ne(id));
    }
    if query.count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::NAME_TAKEN, format!("a category named {name} already exists")));
    }
    Ok(())
}

/// Create a category from checked fields.
pub async fn create(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    name: String,
    name_en: Option<String>,
    position: Option<i32>,
) -> ApiResult<ticket_category::Model> {
    ensure_name_free(conn, &name, None).await?;
    let position = match position {
        Some(position) => position,
        None => {
            let last = ticket_category::Entity::find()
                .select_only()
                .column_as(ticket_category::Column::Position.max(), "max")
                .into_tuple::<Option<i32>>()
                .one(conn)
                .await?
                .flatten();
            last.unwrap_or(0).saturating_add(1)
        }
    };
    let at = now();
    let row = ticket_category::ActiveModel {
        id: Set(new_id()),
        name: Set(name),
        name_en: Set(name_en),
        active: Set(true),
        position: Set(position),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(conn)
    .await?;
    let created = convert::ticket_category(&row);
    let payload = serde_json::to_value(&created).unwrap_or_default();
    audit::record(
        conn,
        Some(actor.id),
        &actor.meta,
        "ticket_category.create",
        "ticket_category",
        Some(row.id),
        payload,
    )
    .await?;
    Ok(row)
}

/// Change a category.
pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    change: CategoryChange,
) -> ApiResult<ticket_category::Model> {
    let row = ticket_category::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| ApiError::not_found("ticket category"))?;
    if let Some(name) = &change.name {
        ensure_name_free(conn, name, Some(row.id)).await?;
    }
    let before = convert::ticket_category(&row);
    let mut active = row.into_active_model();
    if let Some(name) = change.name {
        active.name = Set(name);
    }
    if let Some(name_en) = change.name_en {
        active.name_en = Set(name_en);
    }
    if let Some(flag) = change.active {
        active.active = Set(flag);
    }
    if let Some(position) = change.position {
        active.position = Set(position);
    }
    active.updated_at = Set(now());
    let row = active.update(conn).await?;
    let after = convert::ticket_category(&row);
    let changes = audit::diff(&json!(before), &json!(after), &[]);
    audit::record(
        conn,
        Some(actor.id),
        &actor.meta,
        "ticket_category.update",
        "ticket_category",
        Some(row.id),
        changes,
    )
    .await?;
    Ok(row)
}
