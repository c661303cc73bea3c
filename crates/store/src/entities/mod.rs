//! sea-orm entities, one per table. Enum-valued columns are stored as their wire
//! spelling (`kehu_types` enums' `as_str`), so raw SQL and the API read alike.

pub mod article;
pub mod audit_log;
pub mod business_calendar;
pub mod customer;
pub mod customer_digit_key;
pub mod customer_tag;
pub mod customer_value;
pub mod idempotency_key;
pub mod interaction;
pub mod job;
pub mod loyalty_account;
pub mod notification;
pub mod order;
pub mod order_item;
pub mod order_refund;
pub mod outbox_event;
pub mod points_entry;
pub mod points_lot;
pub mod product;
pub mod refresh_token;
pub mod segment;
pub mod setting;
pub mod sla_ledger;
pub mod sla_policy;
pub mod stage_history;
pub mod task;
pub mod team;
pub mod ticket;
pub mod ticket_category;
pub mod ticket_compensation;
pub mod ticket_event;
pub mod ticket_sla_metric;
pub mod tier_change;
pub mod typed_json;
pub mod user;
