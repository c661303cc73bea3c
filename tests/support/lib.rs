//! Test harness: each test gets the real server on port 0 with its own fresh
//! database — a SQLite file in a temporary directory, or a PostgreSQL database
//! created for the test and dropped after it — and talks to it over HTTP
//! through kehu-client.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use kehu_client::Client;
use kehu_server::config::Config;
use kehu_store::Db;
use kehu_types::{CreateUser, Role, User};
use sea_orm::{ConnectionTrait, Database};

pub use kehu_client;
pub use kehu_types;

pub const ADMIN_EMAIL: &str = "admin@test.kehu";
pub const ADMIN_PASSWORD: &str = "admin-password-123";
pub const PASSWORD: &str = "user-password-123";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("KEHU_TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

struct Inner {
    base: String,
    handle: actix_web::dev::ServerHandle,
    state: actix_web::web::Data<kehu_server::state::AppState>,
    config: Config,
    db: Db,
    postgres_database: Option<String>,
    _dir: tempfile::TempDir,
}

/// A running server for one test.
#[derive(Clone)]
pub struct TestApp {
    inner: Arc<Inner>,
    pub backend: Backend,
}

impl TestApp {
    async fn spawn(backend: Backend) -> Self {
        Self::spawn_with_web(backend, None).await
    }

    /// A server that also serves a built web app from `web_dir`.
    pub async fn spawn_with_web(backend: Backend, web_dir: Option<std::path::PathBuf>) -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let (database_url, postgres_database) = match backend {
            Backend::Sqlite => (format!("sqlite://{}?mode=rwc", dir.path().join("kehu.db").display()), None),
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("kehu_test_{}", uuid::Uuid::now_v7().simple());
                let admin = Database::connect(&admin_url).await.unwrap_or_else(|e| {
                    panic!("PostgreSQL at {admin_url} is not reachable ({e}); set KEHU_TEST_DATABASE_URL")
                });
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .unwrap_or_else(|e| panic!("create database: {e}"));
                let _ = admin.close().await;
                let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base).to_owned();
                (format!("{base}/{name}"), Some(name))
            }
        };
        let config = Config {
            listen: "127.0.0.1:0".into(),
            data_dir: dir.path().to_path_buf(),
            database_url: Some(database_url),
            admin_email: ADMIN_EMAIL.into(),
            admin_password: Some(ADMIN_PASSWORD.into()),
            max_connections: 5,
            web_dir,
            // Tests run due jobs themselves, at the time they choose.
            jobs_interval_secs: 0,
            ..Config::default()
        };
        let running =
            kehu_server::app::start(config.clone(), Some(1)).await.unwrap_or_else(|e| panic!("server start: {e}"));
        let base = format!("http://{}", running.addr);
        let handle = running.handle();
        let state = running.state.clone();
        let db = running.state.db.clone();
        tokio::spawn(running.server);
        Self { inner: Arc::new(Inner { base, handle, state, config, db, postgres_database, _dir: dir }), backend }
    }

    pub async fn finish(self) {
        self.inner.handle.stop(false).await;
        let _ = self.inner.db.clone().close().await;
        if let Some(name) = &self.inner.postgres_database
            && let Ok(admin) = Database::connect(&postgres_admin_url()).await
        {
            let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
            let _ = admin.close().await;
        }
    }

    pub fn base(&self) -> &str {
        &self.inner.base
    }

    /// Direct database access, to check what the API must have written.
    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// Fail unless the database keeps every invariant of `kehu_store::invariants`,
    /// the same the generated benchmark data is checked with.
    pub async fn assert_invariants(&self) {
        let counts = kehu_store::invariants::counts(self.db().conn()).await.unwrap_or_else(|e| panic!("{e}"));
        let broken: Vec<_> = counts.into_iter().filter(|(_, n)| *n != 0).collect();
        assert!(broken.is_empty(), "invariants broken: {broken:?}");
    }

    /// Run the background jobs due at `at` (an injected clock), as this
    /// instance; returns how many it completed.
    pub async fn run_jobs(&self, at: chrono::DateTime<chrono::Utc>) -> usize {
        kehu_server::platform::jobs::run_due(self.db(), &kehu_server::areas::job_kinds(), at, "test-instance-a").await
    }

    /// Run the inactivity sweep as of `at` (an injected clock).
    pub async fn sweep(&self, at: chrono::DateTime<chrono::Utc>) -> kehu_types::SweepResult {
        kehu_server::value::api::sweep_now(&self.inner.state, at).await.unwrap_or_else(|e| panic!("sweep: {e:?}"))
    }

    /// Let points lapse as of `at` (an injected clock).
    pub async fn expire_points(&self, at: chrono::DateTime<chrono::Utc>) -> kehu_types::ExpiryRun {
        kehu_server::loyalty::api::expire_now(&self.inner.state, at).await.unwrap_or_else(|e| panic!("expiry: {e:?}"))
    }

    /// A second server instance on the same database (not serving HTTP), to
    /// check that work is shared out exactly once.
    pub async fn second_instance(&self) -> actix_web::web::Data<kehu_server::state::AppState> {
        let config = Config { listen: "127.0.0.1:0".into(), ..self.inner.config.clone() };
        let running = kehu_server::app::start(config, Some(1)).await.unwrap_or_else(|e| panic!("second instance: {e}"));
        running.state.clone()
    }

    /// A client that is not signed in.
    pub fn anonymous(&self) -> Client {
        Client::new(self.base())
    }

    /// A client signed in as the first admin.
    pub async fn admin(&self) -> Client {
        self.signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    pub async fn signed_in(&self, email: &str, password: &str) -> Client {
        let client = self.anonymous();
        client.login(email, password).await.unwrap_or_else(|e| panic!("login {email}: {e}"));
        client
    }

    /// Create a user with `role` (and team) and sign them in.
    pub async fn user(&self, role: Role, team_id: Option<uuid::Uuid>) -> (Client, User) {
        let admin = self.admin().await;
        let email = format!("{}-{}@test.kehu", role, uuid::Uuid::now_v7().simple());
        let input =
            CreateUser { email: email.clone(), name: format!("Test {role}"), password: PASSWORD.into(), role, team_id };
        let user = admin.create_user(&input).await.unwrap_or_else(|e| panic!("create user: {e}"));
        (self.signed_in(&email, PASSWORD).await, user)
    }
}

/// Run `test` against a fresh server on `backend`, cleaning up even when it fails.
pub async fn run<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let app = TestApp::spawn(backend).await;
    let outcome = AssertUnwindSafe(test(app.clone())).catch_unwind().await;
    app.finish().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Declare scenarios that run once on SQLite and once on PostgreSQL, in the
/// module that defines them: beside `async fn login_works(app: TestApp)`,
/// `on_both_databases!(login_works, …)` makes `login_works::sqlite` and
/// `login_works::postgres`, so that in `tests/api/identity/auth.rs` they are
/// `identity::auth::login_works::sqlite` and `cargo test --test api identity::`
/// runs that area's scenarios.
#[macro_export]
macro_rules! on_both_databases {
    ($($test:ident),+ $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    $crate::run($crate::Backend::Sqlite, super::$test).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    $crate::run($crate::Backend::Postgres, super::$test).await
                }
            }
        )+
    };
}

/// Assert that a client call failed with this HTTP status and problem code.
#[macro_export]
macro_rules! assert_problem {
    ($result:expr, $status:expr, $code:expr) => {{
        match $result {
            Ok(value) => panic!("expected {} {}, got success: {:?}", $status, $code, value),
            Err(error) => {
                assert_eq!(error.status(), Some($status), "status of {error}");
                assert_eq!(error.code(), Some($code), "code of {error}");
                error
            }
        }
    }};
}

/// The value of a call that must succeed; panics with the error (and the
/// caller's line) otherwise.
#[track_caller]
pub fn must<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    match result {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    }
}

/// The one change that won among changes sent at once with the same
/// version; panics unless exactly one succeeded and every other was refused
/// with 412 `version_mismatch`.
#[track_caller]
pub fn the_one_winner<T: std::fmt::Debug>(answers: Vec<Result<T, kehu_client::Error>>) -> T {
    let (won, lost): (Vec<_>, Vec<_>) = answers.into_iter().partition(Result::is_ok);
    for error in lost.iter().filter_map(|answer| answer.as_ref().err()) {
        let refused = (error.status(), error.code());
        assert_eq!(refused, (Some(412), Some(kehu_types::codes::VERSION_MISMATCH)), "{error}");
    }
    let mut won: Vec<T> = won.into_iter().filter_map(Result::ok).collect();
    assert_eq!(won.len(), 1, "{won:?}");
    won.remove(0)
}
