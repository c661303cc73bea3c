//! An index for a team's "breaching soon" queue: the tickets of one team
//! whose SLA falls due within the hour. Without it SQLite may walk the team's
//! tickets newest first; when fewer than a page fall due, that walk reads
//! every ticket the team ever had (2.3 ms per page for 47 000 tickets, where
//! the seek takes a tenth of that).

use sea_orm_migration::prelude::*;

use super::support::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(index("idx_tickets_team_due", "tickets", &["team_id", "sla_due_at"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_tickets_team_due").table("tickets").if_exists().to_owned()).await
    }
}
