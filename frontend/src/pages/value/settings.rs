//! Customer-value settings for admins: the lifecycle rules' thresholds, what
//! the value metrics count as cost, and running the nightly work now.

use kehu_types::{DailyJobSettings, FieldError, LifecycleSettings, LifecycleStage, ValueSettings};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Amounts, Msg, Value, colon, stage_label, use_i18n};
use crate::session::use_session;
use crate::widgets::admin_frame::AdminFrame;
use crate::widgets::currency::CurrencySelect;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::numbers::{number, shown};
use crate::widgets::toast::use_toasts;

#[component]
fn Field(
    label: Value,
    field: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field"><span>{i18n.t(label)}</span>
            <input inputmode="decimal" data-testid=field prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
            <FieldHint errors=errors field=field/>
        </label>
    }
}

#[component]
pub fn ValueRulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let fields: [RwSignal<String>; 7] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [loyal_orders, loyal_spend, at_risk_days, new_at_risk_days, churned_days, ticket_cost, lifetime_months] =
        fields;
    let holds = RwSignal::new(true);
    let currency = RwSignal::new(String::new());
    let versions = RwSignal::new((None::<i64>, None::<i64>));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let changes = RwSignal::new(0u32);
    Effect::new({
        let session = session.clone();
        move |_| {
            changes.track();
            let session = session.clone();
            spawn_local(async move {
                let lifecycle = session.settle(session.client.get_lifecycle_settings().await);
                let value = session.settle(session.client.get_value_settings().await);
                if let (Ok(lifecycle), Ok(value)) = (lifecycle, value) {
                    let rules = lifecycle.value;
                    loyal_orders.set(rules.loyal_min_orders.to_string());
                    let unit = &value.value.currency;
                    loyal_spend.set(shown(rules.loyal_min_spend_12m, unit));
                    at_risk_days.set(rules.at_risk_after_days.to_string());
                    new_at_risk_days.set(rules.new_at_risk_after_days.to_string());
                    churned_days.set(rules.churned_after_days.to_string());
                    holds.set(rules.manual_stage_holds);
                    ticket_cost.set(shown(value.value.cost_per_ticket, unit));
                    lifetime_months.set(value.value.expected_lifetime_months.to_string());
                    currency.set(value.value.currency.clone());
                    versions.set((lifecycle.version, value.version));
                }
            });
        }
    });
    let save = {
        let session = session.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            // Settings amounts are in the business currency chosen on this form.
            let unit = currency.get_untracked();
            let mut amounts = Amounts::default();
            let loyal_min_spend_12m = amounts.read("loyal_min_spend_12m", &loyal_spend.get_untracked(), Some(&unit));
            let cost_per_ticket = amounts.read("cost_per_ticket", &ticket_cost.get_untracked(), Some(&unit));
            if amounts.refused(errors) {
                return toasts.error(Msg::ErrorValidation);
            }
            let rules = LifecycleSettings {
                loyal_min_orders: number(&loyal_orders.get_untracked()),
                loyal_min_spend_12m,
                at_risk_after_days: number(&at_risk_days.get_untracked()),
                new_at_risk_after_days: number(&new_at_risk_days.get_untracked()),
                churned_after_days: number(&churned_days.get_untracked()),
                manual_stage_holds: holds.get_untracked(),
            };
            let costs = ValueSettings {
                cost_per_ticket,
                expected_lifetime_months: number(&lifetime_months.get_untracked()),
                currency: unit,
            };
            let (lifecycle_version, value_version) = versions.get_untracked();
            let session = session.clone();
            spawn_local(async move {
                let client = &session.client;
                let saved = match session.settle(client.update_lifecycle_settings(lifecycle_version, &rules).await) {
                    Ok(_) => {
                        // Saved: a failure of the second part must not make the next try stale.
                        versions.update(|(lifecycle, _)| *lifecycle = lifecycle.map(|n| n + 1));
                        session.settle(client.update_value_settings(value_version, &costs).await).map(|_| ())
                    }
                    Err(error) => Err(error),
                };
                match saved {
                    Ok(()) => {
                        errors.set(Vec::new());
                        toasts.success(Msg::Saved);
                        // Read back the new versions for the next save.
                        changes.update(|n| *n += 1);
                    }
                    // The form keeps what was typed, with the faulty fields marked.
                    Err(error) => {
                        toasts.refused(&error, errors);
                    }
                }
            });
        }
    };
    let outcome = RwSignal::new(String::new());
    let run = move |sweep: bool| {
        let session = session.clone();
        spawn_local(async move {
            let locale = i18n.locale();
            let done = if sweep {
                session.settle(session.client.run_lifecycle_sweep().await).map(|r| {
                    let (at_risk, churned) =
                        (stage_label(LifecycleStage::AtRisk, locale), stage_label(LifecycleStage::Churned, locale));
                    format!(
                        "{}{}{at_risk} +{}, {churned} +{}",
                        Value::SweepDone.text(locale),
                        colon(locale),
                        r.to_at_risk,
                        r.to_churned
                    )
                })
            } else {
                session
                    .settle(session.client.score_rfm().await)
                    .map(|r| format!("{}{}{}", Value::RfmDone.text(locale), colon(locale), r.scored))
            };
            match done {
                Ok(text) => outcome.set(text),
                Err(error) => toasts.error(Msg::for_code(error.code())),
            }
        });
    };
    let run_sweep = run.clone();
    view! {
        <AdminFrame>
            <form class="card form" on:submit=save data-testid="value-rules">
                <h2>{i18n.t(Value::LifecycleRules)}</h2>
                <p class="muted">{i18n.t(Value::LifecycleRulesHint)}</p>
                <div class="grid-3">
                    <Field label=Value::LoyalMinOrders field="loyal_min_orders" value=loyal_orders errors=errors/>
                    <Field label=Value::LoyalMinSpend field="loyal_min_spend_12m" value=loyal_spend errors=errors/>
                    <Field label=Value::AtRiskAfterDays field="at_risk_after_days" value=at_risk_days errors=errors/>
                    <Field label=Value::NewAtRiskAfterDays field="new_at_risk_after_days" value=new_at_risk_days errors=errors/>
                    <Field label=Value::ChurnedAfterDays field="churned_after_days" value=churned_days errors=errors/>
                </div>
                <label class="check"><input type="checkbox" data-testid="manual_stage_holds" prop:checked=move || holds.get()
                    on:change=move |ev| holds.set(event_target_checked(&ev))/>{i18n.t(Value::ManualStageHolds)}</label>
                <h2>{i18n.t(Value::ValueSettings)}</h2>
                <div class="grid-3">
                    <Field label=Value::CostPerTicket field="cost_per_ticket" value=ticket_cost errors=errors/>
                    <Field label=Value::ExpectedLifetimeMonths field="expected_lifetime_months" value=lifetime_months errors=errors/>
                    <label class="field"><span>{i18n.t(Value::BusinessCurrency)}</span>
                        <CurrencySelect value=currency test_id="currency"/>
                        <FieldHint errors=errors field="currency"/>
                    </label>
                </div>
                <div class="actions">
                    <button class="button primary" type="submit" data-testid="value-rules-save">{i18n.t(Msg::Save)}</button>
                    <button class="button" type="button" data-testid="run-sweep" on:click=move |_| run_sweep(true)>{i18n.t(Value::RunSweep)}</button>
                    <button class="button" type="button" data-testid="score-rfm" on:click=move |_| run(false)>{i18n.t(Value::ScoreRfm)}</button>
                </div>
                <p class="muted" role="status" data-testid="value-run-outcome">{move || outcome.get()}</p>
            </form>
            <DailyJobs/>
        </AdminFrame>
    }
}

/// When the daily work (sweep, expiry, tier review, RFM) runs: a local time
/// in the default business calendar's zone, or in a zone pinned here.
#[component]
fn DailyJobs() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let run_at = RwSignal::new(String::new());
    let zone = RwSignal::new(String::new());
    let follows = RwSignal::new(true);
    let version = RwSignal::new(None::<i64>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let load = {
        let session = session.clone();
        move || {
            let session = session.clone();
            spawn_local(async move {
                if let Ok(found) = session.settle(session.client.get_daily_job_settings().await) {
                    run_at.set(found.value.run_at);
                    // The answer names the zone in use: the calendar's when it follows.
                    zone.set(found.value.time_zone.unwrap_or_default());
                    follows.set(found.value.follows_calendar);
                    version.set(found.version);
                }
            });
        }
    };
    load();
    let save = move |event: SubmitEvent| {
        event.prevent_default();
        let follows_calendar = follows.get_untracked();
        let pinned = zone.get_untracked().trim().to_owned();
        let settings = DailyJobSettings {
            run_at: run_at.get_untracked(),
            time_zone: (!follows_calendar).then_some(pinned),
            follows_calendar,
        };
        let session = session.clone();
        let load = load.clone();
        spawn_local(async move {
            match session.settle(session.client.update_daily_job_settings(version.get_untracked(), &settings).await) {
                Ok(_) => {
                    errors.set(Vec::new());
                    toasts.success(Msg::Saved);
                    load();
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    view! {
        <form class="card form" on:submit=save data-testid="daily-jobs">
            <h2>{i18n.t(Value::DailyJobs)}</h2>
            <p class="muted">{i18n.t(Value::DailyJobsHint)}</p>
            <label class="check"><input type="checkbox" data-testid="daily-follows-calendar" prop:checked=move || follows.get()
                on:change=move |ev| follows.set(event_target_checked(&ev))/>{i18n.t(Value::DailyJobsFollowCalendar)}</label>
            <p class="muted small">{i18n.t(Value::DailyJobsFollowHint)}</p>
            <div class="grid-3">
                <label class="field"><span>{i18n.t(Value::DailyJobsAt)}</span>
                    <input type="time" data-testid="daily-run-at" prop:value=move || run_at.get() on:input=move |ev| run_at.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="run_at"/>
                </label>
                <label class="field"><span>{i18n.t(Msg::TimeZone)}</span>
                    <input data-testid="daily-time-zone" list="daily-zones" prop:value=move || zone.get() disabled=move || follows.get()
                        on:input=move |ev| zone.set(event_target_value(&ev))/>
                    <datalist id="daily-zones">
                        {["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Europe/London", "America/New_York", "UTC"]
                            .map(|z| view! { <option value=z></option> }).collect_view()}
                    </datalist>
                    <FieldHint errors=errors field="time_zone"/>
                </label>
                <div class="field end"><button class="button primary" type="submit" data-testid="daily-jobs-save">{i18n.t(Msg::Save)}</button></div>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_fields_read_numbers_and_amounts() {
        assert_eq!((number(" 90 "), number("九十"), number("")), (90, -1, -1));
        assert_eq!(shown(200_000, "CNY"), "2000.00");
        assert_eq!(shown(2_000, "JPY"), "2000");
        assert_eq!(shown(2_000, "KWD"), "2.000");
    }
}
