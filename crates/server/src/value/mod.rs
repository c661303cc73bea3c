//! Customer value: each customer's value figures and RFM scores, the
//! lifecycle and value settings, the inactivity sweep, and the schedule of the
//! daily work that runs them.

pub mod api;
pub mod customer_value;
pub mod daily_schedule;
pub mod lifecycle_sweep;

use utoipa::OpenApi;

use crate::http::routes::{Table, at};

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
