//! Toasts: short success and failure messages that fade on their own.

use std::time::Duration;

use leptos::prelude::*;

use kehu_types::FieldError;

use crate::i18n::{Msg, Text, use_i18n};

#[derive(Clone, Copy, PartialEq)]
pub enum Tone {
    Success,
    Error,
}

#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<(u32, Tone, Text)>>, StoredValue<u32>);

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

impl Toasts {
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()), StoredValue::new(0))
    }

    pub fn show(self, tone: Tone, msg: impl Into<Text>) {
        let msg = msg.into();
        self.1.update_value(|n| *n += 1);
        let id = self.1.get_value();
        self.0.update(|list| list.push((id, tone, msg)));
        let list = self.0;
        set_timeout(move || list.update(|l| l.retain(|(other, _, _)| *other != id)), Duration::from_secs(4));
    }

    pub fn success(self, msg: impl Into<Text>) {
        self.show(Tone::Success, msg);
    }

    pub fn error(self, msg: impl Into<Text>) {
        self.show(Tone::Error, msg);
    }

    /// A refused save: each faulty field marked under its input (`errors`),
    /// the reason in a toast.
    pub fn refused(self, error: &kehu_client::Error, errors: RwSignal<Vec<FieldError>>) {
        errors.set(error.problem().map(|p| p.errors.clone()).unwrap_or_default());
        self.error(Msg::for_code(error.code()));
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

#[component]
pub fn ToastHost() -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.0.get() key=|(id, _, _)| *id let:toast>
                <div class="toast" class:error=toast.1 == Tone::Error data-testid="toast">
                    {move || toast.2.text(i18n.locale())}
                </div>
            </For>
        </div>
    }
}
