//! Compensations above their giver's limits wait for a manager: each carries
//! its status, why it waited, and who decided it. Those recorded before took
//! effect as they were written, so they are `approved`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "ticket_compensations";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds no more at a time.
        let columns = [
            string("status").default("approved").take(),
            string_null("approval_needed"),
            uuid_null("decided_by"),
            timestamp_with_time_zone_null("decided_at"),
            text_null("decision_reason"),
        ];
        for column in columns {
            let mut column = column;
            manager.alter_table(Table::alter().table(TABLE).add_column(&mut column).to_owned()).await?;
        }
        // The approval queue, newest first; the 30-day sum per customer.
        manager.create_index(index("idx_compensations_status", TABLE, &["status", "created_at", "id"])).await?;
        manager
            .create_index(index("idx_compensations_customer_kind", TABLE, &["customer_id", "kind", "created_at"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_compensations_status", "idx_compensations_customer_kind"] {
            manager.drop_index(Index::drop().name(name).table(TABLE).if_exists().to_owned()).await?;
        }
        for column in ["decision_reason", "decided_at", "decided_by", "approval_needed", "status"] {
            manager.alter_table(Table::alter().table(TABLE).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
