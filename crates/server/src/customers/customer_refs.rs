//! How requests name a customer: by Kehu's id or by their id in another
//! system, resolved the same way for every write and lookup, so a hidden
//! customer answers exactly as an unknown one.

use kehu_store::entities::customer;
use kehu_types::{ExternalCustomerRef, field_codes};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::service::{load_visible, lock_visible, visibility};
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};

/// The customer (not in the trash) with this id in another system.
async fn external_holder(
    conn: &impl ConnectionTrait,
    reference: &ExternalCustomerRef,
) -> ApiResult<Option<customer::Model>> {
    Ok(customer::Entity::find()
        .filter(customer::Column::ExternalSource.eq(reference.source.trim()))
        .filter(customer::Column::ExternalId.eq(reference.external_id.trim()))
        .filter(customer::Column::DeletedAt.is_null())
        .one(conn)
        .await?)
}

/// The customer with this id in another system, if visible to `actor`.
pub async fn find_by_external_id(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    reference: &ExternalCustomerRef,
) -> ApiResult<customer::Model> {
    external_holder(conn, reference)
        .await?
        .filter(|row| visibility(actor).allows(row))
        .ok_or_else(|| ApiError::not_found("customer"))
}

/// How a write names its customer: by Kehu's id or by their id in another
/// system (`customer: {source, external_id}`).
#[derive(Clone, Copy)]
pub struct CustomerReference<'a> {
    pub customer_id: Option<Uuid>,
    pub customer: Option<&'a ExternalCustomerRef>,
}

/// The customer a write names, visible to `actor` and not in the trash, with
/// its row lock when `lock` (writes that read and then change its sums).
/// Exactly one of the two names must be given. An unknown customer and one
/// hidden from the actor get the same 422 on the field the caller used, so
/// the answer never tells that a hidden customer exists.
pub async fn resolve(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    reference: CustomerReference<'_>,
    lock: bool,
) -> ApiResult<customer::Model> {
    let (field, id) = match (reference.customer_id, reference.customer) {
        (Some(id), None) => ("customer_id", Some(id)),
        (None, Some(external)) => ("customer", external_holder(conn, external).await?.map(|row| row.id)),
        (None, None) => {
            return Err(ApiError::field(
                "customer_id",
                field_codes::REQUIRED,
                "name the customer by customer_id or customer",
            ));
        }
        (Some(_), Some(_)) => {
            return Err(ApiError::field(
                "customer_id",
                field_codes::NOT_ALLOWED,
                "name the customer by customer_id or by customer, not both",
            ));
        }
    };
    let unknown = || ApiError::field(field, field_codes::UNKNOWN_REFERENCE, "no such customer visible to you");
    let Some(id) = id else { return Err(unknown()) };
    let found =
        if lock { lock_visible(conn, actor, id, false).await } else { load_visible(conn, actor, id, false).await };
    found.map_err(|_| unknown())
}
