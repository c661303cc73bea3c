//! Business calendars beyond the SLA clocks: which one is the business's
//! default.

use kehu_store::entities::business_calendar;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::error::ApiResult;

/// The default business calendar: the first one created, which is the
/// standard calendar installed with the database (calendars are never
/// deleted). Its zone is the business's zone for work that belongs to no
/// ticket, such as the daily job. `None` only on a database without any.
pub async fn default_calendar(conn: &impl ConnectionTrait) -> ApiResult<Option<business_calendar::Model>> {
    Ok(business_calendar::Entity::find()
        .order_by_asc(business_calendar::Column::CreatedAt)
        .order_by_asc(business_calendar::Column::Id)
        .one(conn)
        .await?)
}
