//! The audit log for admins: who did what to which record, in words, with
//! each change as "field: before → after" and the raw row a click away.

use kehu_types::{AuditEntry, AuditQuery, Team, User};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::i18n::{
    AUDIT_ACTIONS, AUDIT_ENTITIES, Audit, Locale, Msg, audit_action_label, audit_entity_label, change_lines,
    format_datetime, use_i18n,
};
use crate::session::use_session;
use crate::widgets::admin_frame::AdminFrame;
use crate::widgets::paged::{MoreButton, Paged};

/// Lines shown before the rest of a row's changes fold away.
const LINES_SHOWN: usize = 4;

/// The start of a calendar day (in the reader's time zone) `days_later` days
/// after the date typed, as UTC; `None` when nothing valid was entered.
fn day_start(date: &str, days_later: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()? + chrono::Duration::days(days_later);
    crate::time::from_local(day.and_hms_opt(0, 0, 0)?)
}

/// The label a filter offers for a code: its name in the reader's language.
fn option_label(table: &[(&str, &'static str, &'static str)], code: &str, locale: Locale) -> &'static str {
    table.iter().find(|(key, ..)| *key == code).map_or("", |(_, zh, en)| if locale == Locale::Zh { *zh } else { *en })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let users = RwSignal::new(Vec::<User>::new());
    let teams = RwSignal::new(Vec::<Team>::new());
    session.load_directory(users, teams);
    let action = RwSignal::new(String::new());
    let entity_type = RwSignal::new(String::new());
    let actor = RwSignal::new(None::<uuid::Uuid>);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let list = Paged::<AuditEntry>::new();
    let fetch = move |cursor: Option<String>| {
        let query = AuditQuery {
            action: Some(action.get_untracked()).filter(|a| !a.is_empty()),
            entity_type: Some(entity_type.get_untracked()).filter(|e| !e.is_empty()),
            actor_id: actor.get_untracked(),
            from: day_start(&from.get_untracked(), 0),
            // "To" includes the whole day chosen.
            to: day_start(&to.get_untracked(), 1),
            limit: Some(50),
            cursor: cursor.clone(),
            ..Default::default()
        };
        let client = session.client.clone();
        list.load(session.clone(), cursor, async move {
            client.list_audit_entries(&query).await.map(|page| (page.items, page.next_cursor))
        });
    };
    fetch(None);
    let actor_name = move |id: Option<uuid::Uuid>| match id {
        None => i18n.t(Msg::System)().to_owned(),
        Some(id) => users
            .with(|list| list.iter().find(|u| u.id == id).map(|u| u.name.clone()))
            .unwrap_or_else(|| id.to_string()),
    };
    // Ids in a change are named when they are a user or a team.
    let name_of = move |text: &str| {
        let id = uuid::Uuid::parse_str(text).ok()?;
        users
            .with(|list| list.iter().find(|u| u.id == id).map(|u| u.name.clone()))
            .or_else(|| teams.with(|list| list.iter().find(|t| t.id == id).map(|t| t.name.clone())))
    };
    let row = move |entry: AuditEntry| {
        let action_code = entry.action.clone();
        let action_text = {
            let code = action_code.clone();
            move || audit_action_label(&code, i18n.locale()).map_or_else(|| code.clone(), str::to_owned)
        };
        let entity_text = {
            let code = entry.entity_type.clone();
            move || audit_entity_label(&code, i18n.locale()).map_or_else(|| code.clone(), str::to_owned)
        };
        let raw = serde_json::to_string_pretty(&entry.changes).unwrap_or_default();
        let changes = entry.changes.clone();
        let lines = Memo::new(move |_| change_lines(&changes, i18n.locale(), &name_of));
        let head =
            move || lines.get().into_iter().take(LINES_SHOWN).map(|line| view! { <li>{line}</li> }).collect_view();
        let rest =
            move || lines.get().into_iter().skip(LINES_SHOWN).map(|line| view! { <li>{line}</li> }).collect_view();
        let more = move || lines.with(Vec::len).saturating_sub(LINES_SHOWN);
        view! {
            <tr>
                <td class="muted">{move || format_datetime(entry.at, i18n.locale())}</td>
                <td>{move || actor_name(entry.actor_id)}</td>
                <td data-testid="audit-action-cell" data-action=action_code.clone() title=action_code.clone()>{action_text}</td>
                <td>{entity_text}</td>
                <td class="hide-narrow changes">
                    <ul class="change-lines">{head}</ul>
                    <details>
                        <summary class="muted">{move || match more() {
                            0 => i18n.t(Audit::RawChanges)().to_owned(),
                            n => i18n.t(Audit::MoreChanges)().replace("{n}", &n.to_string()),
                        }}</summary>
                        <ul class="change-lines">{rest}</ul>
                        <pre class="mono raw-changes">{raw}</pre>
                    </details>
                </td>
            </tr>
        }
    };
    view! {
        <AdminFrame>
            <form class="toolbar" on:submit={
                let fetch = fetch.clone();
                move |ev: SubmitEvent| {
                    ev.prevent_default();
                    fetch(None);
                }
            }>
                <select aria-label=i18n.t(Msg::Action) data-testid="audit-action" on:change=move |ev| action.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Audit::AnyAction)}</option>
                    {AUDIT_ACTIONS.iter().map(|(code, ..)| view! {
                        <option value=*code>{move || option_label(AUDIT_ACTIONS, code, i18n.locale())}</option>
                    }).collect_view()}
                </select>
                <select aria-label=i18n.t(Msg::Entity) data-testid="audit-entity" on:change=move |ev| entity_type.set(event_target_value(&ev))>
                    <option value="">{i18n.t(Msg::AllEntities)}</option>
                    {AUDIT_ENTITIES.iter().map(|(code, ..)| view! {
                        <option value=*code>{move || option_label(AUDIT_ENTITIES, code, i18n.locale())}</option>
                    }).collect_view()}
                </select>
                <select aria-label=i18n.t(Msg::Actor) on:change=move |ev| actor.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="">{i18n.t(Msg::AnyActor)}</option>
                    {move || users.get().into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name}</option> }).collect_view()}
                </select>
                <input type="date" aria-label=i18n.t(Msg::DateFrom) title=i18n.t(Msg::DateFrom) prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/>
                <input type="date" aria-label=i18n.t(Msg::DateTo) title=i18n.t(Msg::DateTo) prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))/>
                <button class="button" type="submit" data-testid="audit-filter">{i18n.t(Msg::Filter)}</button>
            </form>
            {move || list.failed.get().map(|msg| view! { <div class="state error" role="alert">{move || msg.text(i18n.locale())}</div> })}
            <div class="table-wrap" aria-busy=move || (!list.loaded.get()).to_string()>
                <table class="table" data-testid="audit-table">
                    <thead><tr>
                        <th>{i18n.t(Msg::Time)}</th><th>{i18n.t(Msg::Actor)}</th><th>{i18n.t(Msg::Action)}</th>
                        <th>{i18n.t(Msg::Entity)}</th><th class="hide-narrow">{i18n.t(Msg::Changes)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || list.items.get() key=|e| e.id let:entry>
                            {row(entry)}
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || list.is_empty() && list.failed.with(Option::is_none)>
                <div class="state">{i18n.t(Msg::NoEntries)}</div>
            </Show>
            <MoreButton list=list on_more=Callback::new({
                let fetch = fetch.clone();
                move |_| fetch(list.next.get_untracked())
            })/>
        </AdminFrame>
    }
}
