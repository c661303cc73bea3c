//! Order queries shared by the order API, the loyalty tiers and the customer
//! timeline.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use kehu_types::OrderStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use uuid::Uuid;

use crate::entities::{order, order_item};

/// The query of the lines of the given orders, in order.
pub fn items_query(order_ids: &[Uuid]) -> Select<order_item::Entity> {
    order_item::Entity::find()
        .filter(order_item::Column::OrderId.is_in(order_ids.to_vec()))
        .order_by_asc(order_item::Column::Position)
}

/// The lines of the given orders, in order, grouped by order, in one query.
pub async fn items_of(
    conn: &impl ConnectionTrait,
    order_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<order_item::Model>>, DbErr> {
    let rows = items_query(order_ids).all(conn).await?;
    let mut grouped: HashMap<Uuid, Vec<order_item::Model>> = HashMap::new();
    for row in rows {
        grouped.entry(row.order_id).or_default().push(row);
    }
    Ok(grouped)
}

/// Net spend of the customer's paid orders over the 12 months before `at`.
pub async fn spend_12m(conn: &impl ConnectionTrait, customer_id: Uuid, at: DateTime<Utc>) -> Result<i64, DbErr> {
    let paid = [OrderStatus::Paid.as_str(), OrderStatus::PartiallyRefunded.as_str()];
    let sum: Option<i64> = order::Entity::find()
        .select_only()
        // PostgreSQL sums bigints as numeric: cast back for one reading on both.
        .column_as(Expr::cust("CAST(COALESCE(SUM(total - refunded), 0) AS BIGINT)"), "spend")
        .filter(order::Column::CustomerId.eq(customer_id))
        .filter(order::Column::Status.is_in(paid))
        .filter(order::Column::OrderedAt.gt(at - Duration::days(365)))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(sum.unwrap_or(0))
}
