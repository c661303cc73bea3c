//! The ticket queues: ready-made views (mine, my team, unassigned, escalated,
//! all), filters on status, type and priority, debounced search over numbers,
//! subjects and conversations, and "load more". The URL carries the view and
//! the filters, so a queue can be bookmarked.

use kehu_types::{Priority, Ticket, TicketQuery, TicketStatus, TicketType, TicketView, User};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::i18n::{Approval, Desk, Msg, format_date, priority_label, status_label, type_label, use_i18n, view_label};
use crate::pages::desk::sla::SlaBadge;
use crate::session::{use_session, user_name};
use crate::widgets::badges::{PriorityBadge, StatusBadge};
use crate::widgets::list_url::{debounced_search, url_setter};
use crate::widgets::paged::{MoreButton, Paged};

const PAGE_SIZE: u32 = 50;
const FILTER_KEYS: [&str; 6] = ["view", "q", "status", "type", "priority", "open"];

/// The list query a URL asks for; unknown values are ignored.
pub(crate) fn ticket_filters_from(get: impl Fn(&str) -> Option<String>) -> TicketQuery {
    let text = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    TicketQuery {
        view: text("view").and_then(|v| TicketView::parse(&v)),
        q: text("q"),
        status: text("status").and_then(|v| TicketStatus::parse(&v)),
        ticket_type: text("type").and_then(|v| TicketType::parse(&v)),
        priority: text("priority").and_then(|v| Priority::parse(&v)),
        open: text("open").map(|v| v == "true"),
        ..TicketQuery::default()
    }
}

#[component]
pub fn TicketList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(|map| ticket_filters_from(|key| map.get(key))));
    let typed = RwSignal::new(query.get_untracked().get("q").unwrap_or_default());
    let list = Paged::<Ticket>::new();
    let users = RwSignal::new(Vec::<User>::new());
    session.load_directory(users, RwSignal::new(Vec::new()));
    let may_approve = {
        let user = session.user;
        move || user.get().is_some_and(|u| matches!(u.role, kehu_types::Role::Manager | kehu_types::Role::Admin))
    };
    let can_write = {
        let user = session.user;
        move || user.get().is_some_and(|u| u.role != kehu_types::Role::Viewer)
    };

    let set_param = url_setter("/tickets", &FILTER_KEYS);
    let fetch = move |cursor: Option<String>| {
        let request = TicketQuery { limit: Some(PAGE_SIZE), cursor: cursor.clone(), ..filters.get_untracked() };
        let client = session.client.clone();
        list.load(session.clone(), cursor, async move {
            client.list_tickets(&request).await.map(|page| (page.items, page.next_cursor))
        });
    };
    Effect::new({
        let fetch = fetch.clone();
        move |_| {
            filters.track();
            list.restart();
            fetch(None);
        }
    });
    let on_search = {
        let search = debounced_search(set_param.clone(), "q");
        move |text: String| {
            typed.set(text.clone());
            search(text);
        }
    };
    let on_filter = {
        let set_param = set_param.clone();
        move |key: &'static str| {
            let set_param = set_param.clone();
            move |ev: leptos::ev::Event| set_param(key, Some(event_target_value(&ev)))
        }
    };
    let view_tab = move |view: Option<TicketView>| {
        let href = view.map_or("/tickets".to_owned(), |v| format!("/tickets?view={}", v.as_str()));
        let current = move || filters.with(|f| f.view) == view;
        let label = move || view.map_or(Desk::AllTickets.text(i18n.locale()), |v| view_label(v, i18n.locale()));
        let test_id = format!("view-{}", view.map_or("all", TicketView::as_str));
        view! {
            <A href=href attr:class="tab" attr:aria-selected=move || current().to_string() attr:data-testid=test_id>
                {label}
            </A>
        }
    };

    view! {
        <section class="list-page">
            <div class="page-head">
                <h1>{i18n.t(Desk::Tickets)}</h1>
                <div class="actions">
                    <Show when=may_approve>
                        <A href="/tickets/approvals" attr:class="button" attr:data-testid="approvals-link">{i18n.t(Approval::Queue)}</A>
                    </Show>
                    <Show when=can_write>
                        <A href="/tickets/new" attr:class="button primary" attr:data-testid="new-ticket">"+ " {i18n.t(Desk::NewTicket)}</A>
                    </Show>
                </div>
            </div>
            <nav class="queue-tabs" role="tablist">
                {view_tab(None)}
                {TicketView::ALL.iter().map(|v| view_tab(Some(*v))).collect_view()}
            </nav>
            <div class="toolbar">
                <input class="search" type="search" data-testid="ticket-search"
                    aria-label=i18n.t(Desk::TicketSearch) placeholder=i18n.t(Desk::TicketSearch)
                    prop:value=move || typed.get() on:input=move |ev| on_search(event_target_value(&ev))/>
                <select class="select" data-testid="status-filter" aria-label=i18n.t(Msg::Status)
                    prop:value=move || filters.with(|f| f.status.map(|s| s.as_str()).unwrap_or_default())
                    on:change=on_filter("status")>
                    <option value="">{i18n.t(Desk::AnyStatus)}</option>
                    {TicketStatus::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.as_str()>{move || status_label(s, i18n.locale())}</option> }
                    }).collect_view()}
                </select>
                <select class="select" data-testid="type-filter" aria-label=i18n.t(Desk::Type)
                    prop:value=move || filters.with(|f| f.ticket_type.map(|s| s.as_str()).unwrap_or_default())
                    on:change=on_filter("type")>
                    <option value="">{i18n.t(Desk::AnyType)}</option>
                    {TicketType::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.as_str()>{move || type_label(s, i18n.locale())}</option> }
                    }).collect_view()}
                </select>
                <select class="select" data-testid="priority-filter" aria-label=i18n.t(Desk::Priority)
                    prop:value=move || filters.with(|f| f.priority.map(|s| s.as_str()).unwrap_or_default())
                    on:change=on_filter("priority")>
                    <option value="">{i18n.t(Desk::AnyPriority)}</option>
                    {Priority::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.as_str()>{move || priority_label(s, i18n.locale())}</option> }
                    }).collect_view()}
                </select>
                <label class="check">
                    <input type="checkbox" data-testid="open-only" prop:checked=move || filters.with(|f| f.open == Some(true))
                        on:change={
                            let set_param = set_param.clone();
                            move |ev| set_param("open", event_target_checked(&ev).then(|| "true".to_owned()))
                        }/>
                    {i18n.t(Desk::OpenOnly)}
                </label>
            </div>
            {move || match (list.failed.get(), list.loaded.get()) {
                (None, false) => view! { <div class="state" aria-busy="true"><span class="spinner"></span>{i18n.t(Msg::Loading)}</div> }.into_any(),
                (Some(msg), _) => view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> }.into_any(),
                (None, true) if list.is_empty() => view! {
                    <div class="state empty" data-testid="empty-state">
                        <p class="state-title">{i18n.t(Desk::NoTickets)}</p>
                        <p class="muted">{i18n.t(Desk::NoTicketsHint)}</p>
                    </div>
                }.into_any(),
                (None, true) => view! { <TicketTable items=list.items users=users/> }.into_any(),
            }}
            <MoreButton list=list on_more=Callback::new({
                let fetch = fetch.clone();
                move |_| fetch(list.next.get_untracked())
            })/>
        </section>
    }
}

/// A table of tickets, also used on the customer page.
#[component]
pub fn TicketTable(items: RwSignal<Vec<Ticket>>, users: RwSignal<Vec<User>>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="ticket-table">
                <thead>
                    <tr>
                        <th>{i18n.t(Desk::Number)}</th>
                        <th>{i18n.t(Desk::Subject)}</th>
                        <th class="hide-narrow">{i18n.t(Desk::Customer)}</th>
                        <th>{i18n.t(Desk::Type)}</th>
                        <th>{i18n.t(Desk::Priority)}</th>
                        <th>{i18n.t(Msg::Status)}</th>
                        <th>{i18n.t(Desk::Sla)}</th>
                        <th class="hide-narrow">{i18n.t(Desk::Assignee)}</th>
                        <th class="hide-narrow">{i18n.t(Msg::Created)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || items.get() key=|t| (t.id, t.version) let:ticket>
                        <tr class="clickable" on:click={
                            let navigate = navigate.clone();
                            let href = format!("/tickets/{}", ticket.id);
                            move |_| navigate(&href, Default::default())
                        }>
                            <td class="mono"><A href=format!("/tickets/{}", ticket.id)>{ticket.number.clone()}</A></td>
                            <td class="strong subject-cell">
                                {ticket.subject.clone()}
                                <Show when=move || { ticket.escalation_level > 0 }>
                                    <span class="pill escalated">{format!("↑{}", ticket.escalation_level)}</span>
                                </Show>
                            </td>
                            <td class="hide-narrow">{ticket.customer_name.clone()}</td>
                            <td>{move || type_label(ticket.ticket_type, i18n.locale())}</td>
                            <td><PriorityBadge priority=ticket.priority/></td>
                            <td><StatusBadge status=ticket.status/></td>
                            <td><SlaBadge due=ticket.sla_due_at breached=ticket.sla_breached/></td>
                            <td class="hide-narrow">{move || users.with(|list| user_name(list, ticket.assignee_id))
                                .unwrap_or_else(|| Desk::Unassigned.text(i18n.locale()).to_owned())}</td>
                            <td class="hide-narrow muted">{move || format_date(ticket.created_at, i18n.locale())}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// A customer's tickets, newest first, with "new ticket" for writers.
#[component]
pub fn CustomerTickets(
    customer_id: uuid::Uuid,
    can_write: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let items = RwSignal::new(Vec::<Ticket>::new());
    let users = RwSignal::new(Vec::<User>::new());
    session.load_directory(users, RwSignal::new(Vec::new()));
    spawn_local(async move {
        let request = TicketQuery { customer_id: Some(customer_id), limit: Some(20), ..Default::default() };
        if let Ok(page) = session.settle(session.client.list_tickets(&request).await) {
            items.set(page.items);
        }
    });
    view! {
        <div class="card">
            <div class="card-head">
                <h2>{i18n.t(Desk::TicketsOfCustomer)}</h2>
                <Show when=can_write>
                    <A href=format!("/tickets/new?customer={customer_id}") attr:class="button small" attr:data-testid="customer-new-ticket">
                        "+ " {i18n.t(Desk::NewTicket)}
                    </A>
                </Show>
            </div>
            <Show when=move || !items.with(Vec::is_empty) fallback=move || view! { <p class="muted">{i18n.t(Desk::NoTickets)}</p> }>
                <ul class="history" data-testid="customer-tickets">
                    <For each=move || items.get() key=|t| (t.id, t.version) let:ticket>
                        <li>
                            <A href=format!("/tickets/{}", ticket.id)>
                                <span class="mono">{ticket.number.clone()}</span> " " {ticket.subject.clone()}
                            </A>
                            <div class="history-move"><StatusBadge status=ticket.status/><PriorityBadge priority=ticket.priority/></div>
                        </li>
                    </For>
                </ul>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_url_restores_its_view_and_filters() {
        let pairs = [
            ("view", "escalated"),
            ("status", "in_progress"),
            ("type", "complaint"),
            ("open", "true"),
            ("q", " 退款 "),
        ];
        let query = ticket_filters_from(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| (*v).to_owned()));
        assert_eq!(query.view, Some(TicketView::Escalated));
        assert_eq!(query.status, Some(TicketStatus::InProgress));
        assert_eq!(query.ticket_type, Some(TicketType::Complaint));
        assert_eq!((query.open, query.q.as_deref()), (Some(true), Some("退款")));
        let junk = ticket_filters_from(|key| (key == "view").then(|| "everything".to_owned()));
        assert_eq!(junk.view, None);
    }
}
