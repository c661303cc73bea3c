//! The service desk: tickets through their process and who may reach them,
//! compensations and their approval, SLA clocks and policies, business
//! calendars, the public request form.

mod calendars;
mod compensation_approvals;
mod public;
mod sla;
mod ticket_visibility;
mod tickets;
