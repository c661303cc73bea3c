//! Customer value: each customer's value figures and RFM scores, the
//! lifecycle and value settings, the inactivity sweep, and the schedule of the
//! daily work that runs them.

pub mod api;
pub mod customer_value;
pub mod daily_schedule;
pub mod lifecycle_sweep;

use kehu_domain::validate::Errors;
use kehu_domain::value::{check_lifecycle_settings, check_value_settings};
use kehu_types::{DailyJobSettings, LifecycleSettings, ValueSettings, field_codes};
use utoipa::OpenApi;

use crate::http::routes::{Table, at};
use crate::platform::jobs::JobKind;
use crate::platform::settings::SettingsGroup;

/// Mount the customer-value operations.
pub fn routes(table: Table) -> Table {
    table
        .mount(at("/customers/{id}/value").get(api::value))
        .mount(at("/settings/lifecycle").get(api::get_lifecycle).put(api::put_lifecycle))
        .mount(at("/settings/value").get(api::get_value).put(api::put_value))
        .mount(at("/settings/daily-jobs").get(api::get_daily_jobs).put(api::put_daily_jobs))
        .mount(at("/lifecycle/sweep").post(api::sweep))
        .mount(at("/customer-value/rfm").post(api::score_rfm))
}

impl SettingsGroup for LifecycleSettings {
    const KEY: &'static str = "lifecycle";
    fn check(&self) -> Errors {
        check_lifecycle_settings(self)
    }
}

impl SettingsGroup for ValueSettings {
    const KEY: &'static str = "value";
    fn check(&self) -> Errors {
        check_value_settings(self)
    }
}

impl SettingsGroup for DailyJobSettings {
    const KEY: &'static str = "daily_jobs";
    fn check(&self) -> Errors {
        let mut errors = Errors::default();
        if kehu_domain::sla::parse_time(&self.run_at).is_none() {
            errors.add("run_at", field_codes::INVALID_FORMAT, "must be a local time HH:MM");
        }
        if self.time_zone.as_deref().is_some_and(|zone| zone.trim().parse::<chrono_tz::Tz>().is_err()) {
            errors.add("time_zone", field_codes::INVALID_FORMAT, "must be an IANA time zone such as Asia/Shanghai");
        }
        errors
    }
}

/// The daily work (inactivity sweep, points expiry, tier review, RFM
/// scoring), one durable job that every instance makes sure is scheduled.
pub const JOBS: &[JobKind] = &[JobKind {
    name: lifecycle_sweep::JOB_KIND,
    run: |txn, payload, at| Box::pin(lifecycle_sweep::run_job(txn, payload, at)),
    ensure: Some(|conn, at| Box::pin(lifecycle_sweep::ensure_daily_job(conn, at))),
}];

#[derive(OpenApi)]
#[openapi(paths(
    api::value,
    api::get_lifecycle,
    api::put_lifecycle,
    api::get_value,
    api::put_value,
    api::get_daily_jobs,
    api::put_daily_jobs,
    api::sweep,
    api::score_rfm,
))]
pub struct ApiDoc;
