//! The committed OpenAPI document, which the server serves, must be what
//! the code generates.

#[test]
fn committed_openapi_matches_the_code() {
    let served = kehu_server::openapi::COMMITTED_JSON;
    let generated = kehu_server::openapi::spec_json();
    assert!(served == generated, "openapi/openapi.json is stale: run `cargo xtask openapi` and commit the result");
}

#[test]
fn every_operation_has_an_id_summary_tag_and_error_responses() {
    let spec: serde_json::Value = serde_json::from_str(&kehu_server::openapi::spec_json()).unwrap_or_default();
    let paths = spec["paths"].as_object().cloned().unwrap_or_default();
    assert!(paths.len() >= 17, "{} paths", paths.len());
    for (path, item) in paths {
        for (method, operation) in item.as_object().cloned().unwrap_or_default() {
            let name = format!("{method} {path}");
            assert!(operation["operationId"].is_string(), "{name}: operationId");
            assert!(operation["summary"].as_str().is_some_and(|s| !s.is_empty()), "{name}: summary");
            assert!(operation["tags"].as_array().is_some_and(|t| !t.is_empty()), "{name}: tags");
            assert!(
                operation["responses"]["422"].is_object() && operation["responses"]["500"].is_object(),
                "{name}: errors"
            );
        }
    }
}

/// The operations of the OpenAPI document, as `METHOD /path`.
fn documented_operations() -> std::collections::BTreeSet<String> {
    let spec: serde_json::Value = serde_json::from_str(kehu_server::openapi::COMMITTED_JSON).unwrap_or_default();
    let mut found = std::collections::BTreeSet::new();
    for (path, item) in spec["paths"].as_object().cloned().unwrap_or_default() {
        for method in item.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default() {
            if ["get", "post", "put", "patch", "delete", "head", "options"].contains(&method.as_str()) {
                found.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    found
}

#[test]
fn every_mounted_operation_is_documented_and_every_documented_one_is_mounted() {
    let mounted: std::collections::BTreeSet<String> =
        kehu_server::areas::operations().into_iter().map(|op| format!("{} {}", op.method, op.path)).collect();
    let documented = documented_operations();
    let undocumented: Vec<_> = mounted.difference(&documented).collect();
    let unmounted: Vec<_> = documented.difference(&mounted).collect();
    assert!(undocumented.is_empty(), "mounted but not in the OpenAPI document: {undocumented:?}");
    assert!(unmounted.is_empty(), "in the OpenAPI document but not mounted: {unmounted:?}");
    assert!(mounted.len() >= 90, "the table lists every operation: {}", mounted.len());
}

#[test]
fn the_route_table_mounts_no_operation_twice() {
    let operations = kehu_server::areas::operations();
    let mut seen = std::collections::BTreeSet::new();
    for op in &operations {
        assert!(seen.insert((op.method.to_string(), op.path.clone())), "mounted twice: {} {}", op.method, op.path);
    }
}
