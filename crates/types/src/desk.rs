//! The service desk: tickets through their process, their categories and
//! queues, compensations with their limits and approvals, service levels and
//! business calendars, and the public request form.

mod categories;
mod compensations;
mod public;
mod queues;
mod sla;
mod tickets;

pub use categories::*;
pub use compensations::*;
pub use public::*;
pub use queues::*;
pub use sla::*;
pub use tickets::*;
