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
