//! Serving the web apps: files from the built directory, every other non-API
//! path answered with an app's `index.html` (the app routes in the browser):
//! the help centre's under `/help`, the staff app's everywhere else.
//!
//! Caching: file names with a content hash (`app-3f9c…a1.wasm`) never change,
//! so they are cached for a year; `index.html` is revalidated every time so a
//! new release is picked up at once.
//!
//! Security: a Content-Security-Policy allows only our own scripts, plus the
//! inline module loader that trunk writes into `index.html`, by its SHA-256
//! (so no `'unsafe-inline'`), and `'wasm-unsafe-eval'` so the wasm can compile.
//! Images may also come over https: knowledge-base articles link pictures
//! hosted elsewhere (the Markdown renderer allows no other scheme for them).

use std::path::{Component, Path, PathBuf};

use actix_web::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use sha2::{Digest, Sha256};

/// One app's page and the policy that lets it run.
struct Page {
    html: String,
    csp: String,
}

impl Page {
    fn load(path: &Path) -> Option<Self> {
        let html = std::fs::read_to_string(path).ok()?;
        let csp = policy(&html);
        Some(Self { html, csp })
    }

    fn response(&self) -> HttpResponse {
        HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((CACHE_CONTROL, "no-cache"))
            .insert_header((CONTENT_SECURITY_POLICY, self.csp.clone()))
            .insert_header((X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .insert_header(("referrer-policy", "same-origin"))
            .body(self.html.clone())
    }
}

/// The built apps: the staff app in `dir`, the public help centre (when
/// built) in `dir/help`, answering every path under `/help`.
pub struct WebApp {
    dir: PathBuf,
    staff: Page,
    help: Option<Page>,
}

/// Where the help centre's app lives, in URLs and in the built directory.
const HELP: &str = "help";

impl WebApp {
    /// Load `dir/index.html`; `None` when the directory holds no built app.
    pub fn load(dir: &Path) -> Option<Self> {
        let staff = Page::load(&dir.join("index.html"))?;
        let help = Page::load(&dir.join(HELP).join("index.html"));
        Some(Self { dir: dir.to_path_buf(), staff, help })
    }

    /// The page of the app that routes `relative` in the browser.
    fn page_for(&self, relative: &Path) -> &Page {
        match &self.help {
            Some(help) if relative.starts_with(HELP) => help,
            _ => &self.staff,
        }
    }
}

/// Hashes of the inline `<script>` blocks of `html`, as CSP sources.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag = &rest[start..];
        let Some(open_end) = after_tag.find('>') else { break };
        let tag = &after_tag[..open_end];
        let body_and_more = &after_tag[open_end + 1..];
        let Some(close) = body_and_more.find("</script>") else { break };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..close]);
            hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &body_and_more[close..];
    }
    hashes
}

fn policy(index: &str) -> String {
    let scripts = inline_script_hashes(index).join(" ");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" | "webmanifest" => "application/json",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Whether a file name carries a content hash (trunk appends 16 hex digits).
fn is_hashed(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() >= 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A request path mapped into the app directory, refusing `..` and friends.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let relative = PathBuf::from(path.trim_start_matches('/'));
    relative.components().all(|c| matches!(c, Component::Normal(_))).then_some(relative)
}

pub async fn serve(request: HttpRequest, app: web::Data<WebApp>) -> HttpResponse {
    let relative = safe_relative(request.path());
    if let Some(relative) = &relative
        && !relative.as_os_str().is_empty()
        && relative.file_name() != Some("index.html".as_ref())
    {
        let file = app.dir.join(relative);
        if let Ok(bytes) = std::fs::read(&file) {
            let cache = if is_hashed(&file) { "public, max-age=31536000, immutable" } else { "no-cache" };
            return HttpResponse::Ok()
                .insert_header((CONTENT_TYPE, content_type(&file)))
                .insert_header((CACHE_CONTROL, cache))
                .insert_header((X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .body(bytes);
        }
        // A missing file that looks like an asset is a 404, not the app.
        if relative.extension().is_some() {
            return HttpResponse::NotFound().insert_header((CACHE_CONTROL, "no-cache")).finish();
        }
    }
    app.page_for(relative.as_deref().unwrap_or(Path::new(""))).response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_loader_is_hashed_and_external_scripts_are_not() {
        let html = r#"<script type="module">import init from '/app.js'; init();</script><script src="/x.js"></script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        assert!(hashes[0].starts_with("'sha256-") && hashes[0].ends_with("='"));
        assert!(policy(html).contains(&hashes[0]));
    }

    #[test]
    fn help_paths_get_the_help_centre_and_the_rest_the_staff_app() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join(HELP))?;
        std::fs::write(dir.path().join("index.html"), "staff")?;
        std::fs::write(dir.path().join(HELP).join("index.html"), "help")?;
        let Some(app) = WebApp::load(dir.path()) else { panic!("the apps load") };
        for (path, page) in
            [("help", "help"), ("help/articles/1", "help"), ("helpful", "staff"), ("customers", "staff")]
        {
            assert_eq!(app.page_for(Path::new(path)).html, page, "{path}");
        }
        Ok(())
    }

    #[test]
    fn hashed_names_and_unsafe_paths() {
        assert!(is_hashed(Path::new("kehu-web-1a2b3c4d5e6f7a8b_bg.wasm")));
        assert!(is_hashed(Path::new("kehu-web-1a2b3c4d5e6f7a8b.js")));
        assert!(is_hashed(Path::new("styles-00112233445566778899aabb.css")));
        assert!(!is_hashed(Path::new("favicon.ico")));
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/assets/app.css"), Some(PathBuf::from("assets/app.css")));
    }
}
