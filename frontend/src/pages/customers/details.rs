//! The fuller parts of the customer page: address, industry, birthday, owner
//! and team, the id in another system, the custom fields by their labels,
//! and marketing consent per purpose with its history.

use kehu_types::{
    Address, ConsentEvent, ConsentFlag, ConsentPurpose, CustomFieldDefinition, CustomFieldKind, Customer, Team, User,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Customers, Locale, Msg, Text, consent_purpose_label, format_datetime, format_day, use_i18n};
use crate::pages::customers::form_fields::field_label;
use crate::session::use_session;

/// One label and value of the details list; blank values read "none".
#[component]
pub fn Detail(
    #[prop(into)] label: Text,
    #[prop(into)] value: Signal<String>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="detail">
            <dt>{i18n.t(label)}</dt>
            <dd data-testid=testid>{move || { let v = value.get(); if v.is_empty() { i18n.t(Msg::None)().to_owned() } else { v } }}</dd>
        </div>
    }
}

/// The address as people of its country write it: a Chinese one from the
/// largest place to the smallest with no separators (浙江杭州西湖区文三路 100 号),
/// then the postal code; any other from the street out, with commas.
fn address_text(address: Option<&Address>) -> String {
    let Some(a) = address else { return String::new() };
    let country = a.country.as_deref().map(str::trim).unwrap_or_default();
    let chinese = country.eq_ignore_ascii_case("CN") || (country.is_empty() && written_in_chinese(a));
    if chinese {
        let place: String = [&a.province, &a.city, &a.street].into_iter().filter_map(|p| p.as_deref()).collect();
        return [Some(place.as_str()), a.postal_code.as_deref()]
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    [&a.street, &a.city, &a.province, &a.postal_code, &a.country]
        .into_iter()
        .filter_map(|part| part.as_deref())
        .collect::<Vec<_>>()
        .join(", ")
}

fn written_in_chinese(a: &Address) -> bool {
    [&a.street, &a.city, &a.province]
        .into_iter()
        .filter_map(|part| part.as_deref())
        .any(|text| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
}

/// A custom field's value as the profile shows it: a date field's day as
/// every other date of the app is written.
fn custom_text(kind: CustomFieldKind, value: &serde_json::Value, locale: Locale) -> String {
    match value {
        serde_json::Value::String(text) if kind == CustomFieldKind::Date => {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_or_else(|_| text.clone(), |day| format_day(day, locale))
        }
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The parts of the file beyond contacts, for the profile card.
#[component]
pub fn MoreDetails(customer: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let users = RwSignal::new(Vec::<User>::new());
    let teams = RwSignal::new(Vec::<Team>::new());
    session.load_directory(users, teams);
    let definitions = RwSignal::new(Vec::<CustomFieldDefinition>::new());
    spawn_local({
        let session = session.clone();
        async move {
            if let Ok(found) = session.settle(session.client.get_custom_field_settings().await) {
                definitions.set(found.value.fields);
            }
        }
    });
    let (owner_id, team_id) = (customer.owner_id, customer.team_id);
    let owner = move || {
        owner_id
            .map(|id| users.with(|list| list.iter().find(|u| u.id == id).map(|u| u.name.clone()).unwrap_or_default()))
            .unwrap_or_default()
    };
    let team = move || {
        team_id
            .map(|id| teams.with(|list| list.iter().find(|t| t.id == id).map(|t| t.name.clone()).unwrap_or_default()))
            .unwrap_or_default()
    };
    let birthday = customer.birthday;
    let external = match (&customer.external_source, &customer.external_id) {
        (Some(source), Some(id)) => format!("{source} · {id}"),
        _ => String::new(),
    };
    let custom = customer.custom.clone();
    let custom_rows = move || {
        definitions
            .get()
            .into_iter()
            .map(|field| {
                let stored = custom.get(&field.key).cloned();
                let kind = field.kind;
                let value = move || {
                    let text = stored.as_ref().map(|v| custom_text(kind, v, i18n.locale())).unwrap_or_default();
                    if text.is_empty() { i18n.t(Msg::None)().to_owned() } else { text }
                };
                let label = field.clone();
                let testid = format!("detail-custom-{}", field.key);
                view! {
                    <div class="detail">
                        <dt>{move || field_label(&label, i18n.locale())}</dt>
                        <dd data-testid=testid>{value}</dd>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <Detail label=Customers::Address value=address_text(customer.address.as_ref()) testid="detail-address"/>
        <Detail label=Customers::Industry value=customer.industry.clone().unwrap_or_default() testid="detail-industry"/>
        <Detail label=Customers::Birthday value=Signal::derive(move || birthday.map(|day| format_day(day, i18n.locale())).unwrap_or_default()) testid="detail-birthday"/>
        <Detail label=Msg::Owner value=Signal::derive(owner) testid="detail-owner"/>
        <Detail label=Msg::Team value=Signal::derive(team) testid="detail-team"/>
        <Detail label=Customers::ExternalRef value=external testid="detail-external"/>
        {custom_rows}
    }
}

fn flag_of(customer: &Customer, purpose: ConsentPurpose) -> ConsentFlag {
    let consent = &customer.marketing_consent;
    match purpose {
        ConsentPurpose::Email => consent.email.clone(),
        ConsentPurpose::Sms => consent.sms.clone(),
        ConsentPurpose::Phone => consent.phone.clone(),
    }
}

/// Consent per purpose (granted, withdrawn or never asked, with when), and
/// the ledger of its changes with who made each.
#[component]
pub fn ConsentPanel(customer: Customer, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let history = RwSignal::new(None::<Vec<ConsentEvent>>);
    let users = RwSignal::new(Vec::<User>::new());
    session.load_directory(users, RwSignal::new(Vec::new()));
    let id = customer.id;
    Effect::new(move |_| {
        changes.track();
        let session = session.clone();
        spawn_local(async move {
            if let Ok(found) = session.settle(session.client.get_customer_consent_history(id).await) {
                history.set(Some(found.items));
            }
        });
    });
    let who = move |actor: Option<uuid::Uuid>| match actor {
        Some(id) => users.with(|list| list.iter().find(|u| u.id == id).map(|u| u.name.clone())).unwrap_or_default(),
        None => i18n.t(Customers::ByCustomer)().to_owned(),
    };
    let states = [ConsentPurpose::Email, ConsentPurpose::Sms, ConsentPurpose::Phone].map(|purpose| {
        let flag = flag_of(&customer, purpose);
        view! {
            <li data-testid=format!("consent-state-{purpose}")>
                <span class="strong">{move || consent_purpose_label(purpose, i18n.locale())}</span>
                " "
                <span class=if flag.granted { "badge success" } else { "badge" }>
                    {move || match (flag.granted, flag.updated_at) {
                        (true, _) => i18n.t(Customers::Granted)(),
                        (false, Some(_)) => i18n.t(Customers::Withdrawn)(),
                        (false, None) => i18n.t(Customers::NeverAsked)(),
                    }}
                </span>
                {flag.updated_at.map(|at| view! { " " <span class="muted small">{move || format_datetime(at, i18n.locale())}</span> })}
            </li>
        }
    });
    view! {
        <div class="card" data-testid="consent-panel">
            <h2>{i18n.t(Customers::Consent)}</h2>
            <ul class="plain">{states.into_iter().collect_view()}</ul>
            <h3>{i18n.t(Customers::ConsentHistory)}</h3>
            {move || match history.get() {
                None => view! { <p class="muted">{i18n.t(Msg::Loading)}</p> }.into_any(),
                Some(items) if items.is_empty() => view! { <p class="muted">{i18n.t(Customers::NoConsentHistory)}</p> }.into_any(),
                Some(items) => view! {
                    <ol class="history" data-testid="consent-history">
                        {items.into_iter().map(|event| view! {
                            <li>
                                <span>{move || consent_purpose_label(event.purpose, i18n.locale())}</span>
                                " · "
                                <span>{move || if event.granted { i18n.t(Customers::Granted)() } else { i18n.t(Customers::Withdrawn)() }}</span>
                                " · "
                                <span class="muted small">{move || format!("{} · {}", format_datetime(event.at, i18n.locale()), who(event.actor_id))}</span>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(street: &str, city: &str, province: &str, postal: &str, country: Option<&str>) -> Address {
        Address {
            street: Some(street.into()),
            city: Some(city.into()),
            province: Some(province.into()),
            postal_code: Some(postal.into()),
            country: country.map(str::to_owned),
        }
    }

    #[test]
    fn chinese_addresses_go_from_province_to_street_and_others_from_street_out() {
        let hangzhou = address("西湖区文三路 100 号", "杭州", "浙江", "310012", Some("CN"));
        assert_eq!(address_text(Some(&hangzhou)), "浙江杭州西湖区文三路 100 号 310012");
        let unmarked = Address { country: None, ..hangzhou };
        assert_eq!(address_text(Some(&unmarked)), "浙江杭州西湖区文三路 100 号 310012");
        let boston = address("1 Main St", "Boston", "MA", "02110", Some("US"));
        assert_eq!(address_text(Some(&boston)), "1 Main St, Boston, MA, 02110, US");
        assert_eq!(address_text(None), "");
    }
}
