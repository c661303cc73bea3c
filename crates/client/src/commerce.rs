//! Commerce: products, orders and refunds, and the bulk imports of shop
//! systems. One method per operation, named after its OpenAPI operation id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned};

impl Client {
    pub async fn list_products(&self, query: &ProductQuery) -> Result<ProductPage, Error> {
        self.get_query("/api/v1/products", query).await
    }

    pub async fn create_product(&self, input: &ProductInput) -> Result<Product, Error> {
        self.call(Method::POST, "/api/v1/products", Some(input)).await
    }

    /// A product and its version (for `update_product`).
    pub async fn get_product(&self, id: Uuid) -> Result<Versioned<Product>, Error> {
        self.get_versioned(&format!("/api/v1/products/{id}")).await
    }

    /// Change a product; with `version`, 412 if someone changed it first.
    pub async fn update_product(
        &self,
        id: Uuid,
        version: Option<i64>,
        input: &UpdateProduct,
    ) -> Result<Product, Error> {
        self.patch_if_match(&format!("/api/v1/products/{id}"), input, version).await
    }

    /// Create or update up to 500 products by SKU, all or none.
    pub async fn sync_products(&self, batch: &ProductBatch) -> Result<ProductBatchResult, Error> {
        self.call(Method::POST, "/api/v1/products/bulk", Some(batch)).await
    }

    pub async fn list_orders(&self, query: &OrderQuery) -> Result<OrderPage, Error> {
        self.get_query("/api/v1/orders", query).await
    }

    /// Record an order; a re-sent one (same source and number) comes back as recorded.
    pub async fn create_order(&self, input: &CreateOrder) -> Result<Order, Error> {
        self.call(Method::POST, "/api/v1/orders", Some(input)).await
    }

    pub async fn get_order(&self, id: Uuid) -> Result<Order, Error> {
        self.get(&format!("/api/v1/orders/{id}")).await
    }

    /// Refund part or all of an order; returns the order as it now stands.
    pub async fn refund_order(&self, id: Uuid, input: &CreateRefund) -> Result<Order, Error> {
        self.call(Method::POST, &format!("/api/v1/orders/{id}/refunds"), Some(input)).await
    }

    /// Record up to 500 orders, all or none; re-sent ones count as unchanged.
    pub async fn import_orders(&self, batch: &OrderBatch) -> Result<OrderBatchResult, Error> {
        self.call(Method::POST, "/api/v1/orders/bulk", Some(batch)).await
    }
}
