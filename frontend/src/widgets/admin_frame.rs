//! The frame of every admin page: the tabs of the admin areas and the guard
//! that shows anyone else a clear "admins only" instead of the page.

use kehu_types::Role;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Desk, Loyalty, Msg, Value, use_i18n};
use crate::session::use_session;

/// Tabs and the admin-only guard around every admin page.
#[component]
pub fn AdminFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_admin = move || session.user.get().is_some_and(|u| u.role == Role::Admin);
    let content = children();
    view! {
        <section class="admin-page">
            <h1>{i18n.t(Msg::Admin)}</h1>
            <nav class="tabs">
                <A href="/admin/users">{i18n.t(Msg::Users)}</A>
                <A href="/admin/teams">{i18n.t(Msg::Teams)}</A>
                <A href="/admin/custom-fields" attr:data-testid="admin-custom-fields">{i18n.t(crate::i18n::Customers::CustomFieldsTab)}</A>
                <A href="/admin/service-desk" attr:data-testid="admin-service-desk">{i18n.t(Desk::SettingsTab)}</A>
                <A href="/admin/calendars" attr:data-testid="admin-calendars">{i18n.t(crate::i18n::Calendars::CalendarsTab)}</A>
                <A href="/admin/customer-value" attr:data-testid="admin-customer-value">{i18n.t(Value::SettingsTab)}</A>
                <A href="/admin/loyalty" attr:data-testid="admin-loyalty">{i18n.t(Loyalty::LoyaltyTab)}</A>
                <A href="/admin/audit">{i18n.t(Msg::AuditLog)}</A>
            </nav>
            <div class:hidden=move || !is_admin()>{content}</div>
            <Show when=move || session.user.get().is_some() && !is_admin()>
                <div class="state error" role="alert" data-testid="no-access">{i18n.t(Msg::AdminsOnly)}</div>
            </Show>
        </section>
    }
}
