//! The audit log, for admins.

use actix_web::web;
use chrono::{DateTime, Utc};
use kehu_store::convert;
use kehu_store::cursor::{Cursor, finish_page, older_than};
use kehu_store::entities::audit_log;
use kehu_types::{AuditPage, AuditQuery};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{decode_cursor, page_limit};
use crate::state::AppState;

/// Search the audit log, newest first (admin only).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", operation_id = "list_audit_entries",
    params(AuditQuery),
    responses((status = 200, description = "A page of audit rows", body = AuditPage)))]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    params: web::Query<AuditQuery>,
) -> ApiResult<web::Json<AuditPage>> {
    actor.require_admin()?;
    let limit = page_limit(params.limit)?;
    let mut condition = Condition::all();
    if let Some(value) = params.actor_id {
        condition = condition.add(audit_log::Column::ActorId.eq(value));
    }
    if let Some(value) = &params.action {
        condition = condition.add(audit_log::Column::Action.eq(value.as_str()));
    }
    if let Some(value) = &params.entity_type {
        condition = condition.add(audit_log::Column::EntityType.eq(value.as_str()));
    }
    if let Some(value) = params.entity_id {
        condition = condition.add(audit_log::Column::EntityId.eq(value));
    }
    if let Some(value) = params.from {
        condition = condition.add(audit_log::Column::At.gte(value));
    }
    if let Some(value) = params.to {
        condition = condition.add(audit_log::Column::At.lt(value));
    }
    if let Some(cursor) = decode_cursor(params.cursor.as_deref())? {
        let at = cursor.key_as::<DateTime<Utc>>().map_err(|e| ApiError::bad_query(e.to_string()))?;
        condition = condition.add(older_than(audit_log::Column::At, audit_log::Column::Id, at, cursor.id));
    }
    let mut rows = audit_log::Entity::find()
        .filter(condition)
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit + 1)
        .all(state.db.conn())
        .await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(row.at, row.id));
    Ok(web::Json(AuditPage { items: rows.iter().map(convert::audit).collect(), next_cursor: next, total: None }))
}
