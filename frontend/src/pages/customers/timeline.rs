//! The customer timeline: interactions and stage changes, newest first, with
//! "load more", and the form that records a new interaction.

use kehu_types::{
    Channel, CreateInteraction, Direction, FieldError, PageQuery, StageHistoryEntry, TimelineEntry, TimelineKind,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{
    Loyalty, Msg, channel_label, event_label, format_datetime, format_money, points_kind_label, points_reason_text,
    rule_label, use_i18n,
};
use crate::session::use_session;
use crate::widgets::badges::{StageBadge, StatusBadge};
use crate::widgets::form_errors::FieldHint;
use crate::widgets::paged::{MoreButton, Paged};
use crate::widgets::toast::use_toasts;
use leptos_router::components::A;

#[component]
pub fn AddInteraction(id: Uuid, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let channel = RwSignal::new(Channel::Phone);
    let direction = RwSignal::new(Direction::Outbound);
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if subject.get_untracked().trim().is_empty() && body.get_untracked().trim().is_empty() {
            errors.set(vec![FieldError::new("subject", kehu_types::field_codes::REQUIRED, "")]);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        let input = CreateInteraction {
            channel: channel.get_untracked(),
            direction: direction.get_untracked(),
            subject: Some(subject.get_untracked()).filter(|s| !s.trim().is_empty()),
            body: Some(body.get_untracked()).filter(|s| !s.trim().is_empty()),
            occurred_at: None,
        };
        let session = session.clone();
        spawn_local(async move {
            let result = session.settle(session.client.create_customer_interaction(id, &input).await);
            busy.set(false);
            match result {
                Ok(_) => {
                    subject.set(String::new());
                    body.set(String::new());
                    toasts.success(Msg::InteractionAdded);
                    changes.update(|n| *n += 1);
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    view! {
        <form class="card interaction-form" on:submit=submit>
            <h2>{i18n.t(Msg::AddInteraction)}</h2>
            <div class="grid-2">
                <label class="field">
                    <span>{i18n.t(Msg::Channel)}</span>
                    <select data-testid="interaction-channel" on:change=move |ev| channel.set(Channel::parse(&event_target_value(&ev)).unwrap_or(Channel::Other))>
                        {Channel::ALL.iter().map(|c| {
                            let c = *c;
                            view! { <option value=c.as_str()>{move || channel_label(c, i18n.locale())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{i18n.t(Msg::Direction)}</span>
                    <select on:change=move |ev| direction.set(Direction::parse(&event_target_value(&ev)).unwrap_or(Direction::Outbound))>
                        <option value="outbound">{i18n.t(Msg::Outbound)}</option>
                        <option value="inbound">{i18n.t(Msg::Inbound)}</option>
                    </select>
                </label>
            </div>
            <label class="field">
                <span>{i18n.t(Msg::Subject)}</span>
                <input data-testid="interaction-subject" prop:value=move || subject.get() on:input=move |ev| subject.set(event_target_value(&ev))/>
                <FieldHint errors=errors field="subject"/>
            </label>
            <label class="field">
                <span>{i18n.t(Msg::Body)}</span>
                <textarea rows="3" data-testid="interaction-body" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                <FieldHint errors=errors field="body"/>
            </label>
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="interaction-save" disabled=move || busy.get()>
                    <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                    {i18n.t(Msg::Save)}
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn Timeline(id: Uuid, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Paged::<TimelineEntry>::new();
    let fetch = move |cursor: Option<String>| {
        let page = PageQuery { limit: Some(20), cursor: cursor.clone() };
        let client = session.client.clone();
        list.load(session.clone(), cursor, async move {
            client.get_customer_timeline(id, &page).await.map(|found| (found.items, found.next_cursor))
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
            <h2>{i18n.t(Msg::Timeline)}</h2>
            {move || match (list.failed.get(), list.loaded.get()) {
                (None, false) => view! { <p class="muted">{i18n.t(Msg::Loading)}</p> }.into_any(),
                (Some(msg), _) => view! { <p class="field-error">{move || msg.text(i18n.locale())}</p> }.into_any(),
                (None, true) if list.is_empty() => view! { <p class="muted">{i18n.t(Msg::NoTimeline)}</p> }.into_any(),
                (None, true) => view! {
                    <ol class="timeline" data-testid="timeline">
                        <For each=move || list.items.get() key=|entry| entry.id let:entry>
                            <TimelineItem entry=entry/>
                        </For>
                    </ol>
                }.into_any(),
            }}
            <MoreButton list=list on_more=Callback::new({
                let fetch = fetch.clone();
                move |_| fetch(list.next.get_untracked())
            })/>
        </div>
    }
}

#[component]
fn TimelineItem(entry: TimelineEntry) -> impl IntoView {
    let i18n = use_i18n();
    let at = entry.at;
    // Orders and refunds: what, how much, and the lines or the reason.
    let points = entry.points.map(|points| {
        let kind = points.kind;
        let label =
            move || format!("{} · {}", Loyalty::Points.text(i18n.locale()), points_kind_label(kind, i18n.locale()));
        let reason = points.reason;
        (label, format!("{:+}", points.points), move || points_reason_text(&reason, i18n.locale()))
    });
    if let Some((label, amount, reason)) = points {
        return view! {
            <li class="timeline-item" data-testid="timeline-points">
                <div class="timeline-kind">{label}</div>
                <div class="strong">{amount}</div>
                <div class="timeline-body">{reason}</div>
                <div class="muted small">{move || format_datetime(at, i18n.locale())}</div>
            </li>
        }
        .into_any();
    }
    let money_entry = match (entry.order, entry.refund) {
        (Some(order), _) => Some((
            "timeline-order",
            Msg::Order,
            order.number.clone(),
            format_money(order.total, Some(&order.currency)),
            order.items.iter().map(|i| format!("{} × {}", i.name, i.quantity)).collect::<Vec<_>>().join("、"),
        )),
        (_, Some(refund)) => Some((
            "timeline-refund",
            Msg::Refund,
            refund.order_number.clone(),
            format!("−{}", format_money(refund.amount, Some(&refund.currency))),
            refund.reason.clone(),
        )),
        _ => None,
    };
    if let Some((test_id, kind, number, amount, body)) = money_entry {
        return view! {
            <li class="timeline-item" data-testid=test_id>
                <div class="timeline-kind">{i18n.t(kind)} " " {number}</div>
                <div class="strong">{amount}</div>
                <div class="timeline-body">{body}</div>
                <div class="muted small">{move || format_datetime(at, i18n.locale())}</div>
            </li>
        }
        .into_any();
    }
    let content = match (entry.kind, entry.interaction, entry.stage_change, entry.ticket_event) {
        (TimelineKind::Interaction, Some(interaction), _, _) => {
            let channel = interaction.channel;
            view! {
                <div class="timeline-kind">{move || channel_label(channel, i18n.locale())}</div>
                <div class="strong">{interaction.subject.unwrap_or_default()}</div>
                <div class="timeline-body">{interaction.body.unwrap_or_default()}</div>
            }
            .into_any()
        }
        (_, _, Some(change), _) => view! {
            <div class="timeline-kind">{i18n.t(Msg::Stage)}</div>
            <div class="history-move">
                {change.from_stage.map(|s| view! { <StageBadge stage=s/><span class="arrow">"→"</span> })}
                <StageBadge stage=change.to_stage/>
            </div>
            <div class="timeline-body">{note_text(&change, i18n)}</div>
        }
        .into_any(),
        (_, _, _, Some(event)) => {
            let (kind, to) = (event.kind, event.details.to_status);
            view! {
                <div class="timeline-kind">
                    <A href=format!("/tickets/{}", event.ticket_id)>{event.ticket_number.clone()}</A>
                    " · " {move || event_label(kind, i18n.locale())}
                </div>
                {to.map(|status| view! { <div><StatusBadge status=status/></div> })}
                {event.body.map(|text| view! { <div class="timeline-body">{text}</div> })}
            }
            .into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <li class="timeline-item">
            {content}
            <div class="muted small">{move || format_datetime(at, i18n.locale())}</div>
        </li>
    }
    .into_any()
}

/// The note of a history row; the row written at creation gets a translated label.
pub fn note_text(entry: &StageHistoryEntry, i18n: crate::i18n::I18n) -> impl Fn() -> String + Send + Sync + use<> {
    let note = entry.note.clone();
    let (initial, rule) = (entry.from_stage.is_none(), entry.rule);
    move || match rule {
        _ if initial => Msg::StageAtCreation.text(i18n.locale()).to_owned(),
        Some(rule) => format!("{} · {note}", rule_label(rule, i18n.locale())),
        None => note.clone(),
    }
}
