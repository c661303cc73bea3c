//! Kehu persistence: sea-orm entities, migrations (one set for SQLite and
//! PostgreSQL), and the queries the services need. Functions take
//! `&impl ConnectionTrait` so one function serves a pool or an open transaction.

pub mod articles;
pub mod convert;
pub mod cursor;
pub mod customers;
pub mod db;
pub mod digit_keys;
pub mod entities;
pub mod invariants;
pub mod migration;
pub mod orders;
pub mod search;
mod sqlite_setup;
pub mod tickets;
pub mod timeline;

pub use db::{Backend, Db, WriteTxn};
pub use sea_orm;

use chrono::{DateTime, SubsecRound, Utc};

/// The current instant at the precision both databases keep (microseconds), so
/// a value read back equals the value written and cursors round-trip exactly.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A new time-ordered identifier.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
