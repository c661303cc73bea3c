//! Follow-up tasks: calls, emails, visits and reviews due at a time, linked to
//! a customer or a ticket.

pub mod api;
pub mod service;

use utoipa::OpenApi;

use crate::http::routes::{Table, at};

/// Mount the task operations.
pub fn routes(table: Table) -> Table {
    table.mount(at("/tasks").get(api::list).post(api::create)).mount(at("/tasks/{id}").get(api::get).patch(api::update))
}

#[derive(OpenApi)]
#[openapi(paths(api::list, api::create, api::get, api::update))]
pub struct ApiDoc;
