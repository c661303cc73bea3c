//! The consent ledger: every grant and withdrawal of a customer's marketing
//! consent, append-only, so the customer file can show when and by whom
//! each purpose changed.

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
                table("consent_events")
                    .col(uuid("id").primary_key())
                    .col(uuid("customer_id"))
                    .col(string("purpose"))
                    .col(boolean("granted"))
                    .col(uuid_null("actor_id"))
                    .col(timestamp_with_time_zone("at"))
                    .take(),
            )
            .await?;
        manager.create_index(index("idx_consent_events_customer", "consent_events", &["customer_id", "at"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("consent_events").if_exists().to_owned()).await
    }
}
