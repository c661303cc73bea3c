//! sea-orm entities, one per table. Enum-valued columns are stored as their wire
//! spelling (`kehu_types` enums' `as_str`), so raw SQL and the API read alike.

pub mod audit_log;
pub mod customer;
pub mod customer_tag;
pub mod idempotency_key;
pub mod interaction;
pub mod outbox_event;
pub mod refresh_token;
pub mod stage_history;
pub mod team;
pub mod ticket;
pub mod ticket_category;
pub mod ticket_compensation;
pub mod ticket_event;
pub mod user;
