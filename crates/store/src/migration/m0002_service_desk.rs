//! The service desk: ticket categories, tickets, their events and compensation,
//! and the counters that number tickets.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            // Named sequences that work alike on both databases: an UPDATE …
            // RETURNING inside the write transaction hands out each value once,
            // also with several server instances on one PostgreSQL database.
            table("counters").col(string("name").primary_key()).col(big_integer("value")).take(),
            table("ticket_categories")
                .col(pk_uuid("id"))
                .col(string_uniq("name"))
                .col(string_null("name_en"))
                .col(boolean("active"))
                .col(integer("position"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
            table("tickets")
                .col(pk_uuid("id"))
                .col(big_integer_uniq("number"))
                .col(uuid("customer_id"))
                .col(string("ticket_type"))
                .col(uuid_null("category_id"))
                .col(string("subject"))
                .col(text_null("description"))
                .col(string("priority"))
                .col(string("status"))
                .col(string("channel"))
                .col(uuid_null("assignee_id"))
                .col(uuid_null("team_id"))
                .col(small_integer("escalation_level"))
                .col(text_null("resolution_summary"))
                .col(text_null("root_cause"))
                .col(timestamp_with_time_zone_null("first_response_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(text("search_text"))
                .col(uuid_null("created_by"))
                .col(big_integer("version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
            table("ticket_events")
                .col(pk_uuid("id"))
                .col(uuid("ticket_id"))
                .col(big_integer("ticket_number"))
                .col(uuid("customer_id"))
                .col(string("kind"))
                .col(uuid_null("actor_id"))
                .col(text_null("body"))
                .col(json_binary("details"))
                .col(timestamp_with_time_zone("at"))
                .take(),
            table("ticket_compensations")
                .col(pk_uuid("id"))
                .col(uuid("ticket_id"))
                .col(uuid("customer_id"))
                .col(string("kind"))
                .col(big_integer("amount"))
                .col(string_null("currency"))
                .col(text("reason"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        ];
        for statement in tables {
            manager.create_table(statement).await?;
        }
        let indexes = [
            index("idx_tickets_created", "tickets", &["created_at", "id"]),
            index("idx_tickets_updated", "tickets", &["updated_at", "id"]),
            index("idx_tickets_customer", "tickets", &["customer_id", "created_at"]),
            index("idx_tickets_assignee", "tickets", &["assignee_id", "created_at"]),
            index("idx_tickets_team", "tickets", &["team_id", "created_at"]),
            index("idx_tickets_status", "tickets", &["status", "created_at"]),
            index("idx_ticket_events_ticket", "ticket_events", &["ticket_id", "at", "id"]),
            index("idx_ticket_events_customer", "ticket_events", &["customer_id", "at", "id"]),
            index("idx_compensations_ticket", "ticket_compensations", &["ticket_id", "created_at"]),
            index("idx_compensations_customer", "ticket_compensations", &["customer_id"]),
        ];
        for statement in indexes {
            manager.create_index(statement).await?;
        }
        manager.get_connection().execute_unprepared("INSERT INTO counters (name, value) VALUES ('ticket', 0)").await?;
        seed_categories(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ticket_compensations", "ticket_events", "tickets", "ticket_categories", "counters"] {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        Ok(())
    }
}

/// The categories of the complaint-handling procedure, so a new installation
/// can triage at once; admins rename, reorder or retire them.
async fn seed_categories(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let defaults = [
        ("产品质量", "Product quality"),
        ("物流配送", "Delivery"),
        ("账单与退款", "Billing and refunds"),
        ("服务态度", "Service attitude"),
        ("售后维修", "After-sales repair"),
        ("其他", "Other"),
    ];
    let at = chrono::Utc::now();
    let mut insert = Query::insert();
    insert.into_table("ticket_categories").columns([
        "id",
        "name",
        "name_en",
        "active",
        "position",
        "created_at",
        "updated_at",
    ]);
    for (position, (name, name_en)) in defaults.into_iter().enumerate() {
        insert
            .values([
                uuid::Uuid::now_v7().into(),
                name.into(),
                name_en.into(),
                true.into(),
                (position as i32 + 1).into(),
                at.into(),
                at.into(),
            ])
            .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    manager.exec_stmt(insert).await
}
