//! Sign-in, token refresh, sign-out, and the current user.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use kehu_store::convert;
use kehu_store::entities::user;
use kehu_types::{ChangePasswordRequest, LoginRequest, RefreshRequest, TokenPair, UpdateMe, User, codes};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::http::actor::{Actor, RequestMeta};
use crate::http::error::{ApiError, ApiResult};
use crate::identity::sessions::{self, Renewal, SignIn};
use crate::identity::{password, users};
use crate::state::AppState;

type State = web::Data<AppState>;

/// Sign in with email and password.
///
/// Returns a short-lived access token and a single-use refresh token. After 5
/// failed attempts for one account (or 30 from one address) within 15 minutes,
/// attempts are refused with 429 and `Retry-After`.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", operation_id = "login",
    request_body = LoginRequest, security(()),
    responses(
        (status = 200, description = "Signed in", body = TokenPair),
        (status = 401, description = "Wrong email or password (`invalid_credentials`)", body = kehu_types::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account is deactivated (`account_disabled`)", body = kehu_types::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts (`too_many_attempts`); see `Retry-After`", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(state: State, meta: RequestMeta, body: web::Json<LoginRequest>) -> ApiResult<web::Json<TokenPair>> {
    let email = body.email.trim().to_lowercase();
    let address = meta.ip.clone().unwrap_or_default();
    if let Some(seconds) = state.throttle.retry_after(&email, &address) {
        let mut error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            codes::TOO_MANY_ATTEMPTS,
            format!("too many failed sign-in attempts; try again in {seconds} seconds"),
        );
        error.retry_after = Some(seconds);
        return Err(error);
    }
    // An address with control characters cannot belong to any account (and
    // PostgreSQL would refuse to compare a NUL).
    let found = if kehu_domain::text::has_control_chars(&email) {
        None
    } else {
        user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(state.db.conn()).await?
    };
    let stored = found.as_ref().map_or_else(password::decoy_hash, |row| row.password_hash.clone());
    let matches = password::verify(body.password.clone(), stored).await && found.is_some();

    let txn = state.db.begin_write().await?;
    let account = found.filter(|_| matches);
    let outcome = sessions::sign_in(&*txn, &state, &meta, &email, &address, account).await?;
    txn.commit().await?;
    match outcome {
        SignIn::Refused => {
            Err(ApiError::new(StatusCode::UNAUTHORIZED, codes::INVALID_CREDENTIALS, "wrong email or password"))
        }
        SignIn::Deactivated => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            codes::ACCOUNT_DISABLED,
            "this account is deactivated; ask an administrator",
        )),
        SignIn::SignedIn { user_id, tokens } => {
            // The cached profile shows the sign-in before this one.
            state.actors.forget(user_id);
            Ok(web::Json(tokens))
        }
    }
}

fn invalid_refresh() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        codes::INVALID_REFRESH_TOKEN,
        "the refresh token is invalid, expired or revoked; sign in again",
    )
}

/// Exchange a refresh token for a new token pair.
///
/// The presented token is used up. Presenting an already-used token revokes
/// every token of its family (`refresh_token_reused`): both the thief and the
/// user must sign in again.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", operation_id = "refresh",
    request_body = RefreshRequest, security(()),
    responses(
        (status = 200, description = "New token pair", body = TokenPair),
        (status = 401, description = "Invalid, expired, revoked (`invalid_refresh_token`) or reused (`refresh_token_reused`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn refresh(
    state: State,
    meta: RequestMeta,
    body: web::Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenPair>> {
    let txn = state.db.begin_write().await?;
    match sessions::renew(&*txn, &state, &meta, &body.refresh_token).await? {
        Renewal::Invalid => Err(invalid_refresh()),
        Renewal::Reused => {
            txn.commit().await?;
            Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                codes::REFRESH_TOKEN_REUSED,
                "this refresh token was already used; every session from that sign-in has been ended",
            ))
        }
        Renewal::Renewed(pair) => {
            txn.commit().await?;
            Ok(web::Json(pair))
        }
    }
}

/// Sign out: revoke the refresh token and every token rotated from the same sign-in.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", operation_id = "logout",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out")))]
pub async fn logout(state: State, actor: Actor, body: web::Json<RefreshRequest>) -> ApiResult<HttpResponse> {
    let txn = state.db.begin_write().await?;
    sessions::sign_out(&*txn, &actor, &body.refresh_token).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", operation_id = "get_me",
    responses((status = 200, description = "The current user", body = User)))]
pub async fn me(actor: Actor) -> web::Json<User> {
    web::Json(actor.profile)
}

/// Change your own preferences: the time zone you read times in.
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", operation_id = "update_me",
    request_body = UpdateMe,
    responses((status = 200, description = "The current user", body = User)))]
pub async fn update_me(state: State, actor: Actor, body: web::Json<UpdateMe>) -> ApiResult<web::Json<User>> {
    let txn = state.db.begin_write().await?;
    let row = users::update_me(&*txn, &actor, &body).await?;
    txn.commit().await?;
    state.actors.forget(actor.id);
    Ok(web::Json(convert::user(&row)))
}

/// Change your own password. Ends every other session and returns a fresh token pair.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", operation_id = "change_password",
    request_body = ChangePasswordRequest,
    responses((status = 200, description = "Password changed; use the new tokens", body = TokenPair)))]
pub async fn change_password(
    state: State,
    actor: Actor,
    body: web::Json<ChangePasswordRequest>,
) -> ApiResult<web::Json<TokenPair>> {
    kehu_domain::validate::password("new_password", &body.new_password).map_err(ApiError::validation)?;
    let row =
        user::Entity::find_by_id(actor.id).one(state.db.conn()).await?.ok_or_else(|| ApiError::not_found("user"))?;
    if !password::verify(body.current_password.clone(), row.password_hash.clone()).await {
        return Err(ApiError::field(
            "current_password",
            kehu_types::field_codes::NOT_ALLOWED,
            "the current password is wrong",
        ));
    }
    let hash = password::hash(body.new_password.clone()).await?;
    let txn = state.db.begin_write().await?;
    let pair = sessions::change_password(&*txn, &state, &actor, row, hash).await?;
    txn.commit().await?;
    Ok(web::Json(pair))
}
