//! Business operations. Each write runs in one transaction together with its
//! audit row and its outbox event, so nothing is half-done and nothing is lost.

pub mod articles;
pub mod audit;
pub mod calendars;
pub mod compensation_approvals;
pub mod compensations;
pub mod customer_refs;
pub mod customers;
pub mod daily_schedule;
pub mod idempotency;
pub mod interactions;
pub mod lifecycle_sweep;
pub mod loyalty;
pub mod markdown;
pub mod notifications;
pub mod order_import;
pub mod orders;
pub mod points;
pub mod products;
pub mod public;
pub mod saved_segments;
pub mod segments;
pub mod settings;
pub mod sla;
pub mod sla_breach;
pub mod sla_policies;
pub mod tasks;
pub mod ticket_ownership;
pub mod tickets;
pub mod users;
pub mod value;
pub mod versioned;
