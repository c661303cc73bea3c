//! Wire types of the Kehu API, shared by the server, the typed client and the web
//! app so that all three agree on every field. No I/O; builds for wasm32. The
//! `openapi` feature adds utoipa derives for the server's spec.

pub mod audit;
pub mod auth;
pub mod commerce;
pub mod compensations;
pub mod custom_fields;
pub mod customers;
pub mod enums;
pub mod interactions;
pub mod knowledge;
pub mod loyalty;
pub mod money;
pub mod page;
pub mod patch;
pub mod problem;
pub mod queries;
pub mod segments;
pub mod sla;
pub mod tasks;
pub mod tickets;
pub mod users;
pub mod value;

pub use audit::*;
pub use auth::*;
pub use commerce::*;
pub use compensations::*;
pub use custom_fields::*;
pub use customers::*;
pub use enums::*;
pub use interactions::*;
pub use knowledge::*;
pub use loyalty::*;
pub use money::{AmountError, currency_codes, minor_units};
pub use page::*;
pub use problem::*;
pub use queries::*;
pub use segments::*;
pub use sla::*;
pub use tasks::*;
pub use tickets::*;
pub use users::*;
pub use value::*;

// Identifiers are UUIDv7 strings; instants are RFC 3339 in UTC. The fields use
// `Uuid` and `DateTime<Utc>` by name because utoipa recognises them that way.
pub use chrono::{DateTime, NaiveDate, Utc};
pub use uuid::Uuid;
