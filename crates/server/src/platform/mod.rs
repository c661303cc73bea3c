//! What every area's writes stand on: audit rows and outbox events written in
//! the write's own transaction, versioned writes that refuse a stale version,
//! settings groups kept in the database, and the durable job queue.

pub mod audit;
pub mod jobs;
pub mod settings;
pub mod versioned;
