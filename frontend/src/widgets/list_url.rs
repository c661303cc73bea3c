//! List pages keep their filters in the URL, so a view can be bookmarked and
//! shared: changing one filter rewrites the URL and keeps the others.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

/// How long typing pauses before a search box's text reaches the URL.
const SEARCH_DELAY: Duration = Duration::from_millis(300);

/// Sets one filter of the list at `path` (the URL's `keys`, in that order)
/// and keeps the others, replacing the history entry rather than adding one.
pub fn url_setter(path: &'static str, keys: &'static [&'static str]) -> impl Fn(&'static str, Option<String>) + Clone {
    let query = use_query_map();
    let navigate = use_navigate();
    move |key, value| {
        let current = query.get_untracked();
        let url = with_param(path, keys, |name| current.get(name), key, value);
        navigate(&url, NavigateOptions { replace: true, ..Default::default() });
    }
}

/// A search box's handler: the text goes to the URL's `key` once typing
/// pauses, so each keystroke does not start a search of its own.
pub fn debounced_search(
    set_param: impl Fn(&'static str, Option<String>) + Clone + 'static,
    key: &'static str,
) -> impl Fn(String) + Clone {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    move |text: String| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let set_param = set_param.clone();
        pending.set_value(set_timeout_with_handle(move || set_param(key, Some(text)), SEARCH_DELAY).ok());
    }
}

/// `path` with the filters `keys` (in that order) taken from `current`, except
/// `key`, which becomes `value`; blank values are left out.
pub fn with_param(
    path: &str,
    keys: &[&str],
    current: impl Fn(&str) -> Option<String>,
    key: &str,
    value: Option<String>,
) -> String {
    let params: Vec<String> = keys
        .iter()
        .filter_map(|name| {
            let value = if *name == key { value.clone() } else { current(name) };
            value.filter(|v| !v.trim().is_empty()).map(|v| format!("{name}={}", encode(v.trim())))
        })
        .collect();
    if params.is_empty() { path.to_owned() } else { format!("{path}?{}", params.join("&")) }
}

/// Percent-encode a query value (UTF-8; only unreserved characters stay as they are).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_filter_changes_and_the_others_stay_in_order() {
        let current = |key: &str| match key {
            "q" => Some("明华 li".to_owned()),
            "stage" => Some("loyal".to_owned()),
            _ => None,
        };
        let keys = ["q", "stage", "sort"];
        assert_eq!(
            with_param("/customers", &keys, current, "sort", Some("-name".into())),
            "/customers?q=%E6%98%8E%E5%8D%8E%20li&stage=loyal&sort=-name"
        );
        assert_eq!(with_param("/customers", &keys, current, "stage", None), "/customers?q=%E6%98%8E%E5%8D%8E%20li");
        assert_eq!(with_param("/tickets", &keys, |_| None, "q", Some("  ".into())), "/tickets");
    }
}
