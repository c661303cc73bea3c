//! The service desk: tickets through their process, their queues, and who
//! may reach them; compensations and their approval, SLA clocks and policies,
//! business calendars, the public request form.

mod calendars;
mod compensation_approvals;
mod public;
mod queues;
mod sla;
mod ticket_visibility;
mod tickets;
