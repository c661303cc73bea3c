//! Product catalogue operations, named after their OpenAPI operation ids.

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
}

impl Client {
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

    pub async fn get_customer_value(&self, customer_id: Uuid) -> Result<CustomerValue, Error> {
        self.get(&format!("/api/v1/customers/{customer_id}/value")).await
    }
}

/// Value rules: settings, the inactivity sweep and RFM scoring.
impl Client {
    /// Record up to 500 orders, all or none; re-sent ones count as unchanged.
    pub async fn import_orders(&self, batch: &OrderBatch) -> Result<OrderBatchResult, Error> {
        self.call(Method::POST, "/api/v1/orders/bulk", Some(batch)).await
    }

    pub async fn get_lifecycle_settings(&self) -> Result<Versioned<LifecycleSettings>, Error> {
        self.get_versioned("/api/v1/settings/lifecycle").await
    }

    /// Replace the lifecycle thresholds; with `version`, 412 if changed first.
    pub async fn update_lifecycle_settings(
        &self,
        version: Option<i64>,
        settings: &LifecycleSettings,
    ) -> Result<LifecycleSettings, Error> {
        self.send_if_match(Method::PUT, "/api/v1/settings/lifecycle", settings, version).await
    }

    pub async fn get_value_settings(&self) -> Result<Versioned<ValueSettings>, Error> {
        self.get_versioned("/api/v1/settings/value").await
    }

    /// Replace the value settings; with `version`, 412 if changed first.
    pub async fn update_value_settings(
        &self,
        version: Option<i64>,
        settings: &ValueSettings,
    ) -> Result<ValueSettings, Error> {
        self.send_if_match(Method::PUT, "/api/v1/settings/value", settings, version).await
    }

    /// When the daily work runs, and its version.
    pub async fn get_daily_job_settings(&self) -> Result<Versioned<DailyJobSettings>, Error> {
        self.get_versioned("/api/v1/settings/daily-jobs").await
    }

    /// Change when the daily work runs; with `version`, 412 if changed first.
    pub async fn update_daily_job_settings(
        &self,
        version: Option<i64>,
        settings: &DailyJobSettings,
    ) -> Result<DailyJobSettings, Error> {
        self.send_if_match(Method::PUT, "/api/v1/settings/daily-jobs", settings, version).await
    }

    /// Run the inactivity sweep now.
    pub async fn run_lifecycle_sweep(&self) -> Result<SweepResult, Error> {
        self.call::<(), _>(Method::POST, "/api/v1/lifecycle/sweep", None).await
    }

    /// Score every customer's RFM now.
    pub async fn score_rfm(&self) -> Result<RfmRun, Error> {
        self.call::<(), _>(Method::POST, "/api/v1/customer-value/rfm", None).await
    }
}

/// Loyalty: points and tiers.
impl Client {
    pub async fn get_loyalty_account(&self, customer_id: Uuid) -> Result<LoyaltyAccount, Error> {
        self.get(&format!("/api/v1/customers/{customer_id}/loyalty")).await
    }

    pub async fn list_points(&self, customer_id: Uuid, page: &PageQuery) -> Result<PointsPage, Error> {
        self.get_query(&format!("/api/v1/customers/{customer_id}/points"), page).await
    }

    /// Add or remove points by hand (managers and admins).
    pub async fn adjust_points(&self, customer_id: Uuid, input: &AdjustPoints) -> Result<PointsEntry, Error> {
        self.call(Method::POST, &format!("/api/v1/customers/{customer_id}/points/adjustments"), Some(input)).await
    }

    /// Spend points; never more than the balance.
    pub async fn redeem_points(&self, customer_id: Uuid, input: &RedeemPoints) -> Result<PointsEntry, Error> {
        self.call(Method::POST, &format!("/api/v1/customers/{customer_id}/points/redemptions"), Some(input)).await
    }

    pub async fn get_loyalty_settings(&self) -> Result<Versioned<LoyaltySettings>, Error> {
        self.get_versioned("/api/v1/settings/loyalty").await
    }

    /// Replace the loyalty program; with `version`, 412 if changed first.
    pub async fn update_loyalty_settings(
        &self,
        version: Option<i64>,
        settings: &LoyaltySettings,
    ) -> Result<LoyaltySettings, Error> {
        self.send_if_match(Method::PUT, "/api/v1/settings/loyalty", settings, version).await
    }

    /// Let lapsed points expire now.
    pub async fn expire_points(&self) -> Result<ExpiryRun, Error> {
        self.call::<(), _>(Method::POST, "/api/v1/loyalty/expire", None).await
    }
}

/// Segments.
impl Client {
    /// How many customers (that you may see) a filter selects.
    pub async fn count_segment(&self, filter: &SegmentFilter) -> Result<SegmentCount, Error> {
        let body = SegmentCountRequest { filter: filter.clone() };
        self.call(Method::POST, "/api/v1/segments/count", Some(&body)).await
    }
}

/// Saved segments.
impl Client {
    pub async fn list_segments(&self) -> Result<SegmentPage, Error> {
        self.get("/api/v1/segments").await
    }

    pub async fn create_segment(&self, input: &CreateSegment) -> Result<Segment, Error> {
        self.call(Method::POST, "/api/v1/segments", Some(input)).await
    }

    pub async fn get_segment(&self, id: Uuid) -> Result<Versioned<Segment>, Error> {
        self.get_versioned(&format!("/api/v1/segments/{id}")).await
    }

    /// Change a segment; with `version`, 412 if someone changed it first.
    pub async fn update_segment(
        &self,
        id: Uuid,
        version: Option<i64>,
        input: &UpdateSegment,
    ) -> Result<Segment, Error> {
        self.patch_if_match(&format!("/api/v1/segments/{id}"), input, version).await
    }

    /// Move a segment to the trash; `restore_segment` brings it back.
    pub async fn delete_segment(&self, id: Uuid, version: Option<i64>) -> Result<(), Error> {
        self.delete_if_match(&format!("/api/v1/segments/{id}"), version).await
    }

    pub async fn restore_segment(&self, id: Uuid) -> Result<Segment, Error> {
        self.call::<(), _>(Method::POST, &format!("/api/v1/segments/{id}/restore"), None).await
    }
}
