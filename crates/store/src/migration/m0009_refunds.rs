//! Refunds: how much of each order was given back, and every refund as its own
//! row (for the customer's timeline and the audit of money).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("orders").add_column(big_integer("refunded").default(0)).to_owned())
            .await?;
        manager
            .create_table(
                table("order_refunds")
                    .col(pk_uuid("id"))
                    .col(uuid("order_id"))
                    .col(string("order_number"))
                    .col(uuid("customer_id"))
                    .col(big_integer("amount"))
                    .col(string("currency"))
                    .col(text("reason"))
                    .col(uuid_null("actor_id"))
                    .col(timestamp_with_time_zone("at"))
                    .take(),
            )
            .await?;
        for statement in [
            index("idx_order_refunds_customer", "order_refunds", &["customer_id", "at", "id"]),
            index("idx_order_refunds_order", "order_refunds", &["order_id", "at"]),
        ] {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("order_refunds").if_exists().take()).await?;
        manager.alter_table(Table::alter().table("orders").drop_column("refunded").to_owned()).await
    }
}
