//! Your in-app notifications. One method per operation, named after its OpenAPI
//! operation id.

use kehu_types::*;
use uuid::Uuid;

use crate::{Client, Error};

impl Client {
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
