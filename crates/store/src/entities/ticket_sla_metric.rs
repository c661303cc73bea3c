//! The `ticket_sla_metrics` table: the clock of one metric of one ticket.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_sla_metrics")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ticket_id: Uuid,
    /// `first_response`, `next_response` or `resolution`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub metric: String,
    pub policy_id: Uuid,
    /// `running`, `paused`, `fulfilled` or `cancelled`.
    pub state: String,
    pub target_minutes: i32,
    /// Minutes counted before the clock last (re)started.
    pub consumed_minutes: i32,
    pub running_since: Option<DateTimeUtc>,
    pub warn_at: Option<DateTimeUtc>,
    pub due_at: Option<DateTimeUtc>,
    pub warned: bool,
    pub breached: bool,
    pub fulfilled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
