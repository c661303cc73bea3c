//! The SLA engine and the things around it: business calendars, policies, the
//! clock of each ticket metric and its append-only ledger, team leads, in-app
//! notifications, and the durable job queue that fires warnings and breaches.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::support::{index, table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            table("business_calendars")
                .col(pk_uuid("id"))
                .col(string_uniq("name"))
                .col(string("time_zone"))
                .col(json_binary("week"))
                .col(json_binary("holidays"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
            table("sla_policies")
                .col(pk_uuid("id"))
                .col(string_uniq("name"))
                .col(integer("position"))
                .col(boolean("active"))
                .col(json_binary("match_priorities"))
                .col(json_binary("match_types"))
                .col(json_binary("match_tiers"))
                .col(integer_null("first_response_minutes"))
                .col(integer_null("next_response_minutes"))
                .col(integer_null("resolution_minutes"))
                .col(uuid_null("calendar_id"))
                .col(integer("warn_percent"))
                .col(boolean("escalate_on_breach"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
            table("ticket_sla_metrics")
                .col(uuid("ticket_id"))
                .col(string("metric"))
                .col(uuid("policy_id"))
                .col(string("state"))
                .col(integer("target_minutes"))
                .col(integer("consumed_minutes"))
                .col(timestamp_with_time_zone_null("running_since"))
                .col(timestamp_with_time_zone_null("warn_at"))
                .col(timestamp_with_time_zone_null("due_at"))
                .col(boolean("warned"))
                .col(boolean("breached"))
                .col(timestamp_with_time_zone_null("fulfilled_at"))
                .primary_key(Index::create().col("ticket_id").col("metric"))
                .take(),
            table("sla_ledger")
                .col(pk_uuid("id"))
                .col(uuid("ticket_id"))
                .col(string("metric"))
                .col(string("event"))
                .col(timestamp_with_time_zone_null("due_at"))
                .col(timestamp_with_time_zone("at"))
                .take(),
            table("notifications")
                .col(pk_uuid("id"))
                .col(uuid("user_id"))
                .col(string("kind"))
                .col(uuid_null("ticket_id"))
                .col(uuid_null("actor_id"))
                .col(text("summary"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .take(),
            table("jobs")
                .col(pk_uuid("id"))
                .col(string("kind"))
                .col(string_uniq("key"))
                .col(json_binary("payload"))
                .col(timestamp_with_time_zone("run_at"))
                .col(string_null("claimed_by"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(integer("attempts"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone_null("done_at"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        ];
        for statement in tables {
            manager.create_table(statement).await?;
        }
        let alterations = [
            Table::alter().table("teams").add_column(uuid_null("lead_id")).take(),
            Table::alter().table("tickets").add_column(uuid_null("sla_policy_id")).take(),
            // The earliest due time of the ticket's running metrics, for the
            // "breaching soon" and "breached" queues and the countdown badges.
            Table::alter().table("tickets").add_column(timestamp_with_time_zone_null("sla_due_at")).take(),
            Table::alter().table("tickets").add_column(boolean("sla_breached").default(false)).take(),
        ];
        for statement in alterations {
            manager.alter_table(statement).await?;
        }
        let indexes = [
            index("idx_sla_metrics_due", "ticket_sla_metrics", &["state", "due_at"]),
            index("idx_sla_ledger_ticket", "sla_ledger", &["ticket_id", "at", "id"]),
            index("idx_notifications_user", "notifications", &["user_id", "created_at", "id"]),
            index("idx_notifications_unread", "notifications", &["user_id", "read_at"]),
            index("idx_jobs_due", "jobs", &["done_at", "run_at"]),
            index("idx_tickets_sla_due", "tickets", &["sla_due_at", "id"]),
        ];
        for statement in indexes {
            manager.create_index(statement).await?;
        }
        seed_policies(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["jobs", "notifications", "sla_ledger", "ticket_sla_metrics", "sla_policies", "business_calendars"]
        {
            manager.drop_table(Table::drop().table(name).if_exists().take()).await?;
        }
        for (table, column) in
            [("teams", "lead_id"), ("tickets", "sla_policy_id"), ("tickets", "sla_due_at"), ("tickets", "sla_breached")]
        {
            manager.alter_table(Table::alter().table(table).drop_column(column).take()).await?;
        }
        Ok(())
    }
}

/// A standard calendar (Monday–Friday 9:00–18:00, China Standard Time) and
/// one policy per priority, so a new installation measures service at once.
async fn seed_policies(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let at = chrono::Utc::now();
    let calendar_id = uuid::Uuid::now_v7();
    let office = serde_json::json!({ "start": "09:00", "end": "18:00" });
    let week = serde_json::json!([[office], [office], [office], [office], [office], [], []]);
    let mut calendar = Query::insert();
    calendar
        .into_table("business_calendars")
        .columns(["id", "name", "time_zone", "week", "holidays", "created_at", "updated_at"])
        .values([
            calendar_id.into(),
            "工作日 9:00–18:00".into(),
            "Asia/Shanghai".into(),
            week.into(),
            serde_json::json!([]).into(),
            at.into(),
            at.into(),
        ])
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    manager.exec_stmt(calendar).await?;

    // (name, priority, first response, next response, resolution, business time?)
    let policies: [(&str, &str, i32, i32, i32, bool); 4] = [
        ("紧急 Urgent", "urgent", 30, 60, 240, false),
        ("高 High", "high", 60, 240, 8 * 60, true),
        ("普通 Normal", "normal", 4 * 60, 8 * 60, 3 * 9 * 60, true),
        ("低 Low", "low", 9 * 60, 2 * 9 * 60, 5 * 9 * 60, true),
    ];
    let mut insert = Query::insert();
    insert.into_table("sla_policies").columns([
        "id",
        "name",
        "position",
        "active",
        "match_priorities",
        "match_types",
        "match_tiers",
        "first_response_minutes",
        "next_response_minutes",
        "resolution_minutes",
        "calendar_id",
        "warn_percent",
        "escalate_on_breach",
        "created_at",
        "updated_at",
    ]);
    for (position, (name, priority, first, next, resolution, business)) in policies.into_iter().enumerate() {
        insert
            .values([
                uuid::Uuid::now_v7().into(),
                name.into(),
                (position as i32 + 1).into(),
                true.into(),
                serde_json::json!([priority]).into(),
                serde_json::json!([]).into(),
                serde_json::json!([]).into(),
                first.into(),
                next.into(),
                resolution.into(),
                business.then_some(calendar_id).into(),
                80.into(),
                true.into(),
                at.into(),
                at.into(),
            ])
            .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    manager.exec_stmt(insert).await
}
