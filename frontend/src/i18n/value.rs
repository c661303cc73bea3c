//! Customer value's texts in both languages: the value panel, the lifecycle
//! rules and RFM segments, and the value settings page.

use kehu_types::{LifecycleRule, RfmSegment};

use super::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    SettingsTab,
    LifecycleRules,
    LifecycleRulesHint,
    LoyalMinOrders,
    LoyalMinSpend,
    AtRiskAfterDays,
    NewAtRiskAfterDays,
    BusinessCurrency,
    DailyJobs,
    DailyJobsHint,
    DailyJobsAt,
    DailyJobsFollowCalendar,
    DailyJobsFollowHint,
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
}

impl Value {
    pub fn text(self, locale: Locale) -> &'static str {
        use Value::*;
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
            NewAtRiskAfterDays => {
                ("新客户首购后多少天未复购视为流失风险", "Days after a new customer's only purchase before at risk")
            }
            BusinessCurrency => ("经营币种（设置中的金额均以此计）", "Business currency (of the amounts in settings)"),
            DailyJobs => ("每日任务", "Daily work"),
            DailyJobsHint => (
                "每天在此时间检查沉默客户、过期积分、会员等级并计算 RFM；选择业务的空闲时段。",
                "Each day at this time quiet customers, lapsing points and tiers are checked and RFM is scored; pick the business's quietest hour.",
            ),
            DailyJobsAt => ("运行时间", "Runs at"),
            DailyJobsFollowCalendar => ("使用默认营业日历的时区", "Use the default business calendar's time zone"),
            DailyJobsFollowHint => (
                "默认营业日历是最早创建的日历（安装时自带的标准日历）；修改它的时区，每日任务随之调整。取消勾选可指定其他时区。",
                "The default business calendar is the first one created (the standard calendar installed with Kehu); when its zone changes, the daily work follows. Untick to pin another zone.",
            ),
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
        NoRepeatPurchase => ("首购后未复购", "No second purchase"),
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
