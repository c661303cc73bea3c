//! The ticket queues: the views of the ticket list, its sort orders and filters.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire::wire_enum;
use crate::{Priority, TicketStatus, TicketType};

wire_enum!(
    /// Ready-made ticket queues.
    TicketView {
        /// Assigned to you.
        Mine => "mine",
        /// Your team's tickets.
        Team => "team",
        /// Nobody is accountable yet.
        Unassigned => "unassigned",
        /// Escalation level 1 or higher.
        Escalated => "escalated",
        /// Open, with an SLA due within the next hour.
        BreachingSoon => "breaching_soon",
        /// Open, with a breached SLA.
        Breached => "breached",
    }
);

/// Sort orders of the ticket list; a leading `-` means descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TicketSort {
    #[serde(rename = "created_at")]
    CreatedAt,
    #[serde(rename = "-created_at")]
    CreatedAtDesc,
    #[serde(rename = "-updated_at")]
    UpdatedAtDesc,
}

/// Queues, filters, sort and paging of `GET /api/v1/tickets`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct TicketQuery {
    /// A ready-made queue: `mine`, `team`, `unassigned`, `escalated`,
    /// `breaching_soon` (an SLA due within the hour), `breached`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<TicketView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TicketStatus>,
    /// `true`: only tickets not yet resolved or closed; `false`: only those.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<bool>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<TicketType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<Uuid>,
    /// Substring search over the number, subject, description and conversation
    /// (CJK works: `退款` finds `申请退款`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Default `-created_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: Option<TicketSort>,
    /// `true` adds `total`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}
