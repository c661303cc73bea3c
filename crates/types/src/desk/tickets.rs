//! Tickets: complaints, inquiries, requests and feedback, their process,
//! conversation, ownership and escalation. What is given on a ticket is in
//! `compensations`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::patch::double_option;
use crate::wire::wire_enum;
use crate::{Channel, Compensation};

/// Highest escalation level: 0 agent, 1 team lead, 2 manager, 3 executive.
pub const MAX_ESCALATION_LEVEL: i16 = 3;

/// A ticket. `number` is the human reference (`T-000123`) quoted to customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ticket {
    pub id: Uuid,
    #[cfg_attr(feature = "openapi", schema(example = "T-000123"))]
    pub number: String,
    pub customer_id: Uuid,
    /// The customer's display name, for queues.
    pub customer_name: String,
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    pub category_id: Option<Uuid>,
    pub subject: String,
    pub description: Option<String>,
    pub priority: Priority,
    pub status: TicketStatus,
    /// Where the ticket came in.
    pub channel: Channel,
    /// The one user accountable for the ticket; `null` while it waits in the team queue.
    pub assignee_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    /// 0 agent, 1 team lead, 2 manager, 3 executive.
    pub escalation_level: i16,
    /// Required to close.
    pub resolution_summary: Option<String>,
    /// Required to close a complaint.
    pub root_cause: Option<String>,
    /// When staff first replied publicly.
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    /// The SLA policy that applies (see `GET /api/v1/tickets/{id}/sla`).
    pub sla_policy_id: Option<Uuid>,
    /// The earliest due time of the running SLA clocks; `null` when none runs.
    pub sla_due_at: Option<DateTime<Utc>>,
    /// Whether any SLA target of this ticket was missed.
    pub sla_breached: bool,
    /// Optimistic-concurrency version; send it back in `If-Match` to update.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/tickets`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTicket {
    /// Kehu's id of the customer; or name them by `customer` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<Uuid>,
    /// The customer by their id in another system, instead of `customer_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<crate::ExternalCustomerRef>,
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    /// 1–300 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 300))]
    pub subject: String,
    /// At most 20,000 characters.
    #[serde(default)]
    pub description: Option<String>,
    /// Default `normal`.
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub category_id: Option<Uuid>,
    /// Default `phone`.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Default: the creating agent (one-stop service); unassigned for other roles.
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    /// Default: the assignee's team, else the customer's, else yours.
    #[serde(default)]
    pub team_id: Option<Uuid>,
}

impl CreateTicket {
    /// A ticket with only the required fields set.
    pub fn new(customer_id: Uuid, ticket_type: TicketType, subject: impl Into<String>) -> Self {
        Self {
            customer_id: Some(customer_id),
            customer: None,
            ticket_type,
            subject: subject.into(),
            description: None,
            priority: None,
            category_id: None,
            channel: None,
            assignee_id: None,
            team_id: None,
        }
    }
}

/// Body of `PATCH /api/v1/tickets/{id}` (needs `If-Match`). Absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTicket {
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<TicketType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub description: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>, nullable))]
    pub category_id: Option<Option<Uuid>>,
}

/// Body of `POST /api/v1/tickets/{id}/status`. Triage may set the category and
/// priority in the same step; closing needs a resolution summary (and a root
/// cause for complaints), given here or earlier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TicketStatusChange {
    pub status: TicketStatus,
    /// Why, for the timeline; at most 1,000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution_summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_cause: Option<String>,
}

impl TicketStatusChange {
    pub fn to(status: TicketStatus) -> Self {
        Self { status, note: None, category_id: None, priority: None, resolution_summary: None, root_cause: None }
    }
}

/// Body of `POST /api/v1/tickets/{id}/assign`. Giving an owned ticket to
/// someone else is a transfer and needs a hand-off note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignTicket {
    /// The new accountable user; `null` returns the ticket to the team queue.
    pub assignee_id: Option<Uuid>,
    /// Default: the new assignee's team, else unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<Uuid>,
    /// The hand-off note; required for a transfer. At most 1,000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Body of `POST /api/v1/tickets/{id}/escalation`: raise the level (with the
/// user who takes the ticket over) or lower it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EscalateTicket {
    /// 0–3; must differ from the current level.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 3))]
    pub level: i16,
    /// Why; 1–1,000 characters.
    pub reason: String,
    /// Required when raising the level: who takes the ticket over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<Uuid>,
}

/// Body of `POST /api/v1/tickets/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTicketMessage {
    pub kind: TicketMessageKind,
    /// 1–20,000 characters. In a note, `@Name` mentions a colleague.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20000))]
    pub body: String,
}

/// What changed in a ticket event; only the fields of its kind are set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketEventDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_status: Option<TicketStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_status: Option<TicketStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_assignee_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_assignee_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_level: Option<i16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_level: Option<i16>,
    /// True when the system did it (e.g. escalation on an SLA breach).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub automatic: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compensation: Option<Compensation>,
    /// Field names changed by an edit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
}

/// One entry of a ticket's history and conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketEvent {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub ticket_number: String,
    pub customer_id: Uuid,
    pub kind: TicketEventKind,
    /// The user who did it; `null` for the system or the customer via a public form.
    pub actor_id: Option<Uuid>,
    /// The message, note, hand-off note or reason.
    pub body: Option<String>,
    pub details: TicketEventDetails,
    pub at: DateTime<Utc>,
}

wire_enum!(
    /// What a ticket is about: a complaint, a question, a collected customer
    /// need (`request`), or feedback.
    TicketType {
        Complaint => "complaint",
        Inquiry => "inquiry",
        Request => "request",
        Feedback => "feedback",
    }
);

wire_enum!(
    /// The complaint-handling process: `new` (received and logged) → `triaged`
    /// (category and priority set) → `in_progress` → `awaiting_customer` (SLA
    /// paused) → `resolved` → `closed` (archived). Reopening returns to `in_progress`.
    TicketStatus {
        New => "new",
        Triaged => "triaged",
        InProgress => "in_progress",
        AwaitingCustomer => "awaiting_customer",
        Resolved => "resolved",
        Closed => "closed",
    }
);

wire_enum!(
    /// How urgent a ticket is.
    Priority {
        Low => "low",
        Normal => "normal",
        High => "high",
        Urgent => "urgent",
    }
);

wire_enum!(
    /// What happened on a ticket. Clients should show unknown kinds generically.
    TicketEventKind {
        Created => "created",
        /// A public reply to the customer.
        Reply => "reply",
        /// An internal note, never shown to the customer.
        Note => "note",
        /// A message from the customer (by phone, email, chat… recorded by staff).
        CustomerMessage => "customer_message",
        StatusChanged => "status_changed",
        Assigned => "assigned",
        Transferred => "transferred",
        Escalated => "escalated",
        Deescalated => "deescalated",
        Compensation => "compensation",
        /// A requested compensation was approved or rejected.
        CompensationDecided => "compensation_decided",
        Updated => "updated",
    }
);

wire_enum!(
    /// The kinds of message a user adds to a ticket's conversation.
    TicketMessageKind {
        Reply => "reply",
        Note => "note",
        CustomerMessage => "customer_message",
    }
);
