//! The ticket page: what it is about and who owns it, the status actions the
//! process allows from here (and nothing else), assign, escalate and
//! compensate, the compensation given, and the conversation.

use kehu_domain::tickets::{allowed_next, is_open, is_reopen};
use kehu_types::{Compensation, Role, Ticket, TicketCategory, TicketStatus, User};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::i18n::{
    Desk, Msg, Text, channel_label, compensation_label, format_datetime, format_money, level_label, status_label,
    type_label, use_i18n,
};
use crate::pages::desk::approvals::{CompensationStatusLine, DecideCompensation, may_decide};
use crate::pages::desk::conversation::{Composer, Conversation};
use crate::pages::desk::dialogs::{AssignDialog, CompensationDialog, EscalateDialog, StatusDialog};
use crate::pages::desk::sla::SlaPanel;
use crate::pages::knowledge::list::SuggestedArticles;
use crate::pages::tasks::{AddTask, TaskList};
use crate::session::use_session;
use crate::session::user_name;
use crate::widgets::badges::{PriorityBadge, StatusBadge};
use crate::widgets::categories::{category_name, load_categories};

/// What the page shows, without the ticket's details.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Loading,
    Failed(Msg),
    Ready(Uuid, bool, Uuid),
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Box<Ticket>),
    Failed(Msg),
}

#[component]
pub fn TicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").and_then(|text| Uuid::parse_str(&text).ok()));
    let ticket = RwSignal::new(Load::Loading);
    let changes = RwSignal::new(0u32);
    let users = RwSignal::new(Vec::<User>::new());
    let categories = RwSignal::new(Vec::<TicketCategory>::new());
    session.load_directory(users, RwSignal::new(Vec::new()));
    load_categories(categories);
    let can_write = move || session.user.get().is_some_and(|u| u.role != Role::Viewer);

    Effect::new({
        let session = session.clone();
        move |_| {
            changes.track();
            let Some(id) = id.get() else {
                ticket.set(Load::Failed(Msg::ErrorNotFound));
                return;
            };
            let session = session.clone();
            spawn_local(async move {
                match session.settle(session.client.get_ticket(id).await) {
                    Ok(found) => ticket.set(Load::Ready(Box::new(found.value))),
                    Err(error) => ticket.set(Load::Failed(Msg::for_code(error.code()))),
                }
            });
        }
    });

    // The panels load their own data and follow `changes`: they are drawn again
    // only for another ticket (or when it opens or closes), not on every reload.
    let shown = Memo::new(move |_| match ticket.get() {
        Load::Loading => Shown::Loading,
        Load::Failed(msg) => Shown::Failed(msg),
        Load::Ready(found) => Shown::Ready(found.id, is_open(found.status), found.customer_id),
    });

    view! {
        <section class="ticket-page">
            <A href="/tickets" attr:class="back">"← " {i18n.t(Desk::Tickets)}</A>
            {move || match shown.get() {
                Shown::Loading => view! { <div class="state"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                Shown::Failed(msg) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                Shown::Ready(id, open, customer_id) => view! {
                    <div class="customer-layout">
                        <div class="column">
                            {move || match ticket.get() {
                                Load::Ready(found) => Some(view! {
                                    <Summary ticket=*found users=users categories=categories can_write=can_write changes=changes/>
                                }),
                                _ => None,
                            }}
                            <SlaPanel ticket_id=id changes=changes/>
                            <SuggestedArticles ticket_id=id changes=changes/>
                            <FollowUps ticket_id=id customer_id=customer_id changes=changes can_write=can_write/>
                            <Compensations ticket_id=id changes=changes/>
                        </div>
                        <div class="column wide">
                            <Show when=can_write>
                                <Composer ticket_id=id open=open changes=changes/>
                            </Show>
                            <Conversation ticket_id=id users=users changes=changes/>
                        </div>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// Which dialog is open.
#[derive(Clone, Copy, PartialEq)]
enum Action {
    Status(TicketStatus),
    Assign,
    Escalate,
    Compensate,
}

#[component]
fn Summary(
    ticket: Ticket,
    users: RwSignal<Vec<User>>,
    categories: RwSignal<Vec<TicketCategory>>,
    can_write: impl Fn() -> bool + Send + Sync + Copy + 'static,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = RwSignal::new(None::<Action>);
    let dialog_open = RwSignal::new(false);
    Effect::new(move |_| {
        if !dialog_open.get() {
            action.set(None);
        }
    });
    let start = move |chosen: Action| {
        action.set(Some(chosen));
        dialog_open.set(true);
    };
    let status = ticket.status;
    let open = is_open(status);
    let category = ticket.category_id;
    let assignee = ticket.assignee_id;
    let (ticket_type, priority, channel, level) =
        (ticket.ticket_type, ticket.priority, ticket.channel, ticket.escalation_level);
    let detail = |label: Text, value: Box<dyn Fn() -> String + Send + Sync>| {
        view! { <div class="detail"><dt>{i18n.t(label)}</dt><dd>{value}</dd></div> }
    };
    let dialog_ticket = ticket.clone();
    view! {
        <div class="card profile">
            <div class="profile-head">
                <div>
                    <p class="mono muted" data-testid="ticket-number">{ticket.number.clone()}</p>
                    <h1 data-testid="ticket-subject">{ticket.subject.clone()}</h1>
                    <A href=format!("/customers/{}", ticket.customer_id) attr:data-testid="ticket-customer-link">{ticket.customer_name.clone()}</A>
                </div>
                <div class="stage-box">
                    <span data-testid="ticket-status"><StatusBadge status=status/></span>
                    <PriorityBadge priority=priority/>
                </div>
            </div>
            <Show when=can_write>
                <div class="actions status-actions" data-testid="status-actions">
                    {allowed_next(status).iter().map(|to| {
                        let to = *to;
                        let label = move || if is_reopen(status, to) { Desk::Reopen.text(i18n.locale()) } else { status_label(to, i18n.locale()) };
                        view! {
                            <button class="button small primary" data-testid=format!("move-{}", to.as_str()) on:click=move |_| start(Action::Status(to))>
                                "→ " {label}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <div class="actions">
                    // A closed ticket is archived: it cannot change hands until reopened.
                    <Show when=move || status != TicketStatus::Closed>
                        <button class="button small" data-testid="assign-ticket" on:click=move |_| start(Action::Assign)>{i18n.t(Desk::Assign)}</button>
                    </Show>
                    <Show when=move || open>
                        <button class="button small" data-testid="escalate-ticket" on:click=move |_| start(Action::Escalate)>{i18n.t(Desk::Escalation)}</button>
                    </Show>
                    <button class="button small" data-testid="compensate-ticket" on:click=move |_| start(Action::Compensate)>{i18n.t(Desk::Compensate)}</button>
                </div>
            </Show>
            <dl class="details">
                {detail(Desk::Type.into(), Box::new(move || type_label(ticket_type, i18n.locale()).to_owned()))}
                {detail(Desk::Category.into(), Box::new(move || categories.with(|list| list.iter().find(|c| Some(c.id) == category)
                    .map(|c| category_name(c, i18n.locale()))).unwrap_or_else(|| "—".to_owned())))}
                {detail(Desk::Channel.into(), Box::new(move || channel_label(channel, i18n.locale()).to_owned()))}
                <div class="detail"><dt>{i18n.t(Desk::Assignee)}</dt><dd data-testid="ticket-assignee">{move || users.with(|list| user_name(list, assignee))
                    .unwrap_or_else(|| Desk::Unassigned.text(i18n.locale()).to_owned())}</dd></div>
                <div class="detail"><dt>{i18n.t(Desk::Escalation)}</dt><dd data-testid="ticket-level">{move || level_label(level, i18n.locale())}</dd></div>
                {detail(Msg::Created.into(), Box::new({
                    let at = ticket.created_at;
                    move || format_datetime(at, i18n.locale())
                }))}
                {ticket.first_response_at.map(|at| detail(Desk::FirstResponse.into(), Box::new(move || format_datetime(at, i18n.locale()))))}
            </dl>
            {ticket.description.clone().map(|text| view! { <p class="timeline-body description">{text}</p> })}
            {ticket.resolution_summary.clone().map(|text| view! {
                <div class="resolution"><h3>{i18n.t(Desk::ResolutionSummary)}</h3><p class="timeline-body">{text}</p></div>
            })}
            {ticket.root_cause.clone().map(|text| view! {
                <div class="resolution"><h3>{i18n.t(Desk::RootCause)}</h3><p class="timeline-body">{text}</p></div>
            })}
            {move || action.get().map(|chosen| {
                let ticket = dialog_ticket.clone();
                match chosen {
                    Action::Status(to) => view! { <StatusDialog ticket=ticket to=to categories=categories open=dialog_open changes=changes/> }.into_any(),
                    Action::Assign => view! { <AssignDialog ticket=ticket users=users open=dialog_open changes=changes/> }.into_any(),
                    Action::Escalate => view! { <EscalateDialog ticket=ticket users=users open=dialog_open changes=changes/> }.into_any(),
                    Action::Compensate => view! { <CompensationDialog ticket_id=ticket.id open=dialog_open changes=changes/> }.into_any(),
                }
            })}
        </div>
    }
}

/// The ticket's follow-up tasks and a form to add one.
#[component]
fn FollowUps(
    ticket_id: Uuid,
    customer_id: Uuid,
    changes: RwSignal<u32>,
    can_write: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = kehu_types::TaskQuery { ticket_id: Some(ticket_id), limit: Some(50), ..Default::default() };
    view! {
        <div class="card" data-testid="follow-ups">
            <h2>{i18n.t(Desk::FollowUps)}</h2>
            <TaskList query=query changes=changes/>
        </div>
        <Show when=can_write>
            <AddTask ticket_id=Some(ticket_id) customer_id=Some(customer_id) changes=changes/>
        </Show>
    }
}

#[component]
fn Compensations(ticket_id: Uuid, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let items = RwSignal::new(Vec::<Compensation>::new());
    Effect::new({
        let session = session.clone();
        move |_| {
            changes.track();
            let session = session.clone();
            spawn_local(async move {
                if let Ok(found) = session.settle(session.client.list_ticket_compensations(ticket_id).await) {
                    items.set(found.items);
                }
            });
        }
    });
    let role = move || session.user.get().map(|u| u.role);
    let me = move || session.user.get().map(|u| u.id);
    let decided = Callback::new(move |()| changes.update(|n| *n += 1));
    view! {
        <div class="card">
            <h2>{i18n.t(Desk::Compensations)}</h2>
            <Show when=move || !items.with(Vec::is_empty) fallback=move || view! { <p class="muted">{i18n.t(Desk::NoCompensations)}</p> }>
                <ul class="history" data-testid="compensations">
                    <For each=move || items.get() key=|c| (c.id, c.status) let:item>
                        <li>
                            <div class="strong">{move || compensation_label(item.kind, i18n.locale())} " · " {format_money(item.amount, item.currency.as_deref())}</div>
                            <div>{item.reason.clone()}</div>
                            <div class="muted small">{move || format_datetime(item.created_at, i18n.locale())}</div>
                            <CompensationStatusLine item=item.clone()/>
                            {
                                let item = item.clone();
                                move || may_decide(role(), me(), &item).then(|| view! { <DecideCompensation id=item.id decided=decided/> })
                            }
                        </li>
                    </For>
                </ul>
            </Show>
        </div>
    }
}
