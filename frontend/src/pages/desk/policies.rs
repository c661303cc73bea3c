//! Creating and editing an SLA policy in full: what it matches (priorities,
//! ticket types, loyalty tiers), its targets, the calendar it counts in, when
//! it warns and whether a breach escalates.

use kehu_types::{BusinessCalendar, CreateSlaPolicy, FieldError, Priority, SlaPolicy, TicketType, UpdateSlaPolicy};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{Calendars, Desk, Msg, priority_label, type_label, use_i18n};
use crate::session::use_session;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

/// A number field's value; blank is `None`, anything else unparsable is -1,
/// which the server refuses with the field named.
fn whole(text: &str) -> Option<i32> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.parse().unwrap_or(-1))
}

fn shown(value: Option<i32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

/// Checkboxes for a set of enum values.
#[component]
fn Choices<T: Copy + PartialEq + Send + Sync + 'static>(
    all: &'static [T],
    chosen: RwSignal<Vec<T>>,
    label: fn(T, crate::i18n::Locale) -> &'static str,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    all.iter()
        .map(|value| {
            let value = *value;
            view! {
                <label class="check">
                    <input type="checkbox" data-testid=testid prop:checked=move || chosen.with(|list| list.contains(&value))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|list| {
                                list.retain(|v| *v != value);
                                if on { list.push(value) }
                            })
                        }/>
                    {move || label(value, i18n.locale())}
                </label>
            }
        })
        .collect_view()
}

#[component]
pub fn PolicyEditor(
    existing: Option<SlaPolicy>,
    calendars: RwSignal<Vec<BusinessCalendar>>,
    saved: Callback<()>,
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let id = existing.as_ref().map(|p| p.id);
    let name = RwSignal::new(existing.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let position = RwSignal::new(existing.as_ref().map(|p| p.position.to_string()).unwrap_or_default());
    let priorities = RwSignal::new(existing.as_ref().map(|p| p.match_priorities.clone()).unwrap_or_default());
    let types = RwSignal::new(existing.as_ref().map(|p| p.match_types.clone()).unwrap_or_default());
    let tiers = RwSignal::new(existing.as_ref().map(|p| p.match_tiers.join(", ")).unwrap_or_default());
    let first = RwSignal::new(shown(existing.as_ref().and_then(|p| p.first_response_minutes)));
    let next = RwSignal::new(shown(existing.as_ref().and_then(|p| p.next_response_minutes)));
    let resolution = RwSignal::new(shown(existing.as_ref().and_then(|p| p.resolution_minutes)));
    let calendar = RwSignal::new(existing.as_ref().and_then(|p| p.calendar_id));
    let warn = RwSignal::new(existing.as_ref().map_or_else(|| "80".to_owned(), |p| p.warn_percent.to_string()));
    let escalate = RwSignal::new(existing.as_ref().is_none_or(|p| p.escalate_on_breach));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let tier_list: Vec<String> =
            tiers.get_untracked().split([',', '，']).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        let session = session.clone();
        busy.set(true);
        spawn_local(async move {
            let client = &session.client;
            let result = match id {
                Some(id) => {
                    let patch = UpdateSlaPolicy {
                        name: Some(name.get_untracked()),
                        position: whole(&position.get_untracked()),
                        active: None,
                        match_priorities: Some(priorities.get_untracked()),
                        match_types: Some(types.get_untracked()),
                        match_tiers: Some(tier_list),
                        first_response_minutes: Some(whole(&first.get_untracked())),
                        next_response_minutes: Some(whole(&next.get_untracked())),
                        resolution_minutes: Some(whole(&resolution.get_untracked())),
                        calendar_id: Some(calendar.get_untracked()),
                        warn_percent: whole(&warn.get_untracked()),
                        escalate_on_breach: Some(escalate.get_untracked()),
                    };
                    client.update_sla_policy(id, &patch).await
                }
                None => {
                    let input = CreateSlaPolicy {
                        name: name.get_untracked(),
                        position: whole(&position.get_untracked()),
                        match_priorities: priorities.get_untracked(),
                        match_types: types.get_untracked(),
                        match_tiers: tier_list,
                        first_response_minutes: whole(&first.get_untracked()),
                        next_response_minutes: whole(&next.get_untracked()),
                        resolution_minutes: whole(&resolution.get_untracked()),
                        calendar_id: calendar.get_untracked(),
                        warn_percent: whole(&warn.get_untracked()),
                        escalate_on_breach: Some(escalate.get_untracked()),
                    };
                    client.create_sla_policy(&input).await
                }
            };
            busy.set(false);
            match session.settle(result) {
                Ok(_) => {
                    errors.set(Vec::new());
                    toasts.success(Msg::Saved);
                    saved.run(());
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    let number = move |label: crate::i18n::Text, value: RwSignal<String>, field: &'static str| {
        view! {
            <label class="field"><span>{i18n.t(label)}</span>
                <input type="number" min="0" data-testid=format!("policy-edit-{field}") prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
                <FieldHint errors=errors field=field/>
            </label>
        }
    };
    let title = if id.is_some() { Calendars::EditPolicy } else { Calendars::NewPolicy };
    view! {
        <form class="card form" on:submit=submit data-testid="policy-editor" novalidate>
            <h2>{i18n.t(title)}</h2>
            <div class="grid-2">
                <label class="field"><span>{i18n.t(Calendars::PolicyName)} " *"</span>
                    <input data-testid="policy-edit-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="name"/>
                </label>
                {number(Calendars::Position.into(), position, "position")}
            </div>
            <fieldset class="field"><legend>{i18n.t(Calendars::MatchPriorities)}</legend>
                <div class="checks"><Choices all=Priority::ALL chosen=priorities label=priority_label testid="policy-edit-priority"/></div>
            </fieldset>
            <fieldset class="field"><legend>{i18n.t(Calendars::MatchTypes)}</legend>
                <div class="checks"><Choices all=TicketType::ALL chosen=types label=type_label testid="policy-edit-type"/></div>
            </fieldset>
            <label class="field"><span>{i18n.t(Calendars::MatchTiers)}</span>
                <input data-testid="policy-edit-tiers" placeholder=i18n.t(Calendars::MatchTiersHint) prop:value=move || tiers.get()
                    on:input=move |ev| tiers.set(event_target_value(&ev))/>
                <FieldHint errors=errors field="match_tiers"/>
            </label>
            <div class="grid-3">
                {number(Desk::FirstResponseMinutes.into(), first, "first_response_minutes")}
                {number(Calendars::NextResponseMinutes.into(), next, "next_response_minutes")}
                {number(Desk::ResolutionMinutes.into(), resolution, "resolution_minutes")}
            </div>
            <div class="grid-3">
                <label class="field"><span>{i18n.t(Desk::Hours)}</span>
                    <select data-testid="policy-edit-calendar" on:change=move |ev| calendar.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                        <option value="" selected=move || calendar.get().is_none()>{i18n.t(Calendars::AroundTheClock)}</option>
                        <For each=move || calendars.get() key=|c| c.id let:item>
                            <option value=item.id.to_string() selected=move || calendar.get() == Some(item.id)>{item.name.clone()}</option>
                        </For>
                    </select>
                    <FieldHint errors=errors field="calendar_id"/>
                </label>
                {number(Calendars::WarnPercent.into(), warn, "warn_percent")}
                <label class="check end"><input type="checkbox" data-testid="policy-edit-escalate" prop:checked=move || escalate.get()
                    on:change=move |ev| escalate.set(event_target_checked(&ev))/>{i18n.t(Calendars::EscalateOnBreach)}</label>
            </div>
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| close.run(())>{i18n.t(Msg::Cancel)}</button>
                <button class="button primary" type="submit" data-testid="policy-edit-save" disabled=move || busy.get()>{i18n.t(Msg::Save)}</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::whole;

    #[test]
    fn numbers_are_whole_blank_or_refused() {
        assert_eq!(whole(" 90 "), Some(90));
        assert_eq!(whole(""), None);
        assert_eq!(whole("1.5"), Some(-1));
    }
}
