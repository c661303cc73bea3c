//! The `points_ledger` table: every change of a customer's points, never edited.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "points_ledger")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub customer_id: Uuid,
    pub kind: String,
    pub points: i64,
    pub balance_after: i64,
    pub order_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub expires_at: Option<DateTimeUtc>,
    pub actor_id: Option<Uuid>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
