//! The customer handlers: the customer file, and interactions with the timeline.

pub mod customers;
pub mod interactions;
