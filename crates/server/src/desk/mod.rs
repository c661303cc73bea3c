//! The service desk: tickets through the complaint-handling process (with
//! their categories, ownership and escalation), compensations with their
//! limits and approvals, SLA policies and clocks with the breach job,
//! business calendars and their holiday import, and the public request form.

pub mod api;
pub mod calendars;
pub mod compensation_approvals;
pub mod compensations;
pub mod public;
pub mod sla;
pub mod sla_breach;
pub mod sla_policies;
pub mod ticket_categories;
pub mod ticket_ownership;
pub mod tickets;

use kehu_domain::validate::Errors;
use kehu_types::CompensationLimits;
use utoipa::OpenApi;

use crate::http::routes::{Table, at};
use crate::platform::jobs::JobKind;
use crate::platform::settings::SettingsGroup;

/// Mount the service-desk operations.
pub fn routes(table: Table) -> Table {
    use api::{calendars, compensations, holidays, public, sla, ticket_categories, tickets};
    table
        .mount(at("/ticket-categories").get(ticket_categories::list).post(ticket_categories::create))
        .mount(at("/ticket-categories/{id}").patch(ticket_categories::update))
        .mount(at("/tickets").get(tickets::list).post(tickets::create))
        .mount(at("/tickets/{id}").get(tickets::get).patch(tickets::update))
        .mount(at("/tickets/{id}/status").post(tickets::change_status))
        .mount(at("/tickets/{id}/assign").post(tickets::assign))
        .mount(at("/tickets/{id}/escalation").post(tickets::escalate))
        .mount(at("/tickets/{id}/events").get(tickets::events))
        .mount(at("/tickets/{id}/messages").post(tickets::add_message))
        .mount(at("/tickets/{id}/compensations").get(tickets::compensations).post(tickets::add_compensation))
        .mount(at("/compensations").get(compensations::list))
        .mount(at("/compensations/{id}/approve").post(compensations::approve))
        .mount(at("/compensations/{id}/reject").post(compensations::reject))
        .mount(at("/tickets/{id}/sla").get(sla::ticket_sla))
        .mount(at("/sla-policies").get(sla::list_policies).post(sla::create_policy))
        .mount(at("/sla-policies/{id}").patch(sla::update_policy))
        .mount(at("/business-calendars").get(calendars::list_calendars).post(calendars::create_calendar))
        .mount(at("/business-calendars/{id}").put(calendars::replace_calendar))
        .mount(at("/business-calendars/{id}/due-time").post(calendars::due_time))
        .mount(at("/business-calendars/{id}/holidays/import").post(holidays::import))
        .mount(at("/public/requests").post(public::submit))
        .mount(at("/settings/compensation-limits").get(compensations::get_limits).put(compensations::put_limits))
}

impl SettingsGroup for CompensationLimits {
    const KEY: &'static str = "compensation_limits";
    fn check(&self) -> Errors {
        kehu_domain::compensation::check_limits(self)
    }
}

/// The desk's background work: each SLA clock's warning and breach, on time.
pub const JOBS: &[JobKind] = &[JobKind {
    name: sla::JOB_KIND,
    run: |txn, payload, at| Box::pin(sla_breach::run_job(txn, payload, at)),
    ensure: None,
}];

#[derive(OpenApi)]
#[openapi(paths(
    api::tickets::list,
    api::tickets::create,
    api::tickets::get,
    api::tickets::update,
    api::tickets::change_status,
    api::tickets::assign,
    api::tickets::escalate,
    api::tickets::events,
    api::tickets::add_message,
    api::tickets::compensations,
    api::tickets::add_compensation,
    api::compensations::list,
    api::compensations::approve,
    api::compensations::reject,
    api::compensations::get_limits,
    api::compensations::put_limits,
    api::ticket_categories::list,
    api::ticket_categories::create,
    api::ticket_categories::update,
    api::sla::ticket_sla,
    api::sla::list_policies,
    api::sla::create_policy,
    api::sla::update_policy,
    api::calendars::list_calendars,
    api::calendars::create_calendar,
    api::calendars::replace_calendar,
    api::calendars::due_time,
    api::holidays::import,
    api::public::submit,
))]
pub struct ApiDoc;
