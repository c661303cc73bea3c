//! Kehu's business rules, free of I/O so they can be tested hard and shared with
//! the web app (which validates forms with the very same functions).

pub mod compensation;
pub mod contact;
pub mod custom_fields;
pub mod holidays;
pub mod lifecycle;
pub mod loyalty;
pub mod mask;
pub mod search;
pub mod segments;
pub mod sla;
pub mod text;
pub mod tickets;
pub mod validate;
pub mod value;
