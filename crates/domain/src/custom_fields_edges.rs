//! Custom field definitions and values at every limit.

use kehu_types::CustomFieldDefinition;
use serde_json::json;

use super::*;

fn field(key: &str, kind: CustomFieldKind, choices: &[&str]) -> CustomFieldDefinition {
    CustomFieldDefinition {
        key: key.into(),
        label: key.into(),
        label_en: None,
        kind,
        choices: choices.iter().map(|c| (*c).to_owned()).collect(),
    }
}

fn errors_of(fields: Vec<CustomFieldDefinition>) -> Vec<(String, String)> {
    check_settings(&CustomFieldSettings { fields }).0.into_iter().map(|e| (e.field, e.code)).collect()
}

fn one(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

#[test]
fn fifty_fields_and_no_more() {
    let fields = |n: usize| (0..n).map(|i| field(&format!("f{i}"), CustomFieldKind::Text, &[])).collect::<Vec<_>>();
    assert!(errors_of(fields(FIELDS_MAX)).is_empty());
    assert_eq!(errors_of(fields(FIELDS_MAX + 1)), one("fields", fc::TOO_MANY));
    assert!(errors_of(Vec::new()).is_empty());
}

#[test]
fn keys_have_one_to_sixty_four_characters_without_outer_spaces() {
    assert!(errors_of(vec![field(&"键".repeat(64), CustomFieldKind::Text, &[])]).is_empty());
    assert!(errors_of(vec![field("a b", CustomFieldKind::Text, &[])]).is_empty());
    for bad in ["键".repeat(65), String::new(), "  ".into(), "key ".into(), "k\u{7}".into()] {
        let mut definition = field(&bad, CustomFieldKind::Text, &[]);
        definition.label = "标签".into();
        assert_eq!(errors_of(vec![definition]), one("fields[0].key", fc::INVALID_FORMAT), "{bad:?}");
    }
}

#[test]
fn labels_have_one_to_a_hundred_characters() {
    let with_labels = |label: &str, label_en: Option<&str>| CustomFieldDefinition {
        label: label.into(),
        label_en: label_en.map(str::to_owned),
        ..field("k", CustomFieldKind::Number, &[])
    };
    let longest = "标".repeat(LABEL_MAX);
    assert!(errors_of(vec![with_labels(&longest, Some(&"l".repeat(LABEL_MAX)))]).is_empty());
    assert!(errors_of(vec![with_labels(&format!(" {longest} "), None)]).is_empty());
    let too_long = "标".repeat(LABEL_MAX + 1);
    assert_eq!(errors_of(vec![with_labels(&too_long, None)]), one("fields[0].label", fc::INVALID_FORMAT));
    assert_eq!(errors_of(vec![with_labels(" ", None)]), one("fields[0].label", fc::INVALID_FORMAT));
    assert_eq!(errors_of(vec![with_labels("a\nb", None)]), one("fields[0].label", fc::INVALID_FORMAT));
    assert_eq!(errors_of(vec![with_labels("ok", Some(""))]), one("fields[0].label_en", fc::INVALID_FORMAT));
    assert_eq!(
        errors_of(vec![with_labels("ok", Some(&"l".repeat(LABEL_MAX + 1)))]),
        one("fields[0].label_en", fc::INVALID_FORMAT)
    );
}

#[test]
fn a_choice_field_has_one_to_fifty_distinct_options() {
    let options: Vec<String> = (0..=CHOICES_MAX).map(|n| format!("选项{n}")).collect();
    let choice = |options: &[String]| {
        let options: Vec<&str> = options.iter().map(String::as_str).collect();
        errors_of(vec![field("渠道", CustomFieldKind::Choice, &options)])
    };
    assert!(choice(&options[..1]).is_empty());
    assert!(choice(&options[..CHOICES_MAX]).is_empty());
    assert_eq!(choice(&options), one("fields[0].choices", fc::OUT_OF_RANGE));
    assert_eq!(choice(&[]), one("fields[0].choices", fc::OUT_OF_RANGE));
    let invalid = one("fields[0].choices", fc::INVALID_FORMAT);
    assert_eq!(choice(&["a".into(), "a".into()]), invalid);
    assert_eq!(choice(&["a".into(), " ".into()]), invalid);
    assert!(choice(&["a".into(), "o".repeat(LABEL_MAX)]).is_empty());
    assert_eq!(choice(&["a".into(), "o".repeat(LABEL_MAX + 1)]), invalid);
    for kind in [CustomFieldKind::Text, CustomFieldKind::Number, CustomFieldKind::Date] {
        assert_eq!(errors_of(vec![field("k", kind, &["x"])]), one("fields[0].choices", fc::NOT_ALLOWED));
        assert!(errors_of(vec![field("k", kind, &[])]).is_empty());
    }
}

#[test]
fn values_fit_their_kind() {
    let choices = ["天猫".to_owned(), "京东".to_owned()];
    let table = [
        (CustomFieldKind::Text, json!("x".repeat(TEXT_VALUE_MAX)), true),
        (CustomFieldKind::Text, json!("字".repeat(TEXT_VALUE_MAX)), true),
        (CustomFieldKind::Text, json!("x".repeat(TEXT_VALUE_MAX + 1)), false),
        (CustomFieldKind::Text, json!(""), true),
        (CustomFieldKind::Text, json!(5), false),
        (CustomFieldKind::Number, json!(-3.5), true),
        (CustomFieldKind::Number, json!(0), true),
        (CustomFieldKind::Number, json!("5"), false),
        (CustomFieldKind::Date, json!("2027-02-28"), true),
        (CustomFieldKind::Date, json!("2027-02-29"), false),
        (CustomFieldKind::Date, json!("28/02/2027"), false),
        (CustomFieldKind::Date, json!(20270228), false),
        (CustomFieldKind::Choice, json!("天猫"), true),
        (CustomFieldKind::Choice, json!("京东"), true),
        (CustomFieldKind::Choice, json!("拼多多"), false),
        (CustomFieldKind::Choice, json!(["天猫"]), false),
        (CustomFieldKind::Text, json!(true), false),
    ];
    for (kind, value, fitting) in table {
        assert_eq!(fits(kind, &choices, &value), fitting, "{kind:?} {value}");
    }
}

#[test]
fn each_kind_of_value_error_is_reported_at_its_key() {
    let settings = CustomFieldSettings {
        fields: vec![
            field("t", CustomFieldKind::Text, &[]),
            field("n", CustomFieldKind::Number, &[]),
            field("c", CustomFieldKind::Choice, &["a"]),
        ],
    };
    let mut custom = CustomFields::new();
    custom.insert("t".into(), json!(1));
    custom.insert("n".into(), json!("1"));
    custom.insert("c".into(), json!("a"));
    let mut errors = Errors::default();
    check_values(&mut errors, &custom, &settings);
    let found: Vec<_> = errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(found, [("custom.t", fc::INVALID_FORMAT), ("custom.n", fc::INVALID_FORMAT)]);
}
