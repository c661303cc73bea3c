//! Saved segments: named customer filters, private or shared.

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
                table("segments")
                    .col(pk_uuid("id"))
                    .col(string("name"))
                    .col(json("filter"))
                    .col(boolean("shared"))
                    .col(uuid("owner_id"))
                    .col(big_integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await?;
        manager.create_index(index("idx_segments_owner", "segments", &["owner_id", "name"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("segments").if_exists().take()).await
    }
}
