//! The one modal dialog frame: a titled form over a dimmed page, closed with
//! Escape or Cancel, whose Save button shows progress while busy.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::i18n::{Msg, Text, use_i18n};

#[component]
pub fn Dialog(
    #[prop(into)] title: Text,
    /// Added after the title, e.g. the name of the record.
    #[prop(optional, into)]
    subtitle: Option<String>,
    on_close: Callback<()>,
    on_submit: Callback<SubmitEvent>,
    busy: RwSignal<bool>,
    /// `data-testid` of the Save button.
    #[prop(optional)]
    save_id: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let title_text = move || match &subtitle {
        Some(subtitle) => format!("{} · {subtitle}", i18n.t(title)()),
        None => i18n.t(title)().to_owned(),
    };
    view! {
        <div class="dialog-backdrop" on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(()) }>
            <form
                class="card dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="dialog-title"
                on:submit=move |ev: SubmitEvent| {
                    ev.prevent_default();
                    on_submit.run(ev)
                }
            >
                <h2 id="dialog-title">{title_text}</h2>
                {children()}
                <div class="form-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>{i18n.t(Msg::Cancel)}</button>
                    <button type="submit" class="button primary" data-testid=save_id disabled=move || busy.get()>
                        <Show when=move || busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                        {i18n.t(Msg::Save)}
                    </button>
                </div>
            </form>
        </div>
    }
}
