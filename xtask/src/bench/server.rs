//! The server under test: built in the chosen profile, started on a free
//! port against the benchmark's database, signed in as a bench admin, and
//! stopped when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;

pub const ADMIN_EMAIL: &str = "bench@kehu.local";
/// An agent of the busiest team, for the workloads that measure what the
/// ticket visibility rule costs an agent.
pub const AGENT_EMAIL: &str = "bench-agent@kehu.local";
const ADMIN_PASSWORD: &str = "bench-admin-password";

/// Build the server and return the binary's path.
pub fn build(release: bool) -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["build", "--locked", "-q", "-p", "kehu-server"]);
    if release {
        command.arg("--release");
    }
    let status = command.status().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("building the server failed".into());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    Ok(target.join(if release { "release" } else { "debug" }).join("kehu"))
}

/// The database named without its credentials.
pub fn describe(database: &str) -> String {
    if database.starts_with("sqlite") { "SQLite".into() } else { "PostgreSQL".into() }
}

pub struct Running {
    child: Child,
    pub base: String,
    pub token: String,
    pub cold_start_ms: f64,
    http: reqwest::Client,
}

impl Running {
    /// Resident memory from `/proc` (`VmRSS` now, `VmHWM` at its peak), in MB.
    pub fn rss_mb(&self, field: &str) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kb = status
            .lines()
            .find_map(|line| line.strip_prefix(field)?.trim_start_matches(':').split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0_f64);
        kb / 1024.0
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, String> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("GET {path}: {}", response.status()));
        }
        response.json().await.map_err(|e| e.to_string())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Create the bench's admin unless it exists: the server makes a first admin
/// only on a database without users, and seeded data has its agents.
pub async fn ensure_admin(db: &kehu_store::Db) -> Result<(), String> {
    ensure_user(db, ADMIN_EMAIL, kehu_types::Role::Admin, None).await
}

/// The bench agent, in `team` (the busiest queue's team), created once.
pub async fn ensure_agent(db: &kehu_store::Db, team: Option<uuid::Uuid>) -> Result<(), String> {
    ensure_user(db, AGENT_EMAIL, kehu_types::Role::Agent, team).await
}

async fn ensure_user(
    db: &kehu_store::Db,
    email: &str,
    role: kehu_types::Role,
    team_id: Option<uuid::Uuid>,
) -> Result<(), String> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let found = kehu_store::entities::user::Entity::find()
        .filter(kehu_store::entities::user::Column::Email.eq(email))
        .one(db.conn())
        .await
        .map_err(|e| e.to_string())?;
    if found.is_some() {
        return Ok(());
    }
    let input = kehu_types::CreateUser {
        email: email.into(),
        name: "Bench".into(),
        password: ADMIN_PASSWORD.into(),
        role,
        team_id,
    };
    let txn = db.begin_write().await.map_err(|e| e.to_string())?;
    kehu_server::identity::users::create(&*txn, &input).await.map_err(|e| e.detail)?;
    txn.commit().await.map_err(|e| e.to_string())
}

/// Start the server on `database`, time it to `/readyz`, and sign in.
pub async fn start(binary: &Path, database: &str, work: &Path) -> Result<Running, String> {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let child = Command::new(binary)
        .env("KEHU_LISTEN", format!("127.0.0.1:{port}"))
        .env("KEHU_DATABASE_URL", database)
        .env("KEHU_DATA_DIR", work)
        .env("KEHU_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("KEHU_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("KEHU_JWT_SECRET", "bench-secret-bench-secret-bench-secret")
        .env("KEHU_ACCESS_TOKEN_TTL_SECS", "7200")
        .env("KEHU_JOBS_INTERVAL_SECS", "0")
        .env("KEHU_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    let http = reqwest::Client::new();
    let mut running = Running { child, base, token: String::new(), cold_start_ms: 0.0, http };
    loop {
        let ready = running.http.get(format!("{}/readyz", running.base)).send().await;
        if ready.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            return Err("the server did not become ready within 2 minutes".into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    running.cold_start_ms = started.elapsed().as_secs_f64() * 1000.0;
    running.token = running.sign_in(ADMIN_EMAIL).await?;
    Ok(running)
}

impl Running {
    /// An access token of `email`, a user of the bench.
    pub async fn sign_in(&self, email: &str) -> Result<String, String> {
        let login = serde_json::json!({ "email": email, "password": ADMIN_PASSWORD });
        let response = self
            .http
            .post(format!("{}/api/v1/auth/login", self.base))
            .json(&login)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!(
                "signing in as {email} failed ({}): bench a database seeded by cargo xtask seed",
                response.status()
            ));
        }
        let tokens: kehu_types::TokenPair = response.json().await.map_err(|e| e.to_string())?;
        Ok(tokens.access_token)
    }
}
