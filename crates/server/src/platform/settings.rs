//! Settings groups kept in the database, one versioned JSON document each, so
//! every server instance reads the same thresholds. Anyone signed in reads
//! them; only admins change them. `read` and `write` are what a group's GET
//! and PUT answer, with the version as the `ETag`.

use actix_web::{HttpRequest, HttpResponse, web};
use kehu_domain::validate::Errors;
use kehu_store::entities::setting;
use kehu_store::now;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::http::preconditions::{etag, if_match};
use crate::platform::{audit, versioned};
use crate::state::AppState;

/// A group of settings: its key in the table, its defaults, its checks. Each
/// area implements it for the settings it owns.
pub trait SettingsGroup: Serialize + DeserializeOwned + Default {
    const KEY: &'static str;
    fn check(&self) -> Errors;
}

/// The group's settings and their version (0 while the defaults apply).
pub async fn load<T: SettingsGroup>(conn: &impl ConnectionTrait) -> ApiResult<(T, i64)> {
    let Some(row) = setting::Entity::find_by_id(T::KEY).one(conn).await? else {
        return Ok((T::default(), 0));
    };
    match serde_json::from_value(row.value) {
        Ok(value) => Ok((value, row.version)),
        Err(error) => {
            // Stored by an older release with other fields: fall back, loudly.
            tracing::warn!(key = T::KEY, %error, "unreadable settings; using the defaults");
            Ok((T::default(), row.version))
        }
    }
}

/// Replace the group's settings (admins only); with `expected`, 412 unless
/// it is the stored version. Returns the new version.
pub async fn save<T: SettingsGroup>(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    value: &T,
    expected: Option<i64>,
) -> ApiResult<i64> {
    actor.require_admin()?;
    value.check().finish(()).map_err(ApiError::validation)?;
    let stored = setting::Entity::find_by_id(T::KEY).one(conn).await?;
    let version = stored.as_ref().map_or(0, |row| row.version);
    if let Some(expected) = expected {
        ApiError::check_version("settings", version, expected)?;
    }
    let (before, after) = (stored.as_ref().map(|row| row.value.clone()), json!(value));
    match stored {
        Some(row) => {
            let mut active = row.into_active_model();
            active.value = Set(after.clone());
            active.version = Set(version + 1);
            active.updated_by = Set(Some(actor.id));
            active.updated_at = Set(now());
            versioned::update(conn, active, setting::Column::Version, version, "settings").await?;
        }
        None => {
            setting::ActiveModel {
                key: Set(T::KEY.to_owned()),
                value: Set(after.clone()),
                version: Set(1),
                updated_by: Set(Some(actor.id)),
                updated_at: Set(now()),
            }
            .insert(conn)
            .await?;
        }
    }
    let before = before.unwrap_or_else(|| json!(T::default()));
    let changes = json!({ "key": T::KEY, "changes": audit::diff(&before, &after, &[]) });
    audit::record(conn, Some(actor.id), &actor.meta, "settings.update", "settings", None, changes).await?;
    Ok(version + 1)
}

/// The answer of a settings group's GET: the settings, their version as the `ETag`.
pub async fn read<T: SettingsGroup>(state: &web::Data<AppState>) -> ApiResult<HttpResponse> {
    let (settings, version) = load::<T>(state.db.conn()).await?;
    Ok(HttpResponse::Ok().insert_header(etag(version)).json(settings))
}

/// The answer of a settings group's PUT: saved over the `If-Match` version
/// when one is sent, answered with the new version as the `ETag`.
pub async fn write<T: SettingsGroup>(
    state: &web::Data<AppState>,
    actor: &Actor,
    request: &HttpRequest,
    body: &T,
) -> ApiResult<HttpResponse> {
    let expected = if_match(request)?;
    let txn = state.db.begin_write().await?;
    let version = save(&*txn, actor, body, expected).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().insert_header(etag(version)).json(body))
}
