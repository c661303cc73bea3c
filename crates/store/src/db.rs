//! Connecting, migrating, and write transactions.
//!
//! SQLite allows one writer at a time; a second writer that arrives mid-way gets
//! "database is locked" even with a busy timeout when it upgrades a read
//! transaction. So on SQLite every write transaction first takes one in-process
//! lock: writes queue in the server instead of failing. PostgreSQL needs no lock.

use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::migration::Migrator;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database handle shared by the whole server.
#[derive(Clone)]
pub struct Db {
    conn: DatabaseConnection,
    backend: Backend,
    write_lock: Arc<Mutex<()>>,
}

/// An open write transaction (and, on SQLite, the writer lock it holds).
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _writer: Option<OwnedMutexGuard<()>>,
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

impl Db {
    /// Connect to `sqlite://…` or `postgres://…`; the scheme picks the driver.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbErr> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(DbErr::Custom(format!(
                "unsupported database URL scheme in {:?}: use sqlite:// or postgres://",
                url.split(':').next().unwrap_or_default()
            )));
        };
        if backend == Backend::Sqlite {
            crate::sqlite_setup::configure_library();
        }
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(max_connections)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|opts| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .create_if_missing(true)
            })
            .map_sqlx_sqlite_pool_opts(|pool| {
                pool.after_connect(|conn, _| {
                    Box::pin(async move { crate::sqlite_setup::configure_connection(conn).await })
                })
            });
        let conn = Database::connect(options).await?;
        let db = Self { conn, backend, write_lock: Arc::new(Mutex::new(())) };
        if backend == Backend::Sqlite {
            db.refresh_statistics(false).await?;
        }
        Ok(db)
    }

    /// Give the query planner current table statistics. PostgreSQL's
    /// autovacuum keeps them on its own, but SQLite plans without any until
    /// told: on opening, a sampled analysis (a few hundred rows per index,
    /// milliseconds even at a million customers) as SQLite recommends for
    /// long-lived connections. `full` analyses every row, for a database just
    /// loaded in bulk.
    pub async fn refresh_statistics(&self, full: bool) -> Result<(), DbErr> {
        let statement = match (self.backend, full) {
            (Backend::Postgres, _) => "ANALYZE",
            (Backend::Sqlite, true) => "ANALYZE",
            (Backend::Sqlite, false) => "PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002",
        };
        self.conn.execute_unprepared(statement).await.map(|_| ())
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Apply every pending migration.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.conn, None).await
    }

    /// Begin a transaction for a write, queueing behind other writers on SQLite.
    pub async fn begin_write(&self) -> Result<WriteTxn, DbErr> {
        let writer = match self.backend {
            Backend::Sqlite => Some(self.write_lock.clone().lock_owned().await),
            Backend::Postgres => None,
        };
        let txn = self.conn.begin().await?;
        Ok(WriteTxn { txn, _writer: writer })
    }

    /// A trivial round trip, for readiness checks.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.execute_unprepared("SELECT 1").await.map(|_| ())
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}
