//! The customer form's fuller parts: address, ownership (owner and team),
//! the id in another system, the admin-defined custom fields by their type,
//! and marketing consent per purpose.

use std::collections::BTreeMap;

use kehu_types::{
    Address, ConsentInput, ConsentPurpose, CustomFieldDefinition, CustomFieldKind, CustomFields, FieldError,
    MarketingConsent, Team, User,
};
use leptos::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::i18n::{Customers, Locale, Msg, Text, consent_purpose_label, use_i18n};
use crate::widgets::form_errors::FieldHint;

/// One text input bound to a signal, with its label and error.
#[component]
pub fn TextField(
    #[prop(into)] label: Text,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional, into)] placeholder: Option<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{i18n.t(label)}</span>
            <input type=input_type.unwrap_or("text") data-testid=field.replace('.', "-")
                placeholder=move || placeholder.map(|p| p.text(i18n.locale())).unwrap_or_default()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            <FieldHint errors=errors field=field/>
        </label>
    }
}

/// The address parts as typed.
#[derive(Clone, Copy)]
pub struct AddressInputs {
    pub street: RwSignal<String>,
    pub city: RwSignal<String>,
    pub province: RwSignal<String>,
    pub postal_code: RwSignal<String>,
    pub country: RwSignal<String>,
}

fn part(text: String) -> Option<String> {
    Some(text).filter(|t| !t.trim().is_empty())
}

impl AddressInputs {
    pub fn new(address: Option<&Address>) -> Self {
        let get = |pick: fn(&Address) -> Option<String>| RwSignal::new(address.and_then(pick).unwrap_or_default());
        Self {
            street: get(|a| a.street.clone()),
            city: get(|a| a.city.clone()),
            province: get(|a| a.province.clone()),
            postal_code: get(|a| a.postal_code.clone()),
            country: get(|a| a.country.clone()),
        }
    }

    /// `None` when every part is blank.
    pub fn address(&self) -> Option<Address> {
        let address = Address {
            street: part(self.street.get_untracked()),
            city: part(self.city.get_untracked()),
            province: part(self.province.get_untracked()),
            postal_code: part(self.postal_code.get_untracked()),
            country: part(self.country.get_untracked()),
        };
        (address != Address::default()).then_some(address)
    }
}

#[component]
pub fn AddressFields(address: AddressInputs, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field">
            <legend>{i18n.t(Customers::Address)}</legend>
            <div class="grid-2">
                <TextField label=Customers::Street value=address.street errors=errors field="address.street"/>
                <TextField label=Customers::City value=address.city errors=errors field="address.city"/>
                <TextField label=Customers::Province value=address.province errors=errors field="address.province"/>
                <TextField label=Customers::PostalCode value=address.postal_code errors=errors field="address.postal_code"/>
                <TextField label=Customers::Country value=address.country errors=errors field="address.country" placeholder=Customers::CountryHint/>
            </div>
        </fieldset>
    }
}

/// Owner and team pickers over the directory.
#[component]
pub fn OwnershipFields(
    owner: RwSignal<Option<Uuid>>,
    team: RwSignal<Option<Uuid>>,
    users: RwSignal<Vec<User>>,
    teams: RwSignal<Vec<Team>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let active_users = move || users.get().into_iter().filter(|u| u.active).collect::<Vec<_>>();
    view! {
        <label class="field">
            <span>{i18n.t(Msg::Owner)}</span>
            <select data-testid="owner" on:change=move |ev| owner.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                <option value="" selected=move || owner.get().is_none()>{i18n.t(Customers::Nobody)}</option>
                <For each=active_users key=|u| u.id let:user>
                    <option value=user.id.to_string() selected=move || owner.get() == Some(user.id)>{user.name.clone()}</option>
                </For>
            </select>
            <FieldHint errors=errors field="owner_id"/>
        </label>
        <label class="field">
            <span>{i18n.t(Msg::Team)}</span>
            <select data-testid="team" on:change=move |ev| team.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                <option value="" selected=move || team.get().is_none()>{i18n.t(Msg::NoTeam)}</option>
                <For each=move || teams.get() key=|t| t.id let:item>
                    <option value=item.id.to_string() selected=move || team.get() == Some(item.id)>{item.name.clone()}</option>
                </For>
            </select>
            <FieldHint errors=errors field="team_id"/>
        </label>
    }
}

/// The consent checkboxes, one per purpose.
#[derive(Clone, Copy)]
pub struct ConsentInputs {
    start: [bool; 3],
    checked: [RwSignal<bool>; 3],
}

const PURPOSES: [ConsentPurpose; 3] = [ConsentPurpose::Email, ConsentPurpose::Sms, ConsentPurpose::Phone];

impl ConsentInputs {
    pub fn new(consent: Option<&MarketingConsent>) -> Self {
        let start = consent.map_or([false; 3], |c| [c.email.granted, c.sms.granted, c.phone.granted]);
        Self { start, checked: start.map(RwSignal::new) }
    }

    /// Only the purposes whose box changed, so an edit does not restamp the others.
    pub fn changes(&self) -> Option<ConsentInput> {
        let changed = |n: usize| {
            let now = self.checked[n].get_untracked();
            (now != self.start[n]).then_some(now)
        };
        let input = ConsentInput { email: changed(0), sms: changed(1), phone: changed(2) };
        (input != ConsentInput::default()).then_some(input)
    }
}

#[component]
pub fn ConsentFields(consent: ConsentInputs) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field" data-testid="consent">
            <legend>{i18n.t(Customers::Consent)}</legend>
            <p class="muted small">{i18n.t(Customers::ConsentHint)}</p>
            <div class="checks">
                {PURPOSES.into_iter().enumerate().map(|(n, purpose)| {
                    let checked = consent.checked[n];
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid=format!("consent-{purpose}") prop:checked=move || checked.get()
                                on:change=move |ev| checked.set(event_target_checked(&ev))/>
                            {move || consent_purpose_label(purpose, i18n.locale())}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A field's label in the reader's language.
pub fn field_label(field: &CustomFieldDefinition, locale: Locale) -> String {
    match (&field.label_en, locale) {
        (Some(en), Locale::En) => en.clone(),
        _ => field.label.clone(),
    }
}

/// A stored value as the text its input shows.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The inputs' texts of the defined fields, from a customer's values.
pub fn texts_of(custom: &CustomFields) -> BTreeMap<String, String> {
    custom.iter().map(|(key, value)| (key.clone(), value_text(value))).collect()
}

/// The custom object to save: values under undefined keys kept as they
/// were, defined fields from their inputs (a number typed that is not one
/// stays text, for the shared check to name), blank inputs removed.
pub fn merged(
    existing: &CustomFields,
    definitions: &[CustomFieldDefinition],
    texts: &BTreeMap<String, String>,
) -> CustomFields {
    let mut custom = existing.clone();
    for field in definitions {
        let text = texts.get(&field.key).map(|t| t.trim().to_owned()).unwrap_or_default();
        if text.is_empty() {
            custom.remove(&field.key);
            continue;
        }
        let value = match field.kind {
            CustomFieldKind::Number => text
                .parse::<f64>()
                .ok()
                .and_then(|n| {
                    if n.fract() == 0.0 && n.abs() < 9e15 {
                        Some(Value::from(n as i64))
                    } else {
                        serde_json::Number::from_f64(n).map(Value::Number)
                    }
                })
                .unwrap_or(Value::String(text)),
            _ => Value::String(text),
        };
        custom.insert(field.key.clone(), value);
    }
    custom
}

#[component]
pub fn CustomFieldInputs(
    definitions: RwSignal<Vec<CustomFieldDefinition>>,
    texts: RwSignal<BTreeMap<String, String>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || definitions.with(|d| !d.is_empty())>
            <fieldset class="field" data-testid="custom-fields">
                <legend>{i18n.t(Customers::CustomFields)}</legend>
                <div class="grid-2">
                    <For each=move || definitions.get() key=|f| (f.key.clone(), f.kind, f.choices.clone()) let:field>
                        <CustomFieldInput field=field texts=texts errors=errors/>
                    </For>
                </div>
            </fieldset>
        </Show>
    }
}

#[component]
fn CustomFieldInput(
    field: CustomFieldDefinition,
    texts: RwSignal<BTreeMap<String, String>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = field.key.clone();
    let current = {
        let key = key.clone();
        move || texts.with(|map| map.get(&key).cloned().unwrap_or_default())
    };
    let set = {
        let key = key.clone();
        move |text: String| {
            texts.update(|map| {
                map.insert(key.clone(), text);
            })
        }
    };
    let testid = format!("custom-{key}");
    let label = field.clone();
    let input = match field.kind {
        CustomFieldKind::Choice => {
            let choices = field.choices.clone();
            let current = current.clone();
            view! {
                <select data-testid=testid on:change=move |ev| set(event_target_value(&ev))>
                    <option value="" selected={let current = current.clone(); move || current().is_empty()}>{i18n.t(Customers::ChooseOne)}</option>
                    {choices.into_iter().map(|choice| {
                        let current = current.clone();
                        let (value, shown) = (choice.clone(), choice.clone());
                        view! { <option value=choice selected=move || current() == value>{shown}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        kind => {
            let input_type = match kind {
                CustomFieldKind::Number => "number",
                CustomFieldKind::Date => "date",
                _ => "text",
            };
            view! {
                <input type=input_type step="any" data-testid=testid prop:value=current on:input=move |ev| set(event_target_value(&ev))/>
            }
            .into_any()
        }
    };
    view! {
        <label class="field">
            <span>{move || field_label(&label, i18n.locale())}</span>
            {input}
            <FieldHint errors=errors field=format!("custom.{key}")/>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn field(key: &str, kind: CustomFieldKind) -> CustomFieldDefinition {
        CustomFieldDefinition { key: key.into(), label: key.into(), label_en: None, kind, choices: vec![] }
    }

    #[test]
    fn inputs_become_typed_values_and_unknown_keys_stay() {
        let mut existing = CustomFields::new();
        existing.insert("crm_batch".into(), json!({"n": 7}));
        existing.insert("card".into(), json!("old"));
        let definitions = [field("card", CustomFieldKind::Text), field("spend", CustomFieldKind::Number)];
        let mut texts = texts_of(&existing);
        texts.insert("card".into(), "  ".into());
        texts.insert("spend".into(), "1200.5".into());
        let saved = merged(&existing, &definitions, &texts);
        assert_eq!(saved.get("crm_batch"), Some(&json!({"n": 7})), "integrations' keys untouched");
        assert_eq!(saved.get("card"), None, "a blank input removes the value");
        assert_eq!(saved.get("spend"), Some(&json!(1200.5)));
        texts.insert("spend".into(), "3000".into());
        assert_eq!(merged(&existing, &definitions, &texts).get("spend"), Some(&json!(3000)));
        texts.insert("spend".into(), "很多".into());
        assert_eq!(
            merged(&existing, &definitions, &texts).get("spend"),
            Some(&json!("很多")),
            "left for the check to name"
        );
    }
}
