//! Segments' texts in both languages: the list of saved segments and the
//! builder's groups, fields and comparisons.

use kehu_types::{AcquisitionSource, Comparison, CustomerKind, LifecycleStage, RfmSegment, SegmentField};

use super::{Locale, Msg, rfm_label, source_label, stage_label};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segments {
    Heading,
    NewSegment,
    NoSegments,
    Shared,
    Private,
    ShareWithEveryone,
    Members,
    Deleted,
    Undo,
    Restored,
    SegmentName,
    UpdatedAt,
    ShowAll,
    AllOf,
    AnyOf,
    NoneOf,
    AddCondition,
    AddGroup,
    Remove,
    Field,
    CustomKey,
    Comparison,
    Value,
    ListHint,
    Counting,
    Incomplete,
    TooComplex,
    CountFailed,
    Matching,
    ReadOnly,
}

impl Segments {
    pub fn text(self, locale: Locale) -> &'static str {
        use Segments::*;
        let (zh, en) = match self {
            Heading => ("客户分群", "Segments"),
            NewSegment => ("新建分群", "New segment"),
            NoSegments => (
                "还没有保存的分群。新建一个，按条件圈选客户。",
                "No saved segments yet. Create one to pick customers by their profile, value and loyalty.",
            ),
            Shared => ("共享", "Shared"),
            Private => ("仅自己可见", "Private"),
            ShareWithEveryone => ("与所有同事共享", "Share with everyone"),
            Members => ("查看客户", "View customers"),
            Deleted => ("分群已删除", "Segment deleted"),
            Undo => ("撤销", "Undo"),
            Restored => ("分群已恢复", "Segment restored"),
            SegmentName => ("分群名称", "Segment name"),
            UpdatedAt => ("更新于", "Updated"),
            ShowAll => ("显示全部客户", "Show all customers"),
            AllOf => ("满足以下全部条件", "All of these hold"),
            AnyOf => ("满足以下任一条件", "Any of these holds"),
            NoneOf => ("以下条件都不满足", "None of these holds"),
            AddCondition => ("添加条件", "Add condition"),
            AddGroup => ("添加条件组", "Add group"),
            Remove => ("移除", "Remove"),
            Field => ("字段", "Field"),
            CustomKey => ("自定义字段名", "Custom field name"),
            Comparison => ("比较", "Comparison"),
            Value => ("值", "Value"),
            ListHint => ("多个值用逗号分隔", "Separate values with commas"),
            Counting => ("正在计算…", "Counting…"),
            Incomplete => ("请填完条件后查看人数", "Complete the conditions to see how many match"),
            TooComplex => (
                "条件太多或嵌套太深（最多 6 层、50 个节点）",
                "Too many conditions or groups nested too deeply (at most 6 levels and 50 nodes)",
            ),
            CountFailed => ("人数暂时无法计算", "The count could not be fetched"),
            Matching => ("位客户符合条件", "customers match"),
            ReadOnly => (
                "这是同事共享的分群，只有创建者和管理员可以修改。",
                "A colleague shared this segment; only its owner and admins change it.",
            ),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

pub fn field_label(field: SegmentField, locale: Locale) -> &'static str {
    use SegmentField::*;
    let (zh, en) = match field {
        Stage => ("生命周期阶段", "Lifecycle stage"),
        Tag => ("标签", "Tag"),
        Region => ("地区", "Region"),
        Source => ("来源", "Source"),
        Kind => ("客户类型", "Kind"),
        OrderCount => ("已付订单数", "Paid orders"),
        TotalSpent => ("累计消费金额", "Net spend"),
        LastPurchaseDays => ("距上次购买天数", "Days since last purchase"),
        LastContactDays => ("距上次联系天数", "Days since last contact"),
        RecencyScore => ("R 近度评分", "Recency score (R)"),
        FrequencyScore => ("F 频度评分", "Frequency score (F)"),
        MonetaryScore => ("M 额度评分", "Monetary score (M)"),
        RfmSegment => ("RFM 分群", "RFM segment"),
        Tier => ("会员等级", "Loyalty tier"),
        PointsBalance => ("积分余额", "Points balance"),
        Custom => ("自定义字段", "Custom field"),
    };
    if locale == Locale::Zh { zh } else { en }
}

pub fn comparison_label(cmp: Comparison, locale: Locale) -> &'static str {
    use Comparison::*;
    let (zh, en) = match cmp {
        Eq => ("等于", "is"),
        Ne => ("不等于", "is not"),
        Lt => ("小于", "less than"),
        Lte => ("不超过", "at most"),
        Gt => ("大于", "more than"),
        Gte => ("至少", "at least"),
        In => ("属于其中之一", "is one of"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// The label of one value of a field with a closed vocabulary.
pub fn choice_label(field: SegmentField, value: &str, locale: Locale) -> &'static str {
    match field {
        SegmentField::Stage => LifecycleStage::parse(value).map(|s| stage_label(s, locale)),
        SegmentField::RfmSegment => RfmSegment::parse(value).map(|s| rfm_label(s, locale)),
        SegmentField::Source => AcquisitionSource::parse(value).map(|s| source_label(s, locale)),
        SegmentField::Kind => CustomerKind::parse(value).map(|kind| match kind {
            CustomerKind::Person => Msg::Person.text(locale),
            CustomerKind::Company => Msg::CompanyKind.text(locale),
        }),
        _ => None,
    }
    .unwrap_or("?")
}
