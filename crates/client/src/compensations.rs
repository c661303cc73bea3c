//! Compensation approvals and limits, named after their OpenAPI operation ids.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned};

impl Client {
    /// Compensations on tickets you may see; `status: Requested` for the approval queue.
    pub async fn list_compensations(&self, query: &CompensationQuery) -> Result<CompensationPage, Error> {
        self.get_query("/api/v1/compensations", query).await
    }

    pub async fn approve_compensation(&self, id: Uuid, input: &CompensationDecision) -> Result<Compensation, Error> {
        self.call(Method::POST, &format!("/api/v1/compensations/{id}/approve"), Some(input)).await
    }

    pub async fn reject_compensation(&self, id: Uuid, input: &CompensationDecision) -> Result<Compensation, Error> {
        self.call(Method::POST, &format!("/api/v1/compensations/{id}/reject"), Some(input)).await
    }

    /// Each role's compensation limits, and their version.
    pub async fn get_compensation_limits(&self) -> Result<Versioned<CompensationLimits>, Error> {
        self.get_versioned("/api/v1/settings/compensation-limits").await
    }

    /// Replace the limits; with `version`, 412 if changed first.
    pub async fn update_compensation_limits(
        &self,
        version: Option<i64>,
        limits: &CompensationLimits,
    ) -> Result<CompensationLimits, Error> {
        self.send_if_match(Method::PUT, "/api/v1/settings/compensation-limits", limits, version).await
    }
}
