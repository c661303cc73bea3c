//! The rules of admin-defined custom fields: the definitions themselves, and
//! a customer's values against them. Both the server and the web app's form
//! run these, so both refuse the same input with the same codes.

use std::collections::HashSet;

use chrono::NaiveDate;
use kehu_types::{CustomFieldKind, CustomFieldSettings, CustomFields, field_codes as fc};
use serde_json::Value;

use crate::validate::Errors;

pub const FIELDS_MAX: usize = 50;
pub const CHOICES_MAX: usize = 50;
pub const LABEL_MAX: usize = 100;
pub const TEXT_VALUE_MAX: usize = 1000;

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn blank_or_long(text: &str, max: usize) -> bool {
    text.trim().is_empty() || chars(text.trim()) > max || text.chars().any(char::is_control)
}

/// Field errors of a set of definitions.
pub fn check_settings(settings: &CustomFieldSettings) -> Errors {
    let mut errors = Errors::default();
    if settings.fields.len() > FIELDS_MAX {
        errors.add("fields", fc::TOO_MANY, format!("at most {FIELDS_MAX} custom fields"));
    }
    let mut keys = HashSet::new();
    for (n, field) in settings.fields.iter().enumerate() {
        let at = |name: &str| format!("fields[{n}].{name}");
        if blank_or_long(&field.key, 64) || field.key.trim() != field.key {
            errors.add(at("key"), fc::INVALID_FORMAT, "keys are 1–64 characters without outer spaces");
        } else if !keys.insert(field.key.as_str()) {
            errors.add(at("key"), fc::DUPLICATE, "each key once");
        }
        if blank_or_long(&field.label, LABEL_MAX) {
            errors.add(at("label"), fc::INVALID_FORMAT, "labels are 1–100 characters");
        }
        if field.label_en.as_deref().is_some_and(|label| blank_or_long(label, LABEL_MAX)) {
            errors.add(at("label_en"), fc::INVALID_FORMAT, "labels are 1–100 characters");
        }
        match field.kind {
            CustomFieldKind::Choice => {
                let unique: HashSet<&str> = field.choices.iter().map(String::as_str).collect();
                if field.choices.is_empty() || field.choices.len() > CHOICES_MAX {
                    errors.add(at("choices"), fc::OUT_OF_RANGE, "a choice field has 1 to 50 options");
                } else if unique.len() != field.choices.len()
                    || field.choices.iter().any(|c| blank_or_long(c, LABEL_MAX))
                {
                    errors.add(at("choices"), fc::INVALID_FORMAT, "options are distinct, 1–100 characters each");
                }
            }
            _ if !field.choices.is_empty() => {
                errors.add(at("choices"), fc::NOT_ALLOWED, "only choice fields have options");
            }
            _ => {}
        }
    }
    errors
}

/// Whether `value` is what a field of `kind` (with `choices`) may hold.
pub fn fits(kind: CustomFieldKind, choices: &[String], value: &Value) -> bool {
    match (kind, value) {
        (CustomFieldKind::Text, Value::String(text)) => chars(text) <= TEXT_VALUE_MAX,
        (CustomFieldKind::Number, Value::Number(_)) => true,
        (CustomFieldKind::Date, Value::String(text)) => NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
        (CustomFieldKind::Choice, Value::String(text)) => choices.contains(text),
        _ => false,
    }
}

/// Add an error at `custom.{key}` for each defined field whose value does not
/// fit its type (`null` clears a field and always fits).
pub fn check_values(errors: &mut Errors, custom: &CustomFields, settings: &CustomFieldSettings) {
    for field in &settings.fields {
        match custom.get(&field.key) {
            None | Some(Value::Null) => {}
            Some(value) if fits(field.kind, &field.choices, value) => {}
            Some(_) => errors.add(
                format!("custom.{}", field.key),
                fc::INVALID_FORMAT,
                match field.kind {
                    CustomFieldKind::Text => "must be a text of at most 1000 characters",
                    CustomFieldKind::Number => "must be a number",
                    CustomFieldKind::Date => "must be a date YYYY-MM-DD",
                    CustomFieldKind::Choice => "must be one of the field's options",
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
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

    fn settings() -> CustomFieldSettings {
        CustomFieldSettings {
            fields: vec![
                field("会员卡号", CustomFieldKind::Text, &[]),
                field("年采购额", CustomFieldKind::Number, &[]),
                field("签约日", CustomFieldKind::Date, &[]),
                field("渠道", CustomFieldKind::Choice, &["天猫", "京东", "门店"]),
            ],
        }
    }

    #[test]
    fn definitions_are_checked() {
        assert!(check_settings(&settings()).0.is_empty());
        let bad = CustomFieldSettings {
            fields: vec![
                field(" 空格", CustomFieldKind::Text, &[]),
                field("a", CustomFieldKind::Choice, &[]),
                field("a", CustomFieldKind::Number, &["x"]),
            ],
        };
        let found: Vec<_> = check_settings(&bad).0.into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            found,
            [
                ("fields[0].key".to_owned(), fc::INVALID_FORMAT.to_owned()),
                ("fields[1].choices".to_owned(), fc::OUT_OF_RANGE.to_owned()),
                ("fields[2].key".to_owned(), fc::DUPLICATE.to_owned()),
                ("fields[2].choices".to_owned(), fc::NOT_ALLOWED.to_owned()),
            ]
        );
    }

    #[test]
    fn values_must_fit_their_field_and_others_are_left_alone() {
        let mut custom = CustomFields::new();
        custom.insert("会员卡号".into(), json!("VIP-1"));
        custom.insert("年采购额".into(), json!(12.5));
        custom.insert("签约日".into(), json!("2027-02-30"));
        custom.insert("渠道".into(), json!("拼多多"));
        custom.insert("integration_id".into(), json!({"any": "shape"}));
        let mut errors = Errors::default();
        check_values(&mut errors, &custom, &settings());
        let fields: Vec<_> = errors.0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["custom.签约日", "custom.渠道"]);
        custom.insert("签约日".into(), json!("2027-02-28"));
        custom.insert("渠道".into(), json!(null));
        let mut errors = Errors::default();
        check_values(&mut errors, &custom, &settings());
        assert!(errors.0.is_empty());
    }
}

#[cfg(test)]
#[path = "custom_fields_edges.rs"]
mod edges;
