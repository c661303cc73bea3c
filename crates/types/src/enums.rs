//! The closed vocabularies of the domain. Their snake_case spellings are part of
//! the API contract: integrators and generated clients switch on them.

use serde::{Deserialize, Serialize};

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire spelling, also used as the database value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parse the wire spelling; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum!(
    /// What a user may do. Admins and managers see every customer; agents see
    /// their own, their team's and unowned customers; viewers only read, with
    /// contact details masked.
    Role {
        Admin => "admin",
        Manager => "manager",
        Agent => "agent",
        Viewer => "viewer",
    }
);

wire_enum!(
    /// A customer is a person or a company.
    CustomerKind {
        Person => "person",
        Company => "company",
    }
);

wire_enum!(
    /// Where a customer stands in the relationship: `prospect → new → active →
    /// loyal`, `new|active|loyal → at_risk → churned`, `at_risk|churned → active`.
    LifecycleStage {
        Prospect => "prospect",
        New => "new",
        Active => "active",
        Loyal => "loyal",
        AtRisk => "at_risk",
        Churned => "churned",
    }
);

wire_enum!(
    /// Why a stage changed: a person decided, or an automatic rule fired.
    StageChangeKind {
        Manual => "manual",
        Rule => "rule",
    }
);

wire_enum!(
    /// How the customer was acquired.
    AcquisitionSource {
        Survey => "survey",
        Event => "event",
        Referral => "referral",
        WebForm => "web_form",
        Import => "import",
        Website => "website",
        Advertising => "advertising",
        WalkIn => "walk_in",
        Phone => "phone",
        Social => "social",
        Other => "other",
    }
);

wire_enum!(
    /// The medium of an interaction.
    Channel {
        Phone => "phone",
        Email => "email",
        Sms => "sms",
        Wechat => "wechat",
        Chat => "chat",
        Visit => "visit",
        WebForm => "web_form",
        Social => "social",
        Other => "other",
    }
);

wire_enum!(
    /// Who started an interaction: the customer (inbound) or us (outbound).
    Direction {
        Inbound => "inbound",
        Outbound => "outbound",
    }
);

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

wire_enum!(
    /// What an SLA measures.
    SlaMetric {
        /// From opening to the first public reply.
        FirstResponse => "first_response",
        /// From a customer's message to the next public reply.
        NextResponse => "next_response",
        /// From opening to resolution, paused while awaiting the customer.
        Resolution => "resolution",
    }
);

wire_enum!(
    /// Where an SLA clock stands.
    SlaMetricState {
        Running => "running",
        Paused => "paused",
        Fulfilled => "fulfilled",
        /// No longer measured (e.g. no reply was needed before closing).
        Cancelled => "cancelled",
    }
);

wire_enum!(
    /// An entry of the SLA ledger.
    SlaEvent {
        Start => "start",
        Pause => "pause",
        Resume => "resume",
        Fulfil => "fulfil",
        Warn => "warn",
        Breach => "breach",
        Cancel => "cancel",
        /// The target or the policy changed and the due time was recomputed.
        Recompute => "recompute",
    }
);

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

wire_enum!(
    /// Where a knowledge-base article is in its life. Only published articles
    /// are suggested on tickets and shown in the help centre.
    ArticleStatus {
        Draft => "draft",
        Published => "published",
        /// Withdrawn but kept; it can be brought back as a draft.
        Archived => "archived",
    }
);

wire_enum!(
    /// Who may read an article: staff only, or also the public help centre.
    ArticleVisibility {
        Internal => "internal",
        Public => "public",
    }
);

wire_enum!(
    /// The language an article is written in.
    ArticleLocale {
        #[serde(rename = "zh-CN")]
        ZhCn => "zh-CN",
        En => "en",
    }
);

wire_enum!(
    /// Where an order stands. Only paid value counts towards a customer's value.
    OrderStatus {
        Paid => "paid",
        PartiallyRefunded => "partially_refunded",
        Refunded => "refunded",
        Cancelled => "cancelled",
    }
);

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

wire_enum!(
    /// What a segment condition looks at.
    SegmentField {
        /// Lifecycle stage (text).
        Stage => "stage",
        /// One of the customer's tags (text).
        Tag => "tag",
        Region => "region",
        /// Acquisition source (text).
        Source => "source",
        /// `person` or `company`.
        Kind => "kind",
        /// Paid orders (number; 0 without orders).
        OrderCount => "order_count",
        /// Net spend in minor units (number; 0 without orders).
        TotalSpent => "total_spent",
        /// Days since the last purchase (number; never bought matches nothing).
        LastPurchaseDays => "last_purchase_days",
        /// Days since the last recorded interaction — call, message, visit…
        /// (number; never contacted matches nothing).
        LastContactDays => "last_contact_days",
        /// RFM scores 1–5 (numbers; unscored matches nothing).
        RecencyScore => "recency_score",
        FrequencyScore => "frequency_score",
        MonetaryScore => "monetary_score",
        /// RFM segment name (text; unscored matches nothing).
        RfmSegment => "rfm_segment",
        /// Loyalty tier name (text; no tier matches nothing).
        Tier => "tier",
        /// Points balance (number; 0 without points).
        PointsBalance => "points_balance",
        /// The custom field named by the condition's `key`: texts compare
        /// with `eq`/`ne`/`in`, numbers with any comparison (a customer
        /// without the field matches only `ne`).
        Custom => "custom",
    }
);

wire_enum!(
    /// How a condition compares the field with its value.
    Comparison {
        Eq => "eq",
        Ne => "ne",
        Lt => "lt",
        Lte => "lte",
        Gt => "gt",
        Gte => "gte",
        /// One of a list of texts.
        In => "in",
    }
);

wire_enum!(
    /// What an admin-defined custom field holds, and so how the app edits it.
    CustomFieldKind {
        /// A line of text.
        Text => "text",
        /// A JSON number.
        Number => "number",
        /// A date as `YYYY-MM-DD`.
        Date => "date",
        /// One of the field's `choices`.
        Choice => "choice",
    }
);

wire_enum!(
    /// What a customer agrees to be contacted by for marketing.
    ConsentPurpose {
        Email => "email",
        Sms => "sms",
        Phone => "phone",
    }
);
