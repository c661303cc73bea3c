//! SLA on screen: the countdown badge (green, amber when due within the hour,
//! red once overdue or breached) and the ticket's SLA panel with its ledger.

use chrono::{DateTime, Utc};
use kehu_types::{SlaMetricState, TicketSla};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::i18n::{
    Desk, Locale, Msg, colon, format_datetime, metric_label, metric_state_label, sla_event_label, use_i18n,
};
use crate::session::use_session;

/// How urgent a countdown looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Calm,
    Soon,
    Late,
}

impl Urgency {
    fn class(self) -> &'static str {
        match self {
            Urgency::Calm => "sla ok",
            Urgency::Soon => "sla soon",
            Urgency::Late => "sla late",
        }
    }
}

/// `2h 05m`, `45m`, `3d 4h`.
/// A length of time as the reader's language writes it: `2h 30m`, or
/// `2小时30分` in Chinese.
fn span(minutes: i64, locale: Locale) -> String {
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours, locale) {
        (0, 0, Locale::Zh) => format!("{mins}分钟"),
        (0, _, Locale::Zh) => format!("{hours}小时{mins:02}分"),
        (_, _, Locale::Zh) => format!("{days}天{hours}小时"),
        (0, 0, Locale::En) => format!("{mins}m"),
        (0, _, Locale::En) => format!("{hours}h {mins:02}m"),
        (_, _, Locale::En) => format!("{days}d {hours}h"),
    }
}

/// The countdown of a due time at `now`: `None` when nothing is running.
pub fn countdown(
    due: Option<DateTime<Utc>>,
    breached: bool,
    now: DateTime<Utc>,
    locale: Locale,
) -> Option<(Urgency, String)> {
    let left = due.map(|due| (due - now).num_minutes());
    match left {
        Some(left) if left < 0 => {
            Some((Urgency::Late, format!("{} {}", Desk::Overdue.text(locale), span(-left, locale))))
        }
        _ if breached => Some((Urgency::Late, Desk::Breached.text(locale).to_owned())),
        Some(left) if left < 60 => Some((Urgency::Soon, format!("{} {}", Desk::Left.text(locale), span(left, locale)))),
        Some(left) => Some((Urgency::Calm, format!("{} {}", Desk::Left.text(locale), span(left, locale)))),
        None => None,
    }
}

/// The countdown badge of a ticket; refreshed every half minute.
#[component]
pub fn SlaBadge(due: Option<DateTime<Utc>>, breached: bool) -> impl IntoView {
    let i18n = use_i18n();
    let now = RwSignal::new(Utc::now());
    let tick = set_interval_with_handle(move || now.set(Utc::now()), std::time::Duration::from_secs(30)).ok();
    on_cleanup(move || {
        if let Some(handle) = tick {
            handle.clear();
        }
    });
    move || {
        countdown(due, breached, now.get(), i18n.locale())
            .map(|(urgency, text)| view! { <span class=urgency.class() data-testid="sla-badge">{text}</span> })
    }
}

#[component]
pub fn SlaPanel(ticket_id: Uuid, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sla = RwSignal::new(None::<Result<TicketSla, Msg>>);
    Effect::new(move |_| {
        changes.track();
        let session = session.clone();
        spawn_local(async move {
            let result = session.settle(session.client.get_ticket_sla(ticket_id).await);
            sla.set(Some(result.map_err(|error| Msg::for_code(error.code()))));
        });
    });
    view! {
        <div class="card" data-testid="sla-panel">
            <h2>{i18n.t(Desk::Sla)}</h2>
            {move || match sla.get() {
                None => view! { <p class="muted">{i18n.t(Msg::Loading)}</p> }.into_any(),
                Some(Err(msg)) => view! { <p class="field-error">{move || msg.text(i18n.locale())}</p> }.into_any(),
                Some(Ok(found)) if found.policy.is_none() => view! { <p class="muted">{i18n.t(Desk::NoSla)}</p> }.into_any(),
                Some(Ok(found)) => {
                    let policy = found.policy.map(|p| p.name).unwrap_or_default();
                    view! {
                        <p class="muted small">{i18n.t(Desk::Policy)} {move || colon(i18n.locale())} <span data-testid="sla-policy">{policy}</span></p>
                        <ul class="sla-metrics">
                            {found.metrics.into_iter().map(|m| {
                                let running = m.state == SlaMetricState::Running;
                                view! {
                                    <li data-testid=format!("sla-{}", m.metric.as_str())>
                                        <span class="strong">{move || metric_label(m.metric, i18n.locale())}</span>
                                        <span class="muted small">{move || metric_state_label(m.state, i18n.locale())}</span>
                                        {running.then(|| view! { <SlaBadge due=m.due_at breached=m.breached/> })}
                                        {(!running && m.breached).then(|| view! { <span class="sla late">{i18n.t(Desk::Breached)}</span> })}
                                        {(m.warned && !m.breached).then(|| view! { <span class="sla soon">{i18n.t(Desk::Warned)}</span> })}
                                        <span class="muted small">{i18n.t(Desk::Target)} " " {m.target_minutes} " " {i18n.t(Desk::Minutes)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <details class="ledger">
                            <summary>{i18n.t(Desk::Ledger)}</summary>
                            <ol class="history" data-testid="sla-ledger">
                                {found.ledger.into_iter().map(|e| view! {
                                    <li>
                                        <span class="strong">{move || metric_label(e.metric, i18n.locale())}</span> " · "
                                        <span data-testid=format!("ledger-{}", e.event.as_str())>{move || sla_event_label(e.event, i18n.locale())}</span>
                                        <div class="muted small">{move || format_datetime(e.at, i18n.locale())}
                                            {e.due_at.map(|due| view! { " → " {i18n.t(Desk::Due)} " " {move || format_datetime(due, i18n.locale())} })}
                                        </div>
                                    </li>
                                }).collect_view()}
                            </ol>
                        </details>
                    }.into_any()
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn countdowns_turn_amber_within_the_hour_and_red_when_late() {
        let now = Utc::now();
        let at = |minutes| Some(now + Duration::minutes(minutes));
        assert_eq!(countdown(at(150), false, now, Locale::En), Some((Urgency::Calm, "left 2h 30m".into())));
        assert_eq!(countdown(at(59), false, now, Locale::En).map(|c| c.0), Some(Urgency::Soon));
        assert_eq!(countdown(at(-5), true, now, Locale::Zh), Some((Urgency::Late, "超时 5分钟".into())));
        assert_eq!(countdown(at(3000), false, now, Locale::En), Some((Urgency::Calm, "left 2d 2h".into())));
        assert_eq!(countdown(at(1138), false, now, Locale::Zh), Some((Urgency::Calm, "剩余 18小时58分".into())));
        assert_eq!(countdown(at(3000), false, now, Locale::Zh), Some((Urgency::Calm, "剩余 2天2小时".into())));
        assert_eq!(countdown(None, true, now, Locale::En), Some((Urgency::Late, "Breached".into())));
        assert_eq!(countdown(None, false, now, Locale::En), None);
    }
}
