//! Money in the app: amounts shown in their currency the reader's way, typed
//! back in major units with exactly the currency's decimals (the table of
//! ISO 4217 minor units is `kehu_types::money`, shared with the server), and
//! the texts that say why a typed amount or a currency is refused.

use kehu_types::money::{self, AmountError};
use kehu_types::{FieldError, minor_units};
use leptos::prelude::*;

use super::Locale;

/// Field codes of amounts refused by a form before anything is sent (the
/// server receives minor units and never sends these).
pub mod amount_codes {
    pub const NOT_A_NUMBER: &str = "not_a_number";
    pub const NO_DECIMALS: &str = "no_decimals";
    pub const TWO_DECIMALS: &str = "at_most_two_decimals";
    pub const THREE_DECIMALS: &str = "at_most_three_decimals";
    pub const TOO_MANY_DECIMALS: &str = "too_many_decimals";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Money {
    Currency,
    NotANumber,
    NoDecimals,
    TwoDecimals,
    ThreeDecimals,
    TooManyDecimals,
    UnknownCurrency,
    CompensationGiven,
    NotSaved,
}

impl Money {
    pub fn text(self, locale: Locale) -> &'static str {
        use Money::*;
        let (zh, en) = match self {
            Currency => ("币种", "Currency"),
            NotANumber => ("请输入数字，如 20.50", "Type a number, e.g. 20.50"),
            NoDecimals => (
                "该币种没有小数（如日元），请输入整数",
                "This currency has no decimals (like yen): type a whole number",
            ),
            TwoDecimals => ("该币种最多两位小数", "This currency takes at most two decimals"),
            ThreeDecimals => ("该币种最多三位小数", "This currency takes at most three decimals"),
            TooManyDecimals => ("小数位数超过该币种允许的位数", "More decimals than this currency has"),
            UnknownCurrency => {
                ("不是 ISO 4217 币种代码（人民币为 CNY）", "Not an ISO 4217 currency code (yuan is CNY)")
            }
            CompensationGiven => ("已给补偿", "Compensation given"),
            NotSaved => ("未能保存：", "Not saved:"),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

/// The field error a form shows under an amount that is not one.
pub fn amount_error(field: &str, error: AmountError) -> FieldError {
    use amount_codes::*;
    let code = match error {
        AmountError::NotANumber => NOT_A_NUMBER,
        AmountError::TooManyDecimals { allowed: 0 } => NO_DECIMALS,
        AmountError::TooManyDecimals { allowed: 2 } => TWO_DECIMALS,
        AmountError::TooManyDecimals { allowed: 3 } => THREE_DECIMALS,
        AmountError::TooManyDecimals { .. } => TOO_MANY_DECIMALS,
        AmountError::TooLarge => kehu_types::field_codes::OUT_OF_RANGE,
        AmountError::UnknownCurrency => kehu_types::field_codes::UNKNOWN_CURRENCY,
    };
    FieldError::new(field, code, "")
}

/// The message of an amount or currency code, if it is one of these.
pub(super) fn amount_message(code: &str) -> Option<Money> {
    use amount_codes::*;
    Some(match code {
        NOT_A_NUMBER => Money::NotANumber,
        NO_DECIMALS => Money::NoDecimals,
        TWO_DECIMALS => Money::TwoDecimals,
        THREE_DECIMALS => Money::ThreeDecimals,
        TOO_MANY_DECIMALS => Money::TooManyDecimals,
        kehu_types::field_codes::UNKNOWN_CURRENCY => Money::UnknownCurrency,
        _ => return None,
    })
}

/// Reads the amounts a form's fields hold, collecting an error for each
/// that is not an amount of its currency, so the form refuses them all at
/// once and says why before anything is sent.
#[derive(Default)]
pub struct Amounts(pub Vec<FieldError>);

impl Amounts {
    /// Minor units of `currency` (points without one) typed in `field`; 0 when refused.
    pub fn read(&mut self, field: &str, text: &str, currency: Option<&str>) -> i64 {
        parse_money(text, currency).unwrap_or_else(|error| {
            self.0.push(amount_error(field, error));
            0
        })
    }

    /// Like `read`, for a field that may be left empty.
    pub fn optional(&mut self, field: &str, text: &str, currency: Option<&str>) -> Option<i64> {
        (!text.trim().is_empty()).then(|| self.read(field, text, currency))
    }

    /// The refused fields, if any: shown in place instead of sending.
    pub fn refused(self, errors: RwSignal<Vec<FieldError>>) -> bool {
        let refused = !self.0.is_empty();
        if refused {
            errors.set(self.0);
        }
        refused
    }
}

/// Minor units from an amount typed in major units of `currency` (`20.5`
/// CNY → 2050, `500` JPY → 500, `1.234` KWD → 1234); points (no currency)
/// are whole. Zero passes here: the server knows where it is allowed.
pub fn parse_money(text: &str, currency: Option<&str>) -> Result<i64, AmountError> {
    match currency {
        None => money::parse_minor(text, 0),
        Some(code) => money::parse_amount(text, code),
    }
}

/// An amount in minor units as typed in major units, without a currency
/// (`2050, CNY` → `20.50`), for form fields; points (no currency) are whole.
pub fn format_amount(amount: i64, currency: Option<&str>) -> String {
    match currency {
        None => amount.to_string(),
        Some(code) => money::format_amount(amount, code),
    }
}

/// `format_money` in a given language.
pub fn money_in(amount: i64, currency: Option<&str>, locale: Locale) -> String {
    let Some(code) = currency else { return amount.to_string() };
    // A code outside the table (written before codes were checked) reads
    // with two decimals and is shown by its letters.
    let digits = minor_units(code).unwrap_or(2);
    let major = amount as f64 / 10f64.powi(digits as i32);
    let known = minor_units(code).is_some();
    known
        .then(|| number_format::currency(major, code, digits, locale.tag()))
        .flatten()
        .unwrap_or_else(|| format!("{} {code}", money::format_minor(amount, digits)))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// JPY, CNY, USD and KWD in both languages: typed text → minor units →
    /// the text a field shows and the amount as read. Off the browser the
    /// amount is followed by its code in either language (the symbols come
    /// from the browser's Intl, checked by the browser suite), so what is
    /// checked here is that every currency keeps its own decimals.
    #[test]
    fn money_in_its_minor_units_in_both_languages() {
        let table = [
            ("500", "JPY", 500, "500", "500 JPY"),
            ("1234", "JPY", 1_234, "1234", "1234 JPY"),
            ("20.5", "CNY", 2_050, "20.50", "20.50 CNY"),
            ("500", "CNY", 50_000, "500.00", "500.00 CNY"),
            ("0.05", "USD", 5, "0.05", "0.05 USD"),
            ("1.234", "KWD", 1_234, "1.234", "1.234 KWD"),
            ("12", "KWD", 12_000, "12.000", "12.000 KWD"),
        ];
        for locale in [Locale::Zh, Locale::En] {
            for (typed, code, minor, field, shown) in table {
                assert_eq!(parse_money(typed, Some(code)), Ok(minor), "{typed} {code}");
                assert_eq!(format_amount(minor, Some(code)), field, "{minor} {code}");
                assert_eq!(money_in(minor, Some(code), locale), shown, "{minor} {code} {locale:?}");
            }
        }
        assert_eq!(money_in(500, None, Locale::En), "500", "points have no currency");
        assert_eq!(money_in(2_050, Some("RMB"), Locale::Zh), "20.50 RMB", "old codes still read");
        assert_eq!(parse_money("300", None), Ok(300));
        assert_eq!(parse_money("1.5", None), Err(AmountError::TooManyDecimals { allowed: 0 }), "points are whole");
    }

    #[test]
    fn refused_amounts_say_why_in_both_languages() {
        let cases = [
            ("500.5", "JPY", Money::NoDecimals),
            ("19.999", "CNY", Money::TwoDecimals),
            ("19.999", "USD", Money::TwoDecimals),
            ("1.2345", "KWD", Money::ThreeDecimals),
            ("五百", "CNY", Money::NotANumber),
            ("5", "RMB", Money::UnknownCurrency),
        ];
        for (typed, code, why) in cases {
            let mut amounts = Amounts::default();
            assert_eq!(amounts.read("list_price", typed, Some(code)), 0);
            let error = &amounts.0[0];
            assert_eq!(
                (error.field.as_str(), amount_message(&error.code)),
                ("list_price", Some(why)),
                "{typed} {code}"
            );
            let (zh, en) = (why.text(Locale::Zh), why.text(Locale::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{why:?}");
        }
        let mut amounts = Amounts::default();
        assert_eq!(amounts.optional("unit_cost", "  ", Some("JPY")), None);
        assert_eq!(amounts.optional("unit_cost", "300", Some("JPY")), Some(300));
        assert!(amounts.0.is_empty());
    }
}
