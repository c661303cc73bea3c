//! Users: anyone signed in may list them (owner pickers); only admins change them.

use actix_web::{HttpResponse, web};
use kehu_store::convert;
use kehu_store::entities::user;
use kehu_types::{CreateUser, ResetPasswordRequest, UpdateUser, User, UserPage};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::params::{IdPath, PageParams, Paging, next_id_cursor};
use crate::identity::password;
use crate::identity::users;
use crate::state::AppState;

type State = web::Data<AppState>;

/// List users, oldest first.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", operation_id = "list_users",
    params(PageParams),
    responses((status = 200, description = "A page of users", body = UserPage)))]
pub async fn list(state: State, _actor: Actor, page: web::Query<PageParams>) -> ApiResult<web::Json<UserPage>> {
    let limit = page.limit()?;
    let mut select = user::Entity::find().order_by_asc(user::Column::Id);
    if let Some(after) = page.cursor_id()? {
        select = select.filter(user::Column::Id.gt(after));
    }
    let mut rows = select.limit(limit + 1).all(state.db.conn()).await?;
    let next = next_id_cursor(&mut rows, limit, |row| row.id);
    Ok(web::Json(UserPage { items: rows.iter().map(convert::user).collect(), next_cursor: next, total: None }))
}

/// Create a user (admin only).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", operation_id = "create_user",
    request_body = CreateUser,
    responses(
        (status = 201, description = "Created", body = User),
        (status = 409, description = "The email is taken (`email_taken`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(state: State, actor: Actor, body: web::Json<CreateUser>) -> ApiResult<HttpResponse> {
    actor.require_admin()?;
    let txn = state.db.begin_write().await?;
    let row = users::add(&*txn, &actor, &body).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(convert::user(&row)))
}

/// One user.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", operation_id = "get_user",
    params(IdPath), responses((status = 200, description = "The user", body = User)))]
pub async fn get(state: State, _actor: Actor, path: web::Path<IdPath>) -> ApiResult<web::Json<User>> {
    let row =
        user::Entity::find_by_id(path.id).one(state.db.conn()).await?.ok_or_else(|| ApiError::not_found("user"))?;
    Ok(web::Json(convert::user(&row)))
}

async fn find(state: &AppState, id: Uuid) -> ApiResult<user::Model> {
    user::Entity::find_by_id(id).one(state.db.conn()).await?.ok_or_else(|| ApiError::not_found("user"))
}

/// Change a user's name, role, team or active flag (admin only).
///
/// Deactivating ends the user's sessions. The last active admin can be neither
/// demoted nor deactivated (`conflict`).
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", operation_id = "update_user",
    params(IdPath), request_body = UpdateUser,
    responses(
        (status = 200, description = "Updated", body = User),
        (status = 409, description = "Would leave no active admin (`conflict`)", body = kehu_types::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<UpdateUser>,
) -> ApiResult<web::Json<User>> {
    actor.require_admin()?;
    let txn = state.db.begin_write().await?;
    let row = users::update(&*txn, &actor, path.id, &body).await?;
    txn.commit().await?;
    state.actors.forget(row.id);
    Ok(web::Json(convert::user(&row)))
}

/// Set a new password for a user and end their sessions (admin only).
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", operation_id = "reset_user_password",
    params(IdPath), request_body = ResetPasswordRequest,
    responses((status = 204, description = "Password reset")))]
pub async fn reset_password(
    state: State,
    actor: Actor,
    path: web::Path<IdPath>,
    body: web::Json<ResetPasswordRequest>,
) -> ApiResult<HttpResponse> {
    actor.require_admin()?;
    users::validate_password("new_password", &body.new_password).map_err(ApiError::validation)?;
    let row = find(&state, path.id).await?;
    let hash = password::hash(body.new_password.clone()).await?;
    let txn = state.db.begin_write().await?;
    users::reset_password(&*txn, &actor, row, hash).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
