//! The loyalty program's texts in both languages: a customer's points and
//! tier, the program's settings, and the labels of points entries.

use kehu_types::{PointsKind, PointsRounding, TierBasis};

use super::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loyalty {
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
}

impl Loyalty {
    pub fn text(self, locale: Locale) -> &'static str {
        use Loyalty::*;
        let (zh, en) = match self {
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
        };
        if locale == Locale::Zh { zh } else { en }
    }
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
