//! The service desk: tickets and their categories, compensations and their
//! approval, service levels and business calendars, and the public request
//! form. One method per operation, named after its OpenAPI operation id.

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

    pub async fn get_ticket_sla(&self, id: Uuid) -> Result<TicketSla, Error> {
        self.get(&format!("/api/v1/tickets/{id}/sla")).await
    }

    pub async fn list_sla_policies(&self) -> Result<SlaPolicyList, Error> {
        self.get("/api/v1/sla-policies").await
    }

    pub async fn create_sla_policy(&self, input: &CreateSlaPolicy) -> Result<SlaPolicy, Error> {
        self.call(Method::POST, "/api/v1/sla-policies", Some(input)).await
    }

    pub async fn update_sla_policy(&self, id: Uuid, input: &UpdateSlaPolicy) -> Result<SlaPolicy, Error> {
        self.call(Method::PATCH, &format!("/api/v1/sla-policies/{id}"), Some(input)).await
    }

    pub async fn list_business_calendars(&self) -> Result<BusinessCalendarList, Error> {
        self.get("/api/v1/business-calendars").await
    }

    pub async fn create_business_calendar(&self, input: &BusinessCalendarInput) -> Result<BusinessCalendar, Error> {
        self.call(Method::POST, "/api/v1/business-calendars", Some(input)).await
    }

    pub async fn replace_business_calendar(
        &self,
        id: Uuid,
        input: &BusinessCalendarInput,
    ) -> Result<BusinessCalendar, Error> {
        self.call(Method::PUT, &format!("/api/v1/business-calendars/{id}"), Some(input)).await
    }

    /// When `question.minutes` of the calendar's open hours from `question.from` end.
    pub async fn business_calendar_due_time(&self, id: Uuid, question: &DueTimeQuestion) -> Result<DueTime, Error> {
        self.call(Method::POST, &format!("/api/v1/business-calendars/{id}/due-time"), Some(question)).await
    }

    /// Import a holiday schedule file into the calendar; with
    /// `import.dry_run`, only say what would change.
    pub async fn import_business_calendar_holidays(
        &self,
        id: Uuid,
        import: &HolidayImport,
    ) -> Result<HolidayImportResult, Error> {
        self.call(Method::POST, &format!("/api/v1/business-calendars/{id}/holidays/import"), Some(import)).await
    }

    /// Send a request as a customer, without signing in.
    pub async fn submit_public_request(&self, input: &PublicRequest) -> Result<PublicRequestReceipt, Error> {
        self.call(Method::POST, "/api/v1/public/requests", Some(input)).await
    }
}
