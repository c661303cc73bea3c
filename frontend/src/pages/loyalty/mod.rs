//! The loyalty program: a customer's points and tier, and the program's settings.

pub mod points;
pub mod settings;
