//! What the migrations share: the statements they build the same way.

use sea_orm_migration::prelude::*;

/// `CREATE TABLE IF NOT EXISTS name`, to be given columns.
pub(super) fn table(name: &'static str) -> TableCreateStatement {
    Table::create().table(name).if_not_exists().take()
}

/// `CREATE INDEX IF NOT EXISTS name ON table (columns…)`.
pub(super) fn index(name: &str, table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).if_not_exists();
    for column in columns {
        index.col(*column);
    }
    index
}

/// Execute `statements` in order, as written for this connection's database.
pub(super) async fn execute_all(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    for sql in statements {
        conn.execute_unprepared(sql).await?;
    }
    Ok(())
}
