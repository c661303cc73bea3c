//! Loyalty: the append-only points ledger with its lots and expiry, tiers,
//! and the loyalty program's settings.

pub mod api;
pub mod ledger;
pub mod points;

use kehu_domain::validate::Errors;
use kehu_types::LoyaltySettings;
use utoipa::OpenApi;

use crate::http::routes::{Table, at};
use crate::platform::settings::SettingsGroup;

/// Mount the loyalty operations.
pub fn routes(table: Table) -> Table {
    table
        .mount(at("/customers/{id}/loyalty").get(api::account))
        .mount(at("/customers/{id}/points").get(api::ledger))
        .mount(at("/customers/{id}/points/adjustments").post(api::adjust))
        .mount(at("/customers/{id}/points/redemptions").post(api::redeem))
        .mount(at("/settings/loyalty").get(api::get_settings).put(api::put_settings))
        .mount(at("/loyalty/expire").post(api::expire))
}

impl SettingsGroup for LoyaltySettings {
    const KEY: &'static str = "loyalty";
    fn check(&self) -> Errors {
        kehu_domain::loyalty::check_settings(self)
    }
}

#[derive(OpenApi)]
#[openapi(paths(
    api::account,
    api::ledger,
    api::adjust,
    api::redeem,
    api::get_settings,
    api::put_settings,
    api::expire,
))]
pub struct ApiDoc;
