//! The texts of the customer file's fuller parts in both languages: address,
//! ownership, external ids, custom fields (and their admin page) and consent.

use kehu_types::{ConsentPurpose, CustomFieldKind};

use super::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Customers {
    Address,
    Street,
    City,
    Province,
    PostalCode,
    Country,
    CountryHint,
    Industry,
    Birthday,
    Nobody,
    ExternalSource,
    ExternalId,
    ExternalHint,
    ExternalRef,
    CustomFields,
    Consent,
    ConsentHint,
    Granted,
    Withdrawn,
    NeverAsked,
    ConsentHistory,
    NoConsentHistory,
    ByCustomer,
    CustomFieldsTab,
    CustomFieldsHint,
    NoCustomFields,
    AddField,
    FieldKey,
    FieldLabel,
    FieldLabelEn,
    FieldKind,
    FieldChoices,
    FieldChoicesHint,
    MoveUp,
    MoveDown,
    RemoveField,
    ChooseOne,
}

impl Customers {
    pub fn text(self, locale: Locale) -> &'static str {
        use Customers::*;
        let (zh, en) = match self {
            Address => ("地址", "Address"),
            Street => ("街道", "Street"),
            City => ("城市", "City"),
            Province => ("省份", "Province"),
            PostalCode => ("邮编", "Postal code"),
            Country => ("国家代码", "Country code"),
            CountryHint => ("两位字母，如 CN", "Two letters, e.g. CN"),
            Industry => ("行业", "Industry"),
            Birthday => ("生日", "Birthday"),
            Nobody => ("无", "Nobody"),
            ExternalSource => ("外部系统", "External system"),
            ExternalId => ("外部编号", "External id"),
            ExternalHint => (
                "客户在商城或 ERP 中的编号；订单和工单可用它指明客户。",
                "The customer's id in a shop or ERP; orders and tickets may name the customer by it.",
            ),
            ExternalRef => ("外部编号", "External id"),
            CustomFields => ("自定义字段", "Custom fields"),
            Consent => ("营销许可", "Marketing consent"),
            ConsentHint => ("客户同意通过以下方式接收营销信息。", "The ways the customer agrees to receive marketing."),
            Granted => ("已同意", "Granted"),
            Withdrawn => ("已撤回", "Withdrawn"),
            NeverAsked => ("未征询", "Never asked"),
            ConsentHistory => ("许可记录", "Consent history"),
            NoConsentHistory => ("暂无许可变更记录", "No consent changes yet"),
            ByCustomer => ("客户本人", "the customer"),
            CustomFieldsTab => ("客户字段", "Customer fields"),
            CustomFieldsHint => (
                "为每份客户档案增加字段。键名保存后请勿更改：已有数据按键名存储。",
                "Fields added to every customer file. Keep a key once saved: existing values are stored under it.",
            ),
            NoCustomFields => ("尚未定义自定义字段", "No custom fields defined yet"),
            AddField => ("添加字段", "Add field"),
            FieldKey => ("键名", "Key"),
            FieldLabel => ("名称（中文）", "Label (Chinese)"),
            FieldLabelEn => ("名称（英文）", "Label (English)"),
            FieldKind => ("类型", "Type"),
            FieldChoices => ("选项", "Options"),
            FieldChoicesHint => ("用逗号分隔", "Comma-separated"),
            MoveUp => ("上移", "Move up"),
            MoveDown => ("下移", "Move down"),
            RemoveField => ("删除字段", "Remove field"),
            ChooseOne => ("请选择", "Choose"),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

pub fn custom_kind_label(kind: CustomFieldKind, locale: Locale) -> &'static str {
    let (zh, en) = match kind {
        CustomFieldKind::Text => ("文本", "Text"),
        CustomFieldKind::Number => ("数字", "Number"),
        CustomFieldKind::Date => ("日期", "Date"),
        CustomFieldKind::Choice => ("单选", "Choice"),
    };
    if locale == Locale::Zh { zh } else { en }
}

pub fn consent_purpose_label(purpose: ConsentPurpose, locale: Locale) -> &'static str {
    let (zh, en) = match purpose {
        ConsentPurpose::Email => ("邮件营销", "Marketing email"),
        ConsentPurpose::Sms => ("短信营销", "Marketing SMS"),
        ConsentPurpose::Phone => ("电话营销", "Marketing calls"),
    };
    if locale == Locale::Zh { zh } else { en }
}
