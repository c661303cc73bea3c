//! Refresh tokens: random, stored only as a SHA-256 hash, single use. Each use
//! rotates to a new token in the same family; presenting a used token again
//! means it was stolen (or replayed), so the whole family is revoked.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use kehu_store::entities::refresh_token;
use kehu_store::{new_id, now};
use kehu_types::TokenPair;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::http::error::{ApiError, ApiResult};
use crate::state::AppState;

pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Issue an access token and a refresh token in `family` (a new family if none).
pub async fn issue(
    conn: &impl ConnectionTrait,
    state: &AppState,
    user_id: Uuid,
    family: Option<Uuid>,
) -> ApiResult<TokenPair> {
    let refresh = random_token();
    let created = now();
    refresh_token::ActiveModel {
        id: Set(new_id()),
        user_id: Set(user_id),
        family_id: Set(family.unwrap_or_else(new_id)),
        token_hash: Set(hash_token(&refresh)),
        created_at: Set(created),
        expires_at: Set(created + Duration::days(state.config.refresh_token_ttl_days as i64)),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(conn)
    .await?;
    let access = state.jwt.issue(user_id).map_err(ApiError::internal)?;
    Ok(TokenPair {
        access_token: access,
        refresh_token: refresh,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl_secs,
    })
}

/// Find the stored row of a presented refresh token.
pub async fn find(conn: &impl ConnectionTrait, token: &str) -> ApiResult<Option<refresh_token::Model>> {
    Ok(refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(hash_token(token))).one(conn).await?)
}

pub async fn revoke_family(conn: &impl ConnectionTrait, family_id: Uuid) -> ApiResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now()))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// End every session of a user (deactivation, password change or reset).
pub async fn revoke_user(conn: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Mark a token used, only if nobody used it first; `false` means it was
/// already used (a concurrent or replayed refresh).
pub async fn mark_used(conn: &impl ConnectionTrait, id: Uuid) -> ApiResult<bool> {
    let result = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now()))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}
