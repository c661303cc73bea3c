//! Choosing a currency: a select of the ISO 4217 codes (never free text, so
//! no `RMB` next to `CNY`), and the business currency that settings amounts
//! are in and new records start with.

use kehu_types::currency_codes;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Text, use_i18n};
use crate::session::use_session;

/// The business currency (`ValueSettings::currency`), `None` until read.
pub fn business_currency() -> RwSignal<Option<String>> {
    let session = use_session();
    let currency = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(found) = session.settle(session.client.get_value_settings().await) {
            currency.try_set(Some(found.value.currency));
        }
    });
    currency
}

/// A select of every ISO 4217 code; a code outside the table (a record
/// written before codes were checked) is offered too, so it shows as it is.
/// `blank`, when given, labels a first option that chooses no currency.
#[component]
pub fn CurrencySelect(
    value: RwSignal<String>,
    test_id: &'static str,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional, into)] blank: MaybeProp<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    let blank = move || {
        blank.get().map(|label| {
            view! { <option value="" selected=move || value.with(String::is_empty)>{move || label.text(i18n.locale())}</option> }
        })
    };
    let unknown = move || {
        let code = value.get();
        (!code.is_empty() && kehu_types::minor_units(&code).is_none())
            .then(|| view! { <option value=code.clone() selected=true>{code.clone()}</option> })
    };
    view! {
        <select data-testid=test_id disabled=move || disabled.get() on:change=move |ev| value.set(event_target_value(&ev))>
            {blank}
            {unknown}
            {currency_codes().map(|code| view! {
                <option value=code selected=move || value.with(|v| v == code)>{code}</option>
            }).collect_view()}
        </select>
    }
}
