//! The custom fields of the customer file, for admins: key, labels in both
//! languages, type (text, number, date, choice) and a choice's options, in
//! the order the form shows them. Checked with the server's own rules.

use kehu_types::{CustomFieldDefinition, CustomFieldKind, CustomFieldSettings, FieldError};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Customers, Msg, custom_kind_label, use_i18n};
use crate::session::use_session;
use crate::widgets::admin_frame::AdminFrame;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

/// One field being edited; `row` keeps its inputs in place while others move.
#[derive(Clone, Copy)]
struct FieldRow {
    row: u32,
    key: RwSignal<String>,
    label: RwSignal<String>,
    label_en: RwSignal<String>,
    kind: RwSignal<CustomFieldKind>,
    choices: RwSignal<String>,
}

impl FieldRow {
    fn new(row: u32, field: &CustomFieldDefinition) -> Self {
        Self {
            row,
            key: RwSignal::new(field.key.clone()),
            label: RwSignal::new(field.label.clone()),
            label_en: RwSignal::new(field.label_en.clone().unwrap_or_default()),
            kind: RwSignal::new(field.kind),
            choices: RwSignal::new(field.choices.join(", ")),
        }
    }

    fn definition(&self) -> CustomFieldDefinition {
        let kind = self.kind.get_untracked();
        let choices = if kind == CustomFieldKind::Choice {
            self.choices
                .get_untracked()
                .split([',', '，'])
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        CustomFieldDefinition {
            key: self.key.get_untracked().trim().to_owned(),
            label: self.label.get_untracked().trim().to_owned(),
            label_en: Some(self.label_en.get_untracked().trim().to_owned()).filter(|l| !l.is_empty()),
            kind,
            choices,
        }
    }
}

#[component]
pub fn CustomFieldsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let rows = RwSignal::new(Vec::<FieldRow>::new());
    let next_row = StoredValue::new(0u32);
    let version = RwSignal::new(None::<i64>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let loaded = RwSignal::new(false);
    let add = move |field: &CustomFieldDefinition| {
        let row = next_row.get_value();
        next_row.set_value(row + 1);
        FieldRow::new(row, field)
    };
    let load = {
        let session = session.clone();
        move || {
            let session = session.clone();
            spawn_local(async move {
                if let Ok(found) = session.settle(session.client.get_custom_field_settings().await) {
                    rows.set(found.value.fields.iter().map(add).collect());
                    version.set(found.version);
                    loaded.set(true);
                }
            });
        }
    };
    load();
    let save = move |event: SubmitEvent| {
        event.prevent_default();
        let settings = CustomFieldSettings { fields: rows.get_untracked().iter().map(FieldRow::definition).collect() };
        let errors_found = kehu_domain::custom_fields::check_settings(&settings).0;
        if !errors_found.is_empty() {
            errors.set(errors_found);
            return;
        }
        let session = session.clone();
        let load = load.clone();
        spawn_local(async move {
            match session.settle(session.client.update_custom_field_settings(version.get_untracked(), &settings).await)
            {
                Ok(_) => {
                    errors.set(Vec::new());
                    toasts.success(Msg::Saved);
                    load();
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    let blank = CustomFieldDefinition {
        key: String::new(),
        label: String::new(),
        label_en: None,
        kind: CustomFieldKind::Text,
        choices: Vec::new(),
    };
    let swap = move |index: usize, other: usize| {
        rows.update(|list| {
            if index < list.len() && other < list.len() {
                list.swap(index, other);
            }
        })
    };
    let indexed = move || rows.get().into_iter().enumerate().map(|(n, row)| (n, row.row, row)).collect::<Vec<_>>();
    view! {
        <AdminFrame>
            <form class="card form" on:submit=save data-testid="custom-fields-settings" novalidate>
                <h2>{i18n.t(Customers::CustomFieldsTab)}</h2>
                <p class="muted">{i18n.t(Customers::CustomFieldsHint)}</p>
                <Show when=move || loaded.get() && rows.with(Vec::is_empty)>
                    <p class="muted" data-testid="no-custom-fields">{i18n.t(Customers::NoCustomFields)}</p>
                </Show>
                <For each=indexed key=|(n, row, _)| (*n, *row) let:item>
                    {
                        let (index, _, row) = item;
                        let at = move |name: &str| format!("fields[{index}].{name}");
                        view! {
                            <fieldset class="field custom-field-row" data-testid="custom-field-row">
                                <div class="grid-3">
                                    <label class="field"><span>{i18n.t(Customers::FieldKey)} " *"</span>
                                        <input data-testid="field-key" prop:value=move || row.key.get() on:input=move |ev| row.key.set(event_target_value(&ev))/>
                                        <FieldHint errors=errors field=at("key")/>
                                    </label>
                                    <label class="field"><span>{i18n.t(Customers::FieldLabel)} " *"</span>
                                        <input data-testid="field-label" prop:value=move || row.label.get() on:input=move |ev| row.label.set(event_target_value(&ev))/>
                                        <FieldHint errors=errors field=at("label")/>
                                    </label>
                                    <label class="field"><span>{i18n.t(Customers::FieldLabelEn)}</span>
                                        <input data-testid="field-label-en" prop:value=move || row.label_en.get() on:input=move |ev| row.label_en.set(event_target_value(&ev))/>
                                        <FieldHint errors=errors field=at("label_en")/>
                                    </label>
                                    <label class="field"><span>{i18n.t(Customers::FieldKind)}</span>
                                        <select data-testid="field-kind" on:change=move |ev| row.kind.set(CustomFieldKind::parse(&event_target_value(&ev)).unwrap_or(CustomFieldKind::Text))>
                                            {CustomFieldKind::ALL.iter().map(|kind| {
                                                let kind = *kind;
                                                view! { <option value=kind.as_str() selected=move || row.kind.get() == kind>{move || custom_kind_label(kind, i18n.locale())}</option> }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <Show when=move || row.kind.get() == CustomFieldKind::Choice>
                                        <label class="field"><span>{i18n.t(Customers::FieldChoices)}</span>
                                            <input data-testid="field-choices" placeholder=i18n.t(Customers::FieldChoicesHint) prop:value=move || row.choices.get()
                                                on:input=move |ev| row.choices.set(event_target_value(&ev))/>
                                            <FieldHint errors=errors field=at("choices")/>
                                        </label>
                                    </Show>
                                </div>
                                <div class="actions">
                                    <button type="button" class="button ghost small" on:click=move |_| swap(index, index.wrapping_sub(1))>{i18n.t(Customers::MoveUp)}</button>
                                    <button type="button" class="button ghost small" on:click=move |_| swap(index, index + 1)>{i18n.t(Customers::MoveDown)}</button>
                                    <button type="button" class="button ghost small danger" data-testid="field-remove"
                                        on:click=move |_| rows.update(|list| { if index < list.len() { list.remove(index); } })>{i18n.t(Customers::RemoveField)}</button>
                                </div>
                            </fieldset>
                        }
                    }
                </For>
                <FieldHint errors=errors field="fields"/>
                <div class="form-actions">
                    <button type="button" class="button" data-testid="add-custom-field" on:click=move |_| rows.update(|list| list.push(add(&blank)))>
                        "+ " {i18n.t(Customers::AddField)}
                    </button>
                    <button class="button primary" type="submit" data-testid="custom-fields-save">{i18n.t(Msg::Save)}</button>
                </div>
            </form>
        </AdminFrame>
    }
}
