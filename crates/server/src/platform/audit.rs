//! Audit rows and outbox events, written inside the caller's transaction.

use kehu_store::entities::{audit_log, outbox_event};
use kehu_store::{new_id, now};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::http::actor::RequestMeta;

/// Record that `actor_id` did `action` to an entity.
pub async fn record(
    conn: &impl ConnectionTrait,
    actor_id: Option<Uuid>,
    meta: &RequestMeta,
    action: &str,
    entity_type: &str,
    entity_id: Option<Uuid>,
    changes: Value,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        id: Set(new_id()),
        actor_id: Set(actor_id),
        action: Set(action.to_owned()),
        entity_type: Set(entity_type.to_owned()),
        entity_id: Set(entity_id),
        changes: Set(scrub(changes)),
        request_id: Set(meta.request_id.clone()),
        ip: Set(meta.ip.clone()),
        at: Set(now()),
    }
    .insert(conn)
    .await
    .map(|_| ())
}

/// Audit rows record what was sent, including hostile input (a failed login's
/// email); NUL characters are dropped because PostgreSQL's jsonb cannot hold them.
fn scrub(value: Value) -> Value {
    match value {
        Value::String(text) if text.contains('\0') => Value::String(text.replace('\0', "")),
        Value::Array(items) => Value::Array(items.into_iter().map(scrub).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(key, item)| (key.replace('\0', ""), scrub(item))).collect())
        }
        other => other,
    }
}

/// Append a domain event for the consumers of later capabilities (journeys,
/// surveys, webhooks).
pub async fn emit(
    conn: &impl ConnectionTrait,
    event_type: &str,
    entity_type: &str,
    entity_id: Uuid,
    payload: Value,
) -> Result<(), DbErr> {
    outbox_event::ActiveModel {
        id: Set(new_id()),
        event_type: Set(event_type.to_owned()),
        entity_type: Set(entity_type.to_owned()),
        entity_id: Set(entity_id),
        payload: Set(payload),
        created_at: Set(now()),
        processed_at: Set(None),
    }
    .insert(conn)
    .await
    .map(|_| ())
}

/// The top-level fields that differ, as `{field: {from, to}}`; fields named in
/// `skip` (bookkeeping like `version`) are left out.
pub fn diff(before: &Value, after: &Value, skip: &[&str]) -> Value {
    let empty = Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let after = after.as_object().unwrap_or(&empty);
    let mut changes = Map::new();
    for (field, new) in after {
        let old = before.get(field).unwrap_or(&Value::Null);
        if old != new && !skip.contains(&field.as_str()) {
            changes.insert(field.clone(), json!({ "from": old, "to": new }));
        }
    }
    Value::Object(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_drops_nul_characters_at_any_depth() {
        assert_eq!(scrub(json!({"email": "a\0b", "list": ["\0x"]})), json!({"email": "ab", "list": ["x"]}));
    }

    #[test]
    fn diff_lists_only_changed_fields() {
        let before = json!({"name": "李明华", "region": null, "version": 1});
        let after = json!({"name": "李明华", "region": "华东", "version": 2});
        assert_eq!(diff(&before, &after, &["version"]), json!({"region": {"from": null, "to": "华东"}}));
    }
}
