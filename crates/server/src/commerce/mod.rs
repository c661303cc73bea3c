//! Commerce: the product catalogue, orders with their refunds, and the bulk
//! import of orders from a shop system.

pub mod api;
pub mod order_import;
pub mod orders;
pub mod products;

use utoipa::OpenApi;

use crate::http::routes::{Table, at};

/// Mount the product and order operations.
pub fn routes(table: Table) -> Table {
    use api::{orders, products};
    table
        .mount(at("/products").get(products::list).post(products::create))
        // Before `/products/{id}`, which would otherwise take "bulk" for an id.
        .mount(at("/products/bulk").post(products::bulk))
        .mount(at("/products/{id}").get(products::get).patch(products::update))
        .mount(at("/orders").get(orders::list).post(orders::create))
        // Before `/orders/{id}`, which would otherwise take "bulk" for an id.
        .mount(at("/orders/bulk").post(orders::bulk))
        .mount(at("/orders/{id}").get(orders::get))
        .mount(at("/orders/{id}/refunds").post(orders::refund))
}

#[derive(OpenApi)]
#[openapi(paths(
    api::products::list,
    api::products::create,
    api::products::get,
    api::products::update,
    api::products::bulk,
    api::orders::list,
    api::orders::create,
    api::orders::get,
    api::orders::refund,
    api::orders::bulk,
))]
pub struct ApiDoc;
