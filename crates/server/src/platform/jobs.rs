//! The durable job queue: work scheduled in the database for a later time,
//! run by whichever server instance gets to it first, exactly once.
//!
//! A job is claimed with a compare-and-set lease (`claimed_until`), so two
//! instances never run it at the same time; its effects commit in the same
//! transaction that marks it done, guarded by the claim, so a job whose lease
//! ran out and was taken over by another instance cannot commit twice. No
//! `SKIP LOCKED` is needed, so the same code runs on SQLite and PostgreSQL.
//!
//! The queue knows no kind of work: each area names its kinds and the
//! function that runs each (`JobKind`), and the server hands that list to the
//! runner.

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Duration, Utc};
use kehu_store::entities::job;
use kehu_store::{Db, new_id, now};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::Value;

use crate::http::error::ApiResult;

/// How long a claim protects a running job from other instances.
const LEASE: Duration = Duration::seconds(120);
/// Jobs taken per round, so one round stays short.
const BATCH: u64 = 100;

/// What a job asks for next.
pub enum Outcome {
    Done,
    /// Run again at this time (e.g. a warning done, the breach still to come).
    Again(DateTime<Utc>),
    /// Run again at this time with this payload (the next step of long work).
    Continue(DateTime<Utc>, Value),
}

/// Work in progress that borrows the transaction it runs in.
pub type Work<'a, T> = Pin<Box<dyn Future<Output = ApiResult<T>> + Send + 'a>>;

/// Does one job's work with its payload, as of the given time, inside the
/// transaction that completes the job.
pub type Run = for<'a> fn(&'a DatabaseTransaction, &'a Value, DateTime<Utc>) -> Work<'a, Outcome>;

/// Schedules a recurring job unless it is already pending.
pub type Ensure = for<'a> fn(&'a DatabaseConnection, DateTime<Utc>) -> Work<'a, ()>;

/// A kind of job an area runs.
#[derive(Clone, Copy)]
pub struct JobKind {
    /// The `kind` column of its jobs.
    pub name: &'static str,
    pub run: Run,
    /// For a recurring job: every instance that runs jobs calls it at start.
    pub ensure: Option<Ensure>,
}

/// Schedule every recurring job of `kinds` that is not pending yet.
pub async fn ensure_recurring(db: &Db, kinds: &[JobKind], at: DateTime<Utc>) -> Result<(), String> {
    for kind in kinds {
        if let Some(ensure) = kind.ensure {
            ensure(db.conn(), at)
                .await
                .map_err(|error| format!("cannot schedule the {} job: {}", kind.name, error.detail))?;
        }
    }
    Ok(())
}

/// A pending job, not yet claimed.
pub fn new_job(kind: &str, key: &str, payload: Value, run_at: DateTime<Utc>) -> job::ActiveModel {
    job::ActiveModel {
        id: Set(new_id()),
        kind: Set(kind.to_owned()),
        key: Set(key.to_owned()),
        payload: Set(payload),
        run_at: Set(run_at),
        claimed_by: Set(None),
        claimed_until: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        done_at: Set(None),
        created_at: Set(now()),
    }
}

/// Schedule (or move) the job with this `key` to run at `run_at`.
pub async fn schedule(
    conn: &impl ConnectionTrait,
    kind: &str,
    key: &str,
    payload: Value,
    run_at: DateTime<Utc>,
) -> ApiResult<()> {
    let updated = job::Entity::update_many()
        .col_expr(job::Column::RunAt, Expr::value(run_at))
        .col_expr(job::Column::Payload, Expr::value(payload.clone()))
        .col_expr(job::Column::DoneAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(job::Column::Attempts, Expr::value(0))
        .filter(job::Column::Key.eq(key))
        .exec(conn)
        .await?;
    if updated.rows_affected == 0 {
        new_job(kind, key, payload, run_at).insert(conn).await?;
    }
    Ok(())
}

/// Schedule the job with this `key` at `run_at` unless it is already pending
/// (a recurring job every instance ensures at start, created only once).
pub async fn schedule_once(
    conn: &impl ConnectionTrait,
    kind: &str,
    key: &str,
    payload: Value,
    run_at: DateTime<Utc>,
) -> ApiResult<()> {
    job::Entity::insert(new_job(kind, key, payload, run_at))
        .on_conflict_do_nothing_on([job::Column::Key])
        .exec(conn)
        .await?;
    // A recurring job that was dropped (e.g. after failing) comes back.
    job::Entity::update_many()
        .col_expr(job::Column::RunAt, Expr::value(run_at))
        .col_expr(job::Column::DoneAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(job::Column::Attempts, Expr::value(0))
        .filter(job::Column::Key.eq(key))
        .filter(job::Column::DoneAt.is_not_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Move the pending job with this `key` to `run_at`, if it still carries
/// `payload` (that is, it has not begun a multi-step run).
pub async fn move_pending(
    conn: &impl ConnectionTrait,
    key: &str,
    payload: &Value,
    run_at: DateTime<Utc>,
) -> ApiResult<()> {
    let pending =
        job::Entity::find().filter(job::Column::Key.eq(key)).filter(job::Column::DoneAt.is_null()).one(conn).await?;
    if let Some(row) = pending.filter(|row| row.payload == *payload) {
        job::Entity::update_many()
            .col_expr(job::Column::RunAt, Expr::value(run_at))
            .filter(job::Column::Id.eq(row.id))
            .filter(job::Column::DoneAt.is_null())
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Drop the pending job with this `key`, if any.
pub async fn cancel(conn: &impl ConnectionTrait, key: &str) -> ApiResult<()> {
    job::Entity::update_many()
        .col_expr(job::Column::DoneAt, Expr::value(Some(now())))
        .filter(job::Column::Key.eq(key))
        .filter(job::Column::DoneAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

fn claimable(at: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(job::Column::DoneAt.is_null())
        .add(job::Column::RunAt.lte(at))
        .add(Condition::any().add(job::Column::ClaimedUntil.is_null()).add(job::Column::ClaimedUntil.lt(at)))
}

/// Run every job due at `at`, each by its kind among `kinds`; returns how
/// many this instance completed. `worker` names this instance in claims.
pub async fn run_due(db: &Db, kinds: &[JobKind], at: DateTime<Utc>, worker: &str) -> usize {
    let candidates = match job::Entity::find()
        .filter(claimable(at))
        .order_by_asc(job::Column::RunAt)
        .limit(BATCH)
        .all(db.conn())
        .await
    {
        Ok(rows) => rows,
        Err(error) => {
            tracing::warn!(%error, "cannot read due jobs");
            return 0;
        }
    };
    let mut completed = 0;
    for candidate in candidates {
        match run_one(db, kinds, candidate, at, worker).await {
            Ok(true) => completed += 1,
            Ok(false) => {}
            Err(error) => tracing::warn!(?error, "job failed"),
        }
    }
    completed
}

/// Claim and run one job; `false` when another instance had it.
async fn run_one(
    db: &Db,
    kinds: &[JobKind],
    candidate: job::Model,
    at: DateTime<Utc>,
    worker: &str,
) -> ApiResult<bool> {
    let claimed = job::Entity::update_many()
        .col_expr(job::Column::ClaimedBy, Expr::value(Some(worker.to_owned())))
        .col_expr(job::Column::ClaimedUntil, Expr::value(Some(at + LEASE)))
        .col_expr(job::Column::Attempts, Expr::col(job::Column::Attempts).add(1))
        .filter(job::Column::Id.eq(candidate.id))
        .filter(claimable(at))
        .exec(db.conn())
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    let txn = db.begin_write().await?;
    let outcome = match kinds.iter().find(|kind| kind.name == candidate.kind) {
        Some(kind) => (kind.run)(&txn, &candidate.payload, at).await,
        None => {
            tracing::warn!(kind = candidate.kind.as_str(), "unknown job kind; dropping it");
            Ok(Outcome::Done)
        }
    };
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(error) => {
            drop(txn);
            let message = error.detail.clone();
            // Try again after the lease, up to the attempts already counted.
            job::Entity::update_many()
                .col_expr(job::Column::LastError, Expr::value(Some(message)))
                .filter(job::Column::Id.eq(candidate.id))
                .exec(db.conn())
                .await?;
            return Err(error);
        }
    };
    let (done_at, run_at, payload) = match outcome {
        Outcome::Done => (Some(at), candidate.run_at, candidate.payload),
        Outcome::Again(next) => (None, next, candidate.payload),
        Outcome::Continue(next, payload) => (None, next, payload),
    };
    // Commit only while still holding the claim: if the lease ran out and
    // another instance finished the job, this one's effects roll back.
    let finished = job::Entity::update_many()
        .col_expr(job::Column::DoneAt, Expr::value(done_at))
        .col_expr(job::Column::RunAt, Expr::value(run_at))
        .col_expr(job::Column::Payload, Expr::value(payload))
        .col_expr(job::Column::ClaimedBy, Expr::value(Option::<String>::None))
        .col_expr(job::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(job::Column::Id.eq(candidate.id))
        .filter(job::Column::ClaimedBy.eq(worker))
        .filter(job::Column::DoneAt.is_null())
        .exec(&*txn)
        .await?;
    if finished.rows_affected != 1 {
        return Ok(false);
    }
    txn.commit().await?;
    Ok(true)
}

/// Run due jobs of `kinds` every `interval` until the server stops.
pub fn spawn_runner(db: Db, kinds: Vec<JobKind>, interval: std::time::Duration) {
    let worker = format!("kehu-{}", new_id().simple());
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            ticker.tick().await;
            // Keep going while jobs complete: long work (the nightly sweep)
            // continues batch after batch instead of one batch per tick.
            while run_due(&db, &kinds, Utc::now(), &worker).await > 0 {}
        }
    });
}
