//! Creating and editing a customer. The form checks input with the very
//! function the server uses (`kehu_domain::validate::customer`), so both refuse
//! the same input with the same codes; errors from the server land at their
//! fields too. An edit sends the version it started from: if someone else saved
//! first, the form says so and offers to reload. Every field of the file is
//! here, the admin-defined custom fields by their type (`customer_form_fields`).

use kehu_client::Versioned;
use kehu_domain::validate::{self, CustomerDraft};
use kehu_types::{
    AcquisitionSource, CreateCustomer, CustomFieldDefinition, Customer, CustomerKind, FieldError, UpdateCustomer,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::i18n::{Customers, Msg, source_label, use_i18n};
use crate::pages::customers::form_fields::{
    AddressFields, AddressInputs, ConsentFields, ConsentInputs, CustomFieldInputs, OwnershipFields, TextField, merged,
    texts_of,
};
use crate::session::use_session;
use crate::widgets::toast::use_toasts;

pub use crate::widgets::form_errors::FieldHint;

/// A growable list of inputs (phones, emails) with add and remove.
#[component]
fn ListInput(
    values: RwSignal<Vec<String>>,
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
    label: Msg,
    add: Msg,
    input_type: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field list-field">
            <legend>{i18n.t(label)}</legend>
            {move || {
                (0..values.with(Vec::len))
                    .map(|index| {
                        view! {
                            <div class="list-row">
                                <input
                                    type=input_type
                                    aria-label=move || format!("{} {}", i18n.t(label)(), index + 1)
                                    data-testid=format!("{field}-{index}")
                                    prop:value=move || values.with(|v| v.get(index).cloned().unwrap_or_default())
                                    on:input=move |ev| values.update(|v| {
                                        if let Some(slot) = v.get_mut(index) {
                                            *slot = event_target_value(&ev);
                                        }
                                    })
                                />
                                <button type="button" class="button ghost" on:click=move |_| values.update(|v| {
                                    if index < v.len() {
                                        v.remove(index);
                                    }
                                })>{i18n.t(Msg::Remove)}</button>
                                <FieldHint errors=errors field=format!("{field}[{index}]")/>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" class="button small" data-testid=format!("add-{field}") on:click=move |_| values.update(|v| v.push(String::new()))>
                "+ " {i18n.t(add)}
            </button>
            <FieldHint errors=errors field=field/>
        </fieldset>
    }
}

fn idempotency_key() -> String {
    format!("web-{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e12) as u64)
}

#[component]
pub fn NewCustomer() -> impl IntoView {
    view! { <CustomerForm existing=None/> }
}

/// Loads the customer, then shows the form filled in.
#[component]
pub fn EditCustomer() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = leptos_router::hooks::use_params_map();
    let loaded = RwSignal::new(None::<Result<Versioned<Customer>, Msg>>);
    let reloads = RwSignal::new(0u32);
    Effect::new(move |_| {
        reloads.track();
        let id = params.get().get("id").and_then(|text| Uuid::parse_str(&text).ok());
        let session = session.clone();
        spawn_local(async move {
            let Some(id) = id else {
                loaded.set(Some(Err(Msg::ErrorNotFound)));
                return;
            };
            let result = session.settle(session.client.get_customer(id).await);
            loaded.set(Some(result.map_err(|e| Msg::for_code(e.code()))));
        });
    });
    move || match loaded.get() {
        None => view! { <div class="state"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
        Some(Err(msg)) => {
            view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any()
        }
        Some(Ok(found)) => {
            view! { <CustomerForm existing=Some(found) reload=Callback::new(move |_| reloads.update(|n| *n += 1))/> }
                .into_any()
        }
    }
}

fn text_of(value: Option<String>) -> String {
    value.unwrap_or_default()
}

/// At least one (empty) row so there is always an input to type into.
fn rows_of(values: Vec<String>) -> Vec<String> {
    if values.is_empty() { vec![String::new()] } else { values }
}

#[component]
fn CustomerForm(
    existing: Option<Versioned<Customer>>,
    #[prop(optional)] reload: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let editing = existing.as_ref().map(|found| (found.value.id, found.version.unwrap_or(found.value.version)));
    let start = existing.map(|found| found.value);
    let name = RwSignal::new(start.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let kind = RwSignal::new(start.as_ref().map_or(CustomerKind::Person, |c| c.kind));
    let company = RwSignal::new(text_of(start.as_ref().and_then(|c| c.company_name.clone())));
    let phones = RwSignal::new(rows_of(start.as_ref().map(|c| c.phones.clone()).unwrap_or_default()));
    let emails = RwSignal::new(rows_of(start.as_ref().map(|c| c.emails.clone()).unwrap_or_default()));
    let region = RwSignal::new(text_of(start.as_ref().and_then(|c| c.region.clone())));
    let source = RwSignal::new(start.as_ref().and_then(|c| c.source));
    let tags = RwSignal::new(start.as_ref().map(|c| c.tags.join(", ")).unwrap_or_default());
    let industry = RwSignal::new(text_of(start.as_ref().and_then(|c| c.industry.clone())));
    let birthday = RwSignal::new(start.as_ref().and_then(|c| c.birthday).map(|d| d.to_string()).unwrap_or_default());
    let address = AddressInputs::new(start.as_ref().and_then(|c| c.address.as_ref()));
    let owner = RwSignal::new(start.as_ref().and_then(|c| c.owner_id));
    let team = RwSignal::new(start.as_ref().and_then(|c| c.team_id));
    let external_source = RwSignal::new(text_of(start.as_ref().and_then(|c| c.external_source.clone())));
    let external_id = RwSignal::new(text_of(start.as_ref().and_then(|c| c.external_id.clone())));
    let stored_custom = start.as_ref().map(|c| c.custom.clone()).unwrap_or_default();
    let custom_texts = RwSignal::new(texts_of(&stored_custom));
    let definitions = RwSignal::new(Vec::<CustomFieldDefinition>::new());
    let consent = ConsentInputs::new(start.as_ref().map(|c| &c.marketing_consent));
    let (users, teams) = (RwSignal::new(Vec::new()), RwSignal::new(Vec::new()));
    session.load_directory(users, teams);
    spawn_local({
        let session = session.clone();
        async move {
            if let Ok(found) = session.settle(session.client.get_custom_field_settings().await) {
                definitions.set(found.value.fields);
            }
        }
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let stale = RwSignal::new(false);
    let back = match editing {
        Some((id, _)) => format!("/customers/{id}"),
        None => "/customers".to_owned(),
    };
    // One key per form: a double submit or a retry after a network error cannot create twice.
    let key = idempotency_key();

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let non_empty = |list: Vec<String>| list.into_iter().filter(|v| !v.trim().is_empty()).collect::<Vec<_>>();
        let optional = |text: String| Some(text).filter(|t| !t.trim().is_empty());
        let typed_birthday = birthday.get_untracked();
        let draft = CustomerDraft {
            kind: kind.get_untracked(),
            name: name.get_untracked(),
            company_name: optional(company.get_untracked()),
            emails: non_empty(emails.get_untracked()),
            phones: non_empty(phones.get_untracked()),
            address: address.address(),
            region: optional(region.get_untracked()),
            industry: optional(industry.get_untracked()),
            birthday: chrono::NaiveDate::parse_from_str(&typed_birthday, "%Y-%m-%d").ok(),
            source: source.get_untracked(),
            tags: tags.get_untracked().split([',', '，']).map(str::to_owned).filter(|t| !t.trim().is_empty()).collect(),
            custom: merged(&stored_custom, &definitions.get_untracked(), &custom_texts.get_untracked()),
            external_source: optional(external_source.get_untracked()),
            external_id: optional(external_id.get_untracked()),
        };
        let mut found = validate::customer(&draft, crate::time::today()).err().unwrap_or_default();
        let mut custom_errors = validate::Errors::default();
        let settings = kehu_types::CustomFieldSettings { fields: definitions.get_untracked() };
        kehu_domain::custom_fields::check_values(&mut custom_errors, &draft.custom, &settings);
        found.extend(custom_errors.0);
        if !typed_birthday.trim().is_empty() && draft.birthday.is_none() {
            found.push(FieldError::new("birthday", kehu_types::field_codes::INVALID_FORMAT, ""));
        }
        if !found.is_empty() {
            errors.set(found);
            crate::widgets::form_errors::reveal_first_error();
            return;
        }
        let (owner_id, team_id, consent_input) = (owner.get_untracked(), team.get_untracked(), consent.changes());
        errors.set(Vec::new());
        busy.set(true);
        let session = session.clone();
        let navigate = navigate.clone();
        let key = key.clone();
        spawn_local(async move {
            let result = match editing {
                Some((id, version)) => {
                    let patch = UpdateCustomer {
                        kind: Some(draft.kind),
                        name: Some(draft.name),
                        company_name: Some(draft.company_name),
                        emails: Some(draft.emails),
                        phones: Some(draft.phones),
                        address: Some(draft.address),
                        region: Some(draft.region),
                        industry: Some(draft.industry),
                        birthday: Some(draft.birthday),
                        source: Some(draft.source),
                        owner_id: Some(owner_id),
                        team_id: Some(team_id),
                        tags: Some(draft.tags),
                        custom: Some(draft.custom),
                        marketing_consent: consent_input,
                        external_source: Some(draft.external_source),
                        external_id: Some(draft.external_id),
                    };
                    session.client.update_customer(id, version, &patch).await
                }
                None => {
                    let input = CreateCustomer {
                        kind: draft.kind,
                        company_name: draft.company_name,
                        emails: draft.emails,
                        phones: draft.phones,
                        address: draft.address,
                        region: draft.region,
                        industry: draft.industry,
                        birthday: draft.birthday,
                        source: draft.source,
                        owner_id,
                        team_id,
                        tags: draft.tags,
                        custom: draft.custom,
                        marketing_consent: consent_input,
                        external_source: draft.external_source,
                        external_id: draft.external_id,
                        ..CreateCustomer::named(draft.name)
                    };
                    session.client.create_customer(&input, Some(&key)).await
                }
            };
            let result = session.settle(result);
            busy.set(false);
            match result {
                Ok(saved) => {
                    toasts.success(if editing.is_some() { Msg::CustomerSaved } else { Msg::CustomerCreated });
                    navigate(&format!("/customers/{}", saved.id), Default::default());
                }
                Err(failure) if failure.status() == Some(412) => {
                    stale.set(true);
                    crate::widgets::form_errors::reveal_first_error();
                }
                Err(failure) => toasts.refused(&failure, errors),
            }
        });
    };

    let title = if editing.is_some() { Msg::EditCustomer } else { Msg::NewCustomer };
    view! {
        <section class="form-page">
            <A href=back.clone() attr:class="back">"← " {i18n.t(Msg::Back)}</A>
            <h1>{i18n.t(title)}</h1>
            <Show when=move || stale.get()>
                <div class="alert error" role="alert" data-testid="stale-version">
                    <span>{i18n.t(Msg::ErrorVersionMismatch)}</span>
                    " "
                    <button type="button" class="button small" on:click=move |_| {
                        if let Some(reload) = reload {
                            reload.run(());
                        }
                    }>{i18n.t(Msg::Reload)}</button>
                </div>
            </Show>
            <form class="card form" on:submit=submit novalidate>
                <div class="grid-2">
                    <label class="field">
                        <span>{i18n.t(Msg::Name)} " *"</span>
                        <input data-testid="name" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="name"/>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Msg::Kind)}</span>
                        <select on:change=move |ev| kind.set(CustomerKind::parse(&event_target_value(&ev)).unwrap_or(CustomerKind::Person))>
                            <option value="person" selected=move || kind.get() == CustomerKind::Person>{i18n.t(Msg::Person)}</option>
                            <option value="company" selected=move || kind.get() == CustomerKind::Company>{i18n.t(Msg::CompanyKind)}</option>
                        </select>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Msg::Company)}</span>
                        <input prop:value=move || company.get() on:input=move |ev| company.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="company_name"/>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Msg::Region)}</span>
                        <input prop:value=move || region.get() on:input=move |ev| region.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="region"/>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Msg::Source)}</span>
                        <select on:change=move |ev| source.set(AcquisitionSource::parse(&event_target_value(&ev)))>
                            <option value="">{i18n.t(Msg::None)}</option>
                            {AcquisitionSource::ALL.iter().map(|s| {
                                let s = *s;
                                view! { <option value=s.as_str() selected=move || source.get() == Some(s)>{move || source_label(s, i18n.locale())}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Msg::Tags)}</span>
                        <input placeholder=i18n.t(Msg::TagsHint) prop:value=move || tags.get() on:input=move |ev| tags.set(event_target_value(&ev))/>
                        <FieldHint errors=errors field="tags"/>
                    </label>
                </div>
                <div class="grid-2">
                    <ListInput values=phones errors=errors field="phones" label=Msg::Phones add=Msg::AddPhone input_type="tel"/>
                    <ListInput values=emails errors=errors field="emails" label=Msg::Emails add=Msg::AddEmail input_type="email"/>
                </div>
                <div class="grid-2">
                    <TextField label=Customers::Industry value=industry errors=errors field="industry"/>
                    <TextField label=Customers::Birthday value=birthday errors=errors field="birthday" input_type="date"/>
                    <OwnershipFields owner=owner team=team users=users teams=teams errors=errors/>
                </div>
                <AddressFields address=address errors=errors/>
                <CustomFieldInputs definitions=definitions texts=custom_texts errors=errors/>
                <ConsentFields consent=consent/>
                <fieldset class="field">
                    <legend>{i18n.t(Customers::ExternalRef)}</legend>
                    <p class="muted small">{i18n.t(Customers::ExternalHint)}</p>
                    <div class="grid-2">
                        <TextField label=Customers::ExternalSource value=external_source errors=errors field="external_source"/>
                        <TextField label=Customers::ExternalId value=external_id errors=errors field="external_id"/>
                    </div>
                </fieldset>
                <div class="form-actions">
                    <A href=back attr:class="button">{i18n.t(Msg::Cancel)}</A>
                    <button class="button primary" type="submit" data-testid="save" disabled=move || busy.get()>
                        <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                        {move || if busy.get() { i18n.t(Msg::Saving)() } else { i18n.t(Msg::Save)() }}
                    </button>
                </div>
            </form>
        </section>
    }
}
