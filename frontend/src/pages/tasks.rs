//! Follow-up tasks: the tasks page (my open tasks, overdue, due today, done),
//! the list with a done checkbox, and the form that adds one — also used on a
//! ticket's page, where the task is linked to the ticket and its customer.

use chrono::{DateTime, NaiveDateTime, Utc};
use kehu_types::{CreateTask, FieldError, TaskKind, TaskQuery, UpdateTask, field_codes};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

use crate::i18n::{Desk, Msg, format_datetime, task_kind_label, use_i18n};
use crate::session::use_session;
use crate::widgets::choice::ChoiceSelect;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

/// The value of a `datetime-local` input as an instant in the reader's zone.
pub fn parse_local(text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok()?;
    crate::time::from_local(naive)
}

/// Tomorrow at 10:00 in the reader's zone, as a `datetime-local` value.
fn tomorrow_morning() -> String {
    let today = crate::time::today();
    format!("{}T10:00", today.succ_opt().unwrap_or(today))
}

/// The end of today in the reader's zone.
fn end_of_today() -> DateTime<Utc> {
    let end = crate::time::today().and_hms_opt(23, 59, 59).unwrap_or_default();
    crate::time::from_local(end).unwrap_or_else(Utc::now)
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Open,
    Overdue,
    Today,
    Done,
}

impl Tab {
    fn query(self) -> TaskQuery {
        let open = TaskQuery { mine: Some(true), done: Some(false), limit: Some(200), ..Default::default() };
        match self {
            Tab::Open => open,
            Tab::Overdue => TaskQuery { due_before: Some(Utc::now()), ..open },
            Tab::Today => TaskQuery { due_before: Some(end_of_today()), ..open },
            Tab::Done => TaskQuery { done: Some(true), ..open },
        }
    }
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let tab = RwSignal::new(Tab::Open);
    let changes = RwSignal::new(0u32);
    let can_write = move || session.user.get().is_some_and(|u| u.role != kehu_types::Role::Viewer);
    let tab_button = move |which: Tab, label: Desk, id: &'static str| {
        view! {
            <button class="tab-button" role="tab" aria-selected=move || (tab.get() == which).to_string() data-testid=id
                on:click=move |_| tab.set(which)>{i18n.t(label)}</button>
        }
    };
    view! {
        <section class="list-page">
            <div class="page-head"><h1>{i18n.t(Desk::Tasks)}</h1></div>
            <nav class="queue-tabs" role="tablist">
                {tab_button(Tab::Open, Desk::MyTasks, "tasks-open")}
                {tab_button(Tab::Overdue, Desk::OverdueTasks, "tasks-overdue")}
                {tab_button(Tab::Today, Desk::DueToday, "tasks-today")}
                {tab_button(Tab::Done, Desk::DoneTasks, "tasks-done")}
            </nav>
            <div class="customer-layout">
                <div class="column wide">
                    {move || {
                        let query = tab.get().query();
                        view! { <TaskList query=query changes=changes/> }
                    }}
                </div>
                <div class="column">
                    <Show when=can_write>
                        <AddTask ticket_id=None customer_id=None changes=changes/>
                    </Show>
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn TaskList(query: TaskQuery, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let items = RwSignal::new(None::<Result<Vec<kehu_types::Task>, Msg>>);
    Effect::new({
        let session = session.clone();
        move |_| {
            changes.track();
            let session = session.clone();
            let query = query.clone();
            spawn_local(async move {
                let result = session.settle(session.client.list_tasks(&query).await);
                items.set(Some(result.map(|page| page.items).map_err(|e| Msg::for_code(e.code()))));
            });
        }
    });
    let toggle = Callback::new(move |(id, done): (Uuid, bool)| {
        let session = session.clone();
        spawn_local(async move {
            let patch = UpdateTask { done: Some(done), ..Default::default() };
            match session.settle(session.client.update_task(id, &patch).await) {
                Ok(_) => {
                    toasts.success(if done { Desk::TaskDone } else { Desk::TaskReopened });
                    changes.update(|n| *n += 1);
                }
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    });
    move || {
        match items.get() {
        None => view! { <p class="muted">{i18n.t(Msg::Loading)}</p> }.into_any(),
        Some(Err(msg)) => view! { <p class="field-error" role="alert">{move || msg.text(i18n.locale())}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p class="muted" data-testid="no-tasks">{i18n.t(Desk::NoTasks)}</p> }.into_any(),
        Some(Ok(list)) => view! {
            <ul class="task-list" data-testid="task-list">
                {list.into_iter().map(|task| {
                    let (id, done, kind, due) = (task.id, task.done_at.is_some(), task.kind, task.due_at);
                    let late = !done && due < Utc::now();
                    view! {
                        <li class="task" class:done=done data-testid="task">
                            <input type="checkbox" aria-label=task.title.clone() prop:checked=done data-testid="task-done"
                                on:change=move |ev| toggle.run((id, event_target_checked(&ev)))/>
                            <div class="task-body">
                                <div><span class="pill">{move || task_kind_label(kind, i18n.locale())}</span> " " <span class="strong">{task.title.clone()}</span></div>
                                <div class="muted small" class:late=late>{i18n.t(Desk::DueAt)} " " {move || format_datetime(due, i18n.locale())}</div>
                                {task.notes.clone().map(|notes| view! { <div class="timeline-body small">{notes}</div> })}
                                <div class="small">
                                    {task.ticket_id.map(|ticket| view! { <A href=format!("/tickets/{ticket}")>{i18n.t(Desk::Tickets)}</A> " " })}
                                    {task.customer_id.map(|customer| view! { <A href=format!("/customers/{customer}")>{i18n.t(Desk::Customer)}</A> })}
                                </div>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any(),
    }
    }
}

#[component]
pub fn AddTask(ticket_id: Option<Uuid>, customer_id: Option<Uuid>, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let kind = RwSignal::new(TaskKind::Call);
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(tomorrow_morning());
    let notes = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let mut missing = Vec::new();
        if title.get_untracked().trim().is_empty() {
            missing.push(FieldError::new("title", field_codes::REQUIRED, ""));
        }
        let due_at = parse_local(&due.get_untracked());
        if due_at.is_none() {
            missing.push(FieldError::new("due_at", field_codes::REQUIRED, ""));
        }
        errors.set(missing.clone());
        let Some(due_at) = due_at.filter(|_| missing.is_empty()) else { return };
        let input = CreateTask {
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            notes: Some(notes.get_untracked()).filter(|n| !n.trim().is_empty()),
            due_at,
            assignee_id: None,
            customer_id,
            customer: None,
            ticket_id,
        };
        busy.set(true);
        let session = session.clone();
        spawn_local(async move {
            let result = session.settle(session.client.create_task(&input).await);
            busy.set(false);
            match result {
                Ok(_) => {
                    title.set(String::new());
                    notes.set(String::new());
                    toasts.success(Desk::TaskAdded);
                    changes.update(|n| *n += 1);
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    view! {
        <form class="card form" on:submit=submit data-testid="add-task" novalidate>
            <h2>{i18n.t(Desk::NewTask)}</h2>
            <label class="field">
                <span>{i18n.t(Desk::Type)}</span>
                <ChoiceSelect value=kind test_id="task-kind"/>
            </label>
            <label class="field">
                <span>{i18n.t(Desk::Title)} " *"</span>
                <input data-testid="task-title" maxlength="300" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                <FieldHint errors=errors field="title"/>
            </label>
            <label class="field">
                <span>{i18n.t(Desk::DueAt)} " *"</span>
                <input type="datetime-local" data-testid="task-due" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                <FieldHint errors=errors field="due_at"/>
            </label>
            <label class="field">
                <span>{i18n.t(Desk::Notes)}</span>
                <textarea rows="2" data-testid="task-notes" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            </label>
            <div class="form-actions">
                <button type="submit" class="button primary" data-testid="task-save" disabled=move || busy.get()>
                    <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                    {i18n.t(Msg::Save)}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_inputs_parse_as_local_time() {
        let at = parse_local("2026-12-01T10:30").unwrap_or_default();
        assert_eq!(at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string(), "2026-12-01 10:30");
        assert_eq!(parse_local("tomorrow"), None);
        assert!(parse_local(&tomorrow_morning()).is_some_and(|at| at > Utc::now()));
    }
}
