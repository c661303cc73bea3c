//! The digit keys of every customer (`crate::digit_keys`), so that a
//! caller's phone number finds them with one B-tree range read. The keys of
//! existing customers are written here, before the index on `customer_id`,
//! which the bulk insert need not maintain.
//!
//! PostgreSQL compares the keys byte by byte (`COLLATE "C"`): under a
//! language's collation, `:` need not sort right after `9`, and the range
//! read would miss keys.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

use super::support::execute_all;
use crate::digit_keys;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Customers read per batch while writing the keys of existing ones.
const CHUNK: u64 = 5_000;

const SQLITE_TABLE: &str = "CREATE TABLE customer_digit_keys (digits TEXT NOT NULL, customer_id BLOB NOT NULL, \
     PRIMARY KEY (digits, customer_id)) WITHOUT ROWID";

const POSTGRES_TABLE: &str = "CREATE TABLE customer_digit_keys (digits TEXT COLLATE \"C\" NOT NULL, \
     customer_id UUID NOT NULL, PRIMARY KEY (digits, customer_id))";

const CUSTOMER_INDEX: &str = "CREATE INDEX idx_customer_digit_keys_customer ON customer_digit_keys (customer_id)";

/// Write the keys of every customer there is, in batches by id.
async fn key_existing_customers(conn: &impl ConnectionTrait) -> Result<(), DbErr> {
    let mut after: Option<uuid::Uuid> = None;
    loop {
        let mut query = Query::select();
        query.columns(["id", "search_text"]).from("customers").order_by("id", Order::Asc).limit(CHUNK);
        if let Some(last) = after {
            query.and_where(Expr::col("id").gt(last));
        }
        let rows = conn.query_all(&query).await?;
        let mut keys = Vec::new();
        for row in &rows {
            let id: uuid::Uuid = row.try_get_by_index(0)?;
            let text: String = row.try_get_by_index(1)?;
            keys.extend(digit_keys::rows(id, &text));
            after = Some(id);
        }
        digit_keys::insert(conn, keys).await?;
        if (rows.len() as u64) < CHUNK {
            return Ok(());
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = match manager.get_database_backend() {
            DbBackend::Postgres => POSTGRES_TABLE,
            _ => SQLITE_TABLE,
        };
        execute_all(manager, &[table]).await?;
        key_existing_customers(manager.get_connection()).await?;
        execute_all(manager, &[CUSTOMER_INDEX]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        execute_all(manager, &["DROP TABLE IF EXISTS customer_digit_keys"]).await
    }
}
