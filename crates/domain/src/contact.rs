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
