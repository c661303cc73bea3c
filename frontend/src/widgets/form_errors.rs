//! Field errors on screen. Each `FieldHint` shows the error of its field and
//! records, while it is mounted, that its form shows that field; a refused
//! save (`Toasts::refused`) puts every other field error, with the server's
//! reason, in the toast instead — so no error is lost on a form that has no
//! input for it (an order's currency, a line's product).

use std::cell::RefCell;

use kehu_types::FieldError;
use leptos::prelude::*;

use crate::i18n::{Locale, Money, field_message, use_i18n};

thread_local! {
    /// The fields shown on screen, by the errors signal of their form.
    static SHOWN: RefCell<Vec<(RwSignal<Vec<FieldError>>, String)>> = const { RefCell::new(Vec::new()) };
}

/// The translated error for `field`, if any.
#[component]
pub fn FieldHint(errors: RwSignal<Vec<FieldError>>, #[prop(into)] field: String) -> impl IntoView {
    let i18n = use_i18n();
    SHOWN.with_borrow_mut(|shown| shown.push((errors, field.clone())));
    let mounted = field.clone();
    on_cleanup(move || {
        SHOWN.with_borrow_mut(|shown| {
            if let Some(at) = shown.iter().position(|(form, field)| *form == errors && *field == mounted) {
                shown.swap_remove(at);
            }
        });
    });
    let message = move || {
        errors.with(|list| list.iter().find(|e| e.field == field).map(|e| field_message(&e.code).text(i18n.locale())))
    };
    move || message().map(|text| view! { <span class="field-error" role="alert">{text}</span> })
}

/// The errors of `list` that no mounted hint of the form shows.
pub fn unshown(errors: RwSignal<Vec<FieldError>>, list: &[FieldError]) -> Vec<FieldError> {
    SHOWN.with_borrow(|shown| {
        list.iter()
            .filter(|error| !shown.iter().any(|(form, field)| *form == errors && *field == error.field))
            .cloned()
            .collect()
    })
}

/// Brings the first marked field of the form being submitted (or the first
/// alert, such as a stale-version banner) into view and puts the cursor in
/// it, once the marks are drawn: on a long form the errors are otherwise far
/// above the Save button the reader is looking at, and nothing seems to happen.
pub fn reveal_first_error() {
    request_animation_frame(reveal_now);
}

#[cfg(target_arch = "wasm32")]
fn reveal_now() {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};

    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    // The form whose button was pressed; the page when focus is elsewhere.
    let form = document.active_element().and_then(|active| active.closest("form").ok().flatten());
    let marked = |scope: &Element| scope.query_selector(".field-error, [role=alert].alert").ok().flatten();
    let found = match form {
        Some(form) => marked(&form).or_else(|| document.body().and_then(|body| marked(&body))),
        None => document.body().and_then(|body| marked(&body)),
    };
    let Some(mark) = found else { return };
    let place = mark.closest(".field, fieldset, .alert, tr").ok().flatten().unwrap_or_else(|| mark.clone());
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    place.scroll_into_view_with_scroll_into_view_options(&options);
    let control = place.query_selector("input:not([type=hidden]), select, textarea, button").ok().flatten();
    if let Some(control) = control.and_then(|control| control.dyn_into::<HtmlElement>().ok()) {
        let _ = control.focus();
    }
}

/// Off the browser (host tests) there is no page to scroll.
#[cfg(not(target_arch = "wasm32"))]
fn reveal_now() {}

/// One error without a field on screen, with the server's reason: `币种：不允许
/// — this customer's orders are in CNY`.
pub fn reason(error: &FieldError, locale: Locale) -> String {
    let field = match error.field.as_str() {
        "currency" => Money::Currency.text(locale).to_owned(),
        other => other.to_owned(),
    };
    let colon = if locale == Locale::Zh { "：" } else { ": " };
    let what = field_message(&error.code).text(locale);
    if error.message.is_empty() {
        format!("{field}{colon}{what}")
    } else {
        format!("{field}{colon}{what} — {}", error.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_without_a_hint_on_screen_are_left_for_the_toast() {
        let owner = Owner::new();
        owner.with(|| {
            let errors = RwSignal::new(Vec::<FieldError>::new());
            let other_form = RwSignal::new(Vec::<FieldError>::new());
            SHOWN.with_borrow_mut(|shown| {
                shown.push((errors, "number".into()));
                shown.push((other_form, "currency".into()));
            });
            let list = vec![
                FieldError::new("number", "required", "must not be empty"),
                FieldError::new("currency", "not_allowed", "this customer's orders are in CNY"),
            ];
            let left = unshown(errors, &list);
            assert_eq!(left.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["currency"]);
            assert_eq!(reason(&left[0], Locale::Zh), "币种：不允许 — this customer's orders are in CNY");
            assert_eq!(reason(&left[0], Locale::En), "Currency: Not allowed — this customer's orders are in CNY");
        });
    }
}
