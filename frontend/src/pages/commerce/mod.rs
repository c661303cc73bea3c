//! Products and orders: the catalogue, the list of all orders, and a
//! customer's orders with their refunds.

pub mod customer_orders;
pub mod orders;
pub mod products;
