//! Who may read or lock a customer, and a customer as a reader sees it:
//! the checks every write and read of the area starts with.

use kehu_store::convert;
use kehu_store::customers::Visibility;
use kehu_store::entities::customer;
use kehu_types::{Customer, Role};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
use uuid::Uuid;

use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};

/// What the actor may see.
pub fn visibility(actor: &Actor) -> Visibility {
    match actor.role {
        Role::Agent => Visibility::Agent { user_id: actor.id, team_id: actor.team_id },
        Role::Admin | Role::Manager | Role::Viewer => Visibility::All,
    }
}

/// Load a customer the actor may see; anything else is "not found" (a
/// forbidden record must not reveal that it exists).
pub async fn load_visible(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    include_deleted: bool,
) -> ApiResult<customer::Model> {
    customer::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|row| visibility(actor).allows(row) && (include_deleted || row.deleted_at.is_none()))
        .ok_or_else(|| ApiError::not_found("customer"))
}

/// Like `load_visible`, but takes the customer's row lock (PostgreSQL; SQLite
/// writes are serialised already and have no row locks, so none is sent), so
/// writes that read and then update a customer happen one at a time: the
/// version a client sent is still the stored one when the change is written,
/// and running sums and stages move from what the last write left.
pub async fn lock_visible(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    include_deleted: bool,
) -> ApiResult<customer::Model> {
    customer::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?
        .filter(|row| visibility(actor).allows(row) && (include_deleted || row.deleted_at.is_none()))
        .ok_or_else(|| ApiError::not_found("customer"))
}

/// Take the customer's lock (PostgreSQL row lock) without a visibility check,
/// for writes whose visibility was checked through another record.
pub async fn lock(conn: &impl ConnectionTrait, id: Uuid) -> ApiResult<customer::Model> {
    customer::Entity::find_by_id(id).lock_exclusive().one(conn).await?.ok_or_else(|| ApiError::not_found("customer"))
}

/// The wire form of a row as this actor may see it (contacts masked for viewers).
pub fn present(actor: &Actor, row: customer::Model) -> Customer {
    let mut customer = convert::into_customer(row);
    if actor.role == Role::Viewer {
        customer.emails = customer.emails.iter().map(|e| kehu_domain::mask::mask_email(e)).collect();
        customer.phones = customer.phones.iter().map(|p| kehu_domain::mask::mask_phone(p)).collect();
    }
    customer
}

/// 412 unless the client's version is the stored one.
pub fn check_version(row: &customer::Model, expected: i64) -> ApiResult<()> {
    ApiError::check_version("customer", row.version, expected)
}
