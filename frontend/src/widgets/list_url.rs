//! List pages keep their filters in the URL, so a view can be bookmarked and
//! shared: changing one filter rewrites the URL and keeps the others.

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
