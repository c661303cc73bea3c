//! Stage moves: by hand (with a reason, along the allowed transitions) and
//! by the lifecycle rules, each step kept in the stage history.

use chrono::{DateTime, Utc};
use kehu_domain::lifecycle;
use kehu_domain::validate;
use kehu_store::entities::{customer, stage_history};
use kehu_store::{convert, new_id, now};
use kehu_types::{LifecycleRule, LifecycleStage, StageChangeKind, StageChangeRequest, codes};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};
use serde_json::json;
use uuid::Uuid;

use super::access::{check_version, lock_visible};
use crate::http::actor::{Actor, RequestMeta};
use crate::http::error::{ApiError, ApiResult};
use crate::platform::audit;

/// One stage change for the history: who or which rule, why, and when.
pub(super) struct StageChange<'a> {
    kind: StageChangeKind,
    rule: Option<LifecycleRule>,
    note: &'a str,
    actor_id: Option<Uuid>,
    at: DateTime<Utc>,
}

impl<'a> StageChange<'a> {
    pub(super) fn manual(note: &'a str, actor_id: Option<Uuid>) -> Self {
        Self { kind: StageChangeKind::Manual, rule: None, note, actor_id, at: now() }
    }
}

pub(super) async fn record_stage(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    from: Option<LifecycleStage>,
    to: LifecycleStage,
    change: StageChange<'_>,
) -> ApiResult<stage_history::Model> {
    Ok(stage_history::ActiveModel {
        id: Set(new_id()),
        customer_id: Set(customer_id),
        from_stage: Set(from.map(|s| s.as_str().to_owned())),
        to_stage: Set(to.as_str().to_owned()),
        reason_kind: Set(change.kind.as_str().to_owned()),
        note: Set(change.note.to_owned()),
        actor_id: Set(change.actor_id),
        at: Set(change.at),
        rule: Set(change.rule.map(|r| r.as_str().to_owned())),
    }
    .insert(conn)
    .await?)
}

pub async fn change_stage(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    version: Option<i64>,
    request: &StageChangeRequest,
) -> ApiResult<(customer::Model, stage_history::Model)> {
    actor.require_writer()?;
    let note = validate::stage_reason(&request.reason).map_err(ApiError::validation)?;
    let row = lock_visible(conn, actor, id, false).await?;
    if let Some(version) = version {
        check_version(&row, version)?;
    }
    let from = convert::customer(&row).stage;
    if !lifecycle::can_move(from, request.stage) {
        let allowed = lifecycle::allowed_next(from).iter().map(|s| s.as_str().to_owned()).collect();
        return Err(ApiError::illegal_transition(
            codes::INVALID_STAGE_TRANSITION,
            format!("a customer cannot move from {from} to {}", request.stage),
            allowed,
        ));
    }
    let next_version = row.version + 1;
    let mut active = row.into_active_model();
    active.stage = Set(request.stage.as_str().to_owned());
    active.version = Set(next_version);
    active.updated_at = Set(now());
    let row = active.update(conn).await?;
    let history = record_stage(conn, id, Some(from), request.stage, StageChange::manual(&note, Some(actor.id))).await?;
    let change = json!({ "from": from, "to": request.stage, "reason": note });
    audit::record(conn, Some(actor.id), &actor.meta, "customer.stage_change", "customer", Some(id), change.clone())
        .await?;
    audit::emit(conn, "customer.stage_changed", "customer", id, change).await?;
    Ok((row, history))
}

/// Move a customer by automatic rules (a paid order, the inactivity sweep):
/// each step gets its history row naming the rule, and the whole move one
/// audit row and one event; `why` says what triggered it.
pub async fn move_by_rules(
    conn: &impl ConnectionTrait,
    row: customer::Model,
    moves: &[(LifecycleStage, LifecycleRule)],
    why: &str,
    at: DateTime<Utc>,
) -> ApiResult<customer::Model> {
    let Some((last, _)) = moves.last() else { return Ok(row) };
    let first = convert::customer(&row).stage;
    let (id, next_version) = (row.id, row.version + 1);
    let mut active = row.into_active_model();
    active.stage = Set(last.as_str().to_owned());
    active.version = Set(next_version);
    active.updated_at = Set(now());
    let row = active.update(conn).await?;
    let mut from = first;
    for (to, rule) in moves {
        let change = StageChange { kind: StageChangeKind::Rule, rule: Some(*rule), note: why, actor_id: None, at };
        record_stage(conn, id, Some(from), *to, change).await?;
        from = *to;
    }
    let rules: Vec<_> = moves.iter().map(|(_, rule)| rule.as_str()).collect();
    let change = json!({ "from": first, "to": last, "reason": why, "rules": rules });
    audit::record(conn, None, &RequestMeta::system(), "customer.stage_change", "customer", Some(id), change.clone())
        .await?;
    audit::emit(conn, "customer.stage_changed", "customer", id, change).await?;
    Ok(row)
}
