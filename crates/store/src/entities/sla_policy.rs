//! The `sla_policies` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_policies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// Policies are tried in this order; the first that matches applies.
    pub position: i32,
    pub active: bool,
    /// Wire spellings; an empty list matches any value.
    pub match_priorities: Json,
    pub match_types: Json,
    pub match_tiers: Json,
    pub first_response_minutes: Option<i32>,
    pub next_response_minutes: Option<i32>,
    pub resolution_minutes: Option<i32>,
    /// Business hours to count in; `None` counts wall-clock time.
    pub calendar_id: Option<Uuid>,
    pub warn_percent: i32,
    pub escalate_on_breach: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
