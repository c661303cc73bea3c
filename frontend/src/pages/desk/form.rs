//! Opening a ticket: for the customer in the URL (`?customer=<id>`, from the
//! customer page) or one found by search, with type, subject, description,
//! priority, category and channel. The opener owns it (one-stop service).

use kehu_domain::contact::display_phone;
use kehu_types::{
    Channel, CreateTicket, Customer, CustomerQuery, FieldError, Priority, TicketCategory, TicketType, field_codes,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use uuid::Uuid;

use crate::i18n::{Desk, Msg, use_i18n};
use crate::session::use_session;
use crate::widgets::categories::{CategorySelect, load_categories};
use crate::widgets::choice::ChoiceSelect;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

#[component]
pub fn NewTicket() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let query = use_query_map();
    let customer = RwSignal::new(None::<Customer>);
    let matches = RwSignal::new(Vec::<Customer>::new());
    let search = RwSignal::new(String::new());
    let kind = RwSignal::new(TicketType::Complaint);
    let subject = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let priority = RwSignal::new(Priority::Normal);
    let category = RwSignal::new(None::<Uuid>);
    let channel = RwSignal::new(Channel::Phone);
    let categories = RwSignal::new(Vec::<TicketCategory>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    load_categories(categories);

    if let Some(id) = query.get_untracked().get("customer").and_then(|text| Uuid::parse_str(&text).ok()) {
        let session = session.clone();
        spawn_local(async move {
            if let Ok(found) = session.settle(session.client.get_customer(id).await) {
                customer.set(Some(found.value));
            }
        });
    }
    let find = {
        let session = session.clone();
        move |text: String| {
            search.set(text.clone());
            if text.trim().is_empty() {
                matches.set(Vec::new());
                return;
            }
            let session = session.clone();
            spawn_local(async move {
                let request = CustomerQuery { q: Some(text), limit: Some(8), ..Default::default() };
                if let Ok(page) = session.settle(session.client.list_customers(&request).await) {
                    matches.set(page.items);
                }
            });
        }
    };
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let mut found = Vec::new();
        let Some(chosen) = customer.get_untracked() else {
            errors.set(vec![FieldError::new("customer_id", field_codes::REQUIRED, "")]);
            return;
        };
        if subject.get_untracked().trim().is_empty() {
            found.push(FieldError::new("subject", field_codes::REQUIRED, ""));
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let input = CreateTicket {
            description: Some(description.get_untracked()).filter(|d| !d.trim().is_empty()),
            priority: Some(priority.get_untracked()),
            category_id: category.get_untracked(),
            channel: Some(channel.get_untracked()),
            ..CreateTicket::new(chosen.id, kind.get_untracked(), subject.get_untracked())
        };
        let session = session.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = session.settle(session.client.create_ticket(&input, None).await);
            busy.set(false);
            match result {
                Ok(ticket) => {
                    toasts.success(Desk::TicketCreated);
                    navigate(&format!("/tickets/{}", ticket.id), Default::default());
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };

    view! {
        <section class="form-page">
            <A href="/tickets" attr:class="back">"← " {i18n.t(Msg::Back)}</A>
            <form class="card form" on:submit=submit novalidate>
                <h1>{i18n.t(Desk::NewTicket)}</h1>
                <div class="field">
                    <span>{i18n.t(Desk::Customer)} " *"</span>
                    {move || match customer.get() {
                        Some(chosen) => view! {
                            <div class="chosen" data-testid="ticket-customer">
                                <span class="strong">{chosen.name.clone()}</span>
                                <button type="button" class="button small ghost" on:click=move |_| customer.set(None)>"×"</button>
                            </div>
                        }.into_any(),
                        None => view! {
                            <div class="picker">
                                <input type="search" data-testid="ticket-customer-search" placeholder=i18n.t(Desk::FindCustomer)
                                    aria-label=i18n.t(Desk::FindCustomer)
                                    prop:value=move || search.get() on:input={
                                        let find = find.clone();
                                        move |ev| find(event_target_value(&ev))
                                    }/>
                                <ul class="picker-list">
                                    <For each=move || matches.get() key=|c| c.id let:found>
                                        <li><button type="button" class="button ghost" data-testid="customer-match" on:click={
                                            let found = found.clone();
                                            move |_| customer.set(Some(found.clone()))
                                        }>{found.name.clone()} <span class="muted">{found.phones.first().map(|p| display_phone(p)).unwrap_or_default()}</span></button></li>
                                    </For>
                                </ul>
                            </div>
                        }.into_any(),
                    }}
                    <FieldHint errors=errors field="customer_id"/>
                </div>
                <div class="grid-3">
                    <label class="field">
                        <span>{i18n.t(Desk::Type)}</span>
                        <ChoiceSelect value=kind test_id="ticket-type"/>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Desk::Priority)}</span>
                        <ChoiceSelect value=priority test_id="ticket-priority"/>
                    </label>
                    <label class="field">
                        <span>{i18n.t(Desk::Channel)}</span>
                        <ChoiceSelect value=channel test_id="ticket-channel"/>
                    </label>
                </div>
                <label class="field">
                    <span>{i18n.t(Desk::Category)}</span>
                    <CategorySelect categories=categories value=category test_id="ticket-category"/>
                    <FieldHint errors=errors field="category_id"/>
                </label>
                <label class="field">
                    <span>{i18n.t(Desk::Subject)} " *"</span>
                    <input data-testid="ticket-subject" maxlength="300" prop:value=move || subject.get()
                        on:input=move |ev| subject.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="subject"/>
                </label>
                <label class="field">
                    <span>{i18n.t(Desk::Description)}</span>
                    <textarea data-testid="ticket-description" rows="5" prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    <FieldHint errors=errors field="description"/>
                </label>
                <div class="form-actions">
                    <A href="/tickets" attr:class="button">{i18n.t(Msg::Cancel)}</A>
                    <button type="submit" class="button primary" data-testid="ticket-save" disabled=move || busy.get()>
                        <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                        {i18n.t(Msg::Save)}
                    </button>
                </div>
            </form>
        </section>
    }
}
