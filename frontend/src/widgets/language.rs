//! The language switch of the header and the sign-in page.

use leptos::prelude::*;

use crate::i18n::{Locale, Msg, use_i18n};
use crate::session::save_locale;

/// 中文 / English, remembered across visits.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |locale: Locale| {
        i18n.0.set(locale);
        save_locale(locale.tag());
    };
    view! {
        <div class="lang-switch" role="group" aria-label=i18n.t(Msg::Language)>
            <button
                class="lang"
                class:active=move || i18n.locale() == Locale::Zh
                aria-pressed=move || (i18n.locale() == Locale::Zh).to_string()
                on:click=move |_| choose(Locale::Zh)
                data-testid="lang-zh"
            >
                "中文"
            </button>
            <button
                class="lang"
                class:active=move || i18n.locale() == Locale::En
                aria-pressed=move || (i18n.locale() == Locale::En).to_string()
                on:click=move |_| choose(Locale::En)
                data-testid="lang-en"
            >
                "English"
            </button>
        </div>
    }
}
