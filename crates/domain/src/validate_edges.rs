//! Every limit of the input rules at, just under and just over it.

use super::*;
use serde_json::json;

/// `(field, code)` of each error, in order.
fn found(errors: &Errors) -> Vec<(&str, &str)> {
    errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect()
}

fn fail(result: Result<impl std::fmt::Debug, Vec<FieldError>>) -> Vec<(String, String)> {
    result.err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
}

fn one(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default()
}

fn draft() -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: "华东贸易".into(),
        company_name: None,
        emails: vec![],
        phones: vec![],
        address: None,
        region: None,
        industry: None,
        birthday: None,
        source: Some(AcquisitionSource::Referral),
        tags: vec![],
        custom: CustomFields::new(),
        external_source: None,
        external_id: None,
    }
}

#[test]
fn texts_are_measured_in_characters_up_to_their_limit() {
    let mut errors = Errors::default();
    assert_eq!(errors.required_text("a", &"李".repeat(10), 10), "李".repeat(10));
    assert_eq!(errors.optional_text("b", Some(&"x".repeat(10)), 10), Some("x".repeat(10)));
    assert_eq!(errors.optional_text("c", Some("  "), 10), None);
    assert_eq!(errors.optional_text("d", None, 10), None);
    assert_eq!(errors.optional_body("e", Some(" 第一行\n  第二行 "), 10), Some("第一行\n  第二行".into()));
    assert_eq!(errors.optional_body("f", Some(" \n "), 10), None);
    assert_eq!(errors.optional_body("g", None, 10), None);
    assert!(errors.0.is_empty(), "{:?}", errors.0);
    errors.required_text("h", &"李".repeat(11), 10);
    errors.optional_text("i", Some(&"x".repeat(11)), 10);
    errors.optional_body("j", Some(&"x".repeat(11)), 10);
    errors.required_text("k", " \t ", 10);
    errors.optional_text("l", Some("a\u{1b}b"), 10);
    errors.optional_body("m", Some("a\0b"), 10);
    assert_eq!(
        found(&errors),
        [
            ("h", fc::TOO_LONG),
            ("i", fc::TOO_LONG),
            ("j", fc::TOO_LONG),
            ("k", fc::REQUIRED),
            ("l", fc::INVALID_FORMAT),
            ("m", fc::INVALID_FORMAT)
        ]
    );
}

#[test]
fn a_stage_reason_is_required_and_at_most_its_limit() {
    assert_eq!(stage_reason(&"因".repeat(REASON_MAX)), Ok("因".repeat(REASON_MAX)));
    assert_eq!(fail(stage_reason(&"因".repeat(REASON_MAX + 1))), one("reason", fc::TOO_LONG));
    assert_eq!(fail(stage_reason("")), one("reason", fc::REQUIRED));
}

#[test]
fn currencies_are_three_letters_raised_to_upper_case() {
    let mut errors = Errors::default();
    assert_eq!(errors.currency("a", " cny "), "CNY");
    assert_eq!(errors.currency("b", "USD"), "USD");
    assert!(errors.0.is_empty());
    for (n, bad) in ["CN", "CNYY", "C1Y", "", "人民币"].into_iter().enumerate() {
        let mut errors = Errors::default();
        errors.currency("currency", bad);
        assert_eq!(found(&errors), [("currency", fc::INVALID_FORMAT)], "{n}: {bad:?}");
    }
}

#[test]
fn money_is_bounded_on_both_sides() {
    let mut errors = Errors::default();
    for (n, value) in [0, MONEY_MAX, -50].into_iter().enumerate() {
        errors.money(&format!("ok{n}"), value, -50);
    }
    assert!(errors.0.is_empty());
    errors.money("over", MONEY_MAX + 1, 0);
    errors.money("under", -1, 0);
    errors.money("far_under", i64::MIN, -50);
    assert_eq!(
        found(&errors),
        [("over", fc::OUT_OF_RANGE), ("under", fc::OUT_OF_RANGE), ("far_under", fc::OUT_OF_RANGE)]
    );
}

#[test]
fn a_sku_has_one_to_sixty_four_characters_without_spaces() {
    let mut errors = Errors::default();
    assert_eq!(errors.sku("a", &"S".repeat(SKU_MAX)), "S".repeat(SKU_MAX));
    assert_eq!(errors.sku("b", " ＳＫＵ－１ "), "SKU-1");
    assert!(errors.0.is_empty());
    errors.sku("long", &"S".repeat(SKU_MAX + 1));
    errors.sku("empty", "  ");
    errors.sku("space", "SKU 1");
    errors.sku("tab", "SKU\t1");
    errors.sku("control", "SKU\u{7}1");
    assert_eq!(
        found(&errors),
        [
            ("long", fc::TOO_LONG),
            ("empty", fc::REQUIRED),
            ("space", fc::INVALID_FORMAT),
            ("tab", fc::INVALID_FORMAT),
            ("control", fc::INVALID_FORMAT)
        ]
    );
}

#[test]
fn one_email_is_required_and_valid() {
    let mut errors = Errors::default();
    assert_eq!(errors.email("a", " LI@Example.com "), "li@example.com");
    assert!(errors.0.is_empty());
    assert_eq!(errors.email("empty", " "), "");
    assert_eq!(errors.email("bad", "li@"), "");
    assert_eq!(found(&errors), [("empty", fc::REQUIRED), ("bad", fc::INVALID_EMAIL)]);
}

#[test]
fn ten_contacts_of_each_kind_and_no_more() {
    let phones: Vec<String> = (0..=CONTACTS_MAX).map(|n| format!("138{n:08}")).collect();
    let mut errors = Errors::default();
    assert_eq!(errors.phones("phones", &phones[..CONTACTS_MAX]).len(), CONTACTS_MAX);
    assert!(errors.0.is_empty());
    assert_eq!(errors.phones("phones", &phones).len(), CONTACTS_MAX + 1);
    assert_eq!(found(&errors), [("phones", fc::TOO_MANY)]);
    let emails: Vec<String> = (0..=CONTACTS_MAX).map(|n| format!("u{n}@example.com")).collect();
    let mut errors = Errors::default();
    assert_eq!(errors.emails("emails", &emails[..CONTACTS_MAX]).len(), CONTACTS_MAX);
    assert!(errors.0.is_empty());
    errors.emails("emails", &emails);
    assert_eq!(found(&errors), [("emails", fc::TOO_MANY)]);
}

#[test]
fn contacts_are_cleaned_deduplicated_and_reported_one_by_one() {
    let mut errors = Errors::default();
    let typed = ["13812345678", "+86 138 1234 5678", " ", "12", "0086 13812345679"].map(String::from);
    assert_eq!(errors.phones("phones", &typed), ["+8613812345678", "+8613812345679"]);
    assert_eq!(found(&errors), [("phones[2]", fc::REQUIRED), ("phones[3]", fc::INVALID_PHONE)]);
    let mut errors = Errors::default();
    let typed = ["A@x.cn", "", "a@x.cn", "a@", "b@x.cn"].map(String::from);
    assert_eq!(errors.emails("emails", &typed), ["a@x.cn", "b@x.cn"]);
    assert_eq!(found(&errors), [("emails[1]", fc::REQUIRED), ("emails[3]", fc::INVALID_EMAIL)]);
}

#[test]
fn thirty_tags_of_fifty_characters_and_no_more() {
    let tags: Vec<String> = (0..=TAGS_MAX).map(|n| format!("标签{n}")).collect();
    let mut errors = Errors::default();
    assert_eq!(errors.tags("tags", &tags[..TAGS_MAX]).len(), TAGS_MAX);
    assert!(errors.0.is_empty());
    errors.tags("tags", &tags);
    assert_eq!(found(&errors), [("tags", fc::TOO_MANY)]);
    let mut errors = Errors::default();
    let typed =
        ["签".repeat(TAG_MAX), "签".repeat(TAG_MAX + 1), "  ".into(), "ＶＩＰ".into(), "VIP".into(), "a\0".into()];
    assert_eq!(errors.tags("tags", &typed), ["签".repeat(TAG_MAX), "VIP".into()]);
    assert_eq!(found(&errors), [("tags[1]", fc::TOO_LONG), ("tags[2]", fc::REQUIRED), ("tags[5]", fc::INVALID_FORMAT)]);
}

#[test]
fn passwords_have_ten_to_two_hundred_characters() {
    assert_eq!(password("p", &"密".repeat(PASSWORD_MIN)), Ok(()));
    assert_eq!(password("p", &"x".repeat(PASSWORD_MAX)), Ok(()));
    assert_eq!(fail(password("p", &"x".repeat(PASSWORD_MIN - 1))), one("p", fc::TOO_SHORT));
    assert_eq!(fail(password("p", &"x".repeat(PASSWORD_MAX + 1))), one("p", fc::TOO_LONG));
    assert_eq!(fail(password("p", "")), one("p", fc::TOO_SHORT));
}

#[test]
fn birthdays_fall_between_1900_and_today() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let mut errors = Errors::default();
    assert_eq!(errors.birthday("a", Some(today()), today()), Some(today()));
    assert_eq!(errors.birthday("b", date(1900, 1, 1), today()), date(1900, 1, 1));
    assert_eq!(errors.birthday("c", None, today()), None);
    assert!(errors.0.is_empty());
    assert_eq!(errors.birthday("tomorrow", today().succ_opt(), today()), today().succ_opt());
    errors.birthday("old", date(1899, 12, 31), today());
    assert_eq!(found(&errors), [("tomorrow", fc::OUT_OF_RANGE), ("old", fc::OUT_OF_RANGE)]);
}

#[test]
fn an_address_keeps_what_was_given_and_a_two_letter_country() {
    let mut errors = Errors::default();
    assert_eq!(errors.address("address", None), None);
    let blank = Address { street: Some("  ".into()), city: Some(String::new()), ..Address::default() };
    assert_eq!(errors.address("address", Some(&blank)), None);
    let street = Address { street: Some(" 南京路  1号 ".into()), ..Address::default() };
    assert_eq!(
        errors.address("address", Some(&street)),
        Some(Address { street: Some("南京路 1号".into()), ..Address::default() })
    );
    let full = Address {
        street: Some("s".into()),
        city: Some("上海".into()),
        province: Some("上海".into()),
        postal_code: Some("200000".into()),
        country: Some(" cn ".into()),
    };
    let clean = errors.address("address", Some(&full));
    assert_eq!(clean, Some(Address { country: Some("CN".into()), street: Some("s".into()), ..full.clone() }));
    assert!(errors.0.is_empty());
    for bad in ["C1", "CHN", "C", "中国"] {
        let mut errors = Errors::default();
        let given = Address { city: Some("x".into()), country: Some(bad.into()), ..Address::default() };
        let clean = errors.address("address", Some(&given));
        assert_eq!(clean, Some(Address { city: Some("x".into()), ..Address::default() }), "{bad}");
        assert_eq!(found(&errors), [("address.country", fc::INVALID_FORMAT)], "{bad}");
    }
    let mut errors = Errors::default();
    let long = Address { province: Some("x".repeat(SHORT_TEXT_MAX + 1)), ..Address::default() };
    errors.address("address", Some(&long));
    assert_eq!(found(&errors), [("address.province", fc::TOO_LONG)]);
}

fn custom_of(pairs: impl IntoIterator<Item = (String, serde_json::Value)>) -> CustomFields {
    pairs.into_iter().collect()
}

#[test]
fn fifty_custom_keys_of_sixty_four_characters_and_no_more() {
    let keys = |n: usize| custom_of((0..n).map(|i| (format!("k{i}"), json!(i))));
    let mut errors = Errors::default();
    errors.custom("custom", &keys(CUSTOM_KEYS_MAX));
    assert!(errors.0.is_empty());
    errors.custom("custom", &keys(CUSTOM_KEYS_MAX + 1));
    assert_eq!(found(&errors), [("custom", fc::TOO_MANY)]);
    let mut errors = Errors::default();
    errors.custom("custom", &custom_of([("键".repeat(64), json!(1))]));
    assert!(errors.0.is_empty());
    errors.custom("custom", &custom_of([("键".repeat(65), json!(1))]));
    errors.custom("custom", &custom_of([(String::new(), json!(1))]));
    assert_eq!(
        found(&errors),
        [(format!("custom.{}", "键".repeat(65)).as_str(), fc::INVALID_FORMAT), ("custom.", fc::INVALID_FORMAT)]
    );
}

#[test]
fn custom_values_are_at_most_sixteen_kilobytes_as_json() {
    // Sixteen KiB; `{"k":"…"}` is eight bytes around the text.
    assert_eq!(CUSTOM_BYTES_MAX, 16_384);
    let sized = |n: usize| custom_of([("k".to_owned(), json!("x".repeat(n - 8)))]);
    assert_eq!(serde_json::to_string(&sized(CUSTOM_BYTES_MAX)).map(|s| s.len()).ok(), Some(CUSTOM_BYTES_MAX));
    let mut errors = Errors::default();
    errors.custom("custom", &sized(CUSTOM_BYTES_MAX));
    assert!(errors.0.is_empty());
    errors.custom("custom", &sized(CUSTOM_BYTES_MAX + 1));
    assert_eq!(found(&errors), [("custom", fc::TOO_LONG)]);
}

#[test]
fn a_nul_anywhere_in_custom_values_is_found() {
    let clean = json!({"a": [1, 2.5, true, null, "text", {"b": ["c"]}], "d": "\n\t"});
    assert!(!json_has_nul(&clean));
    for value in
        [json!("a\0"), json!(["ok", "b\0"]), json!({"k": "v\0"}), json!({"k\0": "v"}), json!({"k": [{"deep": ["\0"]}]})]
    {
        assert!(json_has_nul(&value), "{value}");
    }
    let mut errors = Errors::default();
    errors.custom("custom", &custom_of([("k".to_owned(), clean)]));
    assert!(errors.0.is_empty());
    errors.custom("custom", &custom_of([("k".to_owned(), json!({"k\0": 1}))]));
    errors.custom("custom", &custom_of([("k\u{1}".to_owned(), json!(1))]));
    assert_eq!(found(&errors), [("custom", fc::INVALID_FORMAT), ("custom", fc::INVALID_FORMAT)]);
}

#[test]
fn a_customer_draft_is_checked_field_by_field() {
    let clean = customer(&draft(), today()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(clean, draft());
    let mut input = draft();
    input.external_source = Some("shop".into());
    assert_eq!(fail(customer(&input, today())), one("external_id", fc::REQUIRED));
    let mut input = draft();
    input.company_name = Some("公".repeat(NAME_MAX + 1));
    input.region = Some("r".repeat(SHORT_TEXT_MAX + 1));
    input.industry = Some("i".repeat(SHORT_TEXT_MAX + 1));
    input.external_source = Some("s".repeat(EXTERNAL_SOURCE_MAX + 1));
    input.external_id = Some("x".into());
    input.custom = custom_of([(String::new(), json!(1))]);
    let fields: Vec<String> = fail(customer(&input, today())).into_iter().map(|(field, _)| field).collect();
    assert_eq!(fields, ["company_name", "region", "industry", "external_source", "custom."]);
    let mut input = draft();
    input.company_name = Some("公".repeat(NAME_MAX));
    input.region = Some("r".repeat(SHORT_TEXT_MAX));
    input.external_source = Some("s".repeat(EXTERNAL_SOURCE_MAX));
    input.external_id = Some("x".repeat(EXTERNAL_ID_MAX));
    assert!(customer(&input, today()).is_ok());
}

#[test]
fn finishing_returns_the_value_only_without_errors() {
    assert_eq!(Errors::default().finish(7), Ok(7));
    let mut errors = Errors::default();
    errors.add("f", fc::REQUIRED, "m");
    assert_eq!(fail(errors.finish(7)), one("f", fc::REQUIRED));
}
