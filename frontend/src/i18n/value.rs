//! Customer value's texts in both languages: the value panel, the lifecycle
//! rules and RFM segments, and the value settings page.

use kehu_types::{LifecycleRule, PointsKind, RfmSegment};

use super::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    SettingsTab,
    LifecycleRules,
    LifecycleRulesHint,
    LoyalMinOrders,
    LoyalMinSpend,
    AtRiskAfterDays,
    ChurnedAfterDays,
    ManualStageHolds,
    ValueSettings,
    CostPerTicket,
    ExpectedLifetimeMonths,
    RunSweep,
    SweepDone,
    ScoreRfm,
    RfmDone,
    Rfm,
    LifetimeValue,
    PredictedValue,
    CostToServe,
    Profit,
    Points,
    PointsBalance,
    Tier,
    AdjustPoints,
    PointsDelta,
    Reason,
    PointsAdjusted,
}

impl Val {
    pub fn text(self, locale: Locale) -> &'static str {
        use Val::*;
        let (zh, en) = match self {
            SettingsTab => ("客户价值", "Customer value"),
            LifecycleRules => ("生命周期规则", "Lifecycle rules"),
            LifecycleRulesHint => (
                "下单时自动升级阶段；每天凌晨检查长期未购买的客户。",
                "Orders move customers up by themselves; every night, customers who stopped buying move towards churn.",
            ),
            LoyalMinOrders => ("忠诚客户：至少订单数", "Loyal: at least this many paid orders"),
            LoyalMinSpend => ("忠诚客户：近 12 个月至少消费", "Loyal: at least this much spent in 12 months"),
            AtRiskAfterDays => ("多少天未购买视为流失风险", "Days without a purchase before at risk"),
            ChurnedAfterDays => ("多少天未购买视为已流失", "Days without a purchase before churned"),
            ManualStageHolds => {
                ("人工设置的阶段保持到客户下次购买", "Keep a stage set by hand until the customer's next purchase")
            }
            ValueSettings => ("价值计算", "Value metrics"),
            CostPerTicket => ("每张工单的服务成本", "Cost of handling one ticket"),
            ExpectedLifetimeMonths => ("预期客户生命周期（月）", "Expected customer lifetime (months)"),
            RunSweep => ("立即检查未购买客户", "Run the inactivity check now"),
            SweepDone => ("检查完成", "Inactivity check done"),
            ScoreRfm => ("立即重新计算 RFM", "Score RFM now"),
            RfmDone => ("RFM 已更新", "RFM scores updated"),
            Rfm => ("RFM 分群", "RFM segment"),
            LifetimeValue => ("历史价值", "Lifetime value so far"),
            PredictedValue => ("预测未来价值", "Predicted future value"),
            CostToServe => ("服务成本", "Cost to serve"),
            Profit => ("利润", "Profit"),
            Points => ("积分", "Points"),
            PointsBalance => ("积分余额", "Points balance"),
            Tier => ("会员等级", "Tier"),
            AdjustPoints => ("调整积分", "Adjust points"),
            PointsDelta => ("积分（负数为扣减）", "Points (negative to remove)"),
            Reason => ("原因", "Reason"),
            PointsAdjusted => ("积分已调整", "Points adjusted"),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

/// The name of the automatic rule that moved a stage.
pub fn rule_label(rule: LifecycleRule, locale: Locale) -> &'static str {
    use LifecycleRule::*;
    let (zh, en) = match rule {
        FirstPurchase => ("首次购买", "First purchase"),
        RepeatPurchase => ("再次购买", "Repeat purchase"),
        LoyaltyThreshold => ("达到忠诚标准", "Loyalty thresholds reached"),
        WonBack => ("客户挽回", "Won back"),
        Inactive => ("长期未购买", "No recent purchase"),
        Lapsed => ("超期未购买", "Lapsed"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// The name of an RFM segment.
pub fn rfm_label(segment: RfmSegment, locale: Locale) -> &'static str {
    use RfmSegment::*;
    let (zh, en) = match segment {
        Champions => ("重要价值客户", "Champions"),
        LoyalCustomers => ("忠实客户", "Loyal customers"),
        PotentialLoyalists => ("潜力客户", "Potential loyalists"),
        NewCustomers => ("新近客户", "New customers"),
        Promising => ("有前景客户", "Promising"),
        NeedAttention => ("需要关注", "Need attention"),
        CantLose => ("重要挽留客户", "Can't lose them"),
        AtRisk => ("重要唤回客户", "At risk"),
        Hibernating => ("沉睡客户", "Hibernating"),
        Lost => ("已流失客户", "Lost"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// What a points ledger entry was.
pub fn points_kind_label(kind: PointsKind, locale: Locale) -> &'static str {
    use PointsKind::*;
    let (zh, en) = match kind {
        Earn => ("消费获得", "Earned"),
        Reverse => ("退款扣回", "Reversed on refund"),
        Adjust => ("人工调整", "Adjusted"),
        Redeem => ("兑换", "Redeemed"),
        Expire => ("过期", "Expired"),
        Compensation => ("补偿赠送", "Compensation"),
    };
    if locale == Locale::Zh { zh } else { en }
}
