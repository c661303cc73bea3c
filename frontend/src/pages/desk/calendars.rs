//! Business calendars for admins: weekly hours, holidays and make-up working
//! days (调休) with their names, a year's holiday schedule imported through
//! the API (`admin_calendar_import`), and a preview of the due times SLA
//! clocks would compute on the saved calendar, in the calendar's zone.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use kehu_types::{BusinessCalendar, BusinessCalendarInput, DueTimeQuestion, FieldError, OpenHours};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{
    Calendars, Locale, Msg, colon, due_zone_note, format_datetime, format_datetime_in, use_i18n, weekday_label,
};
use crate::pages::desk::calendar_import::ScheduleImport;
use crate::session::use_session;
use crate::time;
use crate::widgets::admin_frame::AdminFrame;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::toast::use_toasts;

/// Which calendar the editor shows: none, a new one, or a saved one.
#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    New,
    Saved(BusinessCalendar),
}

#[component]
pub fn CalendarsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let calendars = RwSignal::new(None::<Vec<BusinessCalendar>>);
    let open = RwSignal::new(Open::Nothing);
    let changes = RwSignal::new(0u32);
    Effect::new(move |_| {
        changes.track();
        let session = session.clone();
        spawn_local(async move {
            if let Ok(found) = session.settle(session.client.list_business_calendars().await) {
                calendars.set(Some(found.items));
            }
        });
    });
    let saved = Callback::new(move |calendar: BusinessCalendar| {
        open.set(Open::Saved(calendar));
        changes.update(|n| *n += 1);
    });
    view! {
        <AdminFrame>
            <div class="card">
                <div class="card-head">
                    <h2>{i18n.t(Calendars::CalendarsTab)}</h2>
                    <button class="button primary small" data-testid="new-calendar" on:click=move |_| open.set(Open::New)>
                        "+ " {i18n.t(Calendars::NewCalendar)}
                    </button>
                </div>
                {move || match calendars.get() {
                    None => view! { <p class="muted">{i18n.t(Msg::Loading)}</p> }.into_any(),
                    Some(list) if list.is_empty() => view! { <p class="muted" data-testid="no-calendars">{i18n.t(Calendars::NoCalendars)}</p> }.into_any(),
                    Some(list) => view! {
                        <div class="table-wrap">
                            <table class="table" data-testid="calendars-table">
                                <thead><tr>
                                    <th>{i18n.t(Calendars::CalendarName)}</th><th>{i18n.t(Calendars::TimeZone)}</th>
                                    <th>{i18n.t(Calendars::Holidays)}</th><th>{i18n.t(Calendars::Workdays)}</th><th></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|calendar| {
                                        let chosen = calendar.clone();
                                        view! {
                                            <tr data-testid="calendar-row">
                                                <td class="strong">{calendar.name.clone()}</td>
                                                <td>{calendar.time_zone.clone()}</td>
                                                <td>{calendar.holidays.len()}</td>
                                                <td>{calendar.workdays.len()}</td>
                                                <td><button class="button small" data-testid="edit-calendar"
                                                    on:click=move |_| open.set(Open::Saved(chosen.clone()))>{i18n.t(Msg::Edit)}</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }}
            </div>
            {move || match open.get() {
                Open::Nothing => ().into_any(),
                Open::New => view! { <CalendarEditor existing=None saved=saved close=Callback::new(move |_| open.set(Open::Nothing))/> }.into_any(),
                Open::Saved(calendar) => {
                    let (id, zone) = (calendar.id, calendar.time_zone.clone());
                    view! {
                        <CalendarEditor existing=Some(calendar) saved=saved close=Callback::new(move |_| open.set(Open::Nothing))/>
                        <DuePreview calendar_id=id zone=zone/>
                    }.into_any()
                }
            }}
        </AdminFrame>
    }
}

/// Monday-to-Friday 09:00–18:00, the usual start.
fn office_week() -> Vec<Vec<(String, String)>> {
    (0..7).map(|day| if day < 5 { vec![("09:00".to_owned(), "18:00".to_owned())] } else { Vec::new() }).collect()
}

/// The names of the dates in either list.
fn listed_names(
    names: &BTreeMap<NaiveDate, String>,
    holidays: &[NaiveDate],
    workdays: &[NaiveDate],
) -> BTreeMap<NaiveDate, String> {
    names
        .iter()
        .filter(|(day, _)| holidays.contains(day) || workdays.contains(day))
        .map(|(d, n)| (*d, n.clone()))
        .collect()
}

fn add_date(list: RwSignal<Vec<NaiveDate>>, day: NaiveDate) {
    list.update(|dates| {
        if let Err(at) = dates.binary_search(&day) {
            dates.insert(at, day);
        }
    });
}

#[component]
fn CalendarEditor(
    existing: Option<BusinessCalendar>,
    saved: Callback<BusinessCalendar>,
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let id = existing.as_ref().map(|c| c.id);
    let name = RwSignal::new(existing.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let zone = RwSignal::new(existing.as_ref().map_or_else(|| "Asia/Shanghai".to_owned(), |c| c.time_zone.clone()));
    let week = RwSignal::new(existing.as_ref().map_or_else(office_week, |c| {
        c.week.iter().map(|day| day.iter().map(|h| (h.start.clone(), h.end.clone())).collect()).collect()
    }));
    let holidays = RwSignal::new(existing.as_ref().map(|c| c.holidays.clone()).unwrap_or_default());
    let workdays = RwSignal::new(existing.as_ref().map(|c| c.workdays.clone()).unwrap_or_default());
    let names = RwSignal::new(existing.as_ref().map(|c| c.names.clone()).unwrap_or_default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let input = BusinessCalendarInput {
            name: name.get_untracked(),
            time_zone: zone.get_untracked(),
            week: week
                .get_untracked()
                .into_iter()
                .map(|day| day.into_iter().map(|(start, end)| OpenHours { start, end }).collect())
                .collect(),
            holidays: holidays.get_untracked(),
            workdays: workdays.get_untracked(),
            // Only the names of dates still listed: a removed date's name goes with it.
            names: Some(listed_names(&names.get_untracked(), &holidays.get_untracked(), &workdays.get_untracked())),
        };
        busy.set(true);
        let session = session.clone();
        spawn_local(async move {
            let result = match id {
                Some(id) => session.client.replace_business_calendar(id, &input).await,
                None => session.client.create_business_calendar(&input).await,
            };
            busy.set(false);
            match session.settle(result) {
                Ok(calendar) => {
                    errors.set(Vec::new());
                    toasts.success(Msg::Saved);
                    saved.run(calendar);
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    let title = if id.is_some() { Calendars::EditCalendar } else { Calendars::NewCalendar };
    view! {
        <form class="card form" on:submit=submit data-testid="calendar-editor" novalidate>
            <h2>{i18n.t(title)}</h2>
            <div class="grid-2">
                <label class="field"><span>{i18n.t(Calendars::CalendarName)} " *"</span>
                    <input data-testid="calendar-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="name"/>
                </label>
                <label class="field"><span>{i18n.t(Calendars::TimeZone)}</span>
                    <input data-testid="calendar-zone" list="time-zones" prop:value=move || zone.get() on:input=move |ev| zone.set(event_target_value(&ev))/>
                    <datalist id="time-zones">
                        {["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC"]
                            .map(|z| view! { <option value=z></option> }).collect_view()}
                    </datalist>
                    <FieldHint errors=errors field="time_zone"/>
                </label>
            </div>
            <fieldset class="field">
                <legend>{i18n.t(Calendars::WeeklyHours)}</legend>
                <FieldHint errors=errors field="week"/>
                {(0..7).map(|day| view! { <WeekdayHours day=day week=week errors=errors/> }).collect_view()}
            </fieldset>
            <div class="grid-2">
                <DateList label=Calendars::Holidays hint=None dates=holidays names=names testid="holidays" errors=errors field="holidays"/>
                <DateList label=Calendars::Workdays hint=Some(Calendars::WorkdaysHint) dates=workdays names=names testid="workdays" errors=errors field="workdays"/>
            </div>
            <ScheduleImport calendar_id=id imported=saved/>
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| close.run(())>{i18n.t(Msg::Cancel)}</button>
                <button class="button primary" type="submit" data-testid="calendar-save" disabled=move || busy.get()>
                    <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                    {i18n.t(Msg::Save)}
                </button>
            </div>
        </form>
    }
}

/// One weekday's open ranges, each with a start and an end time.
#[component]
fn WeekdayHours(
    day: usize,
    week: RwSignal<Vec<Vec<(String, String)>>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ranges = move || week.with(|w| w.get(day).map_or(0, Vec::len));
    let set = move |index: usize, end: bool, value: String| {
        week.update(|w| {
            if let Some(range) = w.get_mut(day).and_then(|d| d.get_mut(index)) {
                if end { range.1 = value } else { range.0 = value }
            }
        })
    };
    let value = move |index: usize, end: bool| {
        week.with(|w| w.get(day).and_then(|d| d.get(index)).map(|r| if end { r.1.clone() } else { r.0.clone() }))
            .unwrap_or_default()
    };
    view! {
        <div class="weekday-row" data-testid=format!("weekday-{day}")>
            <span class="weekday-name">{move || weekday_label(day, i18n.locale())}</span>
            <Show when=move || ranges() == 0><span class="muted">{i18n.t(Calendars::Closed)}</span></Show>
            {move || (0..ranges()).map(|index| view! {
                <span class="range">
                    <input type="time" aria-label=move || format!("{} {}", weekday_label(day, i18n.locale()), index + 1)
                        prop:value=move || value(index, false) on:input=move |ev| set(index, false, event_target_value(&ev))/>
                    "–"
                    <input type="time" prop:value=move || value(index, true) on:input=move |ev| set(index, true, event_target_value(&ev))/>
                    <button type="button" class="button ghost small" on:click=move |_| week.update(|w| {
                        if let Some(d) = w.get_mut(day) && index < d.len() { d.remove(index); }
                    })>{i18n.t(Msg::Remove)}</button>
                    <FieldHint errors=errors field=format!("week[{day}][{index}]")/>
                </span>
            }).collect_view()}
            <button type="button" class="button ghost small" data-testid=format!("add-range-{day}") on:click=move |_| week.update(|w| {
                if let Some(d) = w.get_mut(day) { d.push(("09:00".into(), "18:00".into())); }
            })>"+ " {i18n.t(Calendars::AddRange)}</button>
        </div>
    }
}

/// A sorted list of dates with a date input to add one and a button to remove each.
#[component]
fn DateList(
    label: Calendars,
    hint: Option<Calendars>,
    dates: RwSignal<Vec<NaiveDate>>,
    names: RwSignal<BTreeMap<NaiveDate, String>>,
    testid: &'static str,
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let add = move |_| {
        if let Ok(day) = NaiveDate::parse_from_str(&typed.get_untracked(), "%Y-%m-%d") {
            add_date(dates, day);
            typed.set(String::new());
        }
    };
    let indexed = move || dates.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <fieldset class="field date-list" data-testid=testid>
            <legend>{i18n.t(label)} " (" {move || dates.with(Vec::len)} ")"</legend>
            {hint.map(|hint| view! { <p class="muted small">{i18n.t(hint)}</p> })}
            <div class="list-row">
                <input type="date" aria-label=i18n.t(label) data-testid=format!("{testid}-input") prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
                <button type="button" class="button small" data-testid=format!("{testid}-add") on:click=add>{i18n.t(Calendars::AddDate)}</button>
            </div>
            <FieldHint errors=errors field=field/>
            <ul class="chips">
                <Show when=move || dates.with(Vec::is_empty)><li class="muted">{i18n.t(Calendars::NoDates)}</li></Show>
                <For each=indexed key=|(_, day)| *day let:item>
                    <li class="chip" data-testid=format!("{testid}-date")>
                        {item.1.to_string()}
                        {move || names.with(|n| n.get(&item.1).map(|name| format!(" {name}")))}
                        <FieldHint errors=errors field=format!("{field}[{}]", item.0)/>
                        <button type="button" class="chip-remove" aria-label=move || format!("{} {}", i18n.t(Msg::Remove)(), item.1)
                            on:click=move |_| dates.update(|list| list.retain(|d| *d != item.1))>"×"</button>
                    </li>
                </For>
            </ul>
        </fieldset>
    }
}

/// When would a target of N open minutes from a moment be due on this calendar?
#[component]
/// The start is typed, and the due time shown, in the calendar's own zone,
/// and the page says so: a holiday is a date in that zone.
fn DuePreview(calendar_id: uuid::Uuid, zone: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let from = RwSignal::new(String::new());
    let minutes = RwSignal::new("480".to_owned());
    let answer = RwSignal::new(None::<Option<chrono::DateTime<chrono::Utc>>>);
    let typed_zone = zone.clone();
    let ask = move |event: SubmitEvent| {
        event.prevent_default();
        let local = chrono::NaiveDateTime::parse_from_str(&from.get_untracked(), "%Y-%m-%dT%H:%M");
        let start = local.ok().and_then(|wall| time::from_local_in(wall, &typed_zone)).unwrap_or_else(chrono::Utc::now);
        let Ok(minutes) = minutes.get_untracked().trim().parse::<i64>() else {
            toasts.error(Msg::ErrorValidation);
            return;
        };
        let session = session.clone();
        spawn_local(async move {
            let question = DueTimeQuestion { from: start, minutes };
            match session.settle(session.client.business_calendar_due_time(calendar_id, &question).await) {
                Ok(found) => answer.set(Some(found.due_at)),
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    };
    let shown_zone = zone.clone();
    view! {
        <form class="card form inline-form" on:submit=ask data-testid="due-preview">
            <h2>{i18n.t(Calendars::DuePreview)}</h2>
            <p class="muted small">{i18n.t(Calendars::DuePreviewHint)}</p>
            <p class="small strong" data-testid="due-zone">{move || due_zone_note(&shown_zone, i18n.locale())}</p>
            <div class="grid-3">
                <label class="field"><span>{i18n.t(Calendars::From)}</span>
                    <input type="datetime-local" data-testid="due-from" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                </label>
                <label class="field"><span>{i18n.t(Calendars::Minutes)}</span>
                    <input type="number" min="0" data-testid="due-minutes" prop:value=move || minutes.get() on:input=move |ev| minutes.set(event_target_value(&ev))/>
                </label>
                <div class="field end"><button class="button primary" type="submit" data-testid="due-ask">{i18n.t(Calendars::Ask)}</button></div>
            </div>
            <p role="status" data-testid="due-answer">
                {move || answer.get().map(|due| match due {
                    Some(at) => due_text(at, &zone, i18n.locale()),
                    None => i18n.t(Calendars::NoDue)().to_owned(),
                })}
            </p>
        </form>
    }
}

/// The due time in the calendar's zone with its weekday, and in the reader's
/// own zone when that differs.
fn due_text(at: chrono::DateTime<chrono::Utc>, zone: &str, locale: Locale) -> String {
    let wall = time::local_in(at, zone);
    let weekday = wall.date().map(|d| weekday_label(d.weekday().num_days_from_monday() as usize, locale));
    let mut text = format!(
        "{}{}{} {}",
        Calendars::DueAt.text(locale),
        colon(locale),
        format_datetime_in(at, zone, locale),
        weekday.unwrap_or("")
    );
    if let Some(reader) = time::reader_zone().filter(|reader| reader != zone) {
        let mine =
            format!("{} {reader}{}{}", Calendars::YourTime.text(locale), colon(locale), format_datetime(at, locale));
        // Chinese puts an aside in full-width brackets.
        text.push_str(&if locale == Locale::Zh { format!("（{mine}）") } else { format!(" ({mine})") });
    }
    text
}
