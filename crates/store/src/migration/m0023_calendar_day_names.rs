//! The names of a business calendar's holidays and make-up working days
//! ("春节", "国庆节调休上班"), as a JSON object from date to name, so an
//! imported holiday schedule keeps them. Existing calendars read `NULL` as
//! no names.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("business_calendars").add_column(json_binary_null("day_names")).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("business_calendars").drop_column("day_names").to_owned()).await
    }
}
