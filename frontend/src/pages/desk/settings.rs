//! Service-desk settings for admins: ticket categories (add, retire) and SLA
//! policies (targets, warn share, active), in the order they are matched,
//! and how much each role may compensate without approval.

use kehu_types::{
    BusinessCalendar, CreateTicketCategory, FieldError, SlaPolicy, TicketCategory, UpdateSlaPolicy,
    UpdateTicketCategory,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Calendars, Desk, Msg, priority_label, type_label, use_i18n};
use crate::pages::desk::compensation_limits::CompensationLimitsEditor;
use crate::pages::desk::policies::PolicyEditor;
use crate::session::use_session;
use crate::widgets::admin_frame::AdminFrame;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

#[component]
pub fn ServiceDeskSettings() -> impl IntoView {
    let session = use_session();
    let categories = RwSignal::new(Vec::<TicketCategory>::new());
    let policies = RwSignal::new(Vec::<SlaPolicy>::new());
    let calendars = RwSignal::new(Vec::<BusinessCalendar>::new());
    let changes = RwSignal::new(0u32);
    Effect::new(move |_| {
        changes.track();
        let session = session.clone();
        spawn_local(async move {
            if let Ok(found) = session.settle(session.client.list_ticket_categories().await) {
                categories.set(found.items);
            }
            if let Ok(found) = session.settle(session.client.list_sla_policies().await) {
                policies.set(found.items);
            }
            if let Ok(found) = session.settle(session.client.list_business_calendars().await) {
                calendars.set(found.items);
            }
        });
    });
    view! {
        <AdminFrame>
            <Categories categories=categories changes=changes/>
            <Policies policies=policies calendars=calendars changes=changes/>
            <CompensationLimitsEditor/>
        </AdminFrame>
    }
}

#[component]
fn Categories(categories: RwSignal<Vec<TicketCategory>>, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let name = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save = {
        let session = session.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            let input = CreateTicketCategory {
                name: name.get_untracked(),
                name_en: Some(name_en.get_untracked()).filter(|n| !n.trim().is_empty()),
                position: None,
            };
            let session = session.clone();
            spawn_local(async move {
                match session.settle(session.client.create_ticket_category(&input).await) {
                    Ok(_) => {
                        name.set(String::new());
                        name_en.set(String::new());
                        errors.set(Vec::new());
                        toasts.success(Msg::Saved);
                        changes.update(|n| *n += 1);
                    }
                    Err(error) => {
                        toasts.refused(&error, errors);
                    }
                }
            });
        }
    };
    let set_active = Callback::new(move |(id, active): (uuid::Uuid, bool)| {
        let session = session.clone();
        spawn_local(async move {
            let patch = UpdateTicketCategory { active: Some(active), ..Default::default() };
            match session.settle(session.client.update_ticket_category(id, &patch).await) {
                Ok(_) => toasts.success(Msg::Saved),
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
            changes.update(|n| *n += 1);
        });
    });
    view! {
        <form class="card form inline-form" on:submit=save>
            <h2>{i18n.t(Desk::Category)}</h2>
            <div class="grid-3">
                <label class="field"><span>{i18n.t(Desk::CategoryName)}</span>
                    <input data-testid="new-category-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="name"/>
                </label>
                <label class="field"><span>"English"</span>
                    <input data-testid="new-category-name-en" prop:value=move || name_en.get() on:input=move |ev| name_en.set(event_target_value(&ev))/>
                </label>
                <div class="field end"><button class="button primary" type="submit" data-testid="new-category-save">{i18n.t(Msg::Create)}</button></div>
            </div>
        </form>
        <div class="table-wrap">
            <table class="table" data-testid="categories-table">
                <thead><tr><th>{i18n.t(Desk::CategoryName)}</th><th>"English"</th><th>{i18n.t(Msg::ActiveUser)}</th></tr></thead>
                <tbody>
                    <For each=move || categories.get() key=|c| (c.id, c.active) let:category>
                        <tr>
                            <td class="strong">{category.name.clone()}</td>
                            <td>{category.name_en.clone().unwrap_or_default()}</td>
                            <td><input type="checkbox" data-testid="category-active" aria-label=category.name.clone() prop:checked=category.active
                                on:change=move |ev| set_active.run((category.id, event_target_checked(&ev)))/></td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// A number input's value as minutes; blank means "no target".
fn minutes(text: &str) -> Result<Option<i32>, ()> {
    let text = text.trim();
    if text.is_empty() { Ok(None) } else { text.parse::<i32>().map(Some).map_err(|_| ()) }
}

#[component]
fn Policies(
    policies: RwSignal<Vec<SlaPolicy>>,
    calendars: RwSignal<Vec<BusinessCalendar>>,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The policy being edited in full: none, a new one, or one of the list.
    let editing = RwSignal::new(None::<Option<SlaPolicy>>);
    provide_context(editing);
    let saved = Callback::new(move |_| {
        editing.set(None);
        changes.update(|n| *n += 1);
    });
    view! {
        <div class="card">
            <div class="card-head">
                <h2>{i18n.t(Desk::Sla)}</h2>
                <button class="button primary small" data-testid="new-policy" on:click=move |_| editing.set(Some(None))>
                    "+ " {i18n.t(Calendars::NewPolicy)}
                </button>
            </div>
            <p class="muted small">{i18n.t(Desk::PolicyOrder)}</p>
            <div class="table-wrap">
                <table class="table" data-testid="policies-table">
                    <thead><tr>
                        <th>{i18n.t(Desk::Policy)}</th><th>{i18n.t(Desk::Applies)}</th>
                        <th>{i18n.t(Desk::FirstResponseMinutes)}</th><th>{i18n.t(Desk::ResolutionMinutes)}</th>
                        <th>{i18n.t(Desk::Hours)}</th><th>{i18n.t(Msg::ActiveUser)}</th><th></th>
                    </tr></thead>
                    <tbody>
                        <For each=move || policies.get() key=|p| (p.id, p.active, p.first_response_minutes, p.resolution_minutes) let:policy>
                            <PolicyRow policy=policy calendars=calendars changes=changes/>
                        </For>
                    </tbody>
                </table>
            </div>
        </div>
        {move || editing.get().map(|existing| view! {
            <PolicyEditor existing=existing calendars=calendars saved=saved close=Callback::new(move |_| editing.set(None))/>
        })}
    }
}

#[component]
fn PolicyRow(policy: SlaPolicy, calendars: RwSignal<Vec<BusinessCalendar>>, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let show = |value: Option<i32>| value.map(|m| m.to_string()).unwrap_or_default();
    let first = RwSignal::new(show(policy.first_response_minutes));
    let resolution = RwSignal::new(show(policy.resolution_minutes));
    let active = RwSignal::new(policy.active);
    let id = policy.id;
    let edit = expect_context::<RwSignal<Option<Option<SlaPolicy>>>>();
    let whole = policy.clone();
    let save = move |_| {
        let (Ok(first_value), Ok(resolution_value)) =
            (minutes(&first.get_untracked()), minutes(&resolution.get_untracked()))
        else {
            toasts.error(Msg::ErrorValidation);
            return;
        };
        let patch = UpdateSlaPolicy {
            first_response_minutes: Some(first_value),
            resolution_minutes: Some(resolution_value),
            active: Some(active.get_untracked()),
            ..Default::default()
        };
        let session = session.clone();
        spawn_local(async move {
            match session.settle(session.client.update_sla_policy(id, &patch).await) {
                Ok(_) => {
                    toasts.success(Msg::Saved);
                    changes.update(|n| *n += 1);
                }
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    };
    let applies = {
        let (priorities, types) = (policy.match_priorities.clone(), policy.match_types.clone());
        move || {
            let locale = i18n.locale();
            let mut parts: Vec<&str> = priorities.iter().map(|p| priority_label(*p, locale)).collect();
            parts.extend(types.iter().map(|t| type_label(*t, locale)));
            if parts.is_empty() { Desk::AllTickets.text(locale).to_owned() } else { parts.join(" · ") }
        }
    };
    let calendar = policy.calendar_id;
    let hours = move || match calendar {
        Some(id) => calendars.with(|list| list.iter().find(|c| c.id == id).map(|c| c.name.clone())).unwrap_or_default(),
        None => Calendars::AroundTheClock.text(i18n.locale()).to_owned(),
    };
    view! {
        <tr data-testid="policy-row">
            <td class="strong">{policy.name.clone()}</td>
            <td>{applies}</td>
            <td><input class="minutes" type="number" min="1" data-testid="policy-first" aria-label=i18n.t(Desk::FirstResponseMinutes)
                prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev))/></td>
            <td><input class="minutes" type="number" min="1" data-testid="policy-resolution" aria-label=i18n.t(Desk::ResolutionMinutes)
                prop:value=move || resolution.get() on:input=move |ev| resolution.set(event_target_value(&ev))/></td>
            <td>{hours}</td>
            <td><input type="checkbox" data-testid="policy-active" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev))/></td>
            <td class="actions">
                <button class="button small" data-testid="policy-save" on:click=save>{i18n.t(Msg::Save)}</button>
                <button class="button small ghost" data-testid="policy-edit" on:click=move |_| edit.set(Some(Some(whole.clone())))>{i18n.t(Msg::Edit)}</button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::minutes;

    #[test]
    fn targets_are_whole_minutes_or_blank() {
        assert_eq!(minutes(" 90 "), Ok(Some(90)));
        assert_eq!(minutes(""), Ok(None));
        assert_eq!(minutes("1.5"), Err(()));
    }
}
