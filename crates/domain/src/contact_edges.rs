//! Email and phone rules at their edges: every length limit at, under and
//! over it, and each way a number can be almost right.

use super::*;

/// `a…a@b…b.c…c.d…d.cn`, exactly `total` characters long (196 to 259) with a
/// 64-character local part.
fn email_of(total: usize) -> String {
    format!("{}@{}.{}.{}.cn", "a".repeat(64), "b".repeat(63), "c".repeat(63), "d".repeat(total - 196))
}

#[test]
fn email_lengths_are_limited_at_their_edges() {
    assert_eq!(email_of(254).len(), 254);
    assert_eq!(normalize_email(&email_of(254)), Ok(email_of(254)));
    assert_eq!(normalize_email(&email_of(255)), Err(ContactError::Invalid));
    assert!(normalize_email(&format!("{}@example.com", "a".repeat(64))).is_ok());
    assert_eq!(normalize_email(&format!("{}@example.com", "a".repeat(65))), Err(ContactError::Invalid));
    assert!(normalize_email(&format!("li@{}.com", "b".repeat(63))).is_ok());
    assert_eq!(normalize_email(&format!("li@{}.com", "b".repeat(64))), Err(ContactError::Invalid));
}

#[test]
fn email_shapes_are_checked_part_by_part() {
    let good = ["a@b.cn", "li.ming+vip@mail.example.com", "o'neil@x-y.org", "1@2a.io"];
    for email in good {
        assert_eq!(normalize_email(email), Ok(email.to_owned()), "{email}");
    }
    let bad = [
        "   ",
        ".li@example.com",
        "li.@example.com",
        "li@-example.com",
        "li@example-.com",
        "li@exa_mple.com",
        "li@example.c",
        "li@example.",
        "li@example..com",
        "li(x)@example.com",
        "li@example.com.",
    ];
    for email in bad {
        assert!(normalize_email(email).is_err(), "{email:?} should be refused");
    }
    assert_eq!(normalize_email(" \u{3000} "), Err(ContactError::Empty));
    assert_eq!(normalize_email("li.example.com"), Err(ContactError::Invalid));
}

#[test]
fn mainland_mobiles_are_eleven_digits_starting_13_to_19() {
    let table = [
        ("13812345678", true),
        ("19912345678", true),
        ("13012345678", true),
        ("12812345678", false),
        ("10812345678", false),
        ("23812345678", false),
        ("1381234567", false),
        ("138123456789", false),
        ("1381234567x", false),
        ("", false),
    ];
    for (digits, mobile) in table {
        assert_eq!(is_cn_mobile(digits), mobile, "{digits}");
    }
}

#[test]
fn phones_at_the_edges_of_each_rule_are_accepted() {
    let table = [
        ("+12345678", "+12345678"),
        ("+123456789012345", "+123456789012345"),
        ("021 1234567", "+86211234567"),
        ("0571 8765 4321", "+8657187654321"),
        ("+86 21 1234567", "+86211234567"),
        ("+86 571 8765 4321", "+8657187654321"),
        ("+86 10 1234 5678", "+861012345678"),
        ("(021)/6234.5678", "+862162345678"),
        ("0044 20 7946 0958", "+442079460958"),
        ("19912345678", "+8619912345678"),
        ("  +86 199 1234 5678  ", "+8619912345678"),
    ];
    for (typed, stored) in table {
        assert_eq!(normalize_phone(typed), Ok(stored.to_owned()), "{typed}");
    }
}

#[test]
fn phones_just_outside_each_rule_are_refused() {
    let bad = [
        // Too short and too long for E.164.
        "+1234567",
        "+",
        // A plus sign anywhere but first.
        "138+12345678",
        "+86+13812345678",
        // A bare 13-digit number is only taken when it is 86 and a mobile.
        "1234567890123",
        "8612812345678",
        // A national number starting 1 is a mobile, or Beijing with 10 digits.
        "+86 1381234567",
        "+86 138123456789",
        "+86 101234567",
        // Other national numbers are 9 to 11 digits.
        "+86 2112345",
        "+86 21123456",
        "+86 211234567890",
        // A trunk 0 needs a 9 to 11 digit national number.
        "01234567",
        "0 2112 3456",
        "0211 2345 67890",
        // Not a mobile, no 0, no +.
        "12812345678",
        "138#1234#5678",
    ];
    for typed in bad {
        assert_eq!(normalize_phone(typed), Err(ContactError::Invalid), "{typed:?} should be refused");
    }
    assert_eq!(normalize_phone(" \u{3000} "), Err(ContactError::Empty));
}

#[test]
fn phones_are_grouped_by_their_country_and_kind() {
    let table = [
        ("+1234", "+1 234"),
        ("+123", "+123"),
        ("+12a4", "+12a4"),
        ("+1415555013", "+1 4 1555 5013"),
        ("+79123456789", "+7 91 2345 6789"),
        ("+8621123456", "+86 21 12 3456"),
        ("+861381234567", "+86 138 123 4567"),
        ("+86571234567", "+86 571 23 4567"),
        ("+49301234567", "+49 3 0123 4567"),
        ("+3531234567", "+353 123 4567"),
        ("+35312345678", "+353 1234 5678"),
        ("+8613800138000", "+86 138 0013 8000"),
    ];
    for (stored, shown) in table {
        assert_eq!(display_phone(stored), shown, "{stored}");
    }
}
