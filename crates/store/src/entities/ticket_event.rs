//! The `ticket_events` table: a ticket's append-only history and conversation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub ticket_id: Uuid,
    /// Copied from the ticket (it never changes) so the customer timeline needs no join.
    pub ticket_number: i64,
    pub customer_id: Uuid,
    pub kind: String,
    pub actor_id: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub body: Option<String>,
    /// `kehu_types::TicketEventDetails` as JSON.
    pub details: Json,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
