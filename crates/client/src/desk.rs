//! Service levels, notifications, the public form and tasks, named after their
//! OpenAPI operation ids.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error};

impl Client {
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

    pub async fn list_notifications(&self, query: &NotificationQuery) -> Result<NotificationPage, Error> {
        self.get_query("/api/v1/notifications", query).await
    }

    pub async fn count_unread_notifications(&self) -> Result<UnreadCount, Error> {
        self.get("/api/v1/notifications/unread-count").await
    }

    pub async fn mark_notification_read(&self, id: Uuid) -> Result<(), Error> {
        let url = self.url(&format!("/api/v1/notifications/{id}/read"));
        let response = self.send(|c| c.http.post(&url)).await?;
        self.no_content(response).await
    }

    pub async fn mark_all_notifications_read(&self) -> Result<(), Error> {
        let url = self.url("/api/v1/notifications/read-all");
        let response = self.send(|c| c.http.post(&url)).await?;
        self.no_content(response).await
    }
}

impl Client {
    /// Send a request as a customer, without signing in.
    pub async fn submit_public_request(&self, input: &PublicRequest) -> Result<PublicRequestReceipt, Error> {
        self.call(Method::POST, "/api/v1/public/requests", Some(input)).await
    }
}

impl Client {
    pub async fn list_tasks(&self, query: &TaskQuery) -> Result<TaskPage, Error> {
        self.get_query("/api/v1/tasks", query).await
    }

    pub async fn create_task(&self, input: &CreateTask) -> Result<Task, Error> {
        self.call(Method::POST, "/api/v1/tasks", Some(input)).await
    }

    pub async fn get_task(&self, id: Uuid) -> Result<Task, Error> {
        self.get(&format!("/api/v1/tasks/{id}")).await
    }

    pub async fn update_task(&self, id: Uuid, input: &UpdateTask) -> Result<Task, Error> {
        self.call(Method::PATCH, &format!("/api/v1/tasks/{id}"), Some(input)).await
    }
}
