//! Follow-up tasks. One method per operation, named after its OpenAPI operation
//! id.

use kehu_types::*;
use reqwest::Method;
use uuid::Uuid;

use crate::{Client, Error};

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
