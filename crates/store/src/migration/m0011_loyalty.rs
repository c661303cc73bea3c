//! Loyalty: the append-only points ledger, the lots of unspent points that
//! expire oldest first, each customer's cached balance and tier, and the
//! history of tier changes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            table("points_ledger")
                .col(pk_uuid("id"))
                .col(uuid("customer_id"))
                .col(string("kind"))
                .col(big_integer("points"))
                .col(big_integer("balance_after"))
                .col(uuid_null("order_id"))
                .col(uuid_null("ticket_id"))
                .col(text("reason"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .col(uuid_null("actor_id"))
                .col(timestamp_with_time_zone("at"))
                .take(),
            table("points_lots")
                .col(pk_uuid("id"))
                .col(uuid("customer_id"))
                .col(uuid_null("order_id"))
                .col(big_integer("points"))
                .col(big_integer("remaining"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .col(timestamp_with_time_zone("at"))
                .take(),
            table("loyalty_accounts")
                .col(pk_uuid("customer_id"))
                // The database itself refuses an overdrawn balance.
                .col(big_integer("balance").check(Expr::col("balance").gte(0)))
                .col(big_integer("lifetime_points"))
                .col(string_null("tier"))
                .col(timestamp_with_time_zone_null("tier_since"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
            table("tier_changes")
                .col(pk_uuid("id"))
                .col(uuid("customer_id"))
                .col(string_null("from_tier"))
                .col(string_null("to_tier"))
                .col(big_integer("measure"))
                .col(timestamp_with_time_zone("at"))
                .take(),
        ];
        for statement in tables {
            manager.create_table(statement).await?;
        }
        for statement in [
            index("idx_points_ledger_customer", "points_ledger", &["customer_id", "at", "id"]),
            index("idx_points_lots_customer", "points_lots", &["customer_id", "at"]),
            index("idx_points_lots_expiry", "points_lots", &["expires_at", "remaining"]),
            index("idx_loyalty_accounts_tier", "loyalty_accounts", &["tier"]),
            index("idx_tier_changes_customer", "tier_changes", &["customer_id", "at"]),
        ] {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["tier_changes", "loyalty_accounts", "points_lots", "points_ledger"] {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        Ok(())
    }
}
