//! On SQLite, the customer list's index also holds each customer's search
//! text and deletion, so that a common search never visits a customer row
//! it does not return. At a million customers those rows fill a file of
//! several gigabytes, read through a small page cache per connection.
//!
//! A common search walks the list newest first until it has a page of
//! matches (the trigram index serves rare searches; the matches of a common
//! one are too many to sort). With `deleted_at` and `search_text` in the
//! index entry, SQLite tests the entry and reads only the rows that match:
//! 2 ms instead of 46 ms for 明华 at 100 000 customers. The index replaces
//! `idx_customers_created`, whose order it keeps: with both, the planner
//! takes the narrower one and reads every row again.
//!
//! PostgreSQL tests a plain index scan's conditions on the table row, not on
//! the index entry, so the wider index would spare it no reads.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

use super::support::execute_all;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "CREATE INDEX idx_customers_created_search ON customers (created_at, id, deleted_at, search_text)",
    "DROP INDEX idx_customers_created",
];

const SQLITE_DOWN: &[&str] =
    &["CREATE INDEX idx_customers_created ON customers (created_at, id)", "DROP INDEX idx_customers_created_search"];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    match manager.get_database_backend() {
        DbBackend::Sqlite => execute_all(manager, statements).await,
        _ => Ok(()),
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_DOWN).await
    }
}
