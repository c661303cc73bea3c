//! Customers: the customer file, custom fields and consent, stages,
//! interactions and the timeline. One method per operation, named after its
//! OpenAPI operation id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned};

impl Client {
    pub async fn list_customers(&self, query: &CustomerQuery) -> Result<CustomerPage, Error> {
        self.get_query("/api/v1/customers", query).await
    }

    /// Create a customer; with `idempotency_key`, a retry returns the first result.
    pub async fn create_customer(
        &self,
        input: &CreateCustomer,
        idempotency_key: Option<&str>,
    ) -> Result<Customer, Error> {
        self.post_idempotent("/api/v1/customers", input, idempotency_key).await
    }

    /// A customer and its version (for `update_customer`).
    pub async fn get_customer(&self, id: Uuid) -> Result<Versioned<Customer>, Error> {
        self.get_versioned(&format!("/api/v1/customers/{id}")).await
    }

    /// The customer another system knows by `reference` (404 when none is visible).
    pub async fn get_customer_by_external_id(
        &self,
        reference: &ExternalCustomerRef,
    ) -> Result<Versioned<Customer>, Error> {
        let url = self.url("/api/v1/customers/by-external-id");
        let response = self.send(|client| client.http.get(&url).query(reference)).await?;
        let version = crate::etag_version(&response);
        Ok(Versioned { value: crate::decode(response).await?, version })
    }

    /// A customer's consent changes, newest first.
    pub async fn get_customer_consent_history(&self, id: Uuid) -> Result<ConsentHistory, Error> {
        self.get(&format!("/api/v1/customers/{id}/consent-history")).await
    }

    /// The custom fields of the customer file, and their version.
    pub async fn get_custom_field_settings(&self) -> Result<Versioned<CustomFieldSettings>, Error> {
        self.get_versioned("/api/v1/settings/custom-fields").await
    }

    /// Replace the custom fields (admins); with `version`, 412 if changed first.
    pub async fn update_custom_field_settings(
        &self,
        version: Option<i64>,
        settings: &CustomFieldSettings,
    ) -> Result<CustomFieldSettings, Error> {
        self.send_if_match(Method::PUT, "/api/v1/settings/custom-fields", settings, version).await
    }

    /// Update a customer that is at `version` (412 if someone changed it first).
    pub async fn update_customer(&self, id: Uuid, version: i64, input: &UpdateCustomer) -> Result<Customer, Error> {
        self.patch_if_match(&format!("/api/v1/customers/{id}"), input, Some(version)).await
    }

    /// Move a customer to the trash.
    pub async fn delete_customer(&self, id: Uuid, version: Option<i64>) -> Result<(), Error> {
        self.delete_if_match(&format!("/api/v1/customers/{id}"), version).await
    }

    pub async fn restore_customer(&self, id: Uuid) -> Result<Customer, Error> {
        self.call::<(), _>(Method::POST, &format!("/api/v1/customers/{id}/restore"), None).await
    }

    pub async fn change_customer_stage(
        &self,
        id: Uuid,
        input: &StageChangeRequest,
    ) -> Result<StageHistoryEntry, Error> {
        self.call(Method::POST, &format!("/api/v1/customers/{id}/stage"), Some(input)).await
    }

    pub async fn list_customer_stage_history(&self, id: Uuid, page: &PageQuery) -> Result<StageHistoryPage, Error> {
        self.get_query(&format!("/api/v1/customers/{id}/stage-history"), page).await
    }

    pub async fn list_customer_interactions(&self, id: Uuid, page: &PageQuery) -> Result<InteractionPage, Error> {
        self.get_query(&format!("/api/v1/customers/{id}/interactions"), page).await
    }

    pub async fn create_customer_interaction(&self, id: Uuid, input: &CreateInteraction) -> Result<Interaction, Error> {
        self.call(Method::POST, &format!("/api/v1/customers/{id}/interactions"), Some(input)).await
    }

    /// Record an interaction for the customer the body names (by id or external id).
    pub async fn record_interaction(&self, input: &RecordInteraction) -> Result<Interaction, Error> {
        self.call(Method::POST, "/api/v1/interactions", Some(input)).await
    }

    pub async fn get_customer_timeline(&self, id: Uuid, page: &PageQuery) -> Result<TimelinePage, Error> {
        self.get_query(&format!("/api/v1/customers/{id}/timeline"), page).await
    }
}
