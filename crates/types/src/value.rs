//! Customer value beyond the order sums: RFM scores, lifetime value, cost to
//! serve and profitability, and the settings of the lifecycle and value rules.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::RfmSegment;

/// A customer's RFM scores, 1 (lowest fifth) to 5 (highest fifth) among all
/// customers with a paid order when they were last scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RfmScores {
    /// 5 = bought most recently.
    pub recency: u8,
    /// 5 = most paid orders.
    pub frequency: u8,
    /// 5 = spent the most.
    pub monetary: u8,
    pub segment: RfmSegment,
    pub scored_at: DateTime<Utc>,
}

/// The lifecycle rules' thresholds (`GET`/`PUT /api/v1/settings/lifecycle`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LifecycleSettings {
    /// An active customer becomes loyal with at least this many paid orders
    /// (2 – 1000) …
    pub loyal_min_orders: i64,
    /// … and at least this much net spend over the last 12 months, in minor
    /// units.
    pub loyal_min_spend_12m: i64,
    /// Days without a purchase after which an active or loyal customer is at
    /// risk (1 – 3650).
    pub at_risk_after_days: i64,
    /// Days after their one purchase after which a new customer who never
    /// bought again is at risk (1 – 3650); the churned days then apply as to
    /// everyone else.
    #[serde(default = "default_new_at_risk_after_days")]
    pub new_at_risk_after_days: i64,
    /// Days without a purchase after which a customer is churned; more than
    /// both at-risk thresholds, at most 3650.
    pub churned_after_days: i64,
    /// When `true`, a stage a person set by hand is kept by the inactivity
    /// sweep until the customer's next purchase.
    pub manual_stage_holds: bool,
}

impl Default for LifecycleSettings {
    fn default() -> Self {
        Self {
            loyal_min_orders: 5,
            loyal_min_spend_12m: 200_000,
            at_risk_after_days: 90,
            new_at_risk_after_days: default_new_at_risk_after_days(),
            churned_after_days: 180,
            manual_stage_holds: true,
        }
    }
}

/// Settings saved before the new-customer threshold existed read as the default.
fn default_new_at_risk_after_days() -> i64 {
    90
}

/// What the value metrics count as cost (`GET`/`PUT /api/v1/settings/value`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ValueSettings {
    /// What handling one ticket costs, in minor units.
    pub cost_per_ticket: i64,
    /// How long a customer is expected to keep buying, in months (1 – 600),
    /// for the predicted lifetime value.
    pub expected_lifetime_months: i64,
    /// The business's currency (ISO 4217): the unit of the amounts in the
    /// settings (cost per ticket, the loyal spend, points per unit) and of
    /// new orders and compensation entered by hand.
    #[serde(default = "default_currency")]
    pub currency: String,
}

/// Settings saved before the currency existed were in yuan.
fn default_currency() -> String {
    "CNY".to_owned()
}

impl Default for ValueSettings {
    fn default() -> Self {
        Self { cost_per_ticket: 3_000, expected_lifetime_months: 36, currency: default_currency() }
    }
}

/// When the daily work runs (inactivity sweep, points expiry, tier review,
/// RFM scoring): a local time, read in the time zone of the default business
/// calendar unless a zone is pinned here (`GET`/`PUT
/// /api/v1/settings/daily-jobs`). The default business calendar is the first
/// one created: the standard calendar installed with the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DailyJobSettings {
    /// Local time `HH:MM`; the quietest hour is best.
    #[cfg_attr(feature = "openapi", schema(example = "03:00"))]
    pub run_at: String,
    /// The IANA zone `run_at` is read in. Answers always give the zone in
    /// use. In a `PUT`, a zone pins the daily work to it; `null` (or leaving
    /// it out) follows the default business calendar's zone, also when that
    /// calendar's zone changes later.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "Asia/Shanghai"))]
    pub time_zone: Option<String>,
    /// In answers: `true` when no zone is pinned and the default business
    /// calendar's is used. In a `PUT`: `true` follows the calendar; a
    /// `time_zone` sent with it must then be null or the calendar's own
    /// (what a settings read gave), any other is refused.
    #[serde(default)]
    pub follows_calendar: bool,
}

impl Default for DailyJobSettings {
    /// 03:00 in the default business calendar's zone.
    fn default() -> Self {
        Self { run_at: "03:00".to_owned(), time_zone: None, follows_calendar: true }
    }
}

/// What an inactivity sweep did (`POST /api/v1/lifecycle/sweep`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SweepResult {
    pub to_at_risk: u64,
    pub to_churned: u64,
    /// Inactive customers left alone because a person set their stage.
    pub held: u64,
    pub at: DateTime<Utc>,
}

/// What an RFM scoring run did (`POST /api/v1/customer-value/rfm`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RfmRun {
    /// Customers with a paid order, now scored.
    pub scored: u64,
    pub at: DateTime<Utc>,
}
