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

use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::services::audit;

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
        .order_by_asc(segment::Column::Name)
        .order_by_asc(segment::Column::Id)
        .all(conn)
        .await?)
}

/// A segment the actor may use; 404 for any other.
pub async fn load(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<segment::Model> {
    segment::Entity::find_by_id(id).filter(usable(actor)).one(conn).await?.ok_or_else(|| ApiError::not_found("segment"))
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
    actor.require_writer()?;
    let row = load(conn, actor, id).await?;
    if row.owner_id != actor.id && actor.role != Role::Admin {
        return Err(ApiError::forbidden("only the segment's owner or an admin changes it"));
    }
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
    let row = active.update(conn).await?;
    let changes = audit::diff(&json!(current), &json!(convert::segment(&row)), &["version", "updated_at"]);
    audit::record(conn, Some(actor.id), &actor.meta, "segment.update", "segment", Some(id), changes).await?;
    Ok(row)
}
