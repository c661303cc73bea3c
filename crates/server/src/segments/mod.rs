//! Segments: filter trees over customers compiled to one SQL condition, live
//! counts, and saved segments (private or shared, with a trash).

pub mod api;
pub mod filters;
pub mod saved_segments;

use utoipa::OpenApi;

use crate::http::routes::{Table, at};

/// Mount the segment operations.
pub fn routes(table: Table) -> Table {
    table
        .mount(at("/segments").get(api::list).post(api::create))
        // Before `/segments/{id}`, which would otherwise take "count" for an id.
        .mount(at("/segments/count").post(api::count))
        .mount(at("/segments/{id}").get(api::get).patch(api::update).delete(api::delete))
        .mount(at("/segments/{id}/restore").post(api::restore))
}

#[derive(OpenApi)]
#[openapi(paths(api::count, api::list, api::create, api::get, api::update, api::delete, api::restore))]
pub struct ApiDoc;
