//! One method per API operation, named after its OpenAPI operation id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned, decode};

impl Client {
    // --- auth ---------------------------------------------------------------

    /// Sign in; the client keeps the tokens for later calls.
    pub async fn login(&self, email: &str, password: &str) -> Result<TokenPair, Error> {
        let body = LoginRequest { email: email.to_owned(), password: password.to_owned() };
        let response = self.http.post(self.url("/api/v1/auth/login")).json(&body).send().await?;
        let pair: TokenPair = decode(response).await?;
        self.set_tokens(Some(pair.clone()));
        Ok(pair)
    }

    /// Rotate the refresh token now.
    pub async fn refresh(&self) -> Result<TokenPair, Error> {
        let token = self.tokens().map(|t| t.refresh_token).unwrap_or_default();
        self.refresh_with(&token).await
    }

    /// Sign out and forget the tokens.
    pub async fn logout(&self) -> Result<(), Error> {
        let token = self.tokens().map(|t| t.refresh_token).unwrap_or_default();
        let body = RefreshRequest { refresh_token: token };
        let url = self.url("/api/v1/auth/logout");
        let response = self.send(|c| c.http.post(&url).json(&body)).await?;
        self.set_tokens(None);
        self.no_content(response).await
    }

    pub async fn get_me(&self) -> Result<User, Error> {
        self.get("/api/v1/me").await
    }

    /// Change your own preferences (the time zone you read times in).
    pub async fn update_me(&self, patch: &UpdateMe) -> Result<User, Error> {
        self.call(Method::PATCH, "/api/v1/me", Some(patch)).await
    }

    /// Change your password; the client switches to the returned tokens.
    pub async fn change_password(&self, current_password: &str, new_password: &str) -> Result<TokenPair, Error> {
        let body = ChangePasswordRequest {
            current_password: current_password.to_owned(),
            new_password: new_password.to_owned(),
        };
        let pair: TokenPair = self.call(Method::POST, "/api/v1/me/password", Some(&body)).await?;
        self.set_tokens(Some(pair.clone()));
        Ok(pair)
    }

    // --- users and teams ----------------------------------------------------

    pub async fn list_users(&self, page: &PageQuery) -> Result<UserPage, Error> {
        self.get_query("/api/v1/users", page).await
    }

    pub async fn create_user(&self, input: &CreateUser) -> Result<User, Error> {
        self.call(Method::POST, "/api/v1/users", Some(input)).await
    }

    pub async fn get_user(&self, id: Uuid) -> Result<User, Error> {
        self.get(&format!("/api/v1/users/{id}")).await
    }

    pub async fn update_user(&self, id: Uuid, input: &UpdateUser) -> Result<User, Error> {
        self.call(Method::PATCH, &format!("/api/v1/users/{id}"), Some(input)).await
    }

    pub async fn reset_user_password(&self, id: Uuid, new_password: &str) -> Result<(), Error> {
        let body = ResetPasswordRequest { new_password: new_password.to_owned() };
        let url = self.url(&format!("/api/v1/users/{id}/password"));
        let response = self.send(|c| c.http.post(&url).json(&body)).await?;
        self.no_content(response).await
    }

    pub async fn list_teams(&self, page: &PageQuery) -> Result<TeamPage, Error> {
        self.get_query("/api/v1/teams", page).await
    }

    pub async fn create_team(&self, input: &CreateTeam) -> Result<Team, Error> {
        self.call(Method::POST, "/api/v1/teams", Some(input)).await
    }

    pub async fn get_team(&self, id: Uuid) -> Result<Team, Error> {
        self.get(&format!("/api/v1/teams/{id}")).await
    }

    pub async fn update_team(&self, id: Uuid, input: &UpdateTeam) -> Result<Team, Error> {
        self.call(Method::PATCH, &format!("/api/v1/teams/{id}"), Some(input)).await
    }

    // --- customers ----------------------------------------------------------

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

    /// `DELETE path`, with `If-Match` when a version is given.
    pub(crate) async fn delete_if_match(&self, path: &str, version: Option<i64>) -> Result<(), Error> {
        let url = self.url(path);
        let response = self
            .send(|c| {
                let builder = c.http.delete(&url);
                match version {
                    Some(v) => builder.header("if-match", format!("\"{v}\"")),
                    None => builder,
                }
            })
            .await?;
        self.no_content(response).await
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

    // --- audit --------------------------------------------------------------

    pub async fn list_audit_entries(&self, query: &AuditQuery) -> Result<AuditPage, Error> {
        self.get_query("/api/v1/audit", query).await
    }
}
