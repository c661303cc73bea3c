//! The commerce handlers: products and orders.

pub mod orders;
pub mod products;
