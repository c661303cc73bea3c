//! Every visible string goes through here: the message table (`messages`),
//! labels of domain values, and locale-aware formatting of dates and times.

mod approvals;
mod calendars;
mod customers;
mod desk;
mod knowledge;
mod messages;
mod segments;
mod value;

pub use approvals::{Approval, approval_reason_label, compensation_status_label};
pub use calendars::{Cal, due_zone_note, schedule_line_error, weekday_label};
pub use customers::{Cust, consent_purpose_label, custom_kind_label};
pub use desk::{
    Desk, compensation_label, event_label, level_label, metric_label, metric_state_label, notification_label,
    priority_label, sla_event_label, status_label, task_kind_label, type_label, view_label,
};
use kehu_types::LifecycleStage;
pub use knowledge::{Kb, article_locale_label, article_status_label, visibility_label};
use leptos::prelude::*;
pub use messages::Msg;
pub use segments::{Seg, choice_label, comparison_label, field_label};
pub use value::{
    Val, order_status_label, points_kind_label, points_reason_text, rfm_label, rounding_label, rule_label,
    tier_basis_label, tier_label,
};

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
    Kb(Kb),
    Val(Val),
    Seg(Seg),
    Cal(Cal),
    Cust(Cust),
    Approval(Approval),
}

impl Text {
    pub fn text(self, locale: Locale) -> &'static str {
        match self {
            Text::Core(msg) => msg.text(locale),
            Text::Desk(msg) => msg.text(locale),
            Text::Kb(msg) => msg.text(locale),
            Text::Val(msg) => msg.text(locale),
            Text::Seg(msg) => msg.text(locale),
            Text::Cal(msg) => msg.text(locale),
            Text::Cust(msg) => msg.text(locale),
            Text::Approval(msg) => msg.text(locale),
        }
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Self {
        Text::Core(msg)
    }
}

impl From<Kb> for Text {
    fn from(msg: Kb) -> Self {
        Text::Kb(msg)
    }
}

impl From<Val> for Text {
    fn from(msg: Val) -> Self {
        Text::Val(msg)
    }
}

impl From<Seg> for Text {
    fn from(msg: Seg) -> Self {
        Text::Seg(msg)
    }
}

impl From<Cust> for Text {
    fn from(msg: Cust) -> Self {
        Text::Cust(msg)
    }
}

impl From<Approval> for Text {
    fn from(msg: Approval) -> Self {
        Text::Approval(msg)
    }
}

impl From<Cal> for Text {
    fn from(msg: Cal) -> Self {
        Text::Cal(msg)
    }
}

impl From<Desk> for Text {
    fn from(msg: Desk) -> Self {
        Text::Desk(msg)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Zh,
    En,
}

impl Locale {
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Self {
        if tag.starts_with("en") { Locale::En } else { Locale::Zh }
    }
}

/// The message for a field error code.
pub fn field_message(code: &str) -> Msg {
    use kehu_types::field_codes as fc;
    match code {
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
    }
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
    match (stage, locale) {
        (Prospect, Locale::Zh) => "潜在客户",
        (Prospect, Locale::En) => "Prospect",
        (New, Locale::Zh) => "新客户",
        (New, Locale::En) => "New",
        (Active, Locale::Zh) => "活跃客户",
        (Active, Locale::En) => "Active",
        (Loyal, Locale::Zh) => "忠诚客户",
        (Loyal, Locale::En) => "Loyal",
        (AtRisk, Locale::Zh) => "流失风险",
        (AtRisk, Locale::En) => "At risk",
        (Churned, Locale::Zh) => "已流失",
        (Churned, Locale::En) => "Churned",
    }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A date for the chosen locale: `2026年11月22日` or `22 Nov 2026`. Built from
/// the date's parts rather than chrono's `format`, whose pattern engine would
/// add tens of kilobytes to the app.
pub fn format_date(at: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    let local = crate::time::local(at);
    let (year, month, day) = (local.year, local.month, local.day);
    match locale {
        Locale::Zh => format!("{year}年{month}月{day}日"),
        Locale::En => format!("{day} {} {year}", MONTHS[(month as usize + 11) % 12]),
    }
}

/// Currencies without minor units; all others have two.
const WHOLE_CURRENCIES: [&str; 3] = ["JPY", "KRW", "VND"];

/// An amount in minor units as typed in major units, without a currency
/// (`2050, CNY` → `20.50`), for form fields; points (no currency) are whole.
pub fn format_amount(amount: i64, currency: Option<&str>) -> String {
    match currency {
        None => amount.to_string(),
        Some(code) if WHOLE_CURRENCIES.contains(&code) => amount.to_string(),
        Some(_) => {
            let sign = if amount < 0 { "-" } else { "" };
            let abs = amount.unsigned_abs();
            format!("{sign}{}.{:02}", abs / 100, abs % 100)
        }
    }
}

/// An amount in minor units shown in its ISO currency the way the reader's
/// language writes it (`2050, CNY` → `¥20.50` in Chinese, `CN¥20.50` in
/// English; `$5.00` for USD), or a plain number of points without one.
/// Reactive to the language where called inside a view closure.
pub fn format_money(amount: i64, currency: Option<&str>) -> String {
    let Some(code) = currency else { return amount.to_string() };
    let locale = use_context::<I18n>().map_or(Locale::Zh, |i18n| i18n.0.get());
    let digits = if WHOLE_CURRENCIES.contains(&code) { 0 } else { 2 };
    let major = amount as f64 / if digits == 0 { 1.0 } else { 100.0 };
    number_format::currency(major, code, digits, locale.tag())
        .unwrap_or_else(|| format!("{} {code}", format_amount(amount, currency)))
}

/// The browser's `Intl.NumberFormat`, which knows every currency's symbol in
/// every language; off the browser (host tests) there is none.
mod number_format {
    #[cfg(target_arch = "wasm32")]
    pub fn currency(value: f64, code: &str, digits: u32, locale: &str) -> Option<String> {
        use js_sys::{Array, Function, Object, Reflect};
        use wasm_bindgen::{JsCast, JsValue};
        let options = Object::new();
        Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
        Reflect::set(&options, &"currency".into(), &code.into()).ok()?;
        for key in ["minimumFractionDigits", "maximumFractionDigits"] {
            Reflect::set(&options, &key.into(), &JsValue::from_f64(f64::from(digits))).ok()?;
        }
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let constructor: Function = Reflect::get(&intl, &"NumberFormat".into()).ok()?.dyn_into().ok()?;
        let format = Reflect::construct(&constructor, &Array::of2(&locale.into(), &options)).ok()?;
        let call: Function = Reflect::get(&format, &"format".into()).ok()?.dyn_into().ok()?;
        call.call1(&format, &JsValue::from_f64(value)).ok()?.as_string()
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn currency(_: f64, _: &str, _: u32, _: &str) -> Option<String> {
        None
    }
}

/// Minor units from an amount typed in major units (`20.5` → 2050); `None`
/// for anything but a positive number with at most two decimals.
pub fn parse_money(text: &str, currency: Option<&str>) -> Option<i64> {
    let text = text.trim();
    let whole_only = currency.is_none_or(|code| WHOLE_CURRENCIES.contains(&code));
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || fraction.len() > 2
        || (whole_only && !fraction.is_empty())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let value = if whole_only {
        whole
    } else {
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        whole.checked_mul(100)?.checked_add(cents)?
    };
    (value > 0).then_some(value)
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
        assert_eq!(field_message(kehu_types::field_codes::INVALID_PHONE), Msg::FieldInvalidPhone);
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
    fn money_is_shown_and_typed_in_major_units() {
        // Off the browser the amount is followed by its code; in the browser
        // Intl writes the symbol (checked by the browser suite).
        assert_eq!(format_money(2050, Some("CNY")), "20.50 CNY");
        assert_eq!(format_money(5, Some("USD")), "0.05 USD");
        assert_eq!(format_money(300, Some("JPY")), "300 JPY");
        assert_eq!(format_money(500, None), "500");
        assert_eq!(format_amount(-2050, Some("CNY")), "-20.50");
        assert_eq!(format_amount(300, Some("JPY")), "300");
        assert_eq!(parse_money("20.5", Some("CNY")), Some(2050));
        assert_eq!(parse_money(" 20 ", Some("CNY")), Some(2000));
        assert_eq!(parse_money("0.01", Some("CNY")), Some(1));
        assert_eq!(parse_money("300", None), Some(300));
        for bad in ["", "0", "-5", "1.234", "abc", "1.5e3", "."] {
            assert_eq!(parse_money(bad, Some("CNY")), None, "{bad}");
        }
        assert_eq!(parse_money("1.5", None), None, "points are whole");
    }

    #[test]
    fn dates_follow_the_locale() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 3, 5, 12, 0, 0).single().unwrap_or_default();
        let zh = format_date(at, Locale::Zh);
        let en = format_date(at, Locale::En);
        assert!(zh.starts_with("2026年3月"), "{zh}");
        assert!(en.contains("Mar 2026"), "{en}");
    }
}
