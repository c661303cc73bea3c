//! Follow-up tasks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ExternalCustomerRef;
use crate::patch::double_option;
use crate::wire::wire_enum;

/// Something a user must do by a time, about a customer and/or a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    pub id: Uuid,
    pub kind: TaskKind,
    pub title: String,
    pub notes: Option<String>,
    pub due_at: DateTime<Utc>,
    pub assignee_id: Uuid,
    pub customer_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    /// Set when done; `null` while open.
    pub done_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/tasks`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTask {
    pub kind: TaskKind,
    /// 1–300 characters.
    pub title: String,
    #[serde(default)]
    pub notes: Option<String>,
    pub due_at: DateTime<Utc>,
    /// Default: you. Agents may only give tasks to themselves.
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    #[serde(default)]
    pub customer_id: Option<Uuid>,
    /// The customer by their id in another system, instead of `customer_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<ExternalCustomerRef>,
    /// The ticket's customer is linked too when no customer is given.
    #[serde(default)]
    pub ticket_id: Option<Uuid>,
}

/// Body of `PATCH /api/v1/tasks/{id}`. `done: true` completes it, `false` reopens it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTask {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TaskKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub notes: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

/// Filters and paging of `GET /api/v1/tasks`, ordered by due time (soonest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct TaskQuery {
    /// `true`: only tasks assigned to you.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mine: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<Uuid>,
    /// `false`: open tasks; `true`: done ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// Due before this instant (for "overdue", pass now; for "due today", the end of your day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_before: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

wire_enum!(
    /// What a follow-up task asks for.
    TaskKind {
        Call => "call",
        Email => "email",
        Visit => "visit",
        Review => "review",
        Other => "other",
    }
);
