//! `Idempotency-Key` on creates: the first response is stored with the key, in
//! the same transaction as the record; a retry with the same key and the same
//! request gets that response again and creates nothing.

use actix_web::HttpRequest;
use kehu_store::entities::idempotency_key;
use kehu_store::{new_id, now};
use kehu_types::{codes, field_codes};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::http::error::{ApiError, ApiResult};

const HEADER: &str = "idempotency-key";

/// The key sent with a request, if any, checked for shape.
fn key_of(request: &HttpRequest) -> ApiResult<Option<String>> {
    let Some(value) = request.headers().get(HEADER) else { return Ok(None) };
    let key = value.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > 200 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::new(
            actix_web::http::StatusCode::BAD_REQUEST,
            codes::INVALID_BODY,
            "Idempotency-Key must be 1–200 visible ASCII characters",
        ));
    }
    Ok(Some(key.to_owned()))
}

/// Fingerprint of what was asked, so a key reused for another request is refused.
fn fingerprint(path: &str, body: &impl serde::Serialize) -> String {
    let mut hasher = Sha256::new();
    hasher.update(path.as_bytes());
    hasher.update(serde_json::to_vec(body).unwrap_or_default());
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The stored response for this key, if the request was seen before.
async fn replay(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    fingerprint: &str,
) -> ApiResult<Option<(u16, Value)>> {
    let found = idempotency_key::Entity::find()
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::Key.eq(key))
        .one(conn)
        .await?;
    match found {
        None => Ok(None),
        Some(row) if row.request_hash == fingerprint => Ok(Some((row.response_status as u16, row.response_body))),
        Some(_) => Err(ApiError::field(
            "Idempotency-Key",
            field_codes::DUPLICATE,
            "this key was already used for a different request; use a new key",
        )
        .with_code(codes::IDEMPOTENCY_KEY_REUSED)),
    }
}

async fn remember(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    key: &str,
    fingerprint: &str,
    status: u16,
    body: Value,
) -> ApiResult<()> {
    idempotency_key::ActiveModel {
        id: Set(new_id()),
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        request_hash: Set(fingerprint.to_owned()),
        response_status: Set(i32::from(status)),
        response_body: Set(body),
        created_at: Set(now()),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The stored response of a replayed create, marked as a replay.
fn replayed(status: u16, stored: Value) -> actix_web::HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(status).unwrap_or(actix_web::http::StatusCode::CREATED);
    let version = stored.get("version").and_then(Value::as_i64).unwrap_or(1);
    actix_web::HttpResponse::build(status)
        .insert_header(crate::http::preconditions::etag(version))
        .insert_header(("idempotent-replayed", "true"))
        .json(stored)
}

/// One create request's idempotency: its key (if sent) and what it asked for.
pub struct Once {
    key: Option<String>,
    fingerprint: String,
    user_id: Uuid,
}

impl Once {
    pub fn of(request: &HttpRequest, user_id: Uuid, body: &impl serde::Serialize) -> ApiResult<Self> {
        Ok(Self { key: key_of(request)?, fingerprint: fingerprint(request.path(), body), user_id })
    }

    /// The first response again, when this request was seen before.
    pub async fn replay(&self, conn: &impl ConnectionTrait) -> ApiResult<Option<actix_web::HttpResponse>> {
        let Some(key) = &self.key else { return Ok(None) };
        Ok(replay(conn, self.user_id, key, &self.fingerprint).await?.map(|(status, stored)| replayed(status, stored)))
    }

    /// Keep the created record as the answer to retries (same transaction).
    pub async fn remember(&self, conn: &impl ConnectionTrait, created: &impl serde::Serialize) -> ApiResult<()> {
        let Some(key) = &self.key else { return Ok(()) };
        let stored = serde_json::to_value(created).unwrap_or_default();
        remember(conn, self.user_id, key, &self.fingerprint, 201, stored).await
    }
}
