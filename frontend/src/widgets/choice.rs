//! One select for every closed vocabulary (ticket type, priority, channel,
//! compensation kind): its options are the values in order, labelled in the
//! reader's language, and choosing one sets the signal.

use kehu_types::{
    ArticleLocale, ArticleStatus, ArticleVisibility, Channel, CompensationKind, OrderStatus, PointsRounding, Priority,
    TaskKind, TicketType, TierBasis,
};
use leptos::prelude::*;

use crate::i18n::{
    Locale, article_locale_label, article_status_label, channel_label, compensation_label, order_status_label,
    priority_label, rounding_label, task_kind_label, tier_basis_label, type_label, use_i18n, visibility_label,
};

/// A wire enum a select can offer.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    fn all() -> &'static [Self];
    fn key(self) -> &'static str;
    fn from_key(key: &str) -> Option<Self>;
    fn label(self, locale: Locale) -> &'static str;
}

macro_rules! choice {
    ($type:ty, $label:path) => {
        impl Choice for $type {
            fn all() -> &'static [Self] {
                <$type>::ALL
            }
            fn key(self) -> &'static str {
                self.as_str()
            }
            fn from_key(key: &str) -> Option<Self> {
                <$type>::parse(key)
            }
            fn label(self, locale: Locale) -> &'static str {
                $label(self, locale)
            }
        }
    };
}

choice!(TicketType, type_label);
choice!(Priority, priority_label);
choice!(Channel, channel_label);
choice!(CompensationKind, compensation_label);
choice!(TaskKind, task_kind_label);
choice!(ArticleStatus, article_status_label);
choice!(ArticleVisibility, visibility_label);
choice!(ArticleLocale, article_locale_label);
choice!(PointsRounding, rounding_label);
choice!(OrderStatus, order_status_label);
choice!(TierBasis, tier_basis_label);

#[component]
pub fn ChoiceSelect<T: Choice>(value: RwSignal<T>, test_id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select data-testid=test_id on:change=move |ev| if let Some(chosen) = T::from_key(&event_target_value(&ev)) { value.set(chosen) }>
            {T::all().iter().map(|option| {
                let option = *option;
                view! { <option value=option.key() selected=move || value.get() == option>{move || option.label(i18n.locale())}</option> }
            }).collect_view()}
        </select>
    }
}

/// A filter over a vocabulary: "any" (no value) or one value.
#[component]
pub fn OptionalChoiceSelect<T: Choice>(
    value: RwSignal<Option<T>>,
    any: crate::i18n::Text,
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select class="select" data-testid=test_id aria-label=i18n.t(any) on:change=move |ev| value.set(T::from_key(&event_target_value(&ev)))>
            <option value="" selected=move || value.get().is_none()>{i18n.t(any)}</option>
            {T::all().iter().map(|option| {
                let option = *option;
                view! { <option value=option.key() selected=move || value.get() == Some(option)>{move || option.label(i18n.locale())}</option> }
            }).collect_view()}
        </select>
    }
}
