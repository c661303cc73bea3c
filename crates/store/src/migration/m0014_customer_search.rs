//! A trigram index for customer search, so that finding a name among a
//! million customers reads the index instead of every row.
//!
//! `search_text` is rewritten with every non-ASCII character doubled
//! (`search::double_wide`), so two-character Chinese names have trigrams.
//! PostgreSQL indexes it with pg_trgm. SQLite keeps an FTS5 trigram table
//! over `customer_search_docs`, a copy of each customer's search text keyed
//! by an INTEGER PRIMARY KEY: the customers table has only an implicit rowid,
//! which VACUUM may renumber under an index that points at it. Triggers keep
//! both in step with every write to `customers`.

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::prelude::*;

use super::support::execute_all;
use crate::search::double_wide;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Customers rewritten per statement batch on SQLite.
const CHUNK: u64 = 5_000;

const SQLITE_UP: &[&str] = &[
    "CREATE TABLE customer_search_docs (num INTEGER PRIMARY KEY, customer_id BLOB NOT NULL UNIQUE, \
     search_text TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE customer_search USING fts5(search_text, content='customer_search_docs', \
     content_rowid='num', tokenize='trigram')",
    "INSERT INTO customer_search_docs (customer_id, search_text) SELECT id, search_text FROM customers",
    "INSERT INTO customer_search (customer_search) VALUES ('rebuild')",
    "CREATE TRIGGER customer_search_docs_insert AFTER INSERT ON customer_search_docs BEGIN \
     INSERT INTO customer_search (rowid, search_text) VALUES (new.num, new.search_text); END",
    "CREATE TRIGGER customer_search_docs_delete AFTER DELETE ON customer_search_docs BEGIN \
     INSERT INTO customer_search (customer_search, rowid, search_text) VALUES ('delete', old.num, old.search_text); \
     END",
    "CREATE TRIGGER customer_search_docs_update AFTER UPDATE ON customer_search_docs BEGIN \
     INSERT INTO customer_search (customer_search, rowid, search_text) VALUES ('delete', old.num, old.search_text); \
     INSERT INTO customer_search (rowid, search_text) VALUES (new.num, new.search_text); END",
    "CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN \
     INSERT INTO customer_search_docs (customer_id, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text ON customers \
     WHEN new.search_text IS NOT old.search_text BEGIN \
     UPDATE customer_search_docs SET search_text = new.search_text WHERE customer_id = new.id; END",
    "CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN \
     DELETE FROM customer_search_docs WHERE customer_id = old.id; END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS customers_search_delete",
    "DROP TRIGGER IF EXISTS customers_search_update",
    "DROP TRIGGER IF EXISTS customers_search_insert",
    "DROP TABLE IF EXISTS customer_search",
    "DROP TABLE IF EXISTS customer_search_docs",
];

const POSTGRES_UP: &[&str] = &[
    // Trusted since PostgreSQL 13: a database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    r"UPDATE customers SET search_text = regexp_replace(search_text, '([^\x01-\x7f])', '\1\1', 'g') WHERE search_text ~ '[^\x01-\x7f]'",
    "CREATE INDEX idx_customers_search_trgm ON customers USING gin (search_text gin_trgm_ops)",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP INDEX IF EXISTS idx_customers_search_trgm",
    r"UPDATE customers SET search_text = regexp_replace(search_text, '([^\x01-\x7f])\1', '\1', 'g') WHERE search_text ~ '[^\x01-\x7f]'",
];

/// Each doubled character once again, as `search_text` was written before.
fn single_wide(text: &str) -> String {
    let mut single = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        single.push(c);
        if !c.is_ascii() && chars.peek() == Some(&c) {
            chars.next();
        }
    }
    single
}

/// Rewrite SQLite's search texts in Rust, since it has no regular expressions.
async fn rewrite_sqlite_texts(conn: &impl ConnectionTrait, rewrite: fn(&str) -> String) -> Result<(), DbErr> {
    let mut after: Option<sea_orm::Value> = None;
    loop {
        let (sql, values) = match after.take() {
            Some(last) => ("SELECT id, search_text FROM customers WHERE id > ? ORDER BY id LIMIT ?", vec![last]),
            None => ("SELECT id, search_text FROM customers ORDER BY id LIMIT ?", vec![]),
        };
        let mut values = values;
        values.push(CHUNK.into());
        let rows = conn.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)).await?;
        for row in &rows {
            let id: uuid::Uuid = row.try_get_by_index(0)?;
            let text: String = row.try_get_by_index(1)?;
            if !text.is_ascii() {
                let update = "UPDATE customers SET search_text = ? WHERE id = ?";
                let values = [rewrite(&text).into(), id.into()];
                conn.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, update, values)).await?;
            }
        }
        match rows.last() {
            Some(row) if rows.len() as u64 == CHUNK => after = Some(row.try_get_by_index::<uuid::Uuid>(0)?.into()),
            _ => return Ok(()),
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => execute_all(manager, POSTGRES_UP).await,
            _ => {
                rewrite_sqlite_texts(manager.get_connection(), double_wide).await?;
                execute_all(manager, SQLITE_UP).await
            }
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => execute_all(manager, POSTGRES_DOWN).await,
            _ => {
                execute_all(manager, SQLITE_DOWN).await?;
                rewrite_sqlite_texts(manager.get_connection(), single_wide).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_wide_undoes_double_wide() {
        for text in ["李明华 \u{1f} 华华科技", "grace@example.com", "ÉÉ é", ""] {
            assert_eq!(single_wide(&double_wide(text)), text);
        }
    }
}
