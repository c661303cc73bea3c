//! A customer's id in another system (a shop, an ERP): `external_source` and
//! `external_id`, unique together, so orders and tickets from that system can
//! name the customer as the system knows them. Rows without one hold NULLs,
//! which both databases let repeat under a unique index.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "idx_customers_external_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for mut column in [string_null("external_source"), string_null("external_id")] {
            manager.alter_table(Table::alter().table("customers").add_column(&mut column).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table("customers")
                    .col("external_source")
                    .col("external_id")
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(INDEX).table("customers").if_exists().to_owned()).await?;
        for column in ["external_id", "external_source"] {
            manager.alter_table(Table::alter().table("customers").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
