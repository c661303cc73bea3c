//! Toasts: short success and failure messages that fade on their own.

use std::time::Duration;

use leptos::prelude::*;

use kehu_types::FieldError;

use crate::i18n::{Locale, Money, Msg, Text, use_i18n};
use crate::widgets::form_errors;

#[derive(Clone, Copy, PartialEq)]
pub enum Tone {
    Success,
    Error,
}

/// What a toast says: a text of the table, or a refusal followed by the
/// reasons of field errors that no field on screen shows.
#[derive(Clone, PartialEq)]
enum Said {
    Text(Text),
    Reasons(Text, Vec<FieldError>),
}

impl Said {
    fn render(&self, locale: Locale) -> String {
        match self {
            Said::Text(text) => text.text(locale).to_owned(),
            Said::Reasons(head, errors) => {
                let reasons: Vec<String> = errors.iter().map(|error| form_errors::reason(error, locale)).collect();
                format!("{} {}", head.text(locale), reasons.join("; "))
            }
        }
    }
}

#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<(u32, Tone, Said)>>, StoredValue<u32>);

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
        self.say(tone, Said::Text(msg.into()), Duration::from_secs(4));
    }

    fn say(self, tone: Tone, said: Said, shown_for: Duration) {
        self.1.update_value(|n| *n += 1);
        let id = self.1.get_value();
        self.0.update(|list| list.push((id, tone, said)));
        let list = self.0;
        set_timeout(move || list.update(|l| l.retain(|(other, _, _)| *other != id)), shown_for);
    }

    pub fn success(self, msg: impl Into<Text>) {
        self.show(Tone::Success, msg);
    }

    pub fn error(self, msg: impl Into<Text>) {
        self.show(Tone::Error, msg);
    }

    /// A refused save: each faulty field marked under its input (`errors`),
    /// the reason in a toast, with the server's reason for each field error
    /// that no input on screen shows (read while it is still showing).
    pub fn refused(self, error: &kehu_client::Error, errors: RwSignal<Vec<FieldError>>) {
        let list = error.problem().map(|p| p.errors.clone()).unwrap_or_default();
        let left = form_errors::unshown(errors, &list);
        let head: Text = if !left.is_empty() && left.len() == list.len() {
            Money::NotSaved.into()
        } else {
            Msg::for_code(error.code()).into()
        };
        let marked = left.len() < list.len();
        errors.set(list);
        if marked {
            form_errors::reveal_first_error();
        }
        if left.is_empty() {
            self.error(head);
        } else {
            self.say(Tone::Error, Said::Reasons(head, left), Duration::from_secs(10));
        }
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
                    {move || toast.2.render(i18n.locale())}
                </div>
            </For>
        </div>
    }
}
