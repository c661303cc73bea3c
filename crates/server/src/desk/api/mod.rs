//! The service-desk handlers.

pub mod calendars;
pub mod compensations;
pub mod holidays;
pub mod public;
pub mod sla;
pub mod ticket_categories;
pub mod tickets;
