//! Users: creation (also used for the first admin), an admin's changes and
//! password resets with their audit rows, your own preferences, and the
//! checks that keep at least one active admin. Each write runs inside the
//! caller's transaction. Teams are in `teams`; the name rule is shared.

use kehu_domain::validate::{self, Errors};
use kehu_store::entities::{team, user};
use kehu_store::{convert, new_id, now};
use kehu_types::{CreateUser, Role, UpdateMe, UpdateUser, codes, field_codes};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::identity::{password, tokens};
use crate::platform::audit;

/// Validate and insert a user (the caller writes the audit row).
pub async fn create(conn: &impl ConnectionTrait, input: &CreateUser) -> ApiResult<user::Model> {
    let mut errors = Errors::default();
    let email = errors.email("email", &input.email);
    let name = errors.required_text("name", &input.name, NAME_MAX);
    errors.password("password", &input.password);
    errors.finish(()).map_err(ApiError::validation)?;
    if let Some(team_id) = input.team_id {
        ensure_team(conn, team_id, "team_id").await?;
    }
    if user::Entity::find().filter(user::Column::Email.eq(email.as_str())).count(conn).await? > 0 {
        return Err(ApiError::conflict(codes::EMAIL_TAKEN, format!("a user with email {email} already exists")));
    }
    let hash = password::hash(input.password.clone()).await?;
    let at = now();
    let row = user::ActiveModel {
        id: Set(new_id()),
        email: Set(email),
        name: Set(name),
        password_hash: Set(hash),
        role: Set(input.role.as_str().to_owned()),
        team_id: Set(input.team_id),
        active: Set(true),
        created_at: Set(at),
        updated_at: Set(at),
        last_login_at: Set(None),
        time_zone: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(row)
}

/// An admin adds a user: validated, inserted, audited.
pub async fn add(conn: &impl ConnectionTrait, actor: &Actor, input: &CreateUser) -> ApiResult<user::Model> {
    let row = create(conn, input).await?;
    let created = convert::user(&row);
    audit::record(
        conn,
        Some(actor.id),
        &actor.meta,
        "user.create",
        "user",
        Some(row.id),
        json!({ "email": created.email, "name": created.name, "role": created.role, "team_id": created.team_id }),
    )
    .await?;
    Ok(row)
}

/// An admin changes a user's name, role, team or active flag. Deactivating
/// ends the user's sessions; the last active admin can be neither demoted
/// nor deactivated (409).
pub async fn update(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    patch: &UpdateUser,
) -> ApiResult<user::Model> {
    let row = user::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("user"))?;
    let before = convert::user(&row);
    let loses_admin = before.role == Role::Admin
        && (patch.role.is_some_and(|role| role != Role::Admin) || patch.active == Some(false));
    if loses_admin && !other_admin_exists(conn, row.id).await? {
        return Err(ApiError::conflict(
            codes::CONFLICT,
            "Kehu needs at least one active admin; promote another user first",
        ));
    }
    let mut active = row.into_active_model();
    if let Some(name) = &patch.name {
        active.name = Set(self::name(name)?);
    }
    if let Some(role) = patch.role {
        active.role = Set(role.as_str().to_owned());
    }
    if let Some(team_id) = patch.team_id {
        if let Some(team_id) = team_id {
            ensure_team(conn, team_id, "team_id").await?;
        }
        active.team_id = Set(team_id);
    }
    if let Some(flag) = patch.active {
        active.active = Set(flag);
        if !flag {
            tokens::revoke_user(conn, id).await?;
        }
    }
    active.updated_at = Set(now());
    let row = active.update(conn).await?;
    let after = convert::user(&row);
    let changes = audit::diff(&json!(before), &json!(after), &[]);
    audit::record(conn, Some(actor.id), &actor.meta, "user.update", "user", Some(row.id), changes).await?;
    Ok(row)
}

/// An admin gives a user (`row`, read before the password was hashed) a new
/// password hash, which ends the user's sessions.
pub async fn reset_password(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    row: user::Model,
    hash: String,
) -> ApiResult<()> {
    let id = row.id;
    let mut active = row.into_active_model();
    active.password_hash = Set(hash);
    active.updated_at = Set(now());
    active.update(conn).await?;
    tokens::revoke_user(conn, id).await?;
    audit::record(conn, Some(actor.id), &actor.meta, "user.password_reset", "user", Some(id), json!({})).await?;
    Ok(())
}

/// Change your own preferences (any role): the time zone you read times in.
pub async fn update_me(conn: &impl ConnectionTrait, actor: &Actor, patch: &UpdateMe) -> ApiResult<user::Model> {
    let row = user::Entity::find_by_id(actor.id).one(conn).await?.ok_or_else(|| ApiError::not_found("user"))?;
    let mut active = row.clone().into_active_model();
    if let Some(zone) = &patch.time_zone {
        let zone = zone.as_deref().map(str::trim).filter(|z| !z.is_empty());
        if let Some(zone) = zone
            && zone.parse::<chrono_tz::Tz>().is_err()
        {
            return Err(ApiError::field(
                "time_zone",
                field_codes::INVALID_FORMAT,
                "must be an IANA time zone such as Asia/Shanghai",
            ));
        }
        active.time_zone = Set(zone.map(str::to_owned));
    }
    active.updated_at = Set(now());
    let updated = active.update(conn).await?;
    let changes = audit::diff(&json!({ "time_zone": row.time_zone }), &json!({ "time_zone": updated.time_zone }), &[]);
    audit::record(conn, Some(actor.id), &actor.meta, "user.preferences", "user", Some(actor.id), changes).await?;
    Ok(updated)
}

/// 422 on `field` unless the team exists.
pub async fn ensure_team(conn: &impl ConnectionTrait, team_id: Uuid, field: &str) -> ApiResult<()> {
    if team::Entity::find_by_id(team_id).one(conn).await?.is_none() {
        return Err(ApiError::field(field, field_codes::UNKNOWN_REFERENCE, "no team with this id"));
    }
    Ok(())
}

/// 422 on `field` unless the user exists and is active.
pub async fn ensure_active_user(conn: &impl ConnectionTrait, user_id: Uuid, field: &str) -> ApiResult<user::Model> {
    match user::Entity::find_by_id(user_id).one(conn).await? {
        Some(row) if row.active => Ok(row),
        _ => Err(ApiError::field(field, field_codes::UNKNOWN_REFERENCE, "no active user with this id")),
    }
}

/// An active user who may be accountable for a ticket: anyone but a viewer,
/// whose role cannot write a reply or move the ticket on.
pub async fn ensure_ticket_owner(conn: &impl ConnectionTrait, user_id: Uuid, field: &str) -> ApiResult<user::Model> {
    let row = ensure_active_user(conn, user_id, field).await?;
    if row.role == Role::Viewer.as_str() {
        return Err(ApiError::field(field, field_codes::NOT_ALLOWED, "a viewer is read-only and cannot own a ticket"));
    }
    Ok(row)
}

/// Whether another active admin than `except` exists.
pub async fn other_admin_exists(conn: &impl ConnectionTrait, except: Uuid) -> ApiResult<bool> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin.as_str()))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.ne(except))
        .count(conn)
        .await?
        > 0)
}

/// Longest name of a user or a team.
const NAME_MAX: usize = 100;

/// The name of a user or a team: required, at most 100 characters.
pub fn name(name: &str) -> ApiResult<String> {
    let mut errors = Errors::default();
    let clean = errors.required_text("name", name, NAME_MAX);
    errors.finish(clean).map_err(ApiError::validation)
}

pub fn team_description(description: Option<&str>) -> ApiResult<Option<String>> {
    let mut errors = Errors::default();
    let clean = errors.optional_body("description", description, 500);
    errors.finish(clean).map_err(ApiError::validation)
}

pub use validate::password as validate_password;
