//! Every visible string goes through here, in files that mirror the areas
//! (`desk`, `knowledge`, `customers`, `segments`, `value`, `loyalty`,
//! `commerce`, `audit`), the
//! shared texts (`common`), money (`money`), labels of domain values, and
//! locale-aware formatting of dates and times. Each table gives a message's
//! two languages in one arm: `Variant => ("中文", "English")`.

mod audit;
mod commerce;
mod common;
mod customers;
mod desk;
mod knowledge;
mod locale;
mod loyalty;
mod money;
mod segments;
mod value;

pub use audit::{AUDIT_ACTIONS, AUDIT_ENTITIES, Audit, audit_action_label, audit_entity_label, change_lines};
pub use commerce::{Commerce, order_status_label};
pub use common::Msg;
pub use customers::{Customers, consent_purpose_label, custom_kind_label};
pub use desk::{
    Approval, Calendars, Desk, approval_reason_label, compensation_label, compensation_status_label, due_zone_note,
    event_label, level_label, metric_label, metric_state_label, notification_label, priority_label,
    schedule_line_error, sla_event_label, status_label, task_kind_label, type_label, view_label, weekday_label,
};
use kehu_types::LifecycleStage;
pub use knowledge::{Knowledge, article_locale_label, article_status_label, visibility_label};
use leptos::prelude::*;
pub use locale::Locale;
pub use loyalty::{Loyalty, points_kind_label, points_reason_text, rounding_label, tier_basis_label, tier_label};
pub use money::{Amounts, Money, amount_error, format_amount, money_in, parse_money};
pub use segments::{Segments, choice_label, comparison_label, field_label};
pub use value::{Value, rfm_label, rule_label};

/// The colon after a label, as the reader's language writes it: Chinese
/// uses the full-width `：` with no space after it.
pub fn colon(locale: Locale) -> &'static str {
    if locale == Locale::Zh { "：" } else { ": " }
}

/// Any text of the app: the core messages or those of a capability's own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Core(Msg),
    Desk(Desk),
    Knowledge(Knowledge),
    Value(Value),
    Loyalty(Loyalty),
    Commerce(Commerce),
    Segments(Segments),
    Calendars(Calendars),
    Customers(Customers),
    Approval(Approval),
    Audit(Audit),
    Money(Money),
}

impl Text {
    pub fn text(self, locale: Locale) -> &'static str {
        match self {
            Text::Core(msg) => msg.text(locale),
            Text::Desk(msg) => msg.text(locale),
            Text::Knowledge(msg) => msg.text(locale),
            Text::Value(msg) => msg.text(locale),
            Text::Loyalty(msg) => msg.text(locale),
            Text::Commerce(msg) => msg.text(locale),
            Text::Segments(msg) => msg.text(locale),
            Text::Calendars(msg) => msg.text(locale),
            Text::Customers(msg) => msg.text(locale),
            Text::Approval(msg) => msg.text(locale),
            Text::Audit(msg) => msg.text(locale),
            Text::Money(msg) => msg.text(locale),
        }
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Self {
        Text::Core(msg)
    }
}

impl From<Knowledge> for Text {
    fn from(msg: Knowledge) -> Self {
        Text::Knowledge(msg)
    }
}

impl From<Loyalty> for Text {
    fn from(msg: Loyalty) -> Self {
        Text::Loyalty(msg)
    }
}

impl From<Commerce> for Text {
    fn from(msg: Commerce) -> Self {
        Text::Commerce(msg)
    }
}

impl From<Value> for Text {
    fn from(msg: Value) -> Self {
        Text::Value(msg)
    }
}

impl From<Segments> for Text {
    fn from(msg: Segments) -> Self {
        Text::Segments(msg)
    }
}

impl From<Customers> for Text {
    fn from(msg: Customers) -> Self {
        Text::Customers(msg)
    }
}

impl From<Audit> for Text {
    fn from(msg: Audit) -> Self {
        Text::Audit(msg)
    }
}

impl From<Approval> for Text {
    fn from(msg: Approval) -> Self {
        Text::Approval(msg)
    }
}

impl From<Calendars> for Text {
    fn from(msg: Calendars) -> Self {
        Text::Calendars(msg)
    }
}

impl From<Money> for Text {
    fn from(msg: Money) -> Self {
        Text::Money(msg)
    }
}

impl From<Desk> for Text {
    fn from(msg: Desk) -> Self {
        Text::Desk(msg)
    }
}

/// An amount in minor units shown in its ISO currency the way the reader's
/// language writes it (`2050, CNY` → `¥20.50` in Chinese, `CN¥20.50` in
/// English; `$5.00` for USD; `KWD 1.234`), or a plain number of points
/// without one. Reactive to the language where called inside a view closure.
pub fn format_money(amount: i64, currency: Option<&str>) -> String {
    let locale = use_context::<I18n>().map_or(Locale::Zh, |i18n| i18n.0.get());
    money_in(amount, currency, locale)
}

/// The message for a field error code.
pub fn field_message(code: &str) -> Text {
    use kehu_types::field_codes as fc;
    if let Some(why) = money::amount_message(code) {
        return why.into();
    }
    let msg = match code {
        fc::REQUIRED => Msg::FieldRequired,
        fc::TOO_LONG => Msg::FieldTooLong,
        fc::TOO_SHORT => Msg::FieldTooShort,
        fc::TOO_MANY => Msg::FieldTooMany,
        fc::INVALID_EMAIL => Msg::FieldInvalidEmail,
        fc::INVALID_PHONE => Msg::FieldInvalidPhone,
        fc::OUT_OF_RANGE => Msg::FieldOutOfRange,
        fc::NOT_ALLOWED => Msg::FieldNotAllowed,
        fc::UNKNOWN_REFERENCE => Msg::FieldUnknownReference,
        _ => Msg::FieldInvalidFormat,
    };
    msg.into()
}

/// The label of a role.
pub fn role_label(role: kehu_types::Role, locale: Locale) -> &'static str {
    let msg = match role {
        kehu_types::Role::Admin => Msg::RoleAdmin,
        kehu_types::Role::Manager => Msg::RoleManager,
        kehu_types::Role::Agent => Msg::RoleAgent,
        kehu_types::Role::Viewer => Msg::RoleViewer,
    };
    msg.text(locale)
}

/// The label of a channel.
pub fn channel_label(channel: kehu_types::Channel, locale: Locale) -> &'static str {
    use kehu_types::Channel::*;
    let (zh, en) = match channel {
        Phone => ("电话", "Phone"),
        Email => ("邮件", "Email"),
        Sms => ("短信", "SMS"),
        Wechat => ("微信", "WeChat"),
        Chat => ("在线聊天", "Chat"),
        Visit => ("拜访", "Visit"),
        WebForm => ("网页表单", "Web form"),
        Social => ("社交媒体", "Social"),
        Other => ("其他", "Other"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// The label of an acquisition source.
pub fn source_label(source: kehu_types::AcquisitionSource, locale: Locale) -> &'static str {
    use kehu_types::AcquisitionSource::*;
    let (zh, en) = match source {
        Survey => ("市场调查", "Survey"),
        Event => ("活动", "Event"),
        Referral => ("客户推荐", "Referral"),
        WebForm => ("网页表单", "Web form"),
        Import => ("导入", "Import"),
        Website => ("官网", "Website"),
        Advertising => ("广告", "Advertising"),
        WalkIn => ("到店", "Walk-in"),
        Phone => ("电话", "Phone"),
        Social => ("社交媒体", "Social"),
        Other => ("其他", "Other"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// Date and time for the chosen locale, in the reader's time zone
/// (`crate::time`): `2026年11月22日 09:05` or `22 Nov 2026, 09:05`.
pub fn format_datetime(at: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    format_wall(crate::time::local(at), locale)
}

/// A moment as read on a clock in `zone` (a calendar's), written as
/// `format_datetime` writes the reader's.
pub fn format_datetime_in(at: chrono::DateTime<chrono::Utc>, zone: &str, locale: Locale) -> String {
    format_wall(crate::time::local_in(at, zone), locale)
}

fn format_wall(local: crate::time::Local, locale: Locale) -> String {
    let (year, month, day) = (local.year, local.month, local.day);
    let time = format!("{:02}:{:02}", local.hour, local.minute);
    match locale {
        Locale::Zh => format!("{year}年{month}月{day}日 {time}"),
        Locale::En => format!("{day} {} {year}, {time}", MONTHS[(month as usize + 11) % 12]),
    }
}

/// The label of a lifecycle stage.
pub fn stage_label(stage: LifecycleStage, locale: Locale) -> &'static str {
    use LifecycleStage::*;
    let (zh, en) = match stage {
        Prospect => ("潜在客户", "Prospect"),
        New => ("新客户", "New"),
        Active => ("活跃客户", "Active"),
        Loyal => ("忠诚客户", "Loyal"),
        AtRisk => ("流失风险", "At risk"),
        Churned => ("已流失", "Churned"),
    };
    if locale == Locale::Zh { zh } else { en }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A date for the chosen locale: `2026年11月22日` or `22 Nov 2026`. Built from
/// the date's parts rather than chrono's `format`, whose pattern engine would
/// add tens of kilobytes to the app.
pub fn format_date(at: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    let local = crate::time::local(at);
    write_day(local.year, local.month, local.day, locale)
}

/// A calendar day that belongs to no time zone (a birthday, a custom date
/// field), written as `format_date` writes a moment's day.
pub fn format_day(date: chrono::NaiveDate, locale: Locale) -> String {
    use chrono::Datelike;
    write_day(date.year(), date.month(), date.day(), locale)
}

fn write_day(year: i32, month: u32, day: u32, locale: Locale) -> String {
    match locale {
        Locale::Zh => format!("{year}年{month}月{day}日"),
        Locale::En => format!("{day} {} {year}", MONTHS[(month as usize + 11) % 12]),
    }
}

/// The current locale, provided at the root and remembered in local storage.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Locale>);

impl I18n {
    pub fn locale(self) -> Locale {
        self.0.get()
    }

    /// A reactive text for `msg`.
    pub fn t(self, msg: impl Into<Text>) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let (locale, msg) = (self.0, msg.into());
        move || msg.text(locale.get())
    }
}

/// Keep the document's `lang` attribute on the chosen locale (screen readers
/// and fonts follow it).
pub fn follow_locale(locale: RwSignal<Locale>) {
    Effect::new(move |_| {
        let tag = locale.get().tag();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", tag);
        }
    });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Timelike};
    use kehu_types::codes;

    use super::*;

    #[test]
    fn api_codes_map_to_their_own_messages() {
        assert_eq!(Msg::for_code(Some(codes::INVALID_CREDENTIALS)), Msg::ErrorInvalidCredentials);
        assert_eq!(Msg::for_code(Some(codes::TOO_MANY_ATTEMPTS)), Msg::ErrorTooManyAttempts);
        assert_eq!(Msg::for_code(Some(codes::ACCOUNT_DISABLED)), Msg::ErrorAccountDisabled);
        assert_eq!(Msg::for_code(Some(codes::VERSION_MISMATCH)), Msg::ErrorVersionMismatch);
        assert_eq!(Msg::for_code(None), Msg::ErrorNetwork, "no code means the server was not reached");
        assert_eq!(Msg::for_code(Some("something_new")), Msg::ErrorGeneric);
        assert_eq!(field_message(kehu_types::field_codes::INVALID_PHONE), Msg::FieldInvalidPhone.into());
    }

    #[test]
    fn both_languages_say_something_different_where_it_matters() {
        for msg in [Msg::SignIn, Msg::Customers, Msg::ErrorInvalidCredentials, Msg::ChangeStage, Msg::FieldRequired] {
            let (zh, en) = (msg.text(Locale::Zh), msg.text(Locale::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{msg:?}");
        }
        for stage in LifecycleStage::ALL {
            assert_ne!(stage_label(*stage, Locale::Zh), stage_label(*stage, Locale::En));
        }
    }

    #[test]
    fn locale_tags_round_trip_and_default_to_chinese() {
        assert_eq!(Locale::from_tag("en-US"), Locale::En);
        assert_eq!(Locale::from_tag("zh-CN"), Locale::Zh);
        assert_eq!(Locale::from_tag(""), Locale::Zh);
        assert_eq!(Locale::from_tag(Locale::En.tag()), Locale::En);
    }

    #[test]
    fn times_are_zero_padded_in_both_locales() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 9, 5, 0).single().unwrap_or_default();
        let zh = format_datetime(at, Locale::Zh);
        let en = format_datetime(at, Locale::En);
        assert!(
            zh.contains("年") && zh.ends_with(&format!("{:02}:05", at.with_timezone(&chrono::Local).hour())),
            "{zh}"
        );
        assert!(en.contains(", ") && en.ends_with(":05"), "{en}");
    }

    #[test]
    fn dates_follow_the_locale() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 3, 5, 12, 0, 0).single().unwrap_or_default();
        let zh = format_date(at, Locale::Zh);
        let en = format_date(at, Locale::En);
        assert!(zh.starts_with("2026年3月"), "{zh}");
        assert!(en.contains("Mar 2026"), "{en}");
    }

    #[test]
    fn a_day_of_no_zone_is_written_like_a_moments_day() {
        let day = chrono::NaiveDate::from_ymd_opt(1990, 5, 12).unwrap_or_default();
        assert_eq!(format_day(day, Locale::Zh), "1990年5月12日");
        assert_eq!(format_day(day, Locale::En), "12 May 1990");
    }
}
