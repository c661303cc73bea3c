//! Make-up working days (调休) on business calendars: a JSON list of dates
//! worked although their weekday has no hours. Existing calendars read
//! `NULL` as none.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("business_calendars").add_column(json_binary_null("workdays")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("business_calendars").drop_column("workdays").to_owned()).await
    }
}
