//! Money as people type and read it: the ISO 4217 currencies with their minor
//! units, and the conversion between an amount typed in major units (`20.50`)
//! and the integer minor units the API carries (`2050`). The server refuses a
//! currency outside this table; the web app parses and formats with it, so a
//! yen is never read as a hundredth and a dinar keeps its three decimals.

/// Every current ISO 4217 currency and its minor units (digits after the
/// point), sorted by code. Funds, precious metals and testing codes, which
/// no customer pays in, are left out.
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("UYU", 2),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// The minor units of an ISO 4217 code (`JPY` 0, `CNY` 2, `KWD` 3); `None`
/// for anything that is not a currency we know (`RMB`, `cny`, `XAU`).
pub fn minor_units(code: &str) -> Option<u32> {
    CURRENCIES.binary_search_by(|(known, _)| (*known).cmp(code)).ok().map(|at| u32::from(CURRENCIES[at].1))
}

/// Every known code, in alphabetical order (for a currency picker).
pub fn currency_codes() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().map(|(code, _)| *code)
}

/// Why a typed amount is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a plain non-negative decimal number (`abc`, `1,5`, `-3`, empty).
    NotANumber,
    /// More digits after the point than the currency has (`500.5` yen).
    TooManyDecimals { allowed: u32 },
    /// Larger than any amount can be.
    TooLarge,
    /// The currency is not an ISO 4217 code we know.
    UnknownCurrency,
}

/// Minor units from a non-negative amount typed in major units of a
/// currency with `digits` minor units (`"20.5"`, 2 → 2050). Surrounding
/// spaces and full-width digits (as a Chinese input method types them) are
/// accepted; a sign, a thousands separator or a second point are not.
pub fn parse_minor(text: &str, digits: u32) -> Result<i64, AmountError> {
    let text: String = text.trim().chars().map(half_width).collect();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || (text.ends_with('.') && fraction.is_empty()) {
        return Err(AmountError::NotANumber);
    }
    if fraction.len() > digits as usize {
        return Err(AmountError::TooManyDecimals { allowed: digits });
    }
    let scale = 10i64.checked_pow(digits).ok_or(AmountError::TooLarge)?;
    let whole: i64 = whole.parse().map_err(|_| AmountError::TooLarge)?;
    let padded = format!("{fraction:0<width$}", width = digits as usize);
    let fraction: i64 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| AmountError::NotANumber)? };
    whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).ok_or(AmountError::TooLarge)
}

/// Minor units from an amount typed in major units of `currency`
/// (`"500", JPY` → 500; `"500", CNY` → 50000; `"1.234", KWD` → 1234).
pub fn parse_amount(text: &str, currency: &str) -> Result<i64, AmountError> {
    parse_minor(text, minor_units(currency).ok_or(AmountError::UnknownCurrency)?)
}

/// Minor units written as a plain decimal in major units with exactly the
/// currency's digits (`2050, CNY` → `20.50`; `500, JPY` → `500`; `1234, KWD`
/// → `1.234`): what a form field shows for typing back. A code outside the
/// table (data written before codes were checked) reads with two decimals.
pub fn format_amount(amount: i64, currency: &str) -> String {
    format_minor(amount, minor_units(currency).unwrap_or(2))
}

/// Minor units as a plain decimal with `digits` digits after the point.
pub fn format_minor(amount: i64, digits: u32) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.unsigned_abs();
    match 10u64.checked_pow(digits) {
        Some(scale) if digits > 0 => {
            format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = digits as usize)
        }
        _ => format!("{sign}{abs}"),
    }
}

/// Full-width digits and point (`５００．５`) as their ASCII forms.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_unique_and_three_letters() {
        assert!(CURRENCIES.windows(2).all(|pair| pair[0].0 < pair[1].0), "sorted for the binary search");
        assert!(CURRENCIES.iter().all(|(code, _)| code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn minor_units_follow_iso_4217() {
        for code in ["JPY", "KRW", "VND", "CLP", "ISK", "XOF"] {
            assert_eq!(minor_units(code), Some(0), "{code}");
        }
        for code in ["CNY", "USD", "EUR", "HKD", "TWD", "GBP", "SGD", "MOP"] {
            assert_eq!(minor_units(code), Some(2), "{code}");
        }
        for code in ["KWD", "BHD", "OMR", "JOD", "TND", "IQD", "LYD"] {
            assert_eq!(minor_units(code), Some(3), "{code}");
        }
        for code in ["RMB", "cny", "", "CN", "CNYY", "XAU", "XXX"] {
            assert_eq!(minor_units(code), None, "{code:?}");
        }
    }

    #[test]
    fn typed_amounts_become_minor_units_in_their_currency() {
        let cases = [
            ("500", "JPY", Ok(500)),
            ("５００", "JPY", Ok(500)),
            ("500.5", "JPY", Err(AmountError::TooManyDecimals { allowed: 0 })),
            ("500", "CNY", Ok(50_000)),
            (" 20.5 ", "CNY", Ok(2_050)),
            ("0.01", "CNY", Ok(1)),
            ("0", "CNY", Ok(0)),
            ("1.999", "CNY", Err(AmountError::TooManyDecimals { allowed: 2 })),
            ("19.99", "USD", Ok(1_999)),
            ("1.234", "KWD", Ok(1_234)),
            ("1.2", "KWD", Ok(1_200)),
            ("12", "KWD", Ok(12_000)),
            ("1.2345", "KWD", Err(AmountError::TooManyDecimals { allowed: 3 })),
            ("免费", "CNY", Err(AmountError::NotANumber)),
            ("", "CNY", Err(AmountError::NotANumber)),
            ("-5", "CNY", Err(AmountError::NotANumber)),
            ("1,5", "CNY", Err(AmountError::NotANumber)),
            ("1.", "CNY", Err(AmountError::NotANumber)),
            (".5", "CNY", Err(AmountError::NotANumber)),
            ("1.2.3", "CNY", Err(AmountError::NotANumber)),
            ("99999999999999999999", "CNY", Err(AmountError::TooLarge)),
            ("92233720368547758.07", "CNY", Ok(i64::MAX)),
            ("92233720368547758.08", "CNY", Err(AmountError::TooLarge)),
            ("5", "RMB", Err(AmountError::UnknownCurrency)),
        ];
        for (text, currency, expected) in cases {
            assert_eq!(parse_amount(text, currency), expected, "{text:?} {currency}");
        }
    }

    #[test]
    fn minor_units_are_written_back_as_typed() {
        let cases = [
            (500, "JPY", "500"),
            (50_000, "CNY", "500.00"),
            (2_050, "CNY", "20.50"),
            (-2_050, "CNY", "-20.50"),
            (5, "USD", "0.05"),
            (1_234, "KWD", "1.234"),
            (5, "KWD", "0.005"),
            (2_050, "RMB", "20.50"),
        ];
        for (amount, currency, expected) in cases {
            assert_eq!(format_amount(amount, currency), expected, "{amount} {currency}");
            if minor_units(currency).is_some() {
                let back = expected.trim_start_matches('-');
                assert_eq!(parse_amount(back, currency), Ok(amount.abs()), "round trip of {expected}");
            }
        }
    }
}
