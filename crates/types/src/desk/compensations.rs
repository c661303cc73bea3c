//! Compensation given on a ticket (refund, coupon, points, gift), how much
//! each role may give without a manager, and the queue of compensations
//! waiting for one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Role;
use crate::wire::wire_enum;

/// Compensation given to a customer on a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Compensation {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub customer_id: Uuid,
    pub kind: CompensationKind,
    /// Minor units of `currency`, or a number of points for `points`.
    pub amount: i64,
    /// ISO 4217; `null` for points.
    pub currency: Option<String>,
    pub reason: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// `approved` when it took effect as recorded (within its giver's limits)
    /// or on approval; `requested` while it waits; `rejected` never takes effect.
    pub status: CompensationStatus,
    /// Why it needed approval (the limit it went over); `null` within limits.
    pub approval_needed: Option<ApprovalReason>,
    /// Who approved or rejected it, when, and why.
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
}

/// Body of `POST /api/v1/tickets/{id}/compensations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCompensation {
    pub kind: CompensationKind,
    /// Positive; minor units (fen, cents) or points.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub amount: i64,
    /// ISO 4217 (`CNY`); required for refunds and coupons, absent for points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// 1–1,000 characters.
    pub reason: String,
}

/// Every compensation on a ticket, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompensationList {
    pub items: Vec<Compensation>,
}

/// How much one role may give of one kind (and currency) before a manager or
/// admin must approve (`GET`/`PUT /api/v1/settings/compensation-limits`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompensationLimit {
    /// `agent` or `manager`; admins have no limit.
    pub role: Role,
    pub kind: CompensationKind,
    /// ISO 4217 for refunds and coupons (and gifts with a value); `null` for
    /// points and gifts counted in pieces.
    #[serde(default)]
    pub currency: Option<String>,
    /// The most one compensation may give: minor units of `currency`, or points.
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub per_compensation: i64,
    /// The most one customer may be given of this kind and currency in 30
    /// days, counting the new one and those still waiting for approval.
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub per_customer_30_days: i64,
}

/// Every role's limits. A compensation whose role, kind and currency have no
/// limit here always needs approval (an agent's USD refund when only CNY is
/// set, for one), so a new currency is never unlimited by omission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompensationLimits {
    pub limits: Vec<CompensationLimit>,
}

impl Default for CompensationLimits {
    /// Agents up to ¥200 a refund or coupon (¥500 a customer a month) and 2,000
    /// points (5,000); managers ten times that; one gift each.
    fn default() -> Self {
        let limit = |role, kind, currency: Option<&str>, per_compensation, per_customer_30_days| CompensationLimit {
            role,
            kind,
            currency: currency.map(str::to_owned),
            per_compensation,
            per_customer_30_days,
        };
        let mut limits = Vec::new();
        for (role, times) in [(Role::Agent, 1), (Role::Manager, 10)] {
            limits.push(limit(role, CompensationKind::Refund, Some("CNY"), 20_000 * times, 50_000 * times));
            limits.push(limit(role, CompensationKind::Coupon, Some("CNY"), 20_000 * times, 50_000 * times));
            limits.push(limit(role, CompensationKind::Points, None, 2_000 * times, 5_000 * times));
            limits.push(limit(role, CompensationKind::Gift, None, times, 2 * times));
        }
        Self { limits }
    }
}

/// Body of `POST /api/v1/compensations/{id}/approve` and `…/reject`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompensationDecision {
    /// Why; 1–1,000 characters. Shown on the ticket and to the requester.
    pub reason: String,
}

/// Filters and paging of `GET /api/v1/compensations`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct CompensationQuery {
    /// `requested` for the queue of pending approvals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CompensationStatus>,
    /// 1–200, default 50.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// One compensation in the approval queue, with what an approver needs to
/// decide without opening the ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompensationEntry {
    #[serde(flatten)]
    pub compensation: Compensation,
    #[cfg_attr(feature = "openapi", schema(example = "T-000123"))]
    pub ticket_number: String,
    pub ticket_subject: String,
    pub customer_name: String,
}

/// A page of compensations, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompensationPage {
    pub items: Vec<CompensationEntry>,
    pub next_cursor: Option<String>,
}

wire_enum!(
    /// What a customer was given to make up for a problem.
    CompensationKind {
        Refund => "refund",
        Coupon => "coupon",
        Points => "points",
        Gift => "gift",
    }
);

wire_enum!(
    /// Whether a compensation has taken effect. One within the giver's limits
    /// is approved as it is recorded; one above them waits as `requested`
    /// until a manager or admin approves or rejects it.
    CompensationStatus {
        Requested => "requested",
        Approved => "approved",
        Rejected => "rejected",
    }
);

wire_enum!(
    /// Why a compensation had to wait for approval.
    ApprovalReason {
        /// The giver's role has no limit for this kind and currency.
        NoLimit => "no_limit",
        /// More than one compensation may give.
        PerCompensation => "per_compensation",
        /// More than the customer may be given in 30 days.
        PerCustomer30Days => "per_customer_30_days",
    }
);
