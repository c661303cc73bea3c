//! The public help centre's request form: a customer writes in without an
//! account and is given the ticket number to quote.

use kehu_types::{FieldError, PublicRequest, PublicRequestReceipt, TicketType, field_codes};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Desk, Msg, use_i18n};
use crate::session::origin;
use crate::widgets::choice::ChoiceSelect;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::language::LanguageSwitch;

#[component]
pub fn RequestForm() -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(TicketType::Complaint);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<Msg>);
    let busy = RwSignal::new(false);
    let receipt = RwSignal::new(None::<PublicRequestReceipt>);
    // Anonymous on purpose: the customer has no account.
    let base = origin();
    let filled = |signal: RwSignal<String>| Some(signal.get_untracked()).filter(|text| !text.trim().is_empty());
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let mut missing = Vec::new();
        if filled(name).is_none() {
            missing.push(FieldError::new("name", field_codes::REQUIRED, ""));
        }
        if filled(email).is_none() && filled(phone).is_none() {
            missing.push(FieldError::new("email", field_codes::REQUIRED, ""));
        }
        if filled(message).is_none() {
            missing.push(FieldError::new("message", field_codes::REQUIRED, ""));
        }
        errors.set(missing.clone());
        if !missing.is_empty() {
            return;
        }
        let request = PublicRequest {
            ticket_type: kind.get_untracked(),
            name: name.get_untracked(),
            email: filled(email),
            phone: filled(phone),
            subject: filled(subject),
            message: message.get_untracked(),
        };
        busy.set(true);
        failure.set(None);
        let client = kehu_client::Client::new(base.clone());
        spawn_local(async move {
            let result = client.submit_public_request(&request).await;
            busy.set(false);
            match result {
                Ok(done) => receipt.set(Some(done)),
                Err(error) => {
                    errors.set(error.problem().map(|p| p.errors.clone()).unwrap_or_default());
                    failure.set(Some(Msg::for_code(error.code())));
                }
            }
        });
    };
    let input = |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));
    view! {
        <div class="login-page">
            <div class="login-lang"><LanguageSwitch/></div>
            <div class="card help-card">
                <div class="brand login-brand"><span class="brand-mark">"客"</span><span>{i18n.t(Desk::HelpCentre)}</span></div>
                {move || match receipt.get() {
                    Some(done) => view! {
                        <div class="receipt" role="status" data-testid="request-receipt">
                            <h1>{i18n.t(Desk::RequestReceived)}</h1>
                            <p>{i18n.t(Desk::YourNumber)}</p>
                            <p class="receipt-number mono" data-testid="request-number">{done.number}</p>
                            <p class="muted">{i18n.t(Desk::WeWillAnswer)}</p>
                        </div>
                    }.into_any(),
                    None => view! {
                        <form class="form" on:submit=submit.clone() novalidate>
                            <h1>{i18n.t(Desk::ContactUs)}</h1>
                            <Show when=move || failure.get().is_some()>
                                <div class="alert error" role="alert">{move || failure.get().map(|m| m.text(i18n.locale()))}</div>
                            </Show>
                            <label class="field">
                                <span>{i18n.t(Desk::Type)}</span>
                                <ChoiceSelect value=kind test_id="request-type"/>
                            </label>
                            <label class="field">
                                <span>{i18n.t(Msg::Name)} " *"</span>
                                <input data-testid="request-name" autocomplete="name" maxlength="100" prop:value=move || name.get() on:input=input(name)/>
                                <FieldHint errors=errors field="name"/>
                            </label>
                            <div class="grid-2">
                                <label class="field">
                                    <span>{i18n.t(Msg::Email)}</span>
                                    <input type="email" data-testid="request-email" autocomplete="email" prop:value=move || email.get() on:input=input(email)/>
                                    <FieldHint errors=errors field="email"/>
                                </label>
                                <label class="field">
                                    <span>{i18n.t(Msg::Phone)}</span>
                                    <input type="tel" data-testid="request-phone" autocomplete="tel" prop:value=move || phone.get() on:input=input(phone)/>
                                    <FieldHint errors=errors field="phone"/>
                                </label>
                            </div>
                            <p class="muted small">{i18n.t(Desk::EmailOrPhone)}</p>
                            <label class="field">
                                <span>{i18n.t(Desk::Subject)}</span>
                                <input data-testid="request-subject" maxlength="200" prop:value=move || subject.get() on:input=input(subject)/>
                                <FieldHint errors=errors field="subject"/>
                            </label>
                            <label class="field">
                                <span>{i18n.t(Desk::Message)} " *"</span>
                                <textarea rows="6" maxlength="5000" data-testid="request-message" prop:value=move || message.get() on:input=input(message)></textarea>
                                <FieldHint errors=errors field="message"/>
                            </label>
                            <button class="button primary wide" type="submit" data-testid="request-send" disabled=move || busy.get()>
                                <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                                {i18n.t(Desk::Send)}
                            </button>
                        </form>
                    }.into_any(),
                }}
            </div>
        </div>
    }
}
