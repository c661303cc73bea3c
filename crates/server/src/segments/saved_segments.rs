//! Saved segments: anyone who may write saves filters; a segment is private
//! to its owner unless shared; only its owner and admins change it.

use kehu_domain::validate::Errors;
use kehu_store::entities::segment;
use kehu_store::{convert, new_id, now};
use kehu_types::{CreateSegment, Role, SegmentFilter, UpdateSegment};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use sea_orm::{QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::platform::{audit, versioned};

const NAME_MAX: usize = 100;

/// Segments the actor may use: their own and the shared ones (admins: all).
fn usable(actor: &Actor) -> Condition {
    if actor.role == Role::Admin {
        return Condition::all();
    }
    Condition::any().add(segment::Column::OwnerId.eq(actor.id)).add(segment::Column::Shared.eq(true))
}

pub async fn list(conn: &impl ConnectionTrait, actor: &Actor) -> ApiResult<Vec<segment::Model>> {
    Ok(segment::Entity::find()
        .filter(usable(actor))
        .filter(segment::Column::DeletedAt.is_null())
        .order_by_asc(segment::Column::Name)
        .order_by_asc(segment::Column::Id)
        .all(conn)
        .await?)
}

/// A segment the actor may use; 404 for any other, and for one in the trash.
pub async fn load(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<segment::Model> {
    load_any(conn, actor, id, false).await
}

async fn load_any(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid, trashed: bool) -> ApiResult<segment::Model> {
    let in_trash =
        if trashed { segment::Column::DeletedAt.is_not_null() } else { segment::Column::DeletedAt.is_null() };
    let found = segment::Entity::find_by_id(id).filter(usable(actor)).filter(in_trash).one(conn).await?;
    found.ok_or_else(|| ApiError::not_found("segment"))
}

/// A segment the actor may change: their own, or any for admins.
async fn load_own(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid, trashed: bool) -> ApiResult<segment::Model> {
    actor.require_writer()?;
    let row = load_any(conn, actor, id, trashed).await?;
    if row.owner_id != actor.id && actor.role != Role::Admin {
        return Err(ApiError::forbidden("only the segment's owner or an admin changes it"));
    }
    Ok(row)
}

fn checked(name: &str, filter: &SegmentFilter) -> ApiResult<String> {
    let mut errors = Errors::default();
    let name = errors.required_text("name", name, NAME_MAX);
    errors.0.extend(kehu_domain::segments::check(filter).0);
    errors.finish(name).map_err(ApiError::validation)
}

pub async fn create(conn: &impl ConnectionTrait, actor: &Actor, input: &CreateSegment) -> ApiResult<segment::Model> {
    actor.require_writer()?;
    let name = checked(&input.name, &input.filter)?;
    let at = now();
    let row = segment::ActiveModel {
        id: Set(new_id()),
        name: Set(name),
        filter: Set(json!(input.filter)),
        shared: Set(input.shared),
        owner_id: Set(actor.id),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
        deleted_at: Set(None),
    }
    .insert(conn)
    .await?;
    let record = json!(convert::segment(&row));
    audit::record(conn, Some(actor.id), &actor.meta, "segment.create", "segment", Some(row.id), record).await?;
    Ok(row)
}

pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    patch: &UpdateSegment,
) -> ApiResult<segment::Model> {
    let row = load_own(conn, actor, id, false).await?;
    if let Some(version) = version {
        ApiError::check_version("segment", row.version, version)?;
    }
    let current = convert::segment(&row);
    let filter = patch.filter.clone().unwrap_or(current.filter.clone());
    let name = checked(patch.name.as_deref().unwrap_or(&current.name), &filter)?;
    let next_version = row.version + 1;
    let mut active = row.into_active_model();
    active.name = Set(name);
    active.filter = Set(json!(filter));
    active.shared = Set(patch.shared.unwrap_or(current.shared));
    active.version = Set(next_version);
    active.updated_at = Set(now());
    let row = versioned::update(conn, active, segment::Column::Version, next_version - 1, "segment").await?;
    let changes = audit::diff(&json!(current), &json!(convert::segment(&row)), &["version", "updated_at"]);
    audit::record(conn, Some(actor.id), &actor.meta, "segment.update", "segment", Some(id), changes).await?;
    Ok(row)
}

/// Move a segment to the trash (`deleted`) or bring it back. Its owner or an
/// admin only; the members of a segment in the trash are a 404.
pub async fn set_deleted(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    deleted: bool,
) -> ApiResult<segment::Model> {
    let row = load_own(conn, actor, id, !deleted).await?;
    if let Some(version) = version {
        ApiError::check_version("segment", row.version, version)?;
    }
    let next_version = row.version + 1;
    let at = now();
    let mut active = row.into_active_model();
    active.deleted_at = Set(deleted.then_some(at));
    active.version = Set(next_version);
    active.updated_at = Set(at);
    let row = versioned::update(conn, active, segment::Column::Version, next_version - 1, "segment").await?;
    let action = if deleted { "segment.delete" } else { "segment.restore" };
    audit::record(conn, Some(actor.id), &actor.meta, action, "segment", Some(id), json!({ "name": row.name })).await?;
    Ok(row)
}
