//! Customer value: a customer's value, the lifecycle, value and daily-work
//! settings, and running the sweep and the RFM scoring. One method per
//! operation, named after its OpenAPI operation id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned};

impl Client {
    pub async fn get_customer_value(&self, customer_id: Uuid) -> Result<CustomerValue, Error> {
        self.get(&format!("/api/v1/customers/{customer_id}/value")).await
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
