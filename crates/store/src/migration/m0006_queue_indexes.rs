//! An index for the "breached" ticket queue: breached tickets are a small share
//! of all tickets, and without it the queue walks every ticket newest first to
//! find a page of them (about 30 ms per page at 100k tickets).

use sea_orm_migration::prelude::*;

use super::support::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(index("idx_tickets_breached", "tickets", &["sla_breached", "created_at", "id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_tickets_breached").table("tickets").if_exists().to_owned()).await
    }
}
