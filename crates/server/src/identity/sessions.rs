//! Sessions: signing in, renewing tokens, signing out and changing your own
//! password. Each runs inside the caller's transaction and writes the user,
//! the refresh tokens and the audit row together. Passwords are checked and
//! hashed before the transaction opens (both take a while on purpose), so the
//! caller hands in what it found.

use kehu_store::entities::user;
use kehu_store::now;
use kehu_types::TokenPair;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::{Actor, RequestMeta};
use crate::http::error::ApiResult;
use crate::identity::tokens;
use crate::platform::audit;
use crate::state::AppState;

/// How a sign-in ended. Each outcome is recorded, so the caller commits
/// before it answers.
pub enum SignIn {
    /// No account has this email, or the password is wrong.
    Refused,
    /// The account exists but is deactivated.
    Deactivated,
    SignedIn {
        user_id: Uuid,
        tokens: TokenPair,
    },
}

/// Sign in as `account`: the user whose email was given, when the password
/// matched. Failed attempts count towards the login throttle and a success
/// clears it.
pub async fn sign_in(
    conn: &impl ConnectionTrait,
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
    address: &str,
    account: Option<user::Model>,
) -> ApiResult<SignIn> {
    let Some(row) = account else {
        state.throttle.record_failure(email, address);
        audit::record(conn, None, meta, "auth.login_failed", "user", None, json!({ "email": email })).await?;
        return Ok(SignIn::Refused);
    };
    if !row.active {
        audit::record(
            conn,
            Some(row.id),
            meta,
            "auth.login_refused",
            "user",
            Some(row.id),
            json!({ "reason": "deactivated" }),
        )
        .await?;
        return Ok(SignIn::Deactivated);
    }
    state.throttle.record_success(email);
    let user_id = row.id;
    let mut active = row.into_active_model();
    active.last_login_at = Set(Some(now()));
    active.update(conn).await?;
    let pair = tokens::issue(conn, state, user_id, None).await?;
    audit::record(conn, Some(user_id), meta, "auth.login", "user", Some(user_id), json!({})).await?;
    Ok(SignIn::SignedIn { user_id, tokens: pair })
}

/// How presenting a refresh token ended.
pub enum Renewal {
    /// Unknown, revoked, expired, or its user is deactivated: nothing is
    /// kept, so the caller rolls back.
    Invalid,
    /// Already used: its whole family is revoked and that is recorded, so the
    /// caller commits before it answers.
    Reused,
    Renewed(TokenPair),
}

/// Use up a refresh token for a new token pair in the same family.
pub async fn renew(
    conn: &impl ConnectionTrait,
    state: &AppState,
    meta: &RequestMeta,
    token: &str,
) -> ApiResult<Renewal> {
    let Some(row) = tokens::find(conn, token).await? else { return Ok(Renewal::Invalid) };
    if row.revoked_at.is_some() {
        return Ok(Renewal::Invalid);
    }
    if row.used_at.is_some() || !tokens::mark_used(conn, row.id).await? {
        tokens::revoke_family(conn, row.family_id).await?;
        audit::record(
            conn,
            Some(row.user_id),
            meta,
            "auth.refresh_reused",
            "user",
            Some(row.user_id),
            json!({ "family_id": row.family_id }),
        )
        .await?;
        return Ok(Renewal::Reused);
    }
    if row.expires_at <= now() {
        return Ok(Renewal::Invalid);
    }
    let active = user::Entity::find_by_id(row.user_id).one(conn).await?.is_some_and(|u| u.active);
    if !active {
        return Ok(Renewal::Invalid);
    }
    Ok(Renewal::Renewed(tokens::issue(conn, state, row.user_id, Some(row.family_id)).await?))
}

/// Sign out: revoke the actor's refresh token and every token rotated from
/// the same sign-in (a token of someone else is left alone).
pub async fn sign_out(conn: &impl ConnectionTrait, actor: &Actor, token: &str) -> ApiResult<()> {
    if let Some(row) = tokens::find(conn, token).await?.filter(|row| row.user_id == actor.id) {
        tokens::revoke_family(conn, row.family_id).await?;
    }
    audit::record(conn, Some(actor.id), &actor.meta, "auth.logout", "user", Some(actor.id), json!({})).await?;
    Ok(())
}

/// Give the actor's account (`row`, read before the new password was hashed)
/// the new hash, end every session, and start a new one.
pub async fn change_password(
    conn: &impl ConnectionTrait,
    state: &AppState,
    actor: &Actor,
    row: user::Model,
    hash: String,
) -> ApiResult<TokenPair> {
    let mut active = row.into_active_model();
    active.password_hash = Set(hash);
    active.updated_at = Set(now());
    active.update(conn).await?;
    tokens::revoke_user(conn, actor.id).await?;
    let pair = tokens::issue(conn, state, actor.id, None).await?;
    audit::record(conn, Some(actor.id), &actor.meta, "auth.password_changed", "user", Some(actor.id), json!({}))
        .await?;
    Ok(pair)
}
