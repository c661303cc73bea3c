//! The loyalty program: points on an append-only ledger, and tiers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire::wire_enum;

/// One tier of the program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// 1–50 characters, unique in the program, e.g. `gold`; SLA policies match it.
    pub name: String,
    /// Reached at this much of the tier basis (minor units or points).
    pub threshold: i64,
    /// What members of the tier get, for the people serving them.
    #[serde(default)]
    pub benefits: String,
}

/// The program (`GET`/`PUT /api/v1/settings/loyalty`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoyaltySettings {
    /// Points per whole unit of the order's currency (e.g. per yuan), 0 – 1000.
    pub points_per_unit: i64,
    pub rounding: PointsRounding,
    /// Points lapse this many months after they were earned; 0 = never.
    pub expiry_months: i64,
    pub tier_basis: TierBasis,
    /// Ascending thresholds; the first is usually 0. At most 10.
    pub tiers: Vec<Tier>,
}

impl Default for LoyaltySettings {
    fn default() -> Self {
        let tier = |name: &str, threshold: i64, benefits: &str| Tier {
            name: name.to_owned(),
            threshold,
            benefits: benefits.to_owned(),
        };
        Self {
            points_per_unit: 1,
            rounding: PointsRounding::Down,
            expiry_months: 24,
            tier_basis: TierBasis::Spend12m,
            tiers: vec![
                tier("bronze", 0, "积分累计 / Earn points"),
                tier("silver", 100_000, "生日礼券 / Birthday coupon"),
                tier("gold", 500_000, "优先客服 / Priority service"),
                tier("platinum", 2_000_000, "专属顾问 / A dedicated adviser"),
            ],
        }
    }
}

/// One row of a customer's points ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointsEntry {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub kind: PointsKind,
    /// Positive when credited, negative when taken.
    pub points: i64,
    /// The balance right after this entry.
    pub balance_after: i64,
    pub order_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    pub reason: String,
    /// When the credited points lapse, if they do.
    pub expires_at: Option<DateTime<Utc>>,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// A customer's points and tier (`GET /api/v1/customers/{id}/loyalty`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoyaltyAccount {
    pub customer_id: Uuid,
    pub balance: i64,
    /// Every point ever credited.
    pub lifetime_points: i64,
    /// `null` below the first tier's threshold.
    pub tier: Option<String>,
    pub tier_since: Option<DateTime<Utc>>,
    pub tier_benefits: Option<String>,
    /// What the tier is measured on now (minor units or points).
    pub tier_progress: i64,
    /// The next tier and its threshold, if any.
    pub next_tier: Option<Tier>,
    /// Points that lapse within 30 days.
    pub expiring_soon: i64,
}

/// Body of `POST /api/v1/customers/{id}/points/adjustments` (managers and admins).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdjustPoints {
    /// Non-zero; negative takes points away (never below a zero balance).
    pub points: i64,
    /// 1–1000 characters.
    pub reason: String,
}

/// Body of `POST /api/v1/customers/{id}/points/redemptions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RedeemPoints {
    /// Positive, at most the balance.
    pub points: i64,
    /// What the points were spent on; 1–1000 characters.
    pub reason: String,
}

/// What an expiry run did (`POST /api/v1/loyalty/expire`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpiryRun {
    pub customers: u64,
    pub points: i64,
    pub at: DateTime<Utc>,
}

wire_enum!(
    /// Why a customer's points changed.
    PointsKind {
        /// Earned on a paid order.
        Earn => "earn",
        /// Taken back because the order was refunded.
        Reverse => "reverse",
        /// Added or removed by hand, with a reason.
        Adjust => "adjust",
        /// Spent by the customer.
        Redeem => "redeem",
        /// Lapsed unspent.
        Expire => "expire",
        /// Given as a ticket's compensation.
        Compensation => "compensation",
    }
);

wire_enum!(
    /// How points for an amount are rounded to whole points.
    PointsRounding {
        Down => "down",
        Nearest => "nearest",
        Up => "up",
    }
);

wire_enum!(
    /// What a customer's tier is measured on.
    TierBasis {
        /// Net spend over the last 12 months, in minor units.
        Spend12m => "spend_12m",
        /// Every point ever earned (spending them does not lower the tier).
        LifetimePoints => "lifetime_points",
    }
);
