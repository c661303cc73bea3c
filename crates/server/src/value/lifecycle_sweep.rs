//! The inactivity sweep: customers who have not bought for the configured
//! number of days become at-risk, then churned; a new customer who bought
//! once and never again becomes at-risk after their own threshold. It runs daily as a durable job
//! (followed by points expiry, the tier review and the RFM scoring) and on
//! demand, a batch of customers per transaction so writers never wait long
//! behind it.

use chrono::{DateTime, Duration, Utc};
use kehu_domain::lifecycle;
use kehu_store::entities::{customer, customer_value, stage_history};
use kehu_types::{LifecycleSettings, LifecycleStage, StageChangeKind, SweepResult};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::customers::service as customers;
use crate::http::error::ApiResult;
use crate::loyalty::points;
use crate::platform::jobs::{self, Outcome};
use crate::platform::settings;
use crate::value::{customer_value as value, daily_schedule};

/// The daily job: sweep, then score RFM, then wait for the next day.
pub const JOB_KIND: &str = "value.daily";
/// Customers looked at per transaction.
const BATCH: u64 = 500;

/// One batch of the sweep over customers with ids after `after`; returns
/// what it did and where the next batch starts (`None` when done).
pub async fn sweep_batch(
    conn: &impl ConnectionTrait,
    at: DateTime<Utc>,
    after: Option<Uuid>,
) -> ApiResult<(SweepResult, Option<Uuid>)> {
    let (rules, _) = settings::load::<LifecycleSettings>(conn).await?;
    // The earliest threshold decides who is looked at; the domain rule decides per stage.
    let cutoff = at - Duration::days(std::cmp::min(rules.at_risk_after_days, rules.new_at_risk_after_days));
    let quiet = Query::select()
        .column(customer_value::Column::CustomerId)
        .from(customer_value::Entity)
        .and_where(Expr::col(customer_value::Column::LastPurchaseAt).lte(cutoff))
        .to_owned();
    let sweepable = [LifecycleStage::New, LifecycleStage::Active, LifecycleStage::Loyal, LifecycleStage::AtRisk]
        .map(|s| s.as_str());
    let mut select = customer::Entity::find()
        .filter(customer::Column::DeletedAt.is_null())
        .filter(customer::Column::Stage.is_in(sweepable))
        .filter(Expr::col(customer::Column::Id).in_subquery(quiet));
    if let Some(after) = after {
        select = select.filter(customer::Column::Id.gt(after));
    }
    // Locked, as an order for one of them may be committing right now.
    let rows = select.order_by_asc(customer::Column::Id).limit(BATCH).lock_exclusive().all(conn).await?;
    let next = (rows.len() as u64 == BATCH).then(|| rows.last().map(|row| row.id)).flatten();
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let last_purchase: std::collections::HashMap<Uuid, DateTime<Utc>> = customer_value::Entity::find()
        .filter(customer_value::Column::CustomerId.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|value| value.last_purchase_at.map(|last| (value.customer_id, last)))
        .collect();
    let mut result = SweepResult { at, ..SweepResult::default() };
    for row in rows {
        let Some(last) = last_purchase.get(&row.id).copied() else { continue };
        let stage = LifecycleStage::parse(&row.stage).unwrap_or(LifecycleStage::Prospect);
        let days = (at - last).num_days();
        let moves = lifecycle::after_inactivity(stage, days, &rules);
        if moves.is_empty() {
            continue;
        }
        if rules.manual_stage_holds && set_by_hand_since(conn, row.id, last).await? {
            result.held += 1;
            continue;
        }
        for (to, _) in &moves {
            match to {
                LifecycleStage::AtRisk => result.to_at_risk += 1,
                LifecycleStage::Churned => result.to_churned += 1,
                _ => {}
            }
        }
        let why = format!("no purchase for {days} days");
        customers::move_by_rules(conn, row, &moves, &why, at).await?;
    }
    Ok((result, next))
}

/// Whether a person set the customer's current stage after their last purchase.
async fn set_by_hand_since(conn: &impl ConnectionTrait, customer_id: Uuid, since: DateTime<Utc>) -> ApiResult<bool> {
    let latest = stage_history::Entity::find()
        .filter(stage_history::Column::CustomerId.eq(customer_id))
        .order_by_desc(stage_history::Column::At)
        .one(conn)
        .await?;
    Ok(latest.is_some_and(|row| row.reason_kind == StageChangeKind::Manual.as_str() && row.at > since))
}

/// Add one batch's counts to the run's.
pub fn add(total: &mut SweepResult, batch: &SweepResult) {
    total.to_at_risk += batch.to_at_risk;
    total.to_churned += batch.to_churned;
    total.held += batch.held;
}

/// Make sure the daily job is scheduled (once, whatever the number of instances).
pub async fn ensure_daily_job(conn: &impl ConnectionTrait, at: DateTime<Utc>) -> ApiResult<()> {
    let (when, _) = daily_schedule::load(conn).await?;
    jobs::schedule_once(conn, JOB_KIND, JOB_KIND, json!({}), daily_schedule::next_daily_run(at, &when)).await
}

/// After the schedule (or the default calendar's zone) changed: a daily run
/// that has not begun moves to the new time; one under way finishes and then
/// follows the new time.
pub async fn reschedule_daily_job(conn: &impl ConnectionTrait, at: DateTime<Utc>) -> ApiResult<()> {
    let (when, _) = daily_schedule::load(conn).await?;
    jobs::move_pending(conn, JOB_KIND, &json!({}), daily_schedule::next_daily_run(at, &when)).await
}

/// The daily job's step: one sweep batch per run (so each commits on its
/// own), then points expiry and the review of spend-based tiers in batches,
/// then the RFM scoring, then the same again tomorrow.
pub async fn run_job(conn: &impl ConnectionTrait, payload: &Value, at: DateTime<Utc>) -> ApiResult<Outcome> {
    match payload.get("phase").and_then(Value::as_str) {
        Some("rfm") => {
            let run = value::score_rfm(conn, at).await?;
            tracing::info!(scored = run.scored, "RFM scores updated");
            let (when, _) = daily_schedule::load(conn).await?;
            return Ok(Outcome::Continue(daily_schedule::next_daily_run(at, &when), json!({})));
        }
        Some("expire") => {
            let (run, more) = points::expire_batch(conn, at).await?;
            tracing::info!(customers = run.customers, points = run.points, "points expired");
            let next = if more { json!({ "phase": "expire" }) } else { json!({ "phase": "tiers" }) };
            return Ok(Outcome::Continue(at, next));
        }
        Some("tiers") => {
            let after = payload.get("after").and_then(Value::as_str).and_then(|id| Uuid::parse_str(id).ok());
            let next = match points::review_tiers_batch(conn, at, after).await? {
                Some(after) => json!({ "phase": "tiers", "after": after }),
                None => json!({ "phase": "rfm" }),
            };
            return Ok(Outcome::Continue(at, next));
        }
        _ => {}
    }
    let after = payload.get("after").and_then(Value::as_str).and_then(|id| Uuid::parse_str(id).ok());
    let (done, next) = sweep_batch(conn, at, after).await?;
    tracing::info!(to_at_risk = done.to_at_risk, to_churned = done.to_churned, held = done.held, "inactivity sweep");
    Ok(match next {
        Some(after) => Outcome::Continue(at, json!({ "after": after })),
        None => Outcome::Continue(at, json!({ "phase": "expire" })),
    })
}
