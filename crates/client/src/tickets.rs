//! Ticket operations, named after their OpenAPI operation ids.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error, Versioned};

impl Client {
    pub async fn list_tickets(&self, query: &TicketQuery) -> Result<TicketPage, Error> {
        self.get_query("/api/v1/tickets", query).await
    }

    /// Open a ticket; with `idempotency_key`, a retry returns the first result.
    pub async fn create_ticket(&self, input: &CreateTicket, idempotency_key: Option<&str>) -> Result<Ticket, Error> {
        self.post_idempotent("/api/v1/tickets", input, idempotency_key).await
    }

    /// A ticket and its version (for `update_ticket` and the optional checks of the actions).
    pub async fn get_ticket(&self, id: Uuid) -> Result<Versioned<Ticket>, Error> {
        self.get_versioned(&format!("/api/v1/tickets/{id}")).await
    }

    /// Edit a ticket that is at `version` (412 if someone changed it first).
    pub async fn update_ticket(&self, id: Uuid, version: i64, input: &UpdateTicket) -> Result<Ticket, Error> {
        self.patch_if_match(&format!("/api/v1/tickets/{id}"), input, Some(version)).await
    }

    pub async fn change_ticket_status(
        &self,
        id: Uuid,
        input: &TicketStatusChange,
        version: Option<i64>,
    ) -> Result<Ticket, Error> {
        self.post_if_match(&format!("/api/v1/tickets/{id}/status"), input, version).await
    }

    pub async fn assign_ticket(&self, id: Uuid, input: &AssignTicket, version: Option<i64>) -> Result<Ticket, Error> {
        self.post_if_match(&format!("/api/v1/tickets/{id}/assign"), input, version).await
    }

    pub async fn escalate_ticket(
        &self,
        id: Uuid,
        input: &EscalateTicket,
        version: Option<i64>,
    ) -> Result<Ticket, Error> {
        self.post_if_match(&format!("/api/v1/tickets/{id}/escalation"), input, version).await
    }

    pub async fn list_ticket_events(&self, id: Uuid, page: &PageQuery) -> Result<TicketEventPage, Error> {
        self.get_query(&format!("/api/v1/tickets/{id}/events"), page).await
    }

    pub async fn create_ticket_message(&self, id: Uuid, input: &CreateTicketMessage) -> Result<TicketEvent, Error> {
        self.call(Method::POST, &format!("/api/v1/tickets/{id}/messages"), Some(input)).await
    }

    pub async fn list_ticket_compensations(&self, id: Uuid) -> Result<CompensationList, Error> {
        self.get(&format!("/api/v1/tickets/{id}/compensations")).await
    }

    pub async fn create_ticket_compensation(
        &self,
        id: Uuid,
        input: &CreateCompensation,
    ) -> Result<Compensation, Error> {
        self.call(Method::POST, &format!("/api/v1/tickets/{id}/compensations"), Some(input)).await
    }

    pub async fn list_ticket_categories(&self) -> Result<TicketCategoryList, Error> {
        self.get("/api/v1/ticket-categories").await
    }

    pub async fn create_ticket_category(&self, input: &CreateTicketCategory) -> Result<TicketCategory, Error> {
        self.call(Method::POST, "/api/v1/ticket-categories", Some(input)).await
    }

    pub async fn update_ticket_category(
        &self,
        id: Uuid,
        input: &UpdateTicketCategory,
    ) -> Result<TicketCategory, Error> {
        self.call(Method::PATCH, &format!("/api/v1/ticket-categories/{id}"), Some(input)).await
    }
}
