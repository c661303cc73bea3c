//! The `tickets` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The sequence value behind the human number `T-000123`.
    pub number: i64,
    pub customer_id: Uuid,
    pub ticket_type: String,
    pub category_id: Option<Uuid>,
    pub subject: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    pub priority: String,
    pub status: String,
    pub channel: String,
    pub assignee_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub escalation_level: i16,
    #[sea_orm(column_type = "Text", nullable)]
    pub resolution_summary: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub root_cause: Option<String>,
    pub first_response_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    /// Number, subject and description folded for substring search.
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    pub created_by: Option<Uuid>,
    pub version: i64,
    pub sla_policy_id: Option<Uuid>,
    /// The earliest due time among the running SLA metrics.
    pub sla_due_at: Option<DateTimeUtc>,
    /// Whether any SLA metric of this ticket was breached.
    pub sla_breached: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
