//! The built web app is served at `/` by the same binary: files with their
//! caching rules, every app route answered with index.html, the API untouched.

use kehu_tests::{Backend, TestApp};

const INDEX: &str = r#"<!doctype html><html><head><script type="module">import init from '/kehu-web-0123456789abcdef.js'; init();</script></head><body></body></html>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_app_is_served_with_history_fallback_caching_and_csp() {
    let web = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(web.path().join("index.html"), INDEX).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(web.path().join("kehu-web-0123456789abcdef_bg.wasm"), b"\0asm").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(web.path().join("robots.txt"), "User-agent: *").unwrap_or_else(|e| panic!("{e}"));
    let app = TestApp::spawn_with_web(Backend::Sqlite, Some(web.path().to_path_buf())).await;
    let http = reqwest::Client::new();
    let get = |path: &str| http.get(format!("{}{path}", app.base())).send();

    for route in ["/", "/customers", "/customers/01a20539-cc28-700e-a0f0-1186bed11968", "/admin/users?x=1"] {
        let response = get(route).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.status(), 200, "{route}");
        let header =
            |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert_eq!(header("cache-control"), "no-cache", "{route}");
        let csp = header("content-security-policy");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
        let script_src = csp.split(';').find(|d| d.trim_start().starts_with("script-src")).unwrap_or_default();
        assert!(!script_src.contains("unsafe-inline"), "scripts run only by hash: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(response.text().await.unwrap_or_default(), INDEX);
    }

    let wasm = get("/kehu-web-0123456789abcdef_bg.wasm").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wasm.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("application/wasm"));
    assert_eq!(
        wasm.headers().get("cache-control").and_then(|v| v.to_str().ok()),
        Some("public, max-age=31536000, immutable")
    );
    let plain = get("/robots.txt").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-cache"));

    // A missing asset is a 404, never the app; paths cannot leave the directory.
    assert_eq!(get("/missing-0123456789abcdef.js").await.map(|r| r.status().as_u16()).unwrap_or(0), 404);
    let escape = get("/..%2f..%2fetc%2fpasswd").await.unwrap_or_else(|e| panic!("{e}"));
    assert!(!escape.text().await.unwrap_or_default().contains("root:"));

    // The API keeps answering problems, not the app.
    let api = get("/api/v1/nothing").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(api.status(), 404);
    assert_eq!(api.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("application/problem+json"));
    assert_eq!(get("/api/openapi.json").await.map(|r| r.status().as_u16()).unwrap_or(0), 200);
    app.finish().await;
}
