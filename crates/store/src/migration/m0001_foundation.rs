//! Users, teams, sessions, customers, stage history, interactions, audit log,
//! event outbox and idempotency keys.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            table("teams")
                .col(pk_uuid("id"))
                .col(string_uniq("name"))
                .col(text_null("description"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
            table("users")
                .col(pk_uuid("id"))
                .col(string_uniq("email"))
                .col(string("name"))
                .col(string("password_hash"))
                .col(string("role"))
                .col(uuid_null("team_id"))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("last_login_at"))
                .take(),
            table("refresh_tokens")
                .col(pk_uuid("id"))
                .col(uuid("user_id"))
                .col(uuid("family_id"))
                .col(string_uniq("token_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .take(),
            table("customers")
                .col(pk_uuid("id"))
                .col(string("kind"))
                .col(string("name"))
                .col(string_null("company_name"))
                .col(json_binary("emails"))
                .col(json_binary("phones"))
                .col(json_binary_null("address"))
                .col(string_null("region"))
                .col(string_null("industry"))
                .col(date_null("birthday"))
                .col(string_null("source"))
                .col(string("stage"))
                .col(uuid_null("owner_id"))
                .col(uuid_null("team_id"))
                .col(json_binary("tags"))
                .col(json_binary("custom"))
                .col(json_binary("marketing_consent"))
                .col(text("search_text"))
                .col(big_integer("version"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("deleted_at"))
                .take(),
            table("customer_tags")
                .col(uuid("customer_id"))
                .col(string("tag"))
                .primary_key(Index::create().col("customer_id").col("tag"))
                .take(),
            table("stage_history")
                .col(pk_uuid("id"))
                .col(uuid("customer_id"))
                .col(string_null("from_stage"))
                .col(string("to_stage"))
                .col(string("reason_kind"))
                .col(text("note"))
                .col(uuid_null("actor_id"))
                .col(timestamp_with_time_zone("at"))
                .take(),
            table("interactions")
                .col(pk_uuid("id"))
                .col(uuid("customer_id"))
                .col(string("channel"))
                .col(string("direction"))
                .col(string_null("subject"))
                .col(text_null("body"))
                .col(timestamp_with_time_zone("occurred_at"))
                .col(uuid_null("author_id"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
            table("audit_log")
                .col(pk_uuid("id"))
                .col(uuid_null("actor_id"))
                .col(string("action"))
                .col(string("entity_type"))
                .col(uuid_null("entity_id"))
                .col(json_binary("changes"))
                .col(string_null("request_id"))
                .col(string_null("ip"))
                .col(timestamp_with_time_zone("at"))
                .take(),
            table("outbox_events")
                .col(pk_uuid("id"))
                .col(string("event_type"))
                .col(string("entity_type"))
                .col(uuid("entity_id"))
                .col(json_binary("payload"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("processed_at"))
                .take(),
            table("idempotency_keys")
                .col(pk_uuid("id"))
                .col(uuid("user_id"))
                .col(string("key"))
                .col(string("request_hash"))
                .col(integer("response_status"))
                .col(json_binary("response_body"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        ];
        for statement in tables {
            manager.create_table(statement).await?;
        }

        let indexes = [
            index("idx_users_team", "users", &["team_id"]),
            index("idx_refresh_tokens_family", "refresh_tokens", &["family_id"]),
            // Keyset pagination: each list order has an index ending in the id tiebreak.
            index("idx_customers_created", "customers", &["created_at", "id"]),
            index("idx_customers_updated", "customers", &["updated_at", "id"]),
            index("idx_customers_name", "customers", &["name", "id"]),
            index("idx_customers_stage_created", "customers", &["stage", "created_at", "id"]),
            index("idx_customers_owner", "customers", &["owner_id", "created_at"]),
            index("idx_customers_team", "customers", &["team_id", "created_at"]),
            index("idx_customer_tags_tag", "customer_tags", &["tag", "customer_id"]),
            index("idx_stage_history_customer", "stage_history", &["customer_id", "at", "id"]),
            index("idx_interactions_customer", "interactions", &["customer_id", "occurred_at", "id"]),
            index("idx_audit_at", "audit_log", &["at", "id"]),
            index("idx_audit_entity", "audit_log", &["entity_type", "entity_id"]),
            index("idx_audit_actor", "audit_log", &["actor_id", "at"]),
            index("idx_outbox_pending", "outbox_events", &["processed_at", "created_at"]),
            index("idx_idempotency_user_key", "idempotency_keys", &["user_id", "key"]).unique().take(),
        ];
        for statement in indexes {
            manager.create_index(statement).await?;
        }
        // The trash is small and rarely listed: a partial index serves it without
        // tempting the planner to use a `deleted_at IS NULL` index (which matches
        // every live row) instead of the sort-order indexes for the live list.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX IF NOT EXISTS idx_customers_trash ON customers (deleted_at, id) WHERE deleted_at IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "idempotency_keys",
            "outbox_events",
            "audit_log",
            "interactions",
            "stage_history",
            "customer_tags",
            "customers",
            "refresh_tokens",
            "users",
            "teams",
        ] {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        Ok(())
    }
}
