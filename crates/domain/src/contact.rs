//! Email and phone normalisation.
//!
//! Phones become E.164 (`+` and up to 15 digits). The default country is mainland
//! China: an 11-digit number starting `1[3-9]` is a mobile and gets `+86`; a
//! number starting with a single `0` is a mainland landline with its trunk prefix
//! (`010-1234 5678` → `+861012345678`). `00` is the international call prefix.

use crate::text::to_half_width;

/// Why a value was refused; the caller turns it into a field error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactError {
    Empty,
    Invalid,
}

/// Lower-case and validate an email address.
pub fn normalize_email(input: &str) -> Result<String, ContactError> {
    let email = to_half_width(input).trim().to_lowercase();
    if email.is_empty() {
        return Err(ContactError::Empty);
    }
    let (local, domain) = email.split_once('@').ok_or(ContactError::Invalid)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if local_ok && domain_ok && email.len() <= 254 { Ok(email) } else { Err(ContactError::Invalid) }
}

/// Whether `digits` (no `+86`) is a mainland China mobile number.
pub fn is_cn_mobile(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]) && bytes.iter().all(u8::is_ascii_digit)
}

/// Normalise a phone number to E.164.
pub fn normalize_phone(input: &str) -> Result<String, ContactError> {
    let folded = to_half_width(input);
    let trimmed = folded.trim();
    if trimmed.is_empty() {
        return Err(ContactError::Empty);
    }
    let plus = trimmed.starts_with('+');
    let mut digits = String::with_capacity(trimmed.len());
    for (index, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if index == 0 => {}
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => return Err(ContactError::Invalid),
        }
    }
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if is_cn_mobile(&digits) {
        format!("86{digits}")
    } else if digits.len() == 13 && digits.starts_with("86") && is_cn_mobile(&digits[2..]) {
        digits
    } else if let Some(national) = digits.strip_prefix('0') {
        // Mainland landline: area code (2–3 digits after the 0) and a 7–8 digit number.
        if (9..=11).contains(&national.len()) {
            format!("86{national}")
        } else {
            return Err(ContactError::Invalid);
        }
    } else {
        return Err(ContactError::Invalid);
    };
    let plausible = (8..=15).contains(&international.len()) && !international.starts_with('0');
    let cn_ok = match international.strip_prefix("86") {
        // Beijing's area code is 10, so a 10-digit national number starting 10
        // is a landline; any other national number starting 1 must be a mobile.
        Some(national) if national.starts_with("10") && national.len() == 10 => true,
        Some(national) if national.starts_with('1') => is_cn_mobile(national),
        Some(national) => (9..=11).contains(&national.len()),
        None => true,
    };
    if plausible && cn_ok { Ok(format!("+{international}")) } else { Err(ContactError::Invalid) }
}

/// Country calling codes of two digits; `1` and `7` are the one-digit ones,
/// and every other code has three.
const TWO_DIGIT_COUNTRY_CODES: &[&str] = &[
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49", "51",
    "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90",
    "91", "92", "93", "94", "95", "98",
];

/// An E.164 number grouped the way people read it aloud, keeping every digit:
/// `+8613800138000` → `+86 138 0013 8000`, a Shanghai landline
/// `+862162345678` → `+86 21 6234 5678`, `+14155550132` → `+1 415 555 0132`.
/// Masked digits (`*`) are grouped like digits. Anything that is not E.164
/// comes back as it is.
pub fn display_phone(phone: &str) -> String {
    let Some(number) = phone.strip_prefix('+') else { return phone.to_owned() };
    if number.len() < 4 || !number.chars().all(|c| c.is_ascii_digit() || c == '*') {
        return phone.to_owned();
    }
    let code_len = match &number[..1] {
        "1" | "7" => 1,
        _ if TWO_DIGIT_COUNTRY_CODES.contains(&&number[..2]) => 2,
        _ => 3,
    };
    let (code, national) = number.split_at(code_len);
    let groups = match code {
        "86" => mainland_groups(national),
        "1" if national.len() == 10 => vec![3, 3, 4],
        _ => groups_of_four_from_the_right(national.len()),
    };
    let mut out = format!("+{code}");
    let mut rest = national;
    for size in groups {
        let (group, tail) = rest.split_at(size.min(rest.len()));
        out.push(' ');
        out.push_str(group);
        rest = tail;
    }
    out
}

/// Mobiles 3-4-4; landlines with their area code (two digits for 10 and
/// 20–29, three for the others), then the local number 3-4 or 4-4.
fn mainland_groups(national: &str) -> Vec<usize> {
    if national.len() == 11 && national.starts_with('1') {
        return vec![3, 4, 4];
    }
    let area = if national.starts_with("10") || national.starts_with('2') { 2 } else { 3 };
    let local = national.len().saturating_sub(area);
    match local {
        8 => vec![area, 4, 4],
        7 => vec![area, 3, 4],
        _ => {
            let mut groups = vec![area];
            groups.extend(groups_of_four_from_the_right(local));
            groups
        }
    }
}

fn groups_of_four_from_the_right(len: usize) -> Vec<usize> {
    let mut groups = vec![4; len / 4];
    if !len.is_multiple_of(4) {
        groups.insert(0, len % 4);
    }
    groups
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn emails_are_lowercased_and_trimmed() {
        assert_eq!(normalize_email("  Li.MingHua@Example.COM "), Ok("li.minghua@example.com".into()));
        assert_eq!(normalize_email("ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ"), Ok("li@example.cn".into()));
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in
            ["", "plain", "a@b", "a@@b.com", "a b@c.com", "@x.com", "a@.com", "a..b@c.com", "a@c.c0m", "李@例子.cn"]
        {
            assert!(normalize_email(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn phones_are_displayed_in_groups() {
        let table = [
            ("+8613800138000", "+86 138 0013 8000"),
            ("+862162345678", "+86 21 6234 5678"),
            ("+861012345678", "+86 10 1234 5678"),
            ("+8657187654321", "+86 571 8765 4321"),
            ("+867551234567", "+86 755 123 4567"),
            ("+86138****5678", "+86 138 **** 5678"),
            ("+14155550132", "+1 415 555 0132"),
            ("+442079460958", "+44 20 7946 0958"),
            ("+85291234567", "+852 9123 4567"),
            ("13800138000", "13800138000"),
            ("+86", "+86"),
            ("*****", "*****"),
        ];
        for (stored, shown) in table {
            assert_eq!(display_phone(stored), shown, "{stored}");
        }
    }

    proptest! {
        #[test]
        fn display_keeps_every_digit_in_order(digits in "[1-9][0-9]{7,14}") {
            let phone = format!("+{digits}");
            let shown = display_phone(&phone);
            prop_assert_eq!(shown.replace(' ', ""), phone);
        }
    }

    #[test]
    fn mainland_mobiles_get_the_country_code() {
        assert_eq!(normalize_phone("13812345678"), Ok("+8613812345678".into()));
        assert_eq!(normalize_phone("138 1234 5678"), Ok("+8613812345678".into()));
        assert_eq!(normalize_phone("138-1234-5678"), Ok("+8613812345678".into()));
        assert_eq!(normalize_phone("１３８１２３４５６７８"), Ok("+8613812345678".into()));
        assert_eq!(normalize_phone("8613812345678"), Ok("+8613812345678".into()));
        assert_eq!(normalize_phone("+86 138 1234 5678"), Ok("+8613812345678".into()));
        assert_eq!(normalize_phone("0086 13812345678"), Ok("+8613812345678".into()));
    }

    #[test]
    fn landlines_and_foreign_numbers() {
        assert_eq!(normalize_phone("010-12345678"), Ok("+861012345678".into()));
        assert_eq!(normalize_phone("(0755) 8765 4321"), Ok("+8675587654321".into()));
        assert_eq!(normalize_phone("+1 (415) 555-0100"), Ok("+14155550100".into()));
        assert_eq!(normalize_phone("+44 20 7946 0958"), Ok("+442079460958".into()));
    }

    #[test]
    fn nonsense_phones_are_refused() {
        for bad in ["", "abc", "12345", "1381234567", "+86 123 4567 8901", "+0123456789", "12-34x", "+1234567890123456"]
        {
            assert!(normalize_phone(bad).is_err(), "{bad:?} should be refused");
        }
    }

    proptest! {
        #[test]
        fn any_mainland_mobile_normalises_in_any_common_format(second in 3u8..=9, rest in "[0-9]{9}", style in 0usize..5) {
            let digits = format!("1{second}{rest}");
            let written = match style {
                0 => digits.clone(),
                1 => format!("{} {} {}", &digits[..3], &digits[3..7], &digits[7..]),
                2 => format!("+86-{digits}"),
                3 => format!("0086{digits}"),
                _ => digits.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect(),
            };
            prop_assert_eq!(normalize_phone(&written), Ok(format!("+86{digits}")));
        }

        #[test]
        fn normalising_is_idempotent(input in "\\+?[0-9 ()-]{0,20}") {
            if let Ok(once) = normalize_phone(&input) {
                prop_assert_eq!(normalize_phone(&once), Ok(once.clone()));
                prop_assert!(once.starts_with('+') && once[1..].chars().all(|c| c.is_ascii_digit()));
            }
        }

        #[test]
        fn email_normalising_is_idempotent(input in "[A-Za-z0-9._%+-]{1,20}@[A-Za-z0-9-]{1,10}\\.[A-Za-z]{2,6}") {
            if let Ok(once) = normalize_email(&input) {
                prop_assert_eq!(normalize_email(&once), Ok(once.clone()));
                prop_assert_eq!(once.to_lowercase(), once);
            }
        }
    }
}

#[cfg(test)]
#[path = "contact_edges.rs"]
mod edges;
