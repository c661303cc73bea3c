//! Wire types of the Kehu API, shared by the server, the typed client and the web
//! app so that all three agree on every field. No I/O; builds for wasm32. The
//! `openapi` feature adds utoipa derives for the server's spec.

pub mod audit;
pub mod commerce;
pub mod customers;
pub mod desk;
pub mod identity;
pub mod knowledge;
pub mod loyalty;
pub mod notifications;
pub mod segments;
pub mod tasks;
pub mod value;

pub mod money;
pub mod page;
pub mod patch;
pub mod problem;
mod wire;

pub use audit::*;
pub use commerce::*;
pub use customers::*;
pub use desk::*;
pub use identity::*;
pub use knowledge::*;
pub use loyalty::*;
pub use money::{AmountError, currency_codes, minor_units};
pub use notifications::*;
pub use page::*;
pub use problem::*;
pub use segments::*;
pub use tasks::*;
pub use value::*;

// Identifiers are UUIDv7 strings; instants are RFC 3339 in UTC. The fields use
// `Uuid` and `DateTime<Utc>` by name because utoipa recognises them that way.
pub use chrono::{DateTime, NaiveDate, Utc};
pub use uuid::Uuid;
