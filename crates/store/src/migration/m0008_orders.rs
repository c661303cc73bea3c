//! Orders with their lines (product details copied as they were when ordered),
//! and each customer's value, kept current by the order writes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            table("orders")
                .col(pk_uuid("id"))
                .col(uuid("customer_id"))
                .col(string("number"))
                .col(string("source"))
                .col(string("currency"))
                .col(big_integer("total"))
                .col(string("status"))
                .col(string_null("channel"))
                .col(timestamp_with_time_zone("ordered_at"))
                .col(uuid_null("created_by"))
                .col(big_integer("version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
            table("order_items")
                .col(pk_uuid("id"))
                .col(uuid("order_id"))
                .col(integer("position"))
                .col(uuid("product_id"))
                .col(string("sku"))
                .col(string("name"))
                .col(string_null("category"))
                .col(integer("quantity"))
                .col(big_integer("unit_price"))
                .col(big_integer_null("unit_cost"))
                .take(),
            table("customer_values")
                .col(pk_uuid("customer_id"))
                .col(string_null("currency"))
                .col(big_integer("order_count"))
                .col(big_integer("total_spent"))
                .col(big_integer("costed_revenue"))
                .col(big_integer("cost_of_goods"))
                .col(timestamp_with_time_zone_null("first_purchase_at"))
                .col(timestamp_with_time_zone_null("last_purchase_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        ];
        for statement in tables {
            manager.create_table(statement).await?;
        }
        let indexes = [
            // A re-sent order (same source and number) is found, never counted twice.
            index("idx_orders_source_number", "orders", &["source", "number"]).unique().take(),
            index("idx_orders_customer", "orders", &["customer_id", "ordered_at", "id"]),
            index("idx_orders_ordered", "orders", &["ordered_at", "id"]),
            index("idx_order_items_order", "order_items", &["order_id", "position"]),
            index("idx_order_items_product", "order_items", &["product_id"]),
        ];
        for statement in indexes {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["customer_values", "order_items", "orders"] {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        Ok(())
    }
}
