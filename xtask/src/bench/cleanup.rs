//! Removing what the bench's own writes added, so that every run measures
//! the data the generator wrote. The create workload adds customers at the
//! newest end of the list, and a common search walks the list newest first:
//! thousands of them left behind made later runs' searches slower.

use kehu_store::entities::{
    audit_log, customer, customer_digit_key, customer_tag, customer_value, idempotency_key, interaction,
    loyalty_account, order, order_refund, outbox_event, points_entry, points_lot, stage_history, task, ticket,
    ticket_compensation, ticket_event, tier_change,
};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use uuid::Uuid;

/// The name the create workload gives every customer it adds; the generator
/// never writes it.
pub const CREATED_NAME: &str = "压测客户";

/// Delete the customers the create workload added, every row that refers to
/// them, and the bench admin's idempotency keys, in one transaction.
/// Returns how many customers were removed.
pub async fn remove_created(conn: &DatabaseConnection, admin_id: Uuid) -> Result<u64, String> {
    let created = || -> SelectStatement {
        Query::select()
            .column(customer::Column::Id)
            .from(customer::Entity)
            .and_where(customer::Column::Name.eq(CREATED_NAME))
            .to_owned()
    };
    let txn = conn.begin().await.map_err(|e| e.to_string())?;
    // Delete the rows of `table` that meet every condition; how many.
    macro_rules! delete {
        ($table:ident; $($condition:expr),+) => {
            $table::Entity::delete_many()
                $(.filter($condition))+
                .exec(&txn)
                .await
                .map_err(|e| format!("{}: {e}", stringify!($table)))?
                .rows_affected
        };
    }
    macro_rules! delete_referring {
        ($($table:ident),+ $(,)?) => {$(
            delete!($table; $table::Column::CustomerId.in_subquery(created()));
        )+};
    }
    delete_referring!(
        customer_digit_key,
        customer_tag,
        customer_value,
        interaction,
        loyalty_account,
        order,
        order_refund,
        points_entry,
        points_lot,
        stage_history,
        task,
        ticket,
        ticket_compensation,
        ticket_event,
        tier_change,
    );
    delete!(audit_log; audit_log::Column::EntityType.eq("customer"), audit_log::Column::EntityId.in_subquery(created()));
    delete!(
        outbox_event;
        outbox_event::Column::EntityType.eq("customer"),
        outbox_event::Column::EntityId.in_subquery(created())
    );
    delete!(idempotency_key; idempotency_key::Column::UserId.eq(admin_id));
    let removed = delete!(customer; customer::Column::Name.eq(CREATED_NAME));
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(removed)
}
