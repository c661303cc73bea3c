//! Customer value: a customer's value panel and the lifecycle and value
//! rules admins set.

pub mod customer_value;
pub mod settings;
