//! The knowledge base: articles in Markdown (drafted, published, archived),
//! the help centre's public articles, and the articles suggested on a ticket.

pub mod api;
pub mod articles;
pub mod markdown;

use utoipa::OpenApi;

use crate::http::routes::{Table, at};

/// Mount the knowledge-base operations.
pub fn routes(table: Table) -> Table {
    table
        .mount(at("/public/articles").get(api::public_list))
        .mount(at("/public/articles/{id}").get(api::public_get))
        .mount(at("/articles").get(api::list).post(api::create))
        // Before `/articles/{id}`, which would otherwise take "preview" for an id.
        .mount(at("/articles/preview").post(api::preview))
        .mount(at("/articles/{id}").get(api::get).patch(api::update))
        .mount(at("/tickets/{id}/suggested-articles").get(api::suggested))
}

#[derive(OpenApi)]
#[openapi(paths(
    api::list,
    api::create,
    api::get,
    api::update,
    api::preview,
    api::suggested,
    api::public_list,
    api::public_get,
))]
pub struct ApiDoc;
