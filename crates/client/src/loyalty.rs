//! Loyalty: points, tiers and the loyalty program. One method per operation,
//! named after its OpenAPI operation id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned};

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
