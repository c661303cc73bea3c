//! The `stage_history` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_history")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub customer_id: Uuid,
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub reason_kind: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub actor_id: Option<Uuid>,
    pub at: DateTimeUtc,
    /// The automatic rule that made the move; `None` for manual moves.
    pub rule: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
