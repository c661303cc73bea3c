//! The ticket's actions, each a dialog: a status move (asking for what the
//! target status needs), assign or transfer, escalate or de-escalate, and
//! compensation. Each reports field errors in place and bumps `changes`.

use kehu_types::{
    AssignTicket, CompensationKind, CreateCompensation, EscalateTicket, FieldError, MAX_ESCALATION_LEVEL, Ticket,
    TicketCategory, TicketStatus, TicketStatusChange, TicketType, User, field_codes,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{Amounts, Desk, Msg, Text, level_label, status_label, use_i18n};
use crate::session::use_session;
use crate::widgets::categories::CategorySelect;
use crate::widgets::choice::ChoiceSelect;
use crate::widgets::currency::{CurrencySelect, business_currency};
use crate::widgets::dialog::Dialog;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

/// Run a ticket action: show progress, then a toast, close and refresh on
/// success, or the field errors and a toast on failure.
fn run_action<T: 'static>(
    busy: RwSignal<bool>,
    errors: RwSignal<Vec<FieldError>>,
    open: RwSignal<bool>,
    changes: RwSignal<u32>,
    done: impl Into<Text> + 'static,
    call: impl std::future::Future<Output = Result<T, kehu_client::Error>> + 'static,
) {
    let session = use_session();
    let toasts = use_toasts();
    let done = done.into();
    busy.set(true);
    spawn_local(async move {
        let result = session.settle(call.await);
        busy.set(false);
        match result {
            Ok(_) => {
                toasts.success(done);
                open.set(false);
                changes.update(|n| *n += 1);
            }
            Err(error) => {
                toasts.refused(&error, errors);
            }
        }
    });
}

fn text_input(signal: RwSignal<String>) -> impl Fn(leptos::ev::Event) + Copy {
    move |ev| signal.set(event_target_value(&ev))
}

fn filled(signal: RwSignal<String>) -> Option<String> {
    Some(signal.get_untracked()).filter(|text| !text.trim().is_empty())
}

#[component]
pub fn StatusDialog(
    ticket: Ticket,
    to: TicketStatus,
    categories: RwSignal<Vec<TicketCategory>>,
    open: RwSignal<bool>,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let category = RwSignal::new(ticket.category_id);
    let priority = RwSignal::new(ticket.priority);
    let note = RwSignal::new(String::new());
    let summary = RwSignal::new(ticket.resolution_summary.clone().unwrap_or_default());
    let root_cause = RwSignal::new(ticket.root_cause.clone().unwrap_or_default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let complaint = ticket.ticket_type == TicketType::Complaint;
    let (id, version) = (ticket.id, ticket.version);
    let submit = move |_: SubmitEvent| {
        let mut missing = Vec::new();
        if to == TicketStatus::Triaged && category.get_untracked().is_none() {
            missing.push(FieldError::new("category_id", field_codes::REQUIRED, ""));
        }
        if to == TicketStatus::Closed && filled(summary).is_none() {
            missing.push(FieldError::new("resolution_summary", field_codes::REQUIRED, ""));
        }
        if to == TicketStatus::Closed && complaint && filled(root_cause).is_none() {
            missing.push(FieldError::new("root_cause", field_codes::REQUIRED, ""));
        }
        if !missing.is_empty() {
            errors.set(missing);
            return;
        }
        let triage = to == TicketStatus::Triaged;
        let request = TicketStatusChange {
            status: to,
            note: filled(note),
            category_id: if triage { category.get_untracked() } else { None },
            priority: triage.then(|| priority.get_untracked()),
            resolution_summary: filled(summary),
            root_cause: filled(root_cause),
        };
        let client = session.client.clone();
        run_action(busy, errors, open, changes, Desk::StatusChanged, async move {
            client.change_ticket_status(id, &request, Some(version)).await
        });
    };
    view! {
        <Dialog title=Desk::MoveTo subtitle=status_label(to, i18n.locale()).to_owned() on_close=Callback::new(move |_| open.set(false))
            on_submit=Callback::new(submit) busy=busy save_id="status-save">
            <Show when=move || to == TicketStatus::Triaged>
                <label class="field">
                    <span>{i18n.t(Desk::Category)} " *"</span>
                    <CategorySelect categories=categories value=category test_id="triage-category"/>
                    <FieldHint errors=errors field="category_id"/>
                </label>
                <label class="field">
                    <span>{i18n.t(Desk::Priority)}</span>
                    <ChoiceSelect value=priority test_id="triage-priority"/>
                </label>
            </Show>
            <Show when=move || matches!(to, TicketStatus::Resolved | TicketStatus::Closed)>
                <label class="field">
                    <span>{i18n.t(Desk::ResolutionSummary)} {(to == TicketStatus::Closed).then_some(" *")}</span>
                    <textarea rows="3" data-testid="resolution-summary" prop:value=move || summary.get() on:input=text_input(summary)></textarea>
                    <FieldHint errors=errors field="resolution_summary"/>
                </label>
            </Show>
            <Show when=move || to == TicketStatus::Closed && complaint>
                <label class="field">
                    <span>{i18n.t(Desk::RootCause)} " *"</span>
                    <textarea rows="2" data-testid="root-cause" prop:value=move || root_cause.get() on:input=text_input(root_cause)></textarea>
                    <FieldHint errors=errors field="root_cause"/>
                </label>
            </Show>
            <label class="field">
                <span>{i18n.t(Desk::Note)}</span>
                <textarea rows="2" data-testid="status-note" prop:value=move || note.get() on:input=text_input(note)></textarea>
                <FieldHint errors=errors field="note"/>
            </label>
        </Dialog>
    }
}

/// The users who may own a ticket (active, and not read-only viewers) as
/// options, with the current choice selected.
fn user_options(users: RwSignal<Vec<User>>, value: RwSignal<Option<Uuid>>) -> impl IntoView {
    move || {
        users
            .get()
            .into_iter()
            .filter(|u| u.active && u.role != kehu_types::Role::Viewer)
            .map(|u| {
                let id = u.id;
                view! { <option value=id.to_string() selected=move || value.get() == Some(id)>{u.name}</option> }
            })
            .collect_view()
    }
}

#[component]
pub fn AssignDialog(
    ticket: Ticket,
    users: RwSignal<Vec<User>>,
    open: RwSignal<bool>,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let assignee = RwSignal::new(ticket.assignee_id);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (id, version, current) = (ticket.id, ticket.version, ticket.assignee_id);
    let transfer = move || current.is_some() && assignee.get() != current;
    let submit = move |_: SubmitEvent| {
        if transfer() && filled(note).is_none() {
            errors.set(vec![FieldError::new("note", field_codes::REQUIRED, "")]);
            return;
        }
        let request = AssignTicket { assignee_id: assignee.get_untracked(), team_id: None, note: filled(note) };
        let client = session.client.clone();
        run_action(busy, errors, open, changes, Desk::Assigned, async move {
            client.assign_ticket(id, &request, Some(version)).await
        });
    };
    view! {
        <Dialog title=Desk::Assign on_close=Callback::new(move |_| open.set(false)) on_submit=Callback::new(submit)
            busy=busy save_id="assign-save">
            <label class="field">
                <span>{i18n.t(Desk::Assignee)}</span>
                <select data-testid="assignee-select" on:change=move |ev| assignee.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="" selected=move || assignee.get().is_none()>{i18n.t(Desk::Unassigned)}</option>
                    {user_options(users, assignee)}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t(Desk::HandOffNote)} {move || transfer().then_some(" *")}</span>
                <textarea rows="3" data-testid="assign-note" prop:value=move || note.get() on:input=text_input(note)></textarea>
                <FieldHint errors=errors field="note"/>
            </label>
            <FieldHint errors=errors field="assignee_id"/>
        </Dialog>
    }
}

#[component]
pub fn EscalateDialog(
    ticket: Ticket,
    users: RwSignal<Vec<User>>,
    open: RwSignal<bool>,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = ticket.escalation_level;
    let level = RwSignal::new((current + 1).min(MAX_ESCALATION_LEVEL));
    let assignee = RwSignal::new(None::<Uuid>);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (id, version) = (ticket.id, ticket.version);
    let raising = move || level.get() > current;
    let submit = move |_: SubmitEvent| {
        let mut missing = Vec::new();
        if filled(reason).is_none() {
            missing.push(FieldError::new("reason", field_codes::REQUIRED, ""));
        }
        if level.get_untracked() > current && assignee.get_untracked().is_none() {
            missing.push(FieldError::new("assignee_id", field_codes::REQUIRED, ""));
        }
        if !missing.is_empty() {
            errors.set(missing);
            return;
        }
        let request = EscalateTicket {
            level: level.get_untracked(),
            reason: reason.get_untracked(),
            assignee_id: assignee.get_untracked(),
        };
        let client = session.client.clone();
        run_action(busy, errors, open, changes, Desk::Escalated, async move {
            client.escalate_ticket(id, &request, Some(version)).await
        });
    };
    view! {
        <Dialog title=Desk::Escalation on_close=Callback::new(move |_| open.set(false)) on_submit=Callback::new(submit)
            busy=busy save_id="escalate-save">
            <label class="field">
                <span>{i18n.t(Desk::Level)}</span>
                <select data-testid="escalation-level" on:change=move |ev| if let Ok(l) = event_target_value(&ev).parse() { level.set(l) }>
                    {(0..=MAX_ESCALATION_LEVEL).filter(|l| *l != current).map(|l| {
                        view! { <option value=l.to_string() selected=move || level.get() == l>{move || level_label(l, i18n.locale())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t(Desk::TakesOver)} {move || raising().then_some(" *")}</span>
                <select data-testid="escalation-assignee" on:change=move |ev| assignee.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="">"—"</option>
                    {user_options(users, assignee)}
                </select>
                <FieldHint errors=errors field="assignee_id"/>
            </label>
            <label class="field">
                <span>{i18n.t(Desk::EscalationReason)} " *"</span>
                <textarea rows="3" data-testid="escalation-reason" prop:value=move || reason.get() on:input=text_input(reason)></textarea>
                <FieldHint errors=errors field="reason"/>
            </label>
            <FieldHint errors=errors field="level"/>
        </Dialog>
    }
}

#[component]
pub fn CompensationDialog(ticket_id: Uuid, open: RwSignal<bool>, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let kind = RwSignal::new(CompensationKind::Coupon);
    let amount = RwSignal::new(String::new());
    let currency = RwSignal::new(String::new());
    // Compensation is given in the business's currency unless chosen here.
    let business = business_currency();
    Effect::new(move |_| {
        if let Some(code) = business.get()
            && currency.get_untracked().is_empty()
        {
            currency.set(code);
        }
    });
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let points = move || kind.get() == CompensationKind::Points;
    let submit = move |_: SubmitEvent| {
        // Points are whole; money is typed in its currency's decimals.
        let unit = if kind.get_untracked() == CompensationKind::Points { None } else { filled(currency) };
        let mut amounts = Amounts::default();
        let value = amounts.read("amount", &amount.get_untracked(), unit.as_deref());
        if filled(reason).is_none() {
            amounts.0.push(FieldError::new("reason", field_codes::REQUIRED, ""));
        }
        if amounts.refused(errors) {
            return;
        }
        let request = CreateCompensation {
            kind: kind.get_untracked(),
            amount: value,
            currency: unit,
            reason: reason.get_untracked(),
        };
        let client = session.client.clone();
        run_action(busy, errors, open, changes, Desk::CompensationAdded, async move {
            client.create_ticket_compensation(ticket_id, &request).await
        });
    };
    view! {
        <Dialog title=Desk::Compensate on_close=Callback::new(move |_| open.set(false)) on_submit=Callback::new(submit)
            busy=busy save_id="compensation-save">
            <label class="field">
                <span>{i18n.t(Desk::Type)}</span>
                <ChoiceSelect value=kind test_id="compensation-kind"/>
            </label>
            <div class="grid-2">
                <label class="field">
                    <span>{i18n.t(Desk::Amount)} " *"</span>
                    <input inputmode="decimal" data-testid="compensation-amount" prop:value=move || amount.get() on:input=text_input(amount)/>
                    <FieldHint errors=errors field="amount"/>
                </label>
                <Show when=move || !points()>
                    <label class="field">
                        <span>{i18n.t(Desk::Currency)}</span>
                        <CurrencySelect value=currency test_id="compensation-currency"/>
                        <FieldHint errors=errors field="currency"/>
                    </label>
                </Show>
            </div>
            <label class="field">
                <span>{i18n.t(Msg::Reason)} " *"</span>
                <textarea rows="2" data-testid="compensation-reason" prop:value=move || reason.get() on:input=text_input(reason)></textarea>
                <FieldHint errors=errors field="reason"/>
            </label>
        </Dialog>
    }
}
