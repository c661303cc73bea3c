//! Customer value: the order sums, RFM scores, lifetime value, cost to serve
//! and profitability, the lifecycle rules that move a stage, and the settings
//! of the lifecycle and value rules.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire::wire_enum;

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

/// A customer's value, kept current in the same transaction as each order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerValue {
    pub customer_id: Uuid,
    /// Paid orders.
    pub order_count: i64,
    /// Sum of paid orders, minor units of `currency`.
    pub total_spent: i64,
    /// `total_spent / order_count`, rounded down; 0 without orders.
    pub average_order_value: i64,
    /// The currency of this customer's orders; `null` before the first.
    pub currency: Option<String>,
    pub first_purchase_at: Option<DateTime<Utc>>,
    pub last_purchase_at: Option<DateTime<Utc>>,
    /// Revenue minus cost of goods over the order lines whose cost is known.
    pub gross_margin: i64,
    /// The revenue that `gross_margin` is measured on (lines with a known cost).
    pub costed_revenue: i64,
    /// Historical lifetime value: net spend so far (`total_spent`).
    pub historical_value: i64,
    /// Predicted lifetime value of the purchases still to come: average order
    /// value × paid orders per year (over the time since the first purchase,
    /// at least one year) × the expected remaining lifetime in years
    /// (`expected_lifetime_months` of the value settings, less the time
    /// already a customer, at least zero). 0 for churned customers and
    /// customers without orders.
    pub predicted_value: i64,
    /// The customer's tickets.
    pub ticket_count: i64,
    /// Compensation given on their tickets in the currency of this value
    /// (`currency`, or the business currency before the first order), in
    /// minor units; points and other currencies are left out.
    pub compensation_given: i64,
    /// Every compensation given in money, totalled per currency (minor
    /// units, by code): amounts in different currencies are never added.
    #[serde(default)]
    pub compensation_by_currency: Vec<MoneyTotal>,
    /// `ticket_count` × the configured cost per ticket (when this value is in
    /// the business currency, the unit of that cost) + `compensation_given`.
    pub cost_to_serve: i64,
    /// `total_spent` − cost of goods (where known) − `cost_to_serve`.
    pub profit: i64,
    /// RFM scores from the latest scoring run; `null` before it.
    pub rfm: Option<crate::RfmScores>,
}

/// A sum of money in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyTotal {
    /// ISO 4217.
    pub currency: String,
    /// Minor units of `currency`.
    pub amount: i64,
}

wire_enum!(
    /// The automatic rule that moved a customer's stage (DESIGN §2).
    LifecycleRule {
        /// The first paid order: prospect → new.
        FirstPurchase => "first_purchase",
        /// A repeat purchase: new → active.
        RepeatPurchase => "repeat_purchase",
        /// Paid orders and 12-month spend reached the loyal thresholds: active → loyal.
        LoyaltyThreshold => "loyalty_threshold",
        /// A purchase after the customer became at-risk or churned: → active.
        WonBack => "won_back",
        /// No purchase for the at-risk number of days: active | loyal → at_risk.
        Inactive => "inactive",
        /// No purchase for the churned number of days: at_risk → churned.
        Lapsed => "lapsed",
        /// A new customer's one purchase is older than the new-customer
        /// threshold and no second one came: new → at_risk.
        NoRepeatPurchase => "no_repeat_purchase",
    }
);

wire_enum!(
    /// A customer's RFM segment, named from their recency score and the mean
    /// of their frequency and monetary scores (see `CustomerValue.rfm`).
    RfmSegment {
        /// Bought recently, often and much.
        Champions => "champions",
        /// Buy regularly and spend well.
        LoyalCustomers => "loyal_customers",
        /// Recent buyers with middling frequency and spend.
        PotentialLoyalists => "potential_loyalists",
        /// Bought for the first time very recently.
        NewCustomers => "new_customers",
        /// Recent buyers who have not spent much yet.
        Promising => "promising",
        /// Middling recency, little frequency and spend.
        NeedAttention => "need_attention",
        /// Used to buy often and much, but not for a long time.
        CantLose => "cant_lose",
        /// Used to buy regularly, but not recently.
        AtRisk => "at_risk",
        /// Low recency, frequency and spend.
        Hibernating => "hibernating",
        /// The longest without a purchase, and little before.
        Lost => "lost",
    }
);
