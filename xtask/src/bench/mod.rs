//! `cargo xtask bench`: each workload measured twice on the same data — over
//! HTTP against the real server with a real JWT (wrk), and as the raw SQL the
//! API should be executing (`raw`) — with the server's memory and cold start,
//! written to `BENCHMARKS.md`.

mod cleanup;
mod raw;
mod report;
mod sample;
mod server;
mod workloads;
mod wrk;

use std::path::PathBuf;
use std::sync::Arc;

use kehu_store::Db;
use kehu_store::entities::{customer, order, ticket, user};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub struct Options {
    pub databases: Vec<String>,
    pub seconds: u32,
    pub connections: u32,
    pub release: bool,
    pub out: Option<PathBuf>,
    /// Only the workloads whose name contains this, e.g. `segment`.
    pub only: Option<String>,
}

/// Throughput and latency of one side of a workload.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Responses other than 2xx/3xx.
    pub failed: u64,
}

/// One workload's figures.
pub struct Row {
    pub name: &'static str,
    /// Over HTTP with the run's connections.
    pub api: Figures,
    /// Over HTTP from one connection: the time a request takes when it waits
    /// behind no other, where `api`'s latency also holds the queue.
    pub alone: Option<Figures>,
    pub raw: Option<Figures>,
}

/// Everything measured on one database.
pub struct Run {
    pub database: String,
    pub customers: u64,
    pub orders: u64,
    pub tickets: u64,
    /// Each workload: the API under load, the API from one client, and the raw SQL.
    pub rows: Vec<Row>,
    pub cold_start_ms: f64,
    pub rss_idle_mb: f64,
    pub rss_loaded_mb: f64,
    pub rss_peak_mb: f64,
}

pub async fn run(options: &Options) -> Result<(), String> {
    let binary = server::build(options.release)?;
    let mut runs = Vec::new();
    for database in &options.databases {
        runs.push(measure(&binary, database, options).await?);
    }
    let text = report::markdown(&runs, options);
    println!("{text}");
    if let Some(path) = &options.out {
        // The written findings outlive the figures they explain.
        let findings = std::fs::read_to_string(path).ok().and_then(|old| report::findings(&old).map(str::to_owned));
        let text = text + &findings.map(|f| format!("\n{f}")).unwrap_or_default();
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    // A benchmark of failing requests measures nothing.
    let failed: u64 =
        runs.iter().flat_map(|run| run.rows.iter().map(|row| row.api.failed + row.alone.map_or(0, |f| f.failed))).sum();
    if failed > 0 { Err(format!("{failed} requests failed (not 2xx or 3xx)")) } else { Ok(()) }
}

async fn measure(binary: &std::path::Path, database: &str, options: &Options) -> Result<Run, String> {
    let db = Db::connect(database, options.connections).await.map_err(|e| e.to_string())?;
    let conn = db.conn();
    let customers = customer::Entity::find().count(conn).await.map_err(|e| e.to_string())?;
    let orders = order::Entity::find().count(conn).await.map_err(|e| e.to_string())?;
    let tickets = ticket::Entity::find().count(conn).await.map_err(|e| e.to_string())?;
    if customers == 0 {
        return Err(format!("{database} has no customers: run cargo xtask seed first"));
    }
    let work = std::env::temp_dir().join(format!("kehu-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    server::ensure_admin(&db).await?;
    let running = server::start(binary, database, &work).await?;
    // Idle: started and signed in, before any workload touched the data.
    let rss_idle_mb = running.rss_mb("VmRSS");
    let token = running.token.clone();
    let admin_id = user::Entity::find()
        .filter(user::Column::Email.eq(server::ADMIN_EMAIL))
        .one(conn)
        .await
        .map_err(|e| e.to_string())?
        .map(|u| u.id)
        .ok_or("the bench admin is missing")?;
    // What an interrupted run left behind.
    cleanup::remove_created(conn, admin_id).await?;
    let sample = sample::draw(conn, &running, admin_id).await?;
    server::ensure_agent(&db, sample.team_id).await?;
    let agent_token = running.sign_in(server::AGENT_EMAIL).await?;
    let backend = conn.get_database_backend();
    let mut rows = Vec::new();
    let chosen = |name: &str| options.only.as_deref().is_none_or(|only| name.contains(only));
    let everyone = workloads::all(backend, &sample).into_iter().map(|w| (w, false));
    let agents = workloads::as_agent().into_iter().map(|w| (w, true));
    for (workload, as_agent) in everyone.chain(agents).filter(|(w, _)| chosen(w.name)) {
        let token = if as_agent { &agent_token } else { &token };
        eprintln!("  {} …", workload.name);
        let connections = workload.connections.map_or(options.connections, |most| most.min(options.connections));
        // A workload held to few connections takes seconds per request: it
        // runs five times as long, so that some requests finish in the window.
        let seconds = if workload.connections.is_some() { options.seconds * 5 } else { options.seconds };
        let api = wrk::run(&running.base, &workload.http, token, (seconds, connections), &work)?;
        // An update follows the versions its run left behind, which a second run does not know.
        let alone = if workload.http.versions.is_empty() {
            Some(wrk::run(&running.base, &workload.http, token, (seconds, 1), &work)?)
        } else {
            None
        };
        let raw = if workload.raw.is_empty() {
            None
        } else {
            Some(raw::run(conn, Arc::new(workload.raw), seconds, connections).await?)
        };
        rows.push(Row { name: workload.name, api, alone, raw });
    }
    let removed = cleanup::remove_created(conn, admin_id).await?;
    eprintln!("  removed the {removed} customers the create workload added");
    let run = Run {
        database: server::describe(database),
        customers,
        orders,
        tickets,
        rows,
        cold_start_ms: running.cold_start_ms,
        rss_idle_mb,
        rss_loaded_mb: running.rss_mb("VmRSS"),
        rss_peak_mb: running.rss_mb("VmHWM"),
    };
    drop(running);
    let _ = std::fs::remove_dir_all(&work);
    db.close().await.map_err(|e| e.to_string())?;
    Ok(run)
}
