//! In-app notifications: written with what caused them, read and marked read
//! by the person they are for.

pub mod api;
pub mod service;

use utoipa::OpenApi;

use crate::http::routes::{Table, at};

/// Mount the notification operations.
pub fn routes(table: Table) -> Table {
    table
        .mount(at("/notifications").get(api::list))
        .mount(at("/notifications/unread-count").get(api::unread_count))
        .mount(at("/notifications/read-all").post(api::mark_all_read))
        .mount(at("/notifications/{id}/read").post(api::mark_read))
}

#[derive(OpenApi)]
#[openapi(paths(api::list, api::unread_count, api::mark_read, api::mark_all_read))]
pub struct ApiDoc;
