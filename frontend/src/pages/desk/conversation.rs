//! A ticket's conversation and history, oldest first, and the composer for a
//! reply, an internal note or a message the customer sent by other means.

use kehu_types::{CreateTicketMessage, FieldError, PageQuery, TicketEvent, TicketEventKind, TicketMessageKind, User};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{
    Desk, I18n, compensation_label, compensation_status_label, event_label, format_datetime, format_money, level_label,
    use_i18n,
};
use crate::session::use_session;
use crate::session::user_name;
use crate::widgets::badges::StatusBadge;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::paged::{MoreButton, Paged};
use crate::widgets::toast::use_toasts;

#[component]
pub fn Composer(ticket_id: Uuid, open: bool, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let kind = RwSignal::new(if open { TicketMessageKind::Reply } else { TicketMessageKind::Note });
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if body.get_untracked().trim().is_empty() {
            errors.set(vec![FieldError::new("body", kehu_types::field_codes::REQUIRED, "")]);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let input = CreateTicketMessage { kind: kind.get_untracked(), body: body.get_untracked() };
        let session = session.clone();
        spawn_local(async move {
            let result = session.settle(session.client.create_ticket_message(ticket_id, &input).await);
            busy.set(false);
            match result {
                Ok(_) => {
                    body.set(String::new());
                    toasts.success(Desk::MessageSent);
                    changes.update(|n| *n += 1);
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    // Replies and customer messages need an open ticket; notes are always possible.
    let kinds: Vec<(TicketMessageKind, Desk)> = [
        (TicketMessageKind::Reply, Desk::Reply),
        (TicketMessageKind::Note, Desk::InternalNote),
        (TicketMessageKind::CustomerMessage, Desk::CustomerMessage),
    ]
    .into_iter()
    .filter(|(k, _)| open || *k == TicketMessageKind::Note)
    .collect();
    view! {
        <form class="card composer" on:submit=submit data-testid="composer">
            <div class="segmented" role="radiogroup">
                {kinds.into_iter().map(|(k, label)| view! {
                    <label class="segment" class:active=move || kind.get() == k data-testid=format!("message-kind-{}", k.as_str())>
                        <input type="radio" name="message-kind" data-testid=format!("message-{}", k.as_str())
                            prop:checked=move || kind.get() == k on:change=move |_| kind.set(k)/>
                        {i18n.t(label)}
                    </label>
                }).collect_view()}
            </div>
            <textarea rows="3" data-testid="message-body" class:note=move || kind.get() == TicketMessageKind::Note
                placeholder=i18n.t(Desk::WriteMessage) prop:value=move || body.get()
                on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <FieldHint errors=errors field="body"/>
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="message-send" disabled=move || busy.get()>
                    <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                    {i18n.t(Desk::Send)}
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn Conversation(ticket_id: Uuid, users: RwSignal<Vec<User>>, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Paged::<TicketEvent>::new();
    let fetch = move |cursor: Option<String>| {
        let page = PageQuery { limit: Some(100), cursor: cursor.clone() };
        let client = session.client.clone();
        list.load(session.clone(), cursor, async move {
            client.list_ticket_events(ticket_id, &page).await.map(|found| (found.items, found.next_cursor))
        });
    };
    Effect::new({
        let fetch = fetch.clone();
        move |_| {
            changes.track();
            fetch(None);
        }
    });
    view! {
        <div class="card">
            <h2>{i18n.t(Desk::Conversation)}</h2>
            {move || list.failed.get().map(|msg| view! { <p class="field-error" role="alert">{move || msg.text(i18n.locale())}</p> })}
            <ol class="conversation" data-testid="ticket-events">
                <For each=move || list.items.get() key=|event| event.id let:event>
                    <EventItem event=event users=users/>
                </For>
            </ol>
            <MoreButton list=list on_more=Callback::new({
                let fetch = fetch.clone();
                move |_| fetch(list.next.get_untracked())
            })/>
        </div>
    }
}

/// What an event says beyond its kind, in the reader's language.
fn event_summary(event: &TicketEvent, users: &[User], i18n: I18n) -> Option<String> {
    let locale = i18n.locale();
    let details = &event.details;
    let name = |id| user_name(users, id).unwrap_or_else(|| Desk::Unassigned.text(locale).to_owned());
    match event.kind {
        TicketEventKind::Assigned | TicketEventKind::Transferred => {
            Some(format!("{} → {}", name(details.from_assignee_id), name(details.to_assignee_id)))
        }
        TicketEventKind::Escalated | TicketEventKind::Deescalated => Some(format!(
            "{} → {} · {}",
            level_label(details.from_level.unwrap_or_default(), locale),
            level_label(details.to_level.unwrap_or_default(), locale),
            name(details.to_assignee_id)
        )),
        TicketEventKind::Compensation | TicketEventKind::CompensationDecided => {
            details.compensation.as_ref().map(|c| {
                format!(
                    "{} · {} · {}",
                    compensation_label(c.kind, locale),
                    format_money(c.amount, c.currency.as_deref()),
                    compensation_status_label(c.status, locale)
                )
            })
        }
        TicketEventKind::Updated => Some(format!("{} {}", Desk::Changed.text(locale), details.changed.join(", "))),
        _ => None,
    }
}

#[component]
fn EventItem(event: TicketEvent, users: RwSignal<Vec<User>>) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, at, actor) = (event.kind, event.at, event.actor_id);
    let class = match kind {
        TicketEventKind::Reply => "event reply",
        TicketEventKind::Note => "event note",
        TicketEventKind::CustomerMessage => "event customer",
        _ => "event system",
    };
    let statuses = (event.details.from_status, event.details.to_status);
    let automatic = event.details.automatic;
    let body = event.body.clone();
    let summary = {
        let event = event.clone();
        move || users.with(|list| event_summary(&event, list, i18n))
    };
    let who = move || {
        if automatic || actor.is_none() {
            Desk::System.text(i18n.locale()).to_owned()
        } else {
            users.with(|list| user_name(list, actor)).unwrap_or_default()
        }
    };
    view! {
        <li class=class data-testid=format!("event-{}", kind.as_str())>
            <div class="event-head">
                <span class="timeline-kind">{move || event_label(kind, i18n.locale())}</span>
                <span class="muted small">{who} " · " {move || format_datetime(at, i18n.locale())}</span>
            </div>
            {match statuses {
                (Some(from), Some(to)) => Some(view! {
                    <div class="history-move"><StatusBadge status=from/><span class="arrow">"→"</span><StatusBadge status=to/></div>
                }.into_any()),
                (None, Some(to)) => Some(view! { <div class="history-move"><StatusBadge status=to/></div> }.into_any()),
                _ => None,
            }}
            <div class="muted">{summary}</div>
            {body.map(|text| view! { <div class="timeline-body">{text}</div> })}
        </li>
    }
}
