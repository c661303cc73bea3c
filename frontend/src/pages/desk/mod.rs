//! The service desk: the ticket queue, a ticket with its conversation,
//! SLA clocks and compensations, the approval queue, and the desk's settings
//! (categories, SLA policies, compensation limits, business calendars).

pub mod approvals;
pub mod calendar_import;
pub mod calendars;
pub mod compensation_limits;
pub mod conversation;
pub mod dialogs;
pub mod form;
pub mod list;
pub mod policies;
pub mod settings;
pub mod sla;
pub mod ticket;
