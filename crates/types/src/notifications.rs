//! In-app notifications: what concerns someone, and whether they have read it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire::wire_enum;

wire_enum!(
    /// Why you were notified.
    NotificationKind {
        Assigned => "assigned",
        Transferred => "transferred",
        Escalated => "escalated",
        SlaWarning => "sla_warning",
        SlaBreach => "sla_breach",
        Mentioned => "mentioned",
        TaskAssigned => "task_assigned",
        /// A compensation above its giver's limits waits for your approval.
        CompensationRequested => "compensation_requested",
        /// Your compensation request was approved or rejected.
        CompensationDecided => "compensation_decided",
    }
);

/// An in-app message to you.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: Uuid,
    pub kind: NotificationKind,
    pub ticket_id: Option<Uuid>,
    /// Who caused it; `null` for the system (SLA).
    pub actor_id: Option<Uuid>,
    /// e.g. `T-000123 收到的杯子有裂痕`.
    pub summary: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// How many notifications you have not read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: u64,
}

/// Filters and paging of `GET /api/v1/notifications`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct NotificationQuery {
    /// `true`: only unread ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}
