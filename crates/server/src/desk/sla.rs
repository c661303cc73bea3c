//! The SLA engine: the clock of each metric of a ticket (started, paused,
//! resumed, fulfilled as the ticket moves), the ledger of what happened, and
//! the jobs that raise warnings and breaches on time (their work is in
//! `sla_breach`). Which policy applies, and the calendar it counts in, is in
//! `sla_policies`.
//!
//! All arithmetic is in `kehu_domain::sla`; this module keeps the rows in step
//! with it inside the caller's transaction.

use chrono::{DateTime, Utc};
use kehu_domain::sla::Metric;
use kehu_store::entities::{sla_ledger, sla_policy, ticket, ticket_sla_metric};
use kehu_store::{convert, new_id};
use kehu_types::{SlaEvent, SlaMetric, SlaMetricState, TicketEventKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::sla_policies::{Policy, load_policy, match_policy};
use crate::http::error::ApiResult;
use crate::platform::jobs;

pub const JOB_KIND: &str = "sla";

pub(super) fn metric_of(row: &ticket_sla_metric::Model) -> SlaMetric {
    SlaMetric::parse(&row.metric).unwrap_or(SlaMetric::Resolution)
}

pub(super) fn state_of(row: &ticket_sla_metric::Model) -> SlaMetricState {
    SlaMetricState::parse(&row.state).unwrap_or(SlaMetricState::Cancelled)
}

pub(super) async fn ledger(
    conn: &impl ConnectionTrait,
    ticket_id: Uuid,
    metric: SlaMetric,
    event: SlaEvent,
    due_at: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    sla_ledger::ActiveModel {
        id: Set(new_id()),
        ticket_id: Set(ticket_id),
        metric: Set(metric.as_str().to_owned()),
        event: Set(event.as_str().to_owned()),
        due_at: Set(due_at),
        at: Set(at),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The job that watches a metric: its key, payload and next moment
/// (warning, then breach); `None` once nothing is left to watch.
pub fn watch(row: &ticket_sla_metric::Model) -> (String, serde_json::Value, Option<DateTime<Utc>>) {
    let metric = metric_of(row);
    let next = if state_of(row) != SlaMetricState::Running || row.breached {
        None
    } else if !row.warned {
        row.warn_at.or(row.due_at)
    } else {
        row.due_at
    };
    (format!("sla:{}:{metric}", row.ticket_id), json!({ "ticket_id": row.ticket_id, "metric": metric }), next)
}

/// Keep the metric's job at its next moment, or drop it.
async fn sync_job(conn: &impl ConnectionTrait, row: &ticket_sla_metric::Model) -> ApiResult<()> {
    match watch(row) {
        (key, payload, Some(run_at)) => jobs::schedule(conn, JOB_KIND, &key, payload, run_at).await,
        (key, _, None) => jobs::cancel(conn, &key).await,
    }
}

/// Start (or restart from zero) the clock of `metric`.
async fn start_metric(
    conn: &impl ConnectionTrait,
    policy: &Policy,
    ticket_id: Uuid,
    metric: SlaMetric,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    let Some(target) = policy.target(metric) else { return Ok(()) };
    let (warn_at, due_at) = policy.timed(Metric::start(i64::from(target), at));
    ticket_sla_metric::Entity::delete_by_id((ticket_id, metric.as_str().to_owned())).exec(conn).await?;
    let row = ticket_sla_metric::ActiveModel {
        ticket_id: Set(ticket_id),
        metric: Set(metric.as_str().to_owned()),
        policy_id: Set(policy.row.id),
        state: Set(SlaMetricState::Running.as_str().to_owned()),
        target_minutes: Set(target),
        consumed_minutes: Set(0),
        running_since: Set(Some(at)),
        warn_at: Set(warn_at),
        due_at: Set(due_at),
        warned: Set(false),
        breached: Set(false),
        fulfilled_at: Set(None),
    }
    .insert(conn)
    .await?;
    ledger(conn, ticket_id, metric, SlaEvent::Start, due_at, at).await?;
    sync_job(conn, &row).await
}

async fn metrics(conn: &impl ConnectionTrait, ticket_id: Uuid) -> ApiResult<Vec<ticket_sla_metric::Model>> {
    Ok(ticket_sla_metric::Entity::find()
        .filter(ticket_sla_metric::Column::TicketId.eq(ticket_id))
        .order_by_asc(ticket_sla_metric::Column::Metric)
        .all(conn)
        .await?)
}

/// Write a metric's new state, its ledger entry and its job.
async fn save(
    conn: &impl ConnectionTrait,
    active: ticket_sla_metric::ActiveModel,
    event: SlaEvent,
    at: DateTime<Utc>,
) -> ApiResult<ticket_sla_metric::Model> {
    let row = active.update(conn).await?;
    ledger(conn, row.ticket_id, metric_of(&row), event, row.due_at, at).await?;
    sync_job(conn, &row).await?;
    Ok(row)
}

/// Store the ticket's earliest running due time and whether anything was breached.
pub(super) async fn refresh(
    conn: &impl ConnectionTrait,
    row: ticket::Model,
    policy_id: Option<Uuid>,
) -> ApiResult<ticket::Model> {
    let all = metrics(conn, row.id).await?;
    let due = all.iter().filter(|m| state_of(m) == SlaMetricState::Running).filter_map(|m| m.due_at).min();
    let breached = all.iter().any(|m| m.breached);
    if row.sla_due_at == due && row.sla_breached == breached && row.sla_policy_id == policy_id {
        return Ok(row);
    }
    let mut active = row.into_active_model();
    active.sla_due_at = Set(due);
    active.sla_breached = Set(breached);
    active.sla_policy_id = Set(policy_id);
    Ok(active.update(conn).await?)
}

/// A new ticket: find its policy and start the first-response and resolution clocks.
pub async fn start_ticket(
    conn: &impl ConnectionTrait,
    row: ticket::Model,
    at: DateTime<Utc>,
) -> ApiResult<ticket::Model> {
    let Some(policy) = match_policy(conn, &row).await? else { return Ok(row) };
    for metric in [SlaMetric::FirstResponse, SlaMetric::Resolution] {
        start_metric(conn, &policy, row.id, metric, at).await?;
    }
    refresh(conn, row, Some(policy.row.id)).await
}

/// Priority or type changed: apply the policy that now matches to the clocks,
/// keeping the minutes already counted.
pub async fn retarget(conn: &impl ConnectionTrait, row: ticket::Model, at: DateTime<Utc>) -> ApiResult<ticket::Model> {
    let matched = match_policy(conn, &row).await?;
    let new_id = matched.as_ref().map(|p| p.row.id);
    if new_id == row.sla_policy_id {
        return Ok(row);
    }
    let existing = metrics(conn, row.id).await?;
    if existing.is_empty() {
        if let Some(policy) = &matched {
            if row.first_response_at.is_none() {
                start_metric(conn, policy, row.id, SlaMetric::FirstResponse, at).await?;
            }
            start_metric(conn, policy, row.id, SlaMetric::Resolution, at).await?;
        }
        return refresh(conn, row, new_id).await;
    }
    for metric_row in existing {
        let state = state_of(&metric_row);
        if !matches!(state, SlaMetricState::Running | SlaMetricState::Paused) {
            continue;
        }
        let target = matched.as_ref().and_then(|p| p.target(metric_of(&metric_row)));
        let mut active = metric_row.clone().into_active_model();
        match (target, &matched) {
            (Some(target), Some(policy)) => {
                let consumed = match (state, metric_row.running_since) {
                    (SlaMetricState::Running, Some(since)) => {
                        Metric::resume(0, i64::from(metric_row.consumed_minutes), since).pause(&policy.clock(), at)
                    }
                    _ => i64::from(metric_row.consumed_minutes),
                };
                active.policy_id = Set(policy.row.id);
                active.target_minutes = Set(target);
                active.consumed_minutes = Set(i32::try_from(consumed).unwrap_or(i32::MAX));
                if state == SlaMetricState::Running {
                    let (warn_at, due_at) = policy.timed(Metric::resume(i64::from(target), consumed, at));
                    active.running_since = Set(Some(at));
                    active.warn_at = Set(warn_at);
                    active.due_at = Set(due_at);
                    active.warned = Set(metric_row.warned && warn_at.is_some_and(|w| w <= at));
                }
                save(conn, active, SlaEvent::Recompute, at).await?;
            }
            _ => {
                active.state = Set(SlaMetricState::Cancelled.as_str().to_owned());
                active.running_since = Set(None);
                active.due_at = Set(None);
                save(conn, active, SlaEvent::Cancel, at).await?;
            }
        }
    }
    refresh(conn, row, new_id).await
}

/// Stop a running or paused metric as fulfilled or cancelled.
async fn stop(
    conn: &impl ConnectionTrait,
    metric_row: ticket_sla_metric::Model,
    policy: Option<&Policy>,
    fulfilled: bool,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    let consumed = match (state_of(&metric_row), metric_row.running_since, policy) {
        (SlaMetricState::Running, Some(since), Some(policy)) => {
            Metric::resume(0, i64::from(metric_row.consumed_minutes), since).pause(&policy.clock(), at)
        }
        _ => i64::from(metric_row.consumed_minutes),
    };
    let mut active = metric_row.into_active_model();
    let (state, event) = if fulfilled {
        (SlaMetricState::Fulfilled, SlaEvent::Fulfil)
    } else {
        (SlaMetricState::Cancelled, SlaEvent::Cancel)
    };
    active.state = Set(state.as_str().to_owned());
    active.consumed_minutes = Set(i32::try_from(consumed).unwrap_or(i32::MAX));
    active.running_since = Set(None);
    active.due_at = Set(None);
    active.warn_at = Set(None);
    if fulfilled {
        active.fulfilled_at = Set(Some(at));
    }
    save(conn, active, event, at).await?;
    Ok(())
}

/// Pause (`true`) or resume (`false`) every clock that can.
async fn pause_all(
    conn: &impl ConnectionTrait,
    ticket_id: Uuid,
    policy: &Policy,
    pause: bool,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    for metric_row in metrics(conn, ticket_id).await? {
        let state = state_of(&metric_row);
        let mut active = metric_row.clone().into_active_model();
        if pause && state == SlaMetricState::Running {
            let since = metric_row.running_since.unwrap_or(at);
            let consumed = Metric::resume(0, i64::from(metric_row.consumed_minutes), since).pause(&policy.clock(), at);
            active.state = Set(SlaMetricState::Paused.as_str().to_owned());
            active.consumed_minutes = Set(i32::try_from(consumed).unwrap_or(i32::MAX));
            active.running_since = Set(None);
            active.due_at = Set(None);
            active.warn_at = Set(None);
            save(conn, active, SlaEvent::Pause, at).await?;
        } else if !pause && state == SlaMetricState::Paused {
            let metric =
                Metric::resume(i64::from(metric_row.target_minutes), i64::from(metric_row.consumed_minutes), at);
            let (warn_at, due_at) = policy.timed(metric);
            active.state = Set(SlaMetricState::Running.as_str().to_owned());
            active.running_since = Set(Some(at));
            active.warn_at = Set(warn_at);
            active.due_at = Set(due_at);
            save(conn, active, SlaEvent::Resume, at).await?;
        }
    }
    Ok(())
}

/// The ticket moved from `from` to `to`.
pub async fn on_status(
    conn: &impl ConnectionTrait,
    row: ticket::Model,
    from: kehu_types::TicketStatus,
    to: kehu_types::TicketStatus,
    at: DateTime<Utc>,
) -> ApiResult<ticket::Model> {
    use kehu_types::TicketStatus::*;
    let Some(policy_id) = row.sla_policy_id else { return Ok(row) };
    let Some(policy) = load_policy(conn, policy_id).await? else { return Ok(row) };
    if to == AwaitingCustomer {
        pause_all(conn, row.id, &policy, true, at).await?;
    } else if from == AwaitingCustomer {
        pause_all(conn, row.id, &policy, false, at).await?;
    }
    if matches!(to, Resolved | Closed) {
        for metric_row in metrics(conn, row.id).await? {
            if matches!(state_of(&metric_row), SlaMetricState::Running | SlaMetricState::Paused) {
                let fulfilled = metric_of(&metric_row) == SlaMetric::Resolution;
                stop(conn, metric_row, Some(&policy), fulfilled, at).await?;
            }
        }
    } else if kehu_domain::tickets::is_reopen(from, to) {
        // Back to work: the resolution clock goes on from where it stopped.
        if let Some(metric_row) =
            metrics(conn, row.id).await?.into_iter().find(|m| metric_of(m) == SlaMetric::Resolution)
        {
            let metric =
                Metric::resume(i64::from(metric_row.target_minutes), i64::from(metric_row.consumed_minutes), at);
            let (warn_at, due_at) = policy.timed(metric);
            let mut active = metric_row.into_active_model();
            active.state = Set(SlaMetricState::Running.as_str().to_owned());
            active.running_since = Set(Some(at));
            active.warn_at = Set(warn_at);
            active.due_at = Set(due_at);
            active.fulfilled_at = Set(None);
            save(conn, active, SlaEvent::Resume, at).await?;
        }
    }
    refresh(conn, row, Some(policy_id)).await
}

/// A reply fulfils the response clocks; a customer message starts the next-response clock.
pub async fn on_message(
    conn: &impl ConnectionTrait,
    row: ticket::Model,
    kind: TicketEventKind,
    at: DateTime<Utc>,
) -> ApiResult<ticket::Model> {
    let Some(policy_id) = row.sla_policy_id else { return Ok(row) };
    let Some(policy) = load_policy(conn, policy_id).await? else { return Ok(row) };
    let current = metrics(conn, row.id).await?;
    match kind {
        TicketEventKind::Reply => {
            for metric_row in current {
                let responds = matches!(metric_of(&metric_row), SlaMetric::FirstResponse | SlaMetric::NextResponse);
                if responds && matches!(state_of(&metric_row), SlaMetricState::Running | SlaMetricState::Paused) {
                    stop(conn, metric_row, Some(&policy), true, at).await?;
                }
            }
        }
        TicketEventKind::CustomerMessage => {
            let waiting = current.iter().any(|m| {
                metric_of(m) == SlaMetric::NextResponse
                    && matches!(state_of(m), SlaMetricState::Running | SlaMetricState::Paused)
            });
            let first_pending = current.iter().any(|m| {
                metric_of(m) == SlaMetric::FirstResponse
                    && matches!(state_of(m), SlaMetricState::Running | SlaMetricState::Paused)
            });
            if !waiting && !first_pending {
                start_metric(conn, &policy, row.id, SlaMetric::NextResponse, at).await?;
            }
        }
        _ => {}
    }
    refresh(conn, row, Some(policy_id)).await
}

/// The SLA of a ticket for `GET /tickets/{id}/sla`.
pub async fn status(conn: &impl ConnectionTrait, row: &ticket::Model) -> ApiResult<kehu_types::TicketSla> {
    let policy = match row.sla_policy_id {
        Some(id) => sla_policy::Entity::find_by_id(id).one(conn).await?.as_ref().map(convert::sla_policy),
        None => None,
    };
    let ledger = sla_ledger::Entity::find()
        .filter(sla_ledger::Column::TicketId.eq(row.id))
        .order_by_asc(sla_ledger::Column::At)
        .order_by_asc(sla_ledger::Column::Id)
        .all(conn)
        .await?;
    Ok(kehu_types::TicketSla {
        policy,
        metrics: metrics(conn, row.id).await?.iter().map(convert::sla_metric).collect(),
        ledger: ledger.iter().map(convert::sla_entry).collect(),
    })
}
