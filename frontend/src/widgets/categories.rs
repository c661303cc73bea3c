//! Ticket categories where a form offers them: on tickets and on the
//! knowledge base's articles, which are filed under the same categories.

use kehu_types::TicketCategory;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{Locale, use_i18n};
use crate::session::use_session;

/// A category's name in the reader's language.
pub fn category_name(category: &TicketCategory, locale: Locale) -> String {
    match (&category.name_en, locale) {
        (Some(english), Locale::En) => english.clone(),
        _ => category.name.clone(),
    }
}

/// Load the ticket categories into a signal.
pub fn load_categories(categories: RwSignal<Vec<TicketCategory>>) {
    let session = use_session();
    spawn_local(async move {
        if let Ok(found) = session.settle(session.client.list_ticket_categories().await) {
            categories.set(found.items);
        }
    });
}

/// A category picker offering the active categories (and the current one, even if retired).
#[component]
pub fn CategorySelect(
    categories: RwSignal<Vec<TicketCategory>>,
    value: RwSignal<Option<Uuid>>,
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select data-testid=test_id on:change=move |ev| value.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
            <option value="" selected=move || value.get().is_none()>"—"</option>
            {move || categories.get().into_iter()
                .filter(|c| c.active || value.get_untracked() == Some(c.id))
                .map(|c| {
                    let id = c.id;
                    view! { <option value=id.to_string() selected=move || value.get() == Some(id)>{category_name(&c, i18n.locale())}</option> }
                })
                .collect_view()}
        </select>
    }
}
