//! Sign-in. Errors are shown plainly in the chosen language: wrong password,
//! too many attempts, deactivated account, server unreachable.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::i18n::{Msg, use_i18n};
use crate::session::use_session;
use crate::widgets::language::LanguageSwitch;

/// Only same-site paths are followed after sign-in (no open redirect).
fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/login") => path,
        _ => "/customers".to_owned(),
    }
}

#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Msg>);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let session = session.clone();
        let navigate = navigate.clone();
        let next = safe_next(query.get_untracked().get("next"));
        spawn_local(async move {
            let result = session.client.login(&email.get_untracked(), &password.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    session.persist();
                    navigate(&next, Default::default());
                }
                Err(failure) => {
                    password.set(String::new());
                    error.set(Some(Msg::for_code(failure.code())));
                }
            }
        });
    };

    view! {
        <div class="login-page">
            <div class="login-lang"><LanguageSwitch/></div>
            <form class="card login-card" on:submit=submit novalidate>
                <div class="brand login-brand"><span class="brand-mark">"客"</span><span>{i18n.t(Msg::AppName)}</span></div>
                <h1>{i18n.t(Msg::SignInTitle)}</h1>
                <p class="muted">{i18n.t(Msg::SignInHint)}</p>
                <Show when=move || error.get().is_some()>
                    <div class="alert error" role="alert" data-testid="login-error">
                        {move || error.get().map(|msg| msg.text(i18n.locale()))}
                    </div>
                </Show>
                <label class="field">
                    <span>{i18n.t(Msg::Email)}</span>
                    <input
                        type="email"
                        name="email"
                        autocomplete="username"
                        required
                        autofocus
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>{i18n.t(Msg::Password)}</span>
                    <input
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </label>
                <button class="button primary wide" type="submit" disabled=move || busy.get()>
                    <Show when=move || busy.get() fallback=move || i18n.t(Msg::SignIn)()>
                        <span class="spinner" aria-hidden="true"></span>
                        {i18n.t(Msg::SigningIn)}
                    </Show>
                </button>
                <p class="muted small center"><a href="/help" rel="external" data-testid="help-link">{i18n.t(crate::i18n::Desk::NeedHelp)}</a></p>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_same_site_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/customers?q=%E6%98%8E".into())), "/customers?q=%E6%98%8E");
        assert_eq!(safe_next(Some("/admin/users".into())), "/admin/users");
        for hostile in ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/login?next=/x", ""] {
            assert_eq!(safe_next(Some(hostile.into())), "/customers", "{hostile}");
        }
        assert_eq!(safe_next(None), "/customers");
    }
}
