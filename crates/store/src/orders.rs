//! Order queries shared by the order API and the customer timeline.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Select};
use uuid::Uuid;

use crate::entities::order_item;

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
