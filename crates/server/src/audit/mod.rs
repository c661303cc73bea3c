//! The audit log as admins read it. The rows are written by every write
//! through `platform::audit`.

pub mod api;

use utoipa::OpenApi;

use crate::http::routes::{Table, at};

/// Mount the audit-log operation.
pub fn routes(table: Table) -> Table {
    table.mount(at("/audit").get(api::list))
}

#[derive(OpenApi)]
#[openapi(paths(api::list))]
pub struct ApiDoc;
