//! The `tasks` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
    pub due_at: DateTimeUtc,
    pub assignee_id: Uuid,
    pub customer_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    pub done_at: Option<DateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
