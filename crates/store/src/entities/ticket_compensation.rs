//! The `ticket_compensations` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_compensations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub customer_id: Uuid,
    pub kind: String,
    pub amount: i64,
    pub currency: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// `requested`, `approved` or `rejected` (`kehu_types::CompensationStatus`).
    pub status: String,
    /// Why it had to wait for approval (`kehu_types::ApprovalReason`).
    pub approval_needed: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
