//! The product catalogue that orders refer to.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                table("products")
                    .col(pk_uuid("id"))
                    .col(string("sku"))
                    .col(string("name"))
                    .col(string_null("category"))
                    .col(big_integer("list_price"))
                    .col(string("currency"))
                    .col(big_integer_null("unit_cost"))
                    .col(boolean("active"))
                    // Lower-cased SKU and name, for `q`.
                    .col(text("search_text"))
                    .col(big_integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await?;
        manager.create_index(index("idx_products_sku", "products", &["sku"]).unique().take()).await?;
        manager.create_index(index("idx_products_category", "products", &["category", "sku"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("products").if_exists().take()).await
    }
}
