//! The rules around customer value: settings kept in the database (lifecycle
//! thresholds, costs), the rule that moved a stage, stored RFM scores, and the
//! indexes the inactivity sweep and the cost to serve read through.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Columns added to existing tables, one statement each (SQLite adds one at a time).
fn added_columns() -> Vec<(&'static str, ColumnDef)> {
    vec![
        ("stage_history", string_null("rule")),
        ("customer_values", small_integer_null("r_score")),
        ("customer_values", small_integer_null("f_score")),
        ("customer_values", small_integer_null("m_score")),
        ("customer_values", string_null("rfm_segment")),
        ("customer_values", timestamp_with_time_zone_null("rfm_scored_at")),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                table("settings")
                    .col(string("key").primary_key())
                    .col(json("value"))
                    .col(big_integer("version"))
                    .col(uuid_null("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await?;
        for (name, mut column) in added_columns() {
            manager.alter_table(Table::alter().table(name).add_column(&mut column).to_owned()).await?;
        }
        for statement in [
            // The inactivity sweep walks customers by their last purchase.
            index("idx_customer_values_last_purchase", "customer_values", &["last_purchase_at"]),
            index("idx_customer_values_rfm", "customer_values", &["rfm_segment"]),
            index("idx_ticket_compensations_customer", "ticket_compensations", &["customer_id"]),
        ] {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("idx_customer_values_last_purchase", "customer_values"),
            ("idx_customer_values_rfm", "customer_values"),
            ("idx_ticket_compensations_customer", "ticket_compensations"),
        ] {
            manager.drop_index(Index::drop().name(name).table(Alias::new(table)).if_exists().to_owned()).await?;
        }
        for (name, column) in added_columns().into_iter().rev() {
            let column = column.get_column_name();
            manager.alter_table(Table::alter().table(name).drop_column(Alias::new(column)).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table("settings").if_exists().take()).await
    }
}
