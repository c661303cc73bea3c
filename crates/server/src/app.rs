//! Building and running the HTTP server.

use std::net::SocketAddr;
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpResponse, HttpServer, web};
use utoipa_swagger_ui::SwaggerUi;

use crate::bootstrap;
use crate::config::Config;
use crate::http::jwt::JwtKeys;
use crate::http::rate_limit::RateLimit;
use crate::http::request_id;
use crate::http::spa::{self, WebApp};
use crate::identity::throttle::Throttle;
use crate::platform::jobs;
use crate::state::AppState;
use crate::{areas, http};

/// How many public requests one address may send in an hour.
const PUBLIC_REQUESTS_PER_HOUR: usize = 10;

/// A bound, not yet awaited server.
pub struct Running {
    pub addr: SocketAddr,
    pub server: Server,
    pub state: web::Data<AppState>,
    /// The first admin's password when it was generated on this start.
    pub generated_admin_password: Option<String>,
}

impl Running {
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }
}

async fn landing() -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Kehu 客户</title>\
         <body style=\"font-family:system-ui;max-width:40rem;margin:4rem auto\"><h1>Kehu 客户</h1>\
         <p>The Kehu API is running. Browse it at <a href=\"/api/docs/\">/api/docs/</a>; \
         the OpenAPI document is at <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p></body></html>",
    )
}

const OPENAPI_URL: &str = "/api/openapi.json";

/// The committed OpenAPI document, served as it is in the binary.
async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(crate::openapi::COMMITTED_JSON)
}

/// Prepare everything (data directory, secret, database, first admin) and bind.
pub async fn start(config: Config, workers: Option<usize>) -> Result<Running, String> {
    let secret = bootstrap::jwt_secret(&config)?;
    let db = bootstrap::database(&config).await?;
    let generated_admin_password = bootstrap::first_admin(&db, &config).await?;
    let state = web::Data::new(AppState {
        db,
        jwt: JwtKeys::new(&secret, config.access_token_ttl_secs),
        config: Arc::new(config.clone()),
        throttle: Throttle::default(),
        public_requests: RateLimit::new(PUBLIC_REQUESTS_PER_HOUR, std::time::Duration::from_secs(3600)),
        actors: Default::default(),
    });
    if config.jobs_interval_secs > 0 {
        let kinds = areas::job_kinds();
        jobs::ensure_recurring(&state.db, &kinds, chrono::Utc::now()).await?;
        jobs::spawn_runner(state.db.clone(), kinds, std::time::Duration::from_secs(config.jobs_interval_secs));
    }
    let web_app = match &config.web_dir {
        Some(dir) => match WebApp::load(dir) {
            Some(app) => Some(web::Data::new(app)),
            None => {
                tracing::warn!(dir = %dir.display(), "no index.html in the web app directory; serving the API only");
                None
            }
        },
        None => None,
    };
    let json_limit = config.json_limit_bytes;
    let app_state = state.clone();
    let mut server = HttpServer::new(move || {
        let app = App::new()
            .app_data(app_state.clone())
            .wrap(Compress::default())
            .wrap(from_fn(request_id::middleware))
            .route(
                "/api/docs",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect().insert_header(("location", "/api/docs/")).finish()
                }),
            )
            .route(OPENAPI_URL, web::get().to(openapi_json))
            .service(SwaggerUi::new("/api/docs/{_:.*}").config(utoipa_swagger_ui::Config::from(OPENAPI_URL)))
            .configure(|c| http::configure(c, json_limit, areas::v1_table()))
            .service(web::scope("/api").default_service(web::to(http::not_found)));
        match &web_app {
            // The app answers every other GET (history-API routing in the browser).
            Some(web_app) => app.app_data(web_app.clone()).default_service(web::get().to(spa::serve)),
            None => app.route("/", web::get().to(landing)).default_service(web::to(http::not_found)),
        }
    })
    .shutdown_timeout(20);
    if let Some(workers) = workers {
        server = server.workers(workers);
    }
    let server = server.bind(&config.listen).map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = server.addrs().first().copied().ok_or("the server bound no address")?;
    Ok(Running { addr, server: server.run(), state, generated_admin_password })
}
