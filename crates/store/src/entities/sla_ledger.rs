//! The `sla_ledger` table: append-only SLA events per ticket metric.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_ledger")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub metric: String,
    /// `start`, `pause`, `resume`, `fulfil`, `warn`, `breach` or `cancel`.
    pub event: String,
    /// The due time as it stood after the event.
    pub due_at: Option<DateTimeUtc>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
