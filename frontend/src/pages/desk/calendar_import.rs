//! A year's holiday schedule imported into a saved business calendar by the
//! server (`POST …/holidays/import`): a dry run previews what changes, then
//! the import saves it. The server reads the file, so the app and the API
//! accept exactly the same text and name a faulty line the same way.

use kehu_types::{BusinessCalendar, FieldError, HolidayImport, HolidayImportResult, NamedDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{Calendars, schedule_line_error, use_i18n};
use crate::session::use_session;
use crate::widgets::toast::use_toasts;

/// The line number of an error on `lines[N]`.
fn line_of(error: &FieldError) -> Option<usize> {
    error.field.strip_prefix("lines[")?.strip_suffix(']')?.parse().ok()
}

/// Paste a schedule file, preview its changes, then import it into the
/// calendar `calendar_id` (none while the calendar is not saved yet).
#[component]
pub fn ScheduleImport(calendar_id: Option<Uuid>, imported: Callback<BusinessCalendar>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let text = RwSignal::new(String::new());
    let replace_years = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<FieldError>::new());
    // The dry run's answer, for the text and option it was asked about.
    let preview = RwSignal::new(None::<HolidayImportResult>);
    let busy = RwSignal::new(false);
    let send = move |dry_run: bool| {
        let Some(id) = calendar_id else { return };
        let body = HolidayImport { text: text.get_untracked(), dry_run, replace_years: replace_years.get_untracked() };
        let session = session.clone();
        busy.set(true);
        spawn_local(async move {
            let result = session.settle(session.client.import_business_calendar_holidays(id, &body).await);
            busy.set(false);
            match result {
                Ok(answer) if dry_run => {
                    problems.set(Vec::new());
                    preview.set(Some(answer));
                }
                Ok(answer) => {
                    problems.set(Vec::new());
                    preview.set(None);
                    text.set(String::new());
                    toasts.success(Calendars::ImportDone);
                    imported.run(answer.calendar);
                }
                Err(error) => {
                    preview.set(None);
                    toasts.refused(&error, problems);
                }
            }
        });
    };
    let forget = move || preview.set(None);
    let send_preview = send.clone();
    view! {
        <details class="import" data-testid="schedule-import">
            <summary>{i18n.t(Calendars::ImportSchedule)}</summary>
            <p class="muted small">{i18n.t(Calendars::ImportHint)}</p>
            {match calendar_id {
                None => view! { <p class="muted" data-testid="schedule-save-first">{i18n.t(Calendars::ImportSaveFirst)}</p> }.into_any(),
                Some(_) => view! {
                    <textarea rows="8" data-testid="schedule-text" aria-label=i18n.t(Calendars::ImportSchedule)
                        placeholder="2027-10-01..2027-10-07 国庆节\n+2027-10-09 国庆节调休上班"
                        prop:value=move || text.get() on:input=move |ev| { forget(); text.set(event_target_value(&ev)) }></textarea>
                    <label class="check"><input type="checkbox" data-testid="schedule-replace-years" prop:checked=move || replace_years.get()
                        on:change=move |ev| { forget(); replace_years.set(event_target_checked(&ev)) }/>{i18n.t(Calendars::ImportReplaceYears)}</label>
                    <ul class="field-error" role="alert" data-testid="schedule-errors">
                        {move || problems.get().into_iter().map(|error| {
                            let shown = match line_of(&error) {
                                Some(line) => schedule_line_error(line, &error.code, i18n.locale()),
                                None => error.message.clone(),
                            };
                            view! { <li>{shown}</li> }
                        }).collect_view()}
                    </ul>
                    {move || preview.get().map(|answer| view! { <ImportPreview answer=answer/> })}
                    <div class="actions">
                        <button type="button" class="button small" data-testid="schedule-preview" disabled=move || busy.get()
                            on:click=move |_| send_preview(true)>{i18n.t(Calendars::ImportPreview)}</button>
                        <button type="button" class="button primary small" data-testid="schedule-apply"
                            disabled=move || busy.get() || preview.with(|p| p.is_none())
                            on:click=move |_| send(false)>{i18n.t(Calendars::ImportApply)}</button>
                    </div>
                }.into_any(),
            }}
        </details>
    }
}

/// What a dry run says would change, list by list.
#[component]
fn ImportPreview(answer: HolidayImportResult) -> impl IntoView {
    let i18n = use_i18n();
    let renamed: Vec<NamedDate> = answer
        .renamed
        .iter()
        .map(|r| NamedDate { date: r.date, name: format!("{} → {}", r.before, r.after) })
        .collect();
    let lists = [
        (Calendars::HolidaysAdded, answer.holidays_added, "holidays-added"),
        (Calendars::HolidaysRemoved, answer.holidays_removed, "holidays-removed"),
        (Calendars::WorkdaysAdded, answer.workdays_added, "workdays-added"),
        (Calendars::WorkdaysRemoved, answer.workdays_removed, "workdays-removed"),
        (Calendars::Renamed, renamed, "renamed"),
    ];
    let nothing = lists.iter().all(|(_, list, _)| list.is_empty());
    view! {
        <div class="import-preview" role="status" data-testid="schedule-preview-result">
            <Show when=move || nothing><p class="muted">{i18n.t(Calendars::ImportNothing)}</p></Show>
            {lists.into_iter().filter(|(_, list, _)| !list.is_empty()).map(|(label, list, testid)| view! {
                <p class="strong small">{i18n.t(label)} " (" {list.len()} ")"</p>
                <ul class="chips" data-testid=testid>
                    {list.into_iter().map(|entry| view! {
                        <li class="chip">{entry.date.to_string()} " " {entry.name}</li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </div>
    }
}
