//! Writing a versioned record only over the version it was read at.
//!
//! A change reads a record, checks the client's `If-Match` against its
//! version, and writes it back with the version raised by one. On PostgreSQL
//! two such changes can read the same version at once; written by id alone,
//! the second would silently replace the first. Written with the version read
//! as a condition, the second matches no row and is refused with 412. (SQLite
//! lets one writer in at a time, so there the condition always holds.)

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter};

use crate::http::error::{ApiError, ApiResult};

type Model<A> = <<A as ActiveModelTrait>::Entity as EntityTrait>::Model;

/// Write `active`, whose version the change raised from `read`, only if the
/// stored version is still `read`. `what` names the record in the 412.
pub async fn update<A>(
    conn: &impl ConnectionTrait,
    active: A,
    version: <A::Entity as EntityTrait>::Column,
    read: i64,
    what: &str,
) -> ApiResult<Model<A>>
where
    A: ActiveModelTrait,
    Model<A>: IntoActiveModel<A>,
{
    let update = A::Entity::update(active).validate()?.filter(version.eq(read));
    match update.exec(conn).await {
        Err(DbErr::RecordNotUpdated) => Err(ApiError::changed_meanwhile(what)),
        written => Ok(written?),
    }
}
