//! Customers: the customer file (contacts, owner, tags, custom fields,
//! consent), manual stage moves and the stage history, interactions and the
//! timeline, customers named by their id in another system, and the trash.

pub mod access;
pub mod api;
pub mod consent;
pub mod customer_refs;
pub mod interactions;
pub mod service;
pub mod stages;

use kehu_domain::validate::Errors;
use kehu_types::CustomFieldSettings;
use utoipa::OpenApi;

use crate::http::routes::{Table, at};
use crate::platform::settings::SettingsGroup;

/// Mount the customer operations.
pub fn routes(table: Table) -> Table {
    use api::{customers, interactions};
    table
        .mount(at("/customers").get(customers::list).post(customers::create))
        // Before `/customers/{id}`, which would otherwise take "by-external-id" for an id.
        .mount(at("/customers/by-external-id").get(customers::by_external_id))
        .mount(at("/customers/{id}").get(customers::get).patch(customers::update).delete(customers::delete))
        .mount(at("/customers/{id}/restore").post(customers::restore))
        .mount(at("/customers/{id}/stage").post(customers::change_stage))
        .mount(at("/customers/{id}/stage-history").get(customers::stage_history))
        .mount(at("/customers/{id}/consent-history").get(customers::consent_history))
        .mount(at("/customers/{id}/interactions").get(interactions::list).post(interactions::create))
        .mount(at("/interactions").post(interactions::record))
        .mount(at("/customers/{id}/timeline").get(interactions::timeline))
        .mount(at("/settings/custom-fields").get(customers::get_custom_fields).put(customers::put_custom_fields))
}

impl SettingsGroup for CustomFieldSettings {
    const KEY: &'static str = "custom_fields";
    fn check(&self) -> Errors {
        kehu_domain::custom_fields::check_settings(self)
    }
}

#[derive(OpenApi)]
#[openapi(paths(
    api::customers::list,
    api::customers::create,
    api::customers::get,
    api::customers::by_external_id,
    api::customers::update,
    api::customers::delete,
    api::customers::restore,
    api::customers::change_stage,
    api::customers::stage_history,
    api::customers::consent_history,
    api::customers::get_custom_fields,
    api::customers::put_custom_fields,
    api::interactions::list,
    api::interactions::create,
    api::interactions::record,
    api::interactions::timeline,
))]
pub struct ApiDoc;
