//! Customer value's texts in both languages: the value panel, the lifecycle
//! rules and RFM segments, and the value settings page.

use kehu_types::{LifecycleRule, OrderStatus, PointsKind, PointsRounding, RfmSegment, TierBasis};

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
    Points,
    PointsBalance,
    Tier,
    AdjustPoints,
    PointsDelta,
    Reason,
    PointsAdjusted,
    Redeem,
    RedeemPoints,
    RedeemReason,
    PointsRedeemed,
    ExpiringSoon,
    NextTier,
    LoyaltyTab,
    LoyaltyProgram,
    LoyaltyHint,
    PointsPerUnit,
    Rounding,
    ExpiryMonths,
    TierBasis,
    Tiers,
    TierName,
    ThresholdAmount,
    ThresholdPoints,
    Benefits,
    AddTier,
    RemoveTier,
    NoTiers,
    RunExpiry,
    ExpiryDone,
    Orders,
    NewOrder,
    OrderNumber,
    SearchProducts,
    NoProductsFound,
    Quantity,
    UnitPrice,
    OrderTotal,
    RemoveLine,
    PickProducts,
    OrderRecorded,
    RefundAmount,
    RefundReason,
    Refunded,
    OrderRefunded,
    MoreOrders,
    Products,
    NewProduct,
    EditProduct,
    ShowInactive,
    NoProducts,
    Sku,
    ProductName,
    Category,
    ListPrice,
    UnitCost,
    Inactive,
    OnSale,
    AllOrders,
    AnyStatus,
    Customer,
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
            ChurnedAfterDays => ("多少天未购买视为已流失", "Days without a purchase before churned"),
            BusinessCurrency => ("经营币种（设置中的金额均以此计）", "Business currency (of the amounts in settings)"),
            DailyJobs => ("每日任务", "Daily work"),
            DailyJobsHint => (
                "每天在此时间检查沉默客户、过期积分、会员等级并计算 RFM；选择业务的空闲时段。",
                "Each day at this time quiet customers, lapsing points and tiers are checked and RFM is scored; pick the business's quietest hour.",
            ),
            DailyJobsFollowCalendar => ("使用默认营业日历的时区", "Use the default business calendar's time zone"),
            DailyJobsFollowHint => (
                "默认营业日历是最早创建的日历（安装时自带的标准日历）；修改它的时区，每日任务随之调整。取消勾选可指定其他时区。",
                "The default business calendar is the first one created (the standard calendar installed with Kehu); when its zone changes, the daily work follows. Untick to pin another zone.",
            ),
            DailyJobsAt => ("运行时间", "Runs at"),
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
            Redeem => ("兑换积分", "Redeem points"),
            RedeemPoints => ("兑换多少积分", "Points to redeem"),
            RedeemReason => ("兑换内容", "Redeemed for"),
            PointsRedeemed => ("积分已兑换", "Points redeemed"),
            ExpiringSoon => ("30 天内过期", "Lapsing within 30 days"),
            NextTier => ("下一等级", "Next tier"),
            LoyaltyTab => ("会员积分", "Loyalty"),
            LoyaltyProgram => ("积分与会员等级", "Points and tiers"),
            LoyaltyHint => (
                "已付款订单按金额获得积分；退款按比例扣回。等级按所选依据每次下单后重新计算。",
                "Paid orders earn points by amount; refunds take them back in proportion. Tiers are worked out again after each order, on the chosen basis.",
            ),
            PointsPerUnit => ("每消费 1 个货币单位获得积分", "Points per currency unit spent"),
            Rounding => ("积分取整", "Rounding"),
            ExpiryMonths => ("积分有效期（月，0 为永久）", "Points lapse after (months, 0 = never)"),
            TierBasis => ("等级依据", "Tiers are measured on"),
            Tiers => ("会员等级", "Tiers"),
            TierName => ("等级名称", "Tier name"),
            ThresholdAmount => ("门槛金额", "Threshold amount"),
            ThresholdPoints => ("门槛（积分）", "Threshold (points)"),
            Benefits => ("会员权益", "Benefits"),
            AddTier => ("添加等级", "Add a tier"),
            RemoveTier => ("删除等级", "Remove the tier"),
            NoTiers => ("没有会员等级：客户只累计积分。", "No tiers: customers only collect points."),
            RunExpiry => ("立即处理过期积分", "Lapse expired points now"),
            ExpiryDone => ("过期积分已处理", "Expired points lapsed"),
            Orders => ("订单", "Orders"),
            NewOrder => ("录入订单", "Record an order"),
            OrderNumber => ("订单号", "Order number"),
            SearchProducts => ("搜索商品（名称或 SKU）", "Search products (name or SKU)"),
            NoProductsFound => ("没有找到在售商品", "No product on sale matches"),
            Quantity => ("数量", "Quantity"),
            UnitPrice => ("单价", "Unit price"),
            OrderTotal => ("合计", "Total"),
            RemoveLine => ("移除", "Remove"),
            PickProducts => ("请先添加商品", "Add at least one product"),
            OrderRecorded => ("订单已录入", "Order recorded"),
            RefundAmount => ("退款金额（留空则全部退款）", "Amount (empty: everything not yet refunded)"),
            RefundReason => ("退款原因", "Reason for the refund"),
            Refunded => ("已退款", "Refunded"),
            OrderRefunded => ("退款已记录，积分已按比例扣回", "Refund recorded; its points were taken back"),
            MoreOrders => ("更多订单", "More orders"),
            Products => ("商品", "Products"),
            NewProduct => ("新建商品", "New product"),
            EditProduct => ("编辑商品", "Edit product"),
            ShowInactive => ("包括已下架商品", "Include products no longer sold"),
            NoProducts => ("没有符合条件的商品", "No product matches"),
            Sku => ("SKU（商品编码）", "SKU"),
            ProductName => ("商品名称", "Product name"),
            Category => ("分类", "Category"),
            ListPrice => ("标价", "List price"),
            UnitCost => ("成本（可不填）", "Unit cost (optional)"),
            Inactive => ("已下架", "Not sold"),
            OnSale => ("在售（可用于新订单）", "On sale (offered for new orders)"),
            AllOrders => ("全部订单", "All orders"),
            AnyStatus => ("全部状态", "Any status"),
            Customer => ("客户", "Customer"),
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

pub fn rounding_label(rounding: PointsRounding, locale: Locale) -> &'static str {
    let (zh, en) = match rounding {
        PointsRounding::Down => ("向下取整", "Round down"),
        PointsRounding::Nearest => ("四舍五入", "Round to nearest"),
        PointsRounding::Up => ("向上取整", "Round up"),
    };
    if locale == Locale::Zh { zh } else { en }
}

pub fn tier_basis_label(basis: TierBasis, locale: Locale) -> &'static str {
    let (zh, en) = match basis {
        TierBasis::Spend12m => ("近 12 个月消费金额", "Spend over the last 12 months"),
        TierBasis::LifetimePoints => ("累计获得积分", "Points ever earned"),
    };
    if locale == Locale::Zh { zh } else { en }
}

pub fn order_status_label(status: OrderStatus, locale: Locale) -> &'static str {
    let (zh, en) = match status {
        OrderStatus::Paid => ("已付款", "Paid"),
        OrderStatus::PartiallyRefunded => ("部分退款", "Partly refunded"),
        OrderStatus::Refunded => ("已退款", "Refunded"),
        OrderStatus::Cancelled => ("已取消", "Cancelled"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// A points entry's reason in the reader's language: the reasons the system
/// writes itself (`order N`, `refund of order N`, `ticket T-N: why`) are
/// translated, and words a person typed are kept as they are.
pub fn points_reason_text(reason: &str, locale: Locale) -> String {
    let zh = locale == Locale::Zh;
    if let Some(number) = reason.strip_prefix("refund of order ") {
        return if zh { format!("订单 {number} 退款") } else { reason.to_owned() };
    }
    if let Some(number) = reason.strip_prefix("order ") {
        return if zh { format!("订单 {number}") } else { format!("Order {number}") };
    }
    if let Some(rest) = reason.strip_prefix("ticket ")
        && let Some((number, why)) = rest.split_once(": ")
    {
        return if zh { format!("工单 {number}：{why}") } else { format!("Ticket {number}: {why}") };
    }
    reason.to_owned()
}

/// A tier's name: the program's default tiers in the reader's language, and
/// a name the admin chose as written.
pub fn tier_label(name: &str, locale: Locale) -> String {
    let (zh, en) = match name {
        "bronze" => ("铜卡", "Bronze"),
        "silver" => ("银卡", "Silver"),
        "gold" => ("金卡", "Gold"),
        "platinum" => ("白金卡", "Platinum"),
        other => return other.to_owned(),
    };
    (if locale == Locale::Zh { zh } else { en }).to_owned()
}

#[cfg(test)]
mod reason_tests {
    use super::*;

    #[test]
    fn system_reasons_read_in_the_readers_language_and_typed_ones_stay() {
        assert_eq!(points_reason_text("order DEMO-0001", Locale::Zh), "订单 DEMO-0001");
        assert_eq!(points_reason_text("order DEMO-0001", Locale::En), "Order DEMO-0001");
        assert_eq!(points_reason_text("refund of order S-9", Locale::Zh), "订单 S-9 退款");
        assert_eq!(points_reason_text("ticket T-000012: 包裹破损", Locale::Zh), "工单 T-000012：包裹破损");
        assert_eq!(points_reason_text("生日礼", Locale::En), "生日礼");
        assert_eq!(tier_label("gold", Locale::Zh), "金卡");
        assert_eq!(tier_label("gold", Locale::En), "Gold");
        assert_eq!(tier_label("钻石", Locale::En), "钻石");
    }
}
