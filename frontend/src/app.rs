//! The shell: routes, the header with navigation, language switch and user
//! menu, and the guard that sends signed-out visitors to the sign-in page.

use kehu_types::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

use crate::i18n::{I18n, Locale, Msg, follow_locale, use_i18n};
use crate::pages::audit::AuditPage;
use crate::pages::commerce::orders::OrdersPage;
use crate::pages::commerce::products::ProductsPage;
use crate::pages::customers::custom_fields::CustomFieldsPage;
use crate::pages::customers::form::{EditCustomer, NewCustomer};
use crate::pages::customers::list::CustomerList;
use crate::pages::customers::profile::CustomerPage;
use crate::pages::desk::approvals::ApprovalsPage;
use crate::pages::desk::calendars::CalendarsPage;
use crate::pages::desk::form::NewTicket;
use crate::pages::desk::list::TicketList;
use crate::pages::desk::settings::ServiceDeskSettings;
use crate::pages::desk::ticket::TicketPage;
use crate::pages::identity::login::Login;
use crate::pages::identity::teams::TeamsPage;
use crate::pages::identity::users::UsersPage;
use crate::pages::knowledge::article::ArticlePage;
use crate::pages::knowledge::list::KnowledgePage;
use crate::pages::loyalty::settings::LoyaltySettingsPage;
use crate::pages::notifications::NotificationBell;
use crate::pages::segments::builder::SegmentPage;
use crate::pages::segments::list::SegmentList;
use crate::pages::tasks::TasksPage;
use crate::pages::value::settings::ValueRulesPage;
use crate::session::{Session, saved_locale, use_session};
use crate::widgets::dialog::Dialog;
use crate::widgets::form_errors::FieldHint;
use crate::widgets::language::LanguageSwitch;
use crate::widgets::toast::{ToastHost, Toasts};

#[component]
pub fn App() -> impl IntoView {
    let locale = RwSignal::new(Locale::from_tag(&saved_locale().unwrap_or_default()));
    provide_context(I18n(locale));
    provide_context(Session::new());
    provide_context(Toasts::new());
    follow_locale(locale);

    view! {
        <Router>
            <Routes fallback=|| view! { <Guarded><NotFound/></Guarded> }>
                <Route path=path!("/login") view=Login/>
                <Route path=path!("/") view=|| view! { <Guarded><CustomerList/></Guarded> }/>
                <Route path=path!("/customers") view=|| view! { <Guarded><CustomerList/></Guarded> }/>
                <Route path=path!("/customers/new") view=|| view! { <Guarded><WritersOnly><NewCustomer/></WritersOnly></Guarded> }/>
                <Route path=path!("/customers/:id") view=|| view! { <Guarded><CustomerPage/></Guarded> }/>
                <Route path=path!("/customers/:id/edit") view=|| view! { <Guarded><WritersOnly><EditCustomer/></WritersOnly></Guarded> }/>
                <Route path=path!("/orders") view=|| view! { <Guarded><OrdersPage/></Guarded> }/>
                <Route path=path!("/products") view=|| view! { <Guarded><ProductsPage/></Guarded> }/>
                <Route path=path!("/segments") view=|| view! { <Guarded><SegmentList/></Guarded> }/>
                <Route path=path!("/segments/new") view=|| view! { <Guarded><WritersOnly><SegmentPage/></WritersOnly></Guarded> }/>
                <Route path=path!("/segments/:id") view=|| view! { <Guarded><SegmentPage/></Guarded> }/>
                <Route path=path!("/knowledge") view=|| view! { <Guarded><KnowledgePage/></Guarded> }/>
                <Route path=path!("/knowledge/new") view=|| view! { <Guarded><WritersOnly><ArticlePage/></WritersOnly></Guarded> }/>
                <Route path=path!("/knowledge/:id") view=|| view! { <Guarded><ArticlePage/></Guarded> }/>
                <Route path=path!("/tasks") view=|| view! { <Guarded><TasksPage/></Guarded> }/>
                <Route path=path!("/tickets") view=|| view! { <Guarded><TicketList/></Guarded> }/>
                <Route path=path!("/tickets/approvals") view=|| view! { <Guarded><ApprovalsPage/></Guarded> }/>
                <Route path=path!("/tickets/new") view=|| view! { <Guarded><WritersOnly><NewTicket/></WritersOnly></Guarded> }/>
                <Route path=path!("/tickets/:id") view=|| view! { <Guarded><TicketPage/></Guarded> }/>
                <Route path=path!("/admin/users") view=|| view! { <Guarded><AdminsOnly><UsersPage/></AdminsOnly></Guarded> }/>
                <Route path=path!("/admin/teams") view=|| view! { <Guarded><AdminsOnly><TeamsPage/></AdminsOnly></Guarded> }/>
                <Route path=path!("/admin/service-desk") view=|| view! { <Guarded><AdminsOnly><ServiceDeskSettings/></AdminsOnly></Guarded> }/>
                <Route path=path!("/admin/calendars") view=|| view! { <Guarded><AdminsOnly><CalendarsPage/></AdminsOnly></Guarded> }/>
                <Route path=path!("/admin/custom-fields") view=|| view! { <Guarded><AdminsOnly><CustomFieldsPage/></AdminsOnly></Guarded> }/>
                <Route path=path!("/admin/customer-value") view=|| view! { <Guarded><AdminsOnly><ValueRulesPage/></AdminsOnly></Guarded> }/>
                <Route path=path!("/admin/loyalty") view=|| view! { <Guarded><AdminsOnly><LoyaltySettingsPage/></AdminsOnly></Guarded> }/>
                <Route path=path!("/admin/audit") view=|| view! { <Guarded><AdminsOnly><AuditPage/></AdminsOnly></Guarded> }/>
            </Routes>
        </Router>
        <ToastHost/>
    }
}

/// Pages that need a session: without one, go to sign-in and come back after.
#[component]
fn Guarded(children: Children) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let signed_in = session.has_tokens();
    if !signed_in {
        // The router's `search` has no leading `?`.
        let search = location.search.get_untracked();
        let here = if search.is_empty() {
            location.pathname.get_untracked()
        } else {
            format!("{}?{}", location.pathname.get_untracked(), search.trim_start_matches('?'))
        };
        let target = format!("/login?next={}", js_sys::encode_uri_component(&here));
        // Not during this render: the router is reading its location to
        // render this very route, and navigating writes that location (on
        // wasm a write under a read lock aborts the whole app).
        request_animation_frame(move || navigate(&target, NavigateOptions { replace: true, ..Default::default() }));
    } else if session.user.get_untracked().is_none() {
        let session = session.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match session.settle(session.client.get_me().await) {
                Ok(user) => {
                    crate::time::choose(user.time_zone.clone());
                    session.user.set(Some(user));
                }
                Err(error) if error.status() == Some(401) => navigate("/login", Default::default()),
                Err(_) => {}
            }
        });
    }
    if signed_in { view! { <Shell>{children()}</Shell> }.into_any() } else { ().into_any() }
}

/// A page that creates or changes records. A viewer (read-only) is told so
/// plainly instead of being shown a form that could never be saved.
#[component]
fn WritersOnly(children: ChildrenFn) -> impl IntoView {
    view! { <RoleOnly allowed=|role| role != Role::Viewer refusal=Msg::WritersOnly>{children()}</RoleOnly> }
}

/// An admin page: anyone else is told so plainly, and the page is never
/// built for them, so it asks the server for nothing it would refuse.
#[component]
fn AdminsOnly(children: ChildrenFn) -> impl IntoView {
    view! { <RoleOnly allowed=|role| role == Role::Admin refusal=Msg::AdminsOnly>{children()}</RoleOnly> }
}

/// The page for the roles `allowed` lets in, and `refusal` for the others.
#[component]
fn RoleOnly(allowed: fn(Role) -> bool, refusal: Msg, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // A memo: a change of the user's profile (their time zone) must not
    // rebuild the page and lose what was typed.
    let role = Memo::new(move |_| session.user.get().map(|user| user.role));
    view! {
        {move || match role.get() {
            None => ().into_any(),
            Some(role) if allowed(role) => children().into_any(),
            Some(_) => view! {
                <section class="state error" role="alert" data-testid="no-access">{i18n.t(refusal)}</section>
            }
            .into_any(),
        }}
    }
}

/// Any address the app has no page for.
#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="state empty" data-testid="not-found">
            <p class="state-title">{i18n.t(Msg::PageNotFound)}</p>
            <p class="muted">{i18n.t(Msg::PageNotFoundHint)}</p>
            <A href="/customers" attr:class="button primary">{i18n.t(Msg::BackToCustomers)}</A>
        </section>
    }
}

#[component]
fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let user_name = move || session.user.get().map(|u| u.name).unwrap_or_default();
    let password_open = RwSignal::new(false);
    let sign_out = {
        let session = session.clone();
        move |_| {
            let session = session.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                let _ = session.client.logout().await;
                session.forget();
                navigate("/login", Default::default());
            });
        }
    };
    view! {
        <header class="topbar">
            <A href="/customers" attr:class="brand">
                <span class="brand-mark">"客"</span>
                <span>{i18n.t(Msg::AppName)}</span>
            </A>
            <nav class="nav">
                <A href="/customers">{i18n.t(Msg::Customers)}</A>
                <A href="/segments" attr:data-testid="nav-segments">{i18n.t(crate::i18n::Segments::Heading)}</A>
                <A href="/orders" attr:data-testid="nav-orders">{i18n.t(crate::i18n::Commerce::Orders)}</A>
                <A href="/products" attr:data-testid="nav-products">{i18n.t(crate::i18n::Commerce::Products)}</A>
                <A href="/tickets" attr:data-testid="nav-tickets">{i18n.t(crate::i18n::Desk::Tickets)}</A>
                <A href="/tasks" attr:data-testid="nav-tasks">{i18n.t(crate::i18n::Desk::Tasks)}</A>
                <A href="/knowledge" attr:data-testid="nav-knowledge">{i18n.t(crate::i18n::Knowledge::Heading)}</A>
                <Show when=move || session.user.get().is_some_and(|u| u.role == Role::Admin)>
                    <A href="/admin/users" attr:data-testid="nav-admin">{i18n.t(Msg::Admin)}</A>
                </Show>
            </nav>
            <div class="topbar-end">
                <NotificationBell/>
                <LanguageSwitch/>
                <button class="button ghost user-name" data-testid="user-menu" aria-haspopup="dialog" on:click=move |_| password_open.set(true)>
                    {user_name}
                </button>
                <button class="button ghost" on:click=sign_out data-testid="sign-out">{i18n.t(Msg::SignOut)}</button>
            </div>
        </header>
        <main class="page">{children()}</main>
        <Show when=move || password_open.get()>
            <ChangePasswordDialog open=password_open/>
        </Show>
    }
}

/// Change your own password; the session continues with the new tokens and
/// every other session of this user ends.
#[component]
fn ChangePasswordDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = crate::widgets::toast::use_toasts();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<kehu_types::FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |_: leptos::ev::SubmitEvent| {
        if let Err(found) = kehu_domain::validate::password("new_password", &new_password.get_untracked()) {
            errors.set(found);
            return;
        }
        busy.set(true);
        let session = session.clone();
        spawn_local(async move {
            let result = session.client.change_password(&current.get_untracked(), &new_password.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    session.persist();
                    toasts.success(Msg::PasswordChanged);
                    open.set(false);
                }
                Err(error) => {
                    toasts.refused(&error, errors);
                }
            }
        });
    };
    view! {
        <Dialog
            title=Msg::MySettings
            on_close=Callback::new(move |_| open.set(false))
            on_submit=Callback::new(submit)
            busy=busy
            save_id="password-save"
        >
                <TimeZoneChoice/>
                <h3>{i18n.t(Msg::ChangePassword)}</h3>
                <label class="field">
                    <span>{i18n.t(Msg::CurrentPassword)}</span>
                    <input type="password" autocomplete="current-password" autofocus data-testid="current-password"
                        prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="current_password"/>
                </label>
                <label class="field">
                    <span>{i18n.t(Msg::NewPassword)}</span>
                    <input type="password" autocomplete="new-password" data-testid="new-password"
                        prop:value=move || new_password.get() on:input=move |ev| new_password.set(event_target_value(&ev))/>
                    <FieldHint errors=errors field="new_password"/>
                </label>
        </Dialog>
    }
}

/// Zones offered first; any IANA name can be typed.
const COMMON_ZONES: [&str; 12] = [
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "UTC",
];

/// The time zone times are shown in: the browser's unless chosen, saved on
/// the server so it follows the user to another computer. Pages shown after
/// the change use it.
#[component]
fn TimeZoneChoice() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = crate::widgets::toast::use_toasts();
    let chosen = RwSignal::new(session.user.get_untracked().and_then(|u| u.time_zone).unwrap_or_default());
    let errors = RwSignal::new(Vec::<kehu_types::FieldError>::new());
    let browser = crate::time::browser_zone().unwrap_or_else(|| "UTC".to_owned());
    let save = move |zone: String| {
        let session = session.clone();
        spawn_local(async move {
            let patch = kehu_types::UpdateMe { time_zone: Some(Some(zone).filter(|z| !z.trim().is_empty())) };
            match session.settle(session.client.update_me(&patch).await) {
                Ok(user) => {
                    errors.set(Vec::new());
                    crate::time::choose(user.time_zone.clone());
                    session.user.set(Some(user));
                    toasts.success(Msg::Saved);
                }
                Err(error) => toasts.refused(&error, errors),
            }
        });
    };
    view! {
        <label class="field">
            <span>{i18n.t(Msg::TimeZone)}</span>
            <input list="my-time-zones" data-testid="my-time-zone" placeholder=format!("{browser} ({})", i18n.t(Msg::BrowserZone)())
                prop:value=move || chosen.get() on:input=move |ev| chosen.set(event_target_value(&ev))
                on:change=move |ev| save(event_target_value(&ev))/>
            <datalist id="my-time-zones">
                {COMMON_ZONES.map(|zone| view! { <option value=zone></option> }).collect_view()}
            </datalist>
            <span class="muted small">{i18n.t(Msg::TimeZoneHint)}</span>
            <FieldHint errors=errors field="time_zone"/>
        </label>
    }
}
