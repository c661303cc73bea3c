//! Commerce: products, orders and refunds, the bulk order import, money in
//! every currency.

mod money;
mod order_import;
mod orders;
mod products;
