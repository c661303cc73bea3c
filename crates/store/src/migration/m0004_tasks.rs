//! Follow-up tasks: a call, email, visit or review someone must do by a time,
//! linked to a customer and/or a ticket.

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
                table("tasks")
                    .col(pk_uuid("id"))
                    .col(string("kind"))
                    .col(string("title"))
                    .col(text_null("notes"))
                    .col(timestamp_with_time_zone("due_at"))
                    .col(uuid("assignee_id"))
                    .col(uuid_null("customer_id"))
                    .col(uuid_null("ticket_id"))
                    .col(timestamp_with_time_zone_null("done_at"))
                    .col(uuid_null("created_by"))
                    .col(big_integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await?;
        for statement in [
            // "My open tasks by due time" and "overdue" both read this index.
            index("idx_tasks_assignee_due", "tasks", &["assignee_id", "done_at", "due_at", "id"]),
            index("idx_tasks_due", "tasks", &["due_at", "id"]),
            index("idx_tasks_customer", "tasks", &["customer_id", "due_at"]),
            index("idx_tasks_ticket", "tasks", &["ticket_id", "due_at"]),
        ] {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("tasks").if_exists().take()).await
    }
}
