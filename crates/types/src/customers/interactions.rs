//! The communication record and the customer timeline.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Channel, Direction, StageHistoryEntry, TicketEvent};

/// One communication with a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interaction {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub channel: Channel,
    pub direction: Direction,
    pub subject: Option<String>,
    pub body: Option<String>,
    /// When it happened (may be earlier than when it was recorded).
    pub occurred_at: DateTime<Utc>,
    /// The user who recorded it.
    pub author_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/customers/{id}/interactions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInteraction {
    pub channel: Channel,
    pub direction: Direction,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    /// At most 300 characters. A subject or a body is required.
    #[serde(default)]
    pub subject: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    /// At most 20,000 characters.
    #[serde(default)]
    pub body: Option<String>,
    /// Defaults to now; may not be more than a day in the future.
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
}

/// Body of `POST /api/v1/interactions`: an interaction with the customer
/// named by `customer_id` or by `customer` (their id in another system).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordInteraction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<crate::ExternalCustomerRef>,
    pub channel: Channel,
    pub direction: Direction,
    /// At most 300 characters. A subject or a body is required.
    #[serde(default)]
    pub subject: Option<String>,
    /// At most 20,000 characters.
    #[serde(default)]
    pub body: Option<String>,
    /// Defaults to now; may not be more than a day in the future.
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
}

/// What a timeline entry is. Later capabilities add kinds (tickets, orders…);
/// clients should show unknown kinds generically rather than fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Interaction,
    StageChange,
    TicketEvent,
    Order,
    Refund,
    Points,
}

/// One entry of a customer's timeline: exactly one payload matching `kind` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    /// Uuid of the underlying record.
    pub id: Uuid,
    pub kind: TimelineKind,
    /// When it happened; the timeline is ordered by this, newest first.
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction: Option<Interaction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_change: Option<StageHistoryEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_event: Option<TicketEvent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<crate::Order>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<crate::OrderRefund>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<crate::PointsEntry>,
}
