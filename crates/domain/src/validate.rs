//! Input validation: one function per input, returning the cleaned value or every
//! field error at once. The server and the web app's forms both call these, so a
//! form and the API refuse the same input with the same codes.

use chrono::{Datelike, NaiveDate};
use kehu_types::field_codes as fc;
use kehu_types::{AcquisitionSource, Address, CustomFields, CustomerKind, FieldError};

use crate::contact::{ContactError, normalize_email, normalize_phone};
use crate::text::{char_len, clean_line, has_control_chars, to_half_width};

pub const NAME_MAX: usize = 200;
/// Largest amount of money or points one field may hold: ten billion minor
/// units (a hundred million yuan).
pub const MONEY_MAX: i64 = 10_000_000_000;
/// Longest product SKU.
pub const SKU_MAX: usize = 64;
pub const SHORT_TEXT_MAX: usize = 200;
pub const CONTACTS_MAX: usize = 10;
pub const TAGS_MAX: usize = 30;
pub const TAG_MAX: usize = 50;
pub const CUSTOM_KEYS_MAX: usize = 50;
pub const CUSTOM_BYTES_MAX: usize = 16 * 1024;
pub const REASON_MAX: usize = 1000;
pub const EXTERNAL_SOURCE_MAX: usize = 50;
pub const EXTERNAL_ID_MAX: usize = 100;
pub const SUBJECT_MAX: usize = 300;
pub const BODY_MAX: usize = 20_000;
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 200;

/// Collects field errors while cleaning values.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, field: impl Into<String>, code: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, code, message));
    }

    /// `Ok(value)` when no error was collected.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() { Ok(value) } else { Err(self.0) }
    }

    /// A required single-line text of at most `max` characters.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) -> String {
        match clean_line(value) {
            None => {
                self.add(field, fc::REQUIRED, "must not be empty");
                String::new()
            }
            Some(text) => {
                self.check_len(field, &text, max);
                text
            }
        }
    }

    /// An optional single-line text; blank becomes `None`.
    pub fn optional_text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let text = clean_line(value?)?;
        self.check_len(field, &text, max);
        Some(text)
    }

    /// A multi-line text kept as written apart from outer whitespace.
    pub fn optional_body(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let text = value?.trim();
        if text.is_empty() {
            return None;
        }
        self.check_len(field, text, max);
        Some(text.to_owned())
    }

    fn check_len(&mut self, field: &str, text: &str, max: usize) {
        if has_control_chars(text) {
            self.add(field, fc::INVALID_FORMAT, "must not contain control characters");
        } else if char_len(text) > max {
            self.add(field, fc::TOO_LONG, format!("must be at most {max} characters"));
        }
    }

    /// An ISO 4217 currency code from the shared table (lower case is
    /// accepted and raised): the one check on every currency written, so an
    /// amount's minor units are always known (`RMB` is refused: it is `CNY`).
    pub fn currency(&mut self, field: &str, value: &str) -> String {
        let code = value.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            self.add(field, fc::INVALID_FORMAT, "must be a three-letter ISO 4217 code, e.g. CNY");
        } else if kehu_types::minor_units(&code).is_none() {
            self.add(field, fc::UNKNOWN_CURRENCY, format!("{code} is not an ISO 4217 currency code, e.g. CNY"));
        }
        code
    }

    /// An amount in minor units between `min` and `MONEY_MAX`.
    pub fn money(&mut self, field: &str, value: i64, min: i64) {
        if !(min..=MONEY_MAX).contains(&value) {
            self.add(field, fc::OUT_OF_RANGE, format!("must be between {min} and {MONEY_MAX}"));
        }
    }

    /// A product SKU: 1–64 characters without spaces (as shop systems use them).
    pub fn sku(&mut self, field: &str, value: &str) -> String {
        let sku = to_half_width(value).trim().to_owned();
        if sku.is_empty() {
            self.add(field, fc::REQUIRED, "must not be empty");
        } else if sku.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.add(field, fc::INVALID_FORMAT, "must not contain spaces or control characters");
        } else if char_len(&sku) > SKU_MAX {
            self.add(field, fc::TOO_LONG, format!("must be at most {SKU_MAX} characters"));
        }
        sku
    }

    /// One required email address.
    pub fn email(&mut self, field: &str, value: &str) -> String {
        match normalize_email(value) {
            Ok(email) => email,
            Err(ContactError::Empty) => {
                self.add(field, fc::REQUIRED, "must not be empty");
                String::new()
            }
            Err(ContactError::Invalid) => {
                self.add(field, fc::INVALID_EMAIL, "is not a valid email address");
                String::new()
            }
        }
    }

    pub fn emails(&mut self, field: &str, values: &[String]) -> Vec<String> {
        self.contacts(field, values, normalize_email, fc::INVALID_EMAIL, "is not a valid email address")
    }

    pub fn phones(&mut self, field: &str, values: &[String]) -> Vec<String> {
        self.contacts(field, values, normalize_phone, fc::INVALID_PHONE, "is not a valid phone number")
    }

    fn contacts(
        &mut self,
        field: &str,
        values: &[String],
        normalize: fn(&str) -> Result<String, ContactError>,
        code: &str,
        message: &str,
    ) -> Vec<String> {
        if values.len() > CONTACTS_MAX {
            self.add(field, fc::TOO_MANY, format!("at most {CONTACTS_MAX} allowed"));
        }
        let mut clean: Vec<String> = Vec::with_capacity(values.len());
        for (index, value) in values.iter().enumerate() {
            match normalize(value) {
                Ok(normal) if clean.contains(&normal) => {}
                Ok(normal) => clean.push(normal),
                Err(ContactError::Empty) => self.add(format!("{field}[{index}]"), fc::REQUIRED, "must not be empty"),
                Err(ContactError::Invalid) => self.add(format!("{field}[{index}]"), code, message),
            }
        }
        clean
    }

    pub fn tags(&mut self, field: &str, values: &[String]) -> Vec<String> {
        if values.len() > TAGS_MAX {
            self.add(field, fc::TOO_MANY, format!("at most {TAGS_MAX} tags allowed"));
        }
        let mut clean: Vec<String> = Vec::with_capacity(values.len());
        for (index, value) in values.iter().enumerate() {
            let item_field = format!("{field}[{index}]");
            match clean_line(&to_half_width(value)) {
                None => self.add(item_field, fc::REQUIRED, "must not be empty"),
                Some(tag) if has_control_chars(&tag) => {
                    self.add(item_field, fc::INVALID_FORMAT, "must not contain control characters")
                }
                Some(tag) if char_len(&tag) > TAG_MAX => {
                    self.add(item_field, fc::TOO_LONG, format!("must be at most {TAG_MAX} characters"))
                }
                Some(tag) if clean.contains(&tag) => {}
                Some(tag) => clean.push(tag),
            }
        }
        clean
    }

    pub fn password(&mut self, field: &str, value: &str) {
        let length = char_len(value);
        if length < PASSWORD_MIN {
            self.add(field, fc::TOO_SHORT, format!("must be at least {PASSWORD_MIN} characters"));
        } else if length > PASSWORD_MAX {
            self.add(field, fc::TOO_LONG, format!("must be at most {PASSWORD_MAX} characters"));
        }
    }

    pub fn birthday(&mut self, field: &str, value: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
        let date = value?;
        if date > today || date.year() < 1900 {
            self.add(field, fc::OUT_OF_RANGE, "must be between 1900-01-01 and today");
        }
        Some(date)
    }

    pub fn address(&mut self, field: &str, value: Option<&Address>) -> Option<Address> {
        let address = value?;
        let part = |errors: &mut Self, name: &str, text: &Option<String>| {
            errors.optional_text(&format!("{field}.{name}"), text.as_deref(), SHORT_TEXT_MAX)
        };
        let mut clean = Address {
            street: part(self, "street", &address.street),
            city: part(self, "city", &address.city),
            province: part(self, "province", &address.province),
            postal_code: part(self, "postal_code", &address.postal_code),
            country: part(self, "country", &address.country).map(|c| c.to_ascii_uppercase()),
        };
        if let Some(country) = &clean.country
            && (country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()))
        {
            self.add(format!("{field}.country"), fc::INVALID_FORMAT, "must be a two-letter ISO 3166 country code");
            clean.country = None;
        }
        (clean != Address::default()).then_some(clean)
    }

    pub fn custom(&mut self, field: &str, value: &CustomFields) {
        if value.len() > CUSTOM_KEYS_MAX {
            self.add(field, fc::TOO_MANY, format!("at most {CUSTOM_KEYS_MAX} custom fields allowed"));
        }
        for key in value.keys() {
            if key.is_empty() || char_len(key) > 64 {
                self.add(format!("{field}.{key}"), fc::INVALID_FORMAT, "keys must be 1–64 characters");
            }
        }
        if value.iter().any(|(key, item)| has_control_chars(key) || json_has_nul(item)) {
            self.add(field, fc::INVALID_FORMAT, "must not contain NUL or control characters in keys");
        }
        let size = serde_json::to_string(value).map(|json| json.len()).unwrap_or(usize::MAX);
        if size > CUSTOM_BYTES_MAX {
            self.add(field, fc::TOO_LONG, format!("must be at most {CUSTOM_BYTES_MAX} bytes as JSON"));
        }
    }
}

/// Whether a JSON value holds a NUL character anywhere (PostgreSQL's jsonb
/// cannot store one).
fn json_has_nul(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(text) => text.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(json_has_nul),
        serde_json::Value::Object(map) => map.iter().any(|(key, item)| key.contains('\0') || json_has_nul(item)),
        _ => false,
    }
}

/// Every editable field of a customer, as submitted or as merged from a PATCH
/// over the stored record; validated as a whole so create and update agree.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerDraft {
    pub kind: CustomerKind,
    pub name: String,
    pub company_name: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub address: Option<Address>,
    pub region: Option<String>,
    pub industry: Option<String>,
    pub birthday: Option<NaiveDate>,
    pub source: Option<AcquisitionSource>,
    pub tags: Vec<String>,
    pub custom: CustomFields,
    /// The system that knows the customer by `external_id`; both or neither.
    pub external_source: Option<String>,
    pub external_id: Option<String>,
}

/// Clean and validate a customer draft.
pub fn customer(draft: &CustomerDraft, today: NaiveDate) -> Result<CustomerDraft, Vec<FieldError>> {
    let mut errors = Errors::default();
    let clean = CustomerDraft {
        kind: draft.kind,
        name: errors.required_text("name", &draft.name, NAME_MAX),
        company_name: errors.optional_text("company_name", draft.company_name.as_deref(), NAME_MAX),
        emails: errors.emails("emails", &draft.emails),
        phones: errors.phones("phones", &draft.phones),
        address: errors.address("address", draft.address.as_ref()),
        region: errors.optional_text("region", draft.region.as_deref(), SHORT_TEXT_MAX),
        industry: errors.optional_text("industry", draft.industry.as_deref(), SHORT_TEXT_MAX),
        birthday: errors.birthday("birthday", draft.birthday, today),
        source: draft.source,
        tags: errors.tags("tags", &draft.tags),
        custom: draft.custom.clone(),
        external_source: errors.optional_text("external_source", draft.external_source.as_deref(), EXTERNAL_SOURCE_MAX),
        external_id: errors.optional_text("external_id", draft.external_id.as_deref(), EXTERNAL_ID_MAX),
    };
    errors.custom("custom", &clean.custom);
    match (&clean.external_source, &clean.external_id) {
        (Some(_), None) => {
            errors.add("external_id", fc::REQUIRED, "an external id needs its source and the source its id")
        }
        (None, Some(_)) => {
            errors.add("external_source", fc::REQUIRED, "an external id needs its source and the source its id")
        }
        _ => {}
    }
    errors.finish(clean)
}

/// The required reason of a manual stage change.
pub fn stage_reason(reason: &str) -> Result<String, Vec<FieldError>> {
    let mut errors = Errors::default();
    let clean = errors.optional_body("reason", Some(reason), REASON_MAX);
    if clean.is_none() {
        errors.add("reason", fc::REQUIRED, "a reason is required to change the stage");
    }
    errors.finish(clean.unwrap_or_default())
}

/// A new password (creation, reset or change).
pub fn password(field: &str, value: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Errors::default();
    errors.password(field, value);
    errors.finish(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn draft(name: &str) -> CustomerDraft {
        CustomerDraft {
            kind: CustomerKind::Person,
            name: name.to_owned(),
            company_name: None,
            emails: vec![],
            phones: vec![],
            address: None,
            region: None,
            industry: None,
            birthday: None,
            source: None,
            tags: vec![],
            custom: CustomFields::new(),
            external_source: None,
            external_id: None,
        }
    }

    #[test]
    fn a_clean_customer_is_normalised() {
        let mut input = draft("  李明华 ");
        input.emails = vec!["LI@Example.com".into(), "li@example.com".into()];
        input.phones = vec!["138 1234 5678".into()];
        input.tags = vec![" VIP ".into(), "ＶＩＰ".into(), "华东".into()];
        let clean = customer(&input, today()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(clean.name, "李明华");
        assert_eq!(clean.emails, vec!["li@example.com"]);
        assert_eq!(clean.phones, vec!["+8613812345678"]);
        assert_eq!(clean.tags, vec!["VIP", "华东"]);
    }

    #[test]
    fn an_external_id_comes_with_its_source() {
        let mut input = draft("外部客户");
        input.external_id = Some(" C-10086 ".into());
        let errors = customer(&input, today()).err().unwrap_or_default();
        assert_eq!((errors[0].field.as_str(), errors[0].code.as_str()), ("external_source", fc::REQUIRED));
        input.external_source = Some("shop".into());
        let clean = customer(&input, today()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((clean.external_source.as_deref(), clean.external_id.as_deref()), (Some("shop"), Some("C-10086")));
        input.external_id = Some("x".repeat(EXTERNAL_ID_MAX + 1));
        let errors = customer(&input, today()).err().unwrap_or_default();
        assert_eq!((errors[0].field.as_str(), errors[0].code.as_str()), ("external_id", fc::TOO_LONG));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut input = draft(" ");
        input.emails = vec!["nope".into()];
        input.phones = vec!["12".into()];
        input.birthday = NaiveDate::from_ymd_opt(2030, 1, 1);
        input.address = Some(Address { country: Some("China".into()), ..Address::default() });
        let errors = customer(&input, today()).err().unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "emails[0]", "phones[0]", "address.country", "birthday"]);
        assert_eq!(errors[1].code, fc::INVALID_EMAIL);
        assert_eq!(errors[2].code, fc::INVALID_PHONE);
    }

    #[test]
    fn long_cjk_names_are_measured_in_characters() {
        assert!(customer(&draft(&"李".repeat(NAME_MAX)), today()).is_ok());
        assert!(customer(&draft(&"李".repeat(NAME_MAX + 1)), today()).is_err());
    }

    #[test]
    fn control_characters_are_refused_everywhere() {
        let mut input = draft("李\0明华");
        input.tags = vec!["a\u{7}".into()];
        input.custom.insert("k".into(), serde_json::json!("x\u{0}y"));
        let errors = customer(&input, today()).err().unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "tags[0]", "custom"]);
    }

    #[test]
    fn currencies_are_iso_4217_codes_we_know() {
        let mut errors = Errors::default();
        assert_eq!(errors.currency("currency", " jpy "), "JPY");
        assert_eq!(errors.currency("currency", "KWD"), "KWD");
        assert!(errors.0.is_empty());
        errors.currency("currency", "RMB");
        errors.currency("currency", "yuan");
        let codes: Vec<&str> = errors.0.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, vec![fc::UNKNOWN_CURRENCY, fc::INVALID_FORMAT]);
    }

    #[test]
    fn stage_reason_and_password_rules() {
        assert!(stage_reason("  ").is_err());
        assert_eq!(stage_reason(" 客户续约 "), Ok("客户续约".to_owned()));
        assert!(password("password", "short").is_err());
        assert!(password("password", "long enough pass").is_ok());
    }
}

#[cfg(test)]
#[path = "validate_edges.rs"]
mod edges;
