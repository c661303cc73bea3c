//! What people do with points: read a customer's account and ledger, adjust
//! by hand (managers and admins), redeem (anyone who serves the customer),
//! and let unspent points lapse.

use chrono::{DateTime, Utc};
use kehu_domain::loyalty::next_tier;
use kehu_domain::validate::{Errors, MONEY_MAX, REASON_MAX};
use kehu_store::entities::{loyalty_account, points_entry, points_lot};
use kehu_store::orders::spend_12m;
use kehu_types::{
    AdjustPoints, ExpiryRun, LoyaltyAccount, LoyaltySettings, PointsKind, RedeemPoints, Role, TierBasis, field_codes,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::customers::service as customers;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::loyalty::ledger::{Posting, expiring_soon, post, refresh_tier};
use crate::platform::{audit, settings};

/// Lots (or accounts) looked at per transaction of the daily work.
const EXPIRY_BATCH: u64 = 500;

/// The customer's points and tier as of `at` (visibility checked by the caller).
pub async fn account(conn: &impl ConnectionTrait, customer_id: Uuid, at: DateTime<Utc>) -> ApiResult<LoyaltyAccount> {
    let (program, _) = settings::load::<LoyaltySettings>(conn).await?;
    let row = loyalty_account::Entity::find_by_id(customer_id).one(conn).await?;
    let progress = match program.tier_basis {
        TierBasis::Spend12m => spend_12m(conn, customer_id, at).await?,
        TierBasis::LifetimePoints => row.as_ref().map_or(0, |r| r.lifetime_points),
    };
    let tier = row.as_ref().and_then(|r| r.tier.clone());
    let benefits = program.tiers.iter().find(|t| Some(&t.name) == tier.as_ref()).map(|t| t.benefits.clone());
    Ok(LoyaltyAccount {
        customer_id,
        balance: row.as_ref().map_or(0, |r| r.balance),
        lifetime_points: row.as_ref().map_or(0, |r| r.lifetime_points),
        tier_since: row.as_ref().and_then(|r| r.tier_since),
        tier_benefits: benefits,
        tier_progress: progress,
        next_tier: next_tier(tier.as_deref(), &program.tiers).cloned(),
        tier,
        expiring_soon: expiring_soon(conn, customer_id, at).await?,
    })
}

async fn change(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    customer_id: Uuid,
    kind: PointsKind,
    points: i64,
    reason: &str,
) -> ApiResult<points_entry::Model> {
    customers::lock_visible(conn, actor, customer_id, false).await?;
    let (program, _) = settings::load::<LoyaltySettings>(conn).await?;
    let at = kehu_store::now();
    let posting = Posting { kind, points, order_id: None, ticket_id: None, reason, actor_id: Some(actor.id) };
    let entry = post(conn, customer_id, posting, &program, at).await?;
    refresh_tier(conn, customer_id, &program, at).await?;
    let record = serde_json::json!(kehu_store::convert::points_entry(&entry));
    audit::record(conn, Some(actor.id), &actor.meta, &format!("points.{kind}"), "customer", Some(customer_id), record)
        .await?;
    Ok(entry)
}

/// Add or remove points by hand, with a reason (managers and admins).
pub async fn adjust(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    customer_id: Uuid,
    input: &AdjustPoints,
) -> ApiResult<points_entry::Model> {
    actor.require(&[Role::Admin, Role::Manager])?;
    let mut errors = Errors::default();
    let reason = errors.required_text("reason", &input.reason, REASON_MAX);
    if input.points == 0 || input.points.unsigned_abs() > MONEY_MAX.unsigned_abs() {
        errors.add("points", field_codes::OUT_OF_RANGE, format!("must be non-zero, at most {MONEY_MAX} either way"));
    }
    errors.finish(()).map_err(ApiError::validation)?;
    change(conn, actor, customer_id, PointsKind::Adjust, input.points, &reason).await
}

/// Spend points for the customer (anyone who may write and see them).
pub async fn redeem(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    customer_id: Uuid,
    input: &RedeemPoints,
) -> ApiResult<points_entry::Model> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let reason = errors.required_text("reason", &input.reason, REASON_MAX);
    if !(1..=MONEY_MAX).contains(&input.points) {
        errors.add("points", field_codes::OUT_OF_RANGE, "must be positive");
    }
    errors.finish(()).map_err(ApiError::validation)?;
    change(conn, actor, customer_id, PointsKind::Redeem, -input.points, &reason).await
}

/// One batch of expiry as of `at`: the customers of up to `EXPIRY_BATCH`
/// lapsed lots lose what is left of them. Returns what lapsed and whether
/// more may be left.
pub async fn expire_batch(conn: &impl ConnectionTrait, at: DateTime<Utc>) -> ApiResult<(ExpiryRun, bool)> {
    let lapsed = points_lot::Entity::find()
        .filter(points_lot::Column::ExpiresAt.lte(at))
        .filter(points_lot::Column::Remaining.gt(0))
        .order_by_asc(points_lot::Column::ExpiresAt)
        .limit(EXPIRY_BATCH)
        .all(conn)
        .await?;
    let more = lapsed.len() as u64 == EXPIRY_BATCH;
    let mut customers_seen: Vec<Uuid> = lapsed.iter().map(|lot| lot.customer_id).collect();
    customers_seen.sort_unstable();
    customers_seen.dedup();
    let (program, _) = settings::load::<LoyaltySettings>(conn).await?;
    let mut run = ExpiryRun { customers: 0, points: 0, at };
    for customer_id in customers_seen {
        customers::lock(conn, customer_id).await?;
        // Read again under the lock: a redemption may have just spent them.
        let own = points_lot::Entity::find()
            .filter(points_lot::Column::CustomerId.eq(customer_id))
            .filter(points_lot::Column::ExpiresAt.lte(at))
            .filter(points_lot::Column::Remaining.gt(0))
            .all(conn)
            .await?;
        let points: i64 = own.iter().map(|lot| lot.remaining).sum();
        if points == 0 {
            continue;
        }
        // Lapsed lots are the soonest to expire, so the debit takes exactly them.
        let posting = Posting {
            kind: PointsKind::Expire,
            points: -points,
            order_id: None,
            ticket_id: None,
            reason: "expired",
            actor_id: None,
        };
        post(conn, customer_id, posting, &program, at).await?;
        refresh_tier(conn, customer_id, &program, at).await?;
        run.customers += 1;
        run.points += points;
    }
    Ok((run, more))
}

/// One batch of the daily tier review over accounts after `after`: tiers on
/// 12-month spend fall as old orders leave the window, with no order or
/// points event to notice it. Returns where the next batch starts.
pub async fn review_tiers_batch(
    conn: &impl ConnectionTrait,
    at: DateTime<Utc>,
    after: Option<Uuid>,
) -> ApiResult<Option<Uuid>> {
    let (program, _) = settings::load::<LoyaltySettings>(conn).await?;
    if program.tier_basis != TierBasis::Spend12m {
        return Ok(None);
    }
    let mut select = loyalty_account::Entity::find().filter(loyalty_account::Column::Tier.is_not_null());
    if let Some(after) = after {
        select = select.filter(loyalty_account::Column::CustomerId.gt(after));
    }
    let rows = select.order_by_asc(loyalty_account::Column::CustomerId).limit(EXPIRY_BATCH).all(conn).await?;
    for row in &rows {
        customers::lock(conn, row.customer_id).await?;
        refresh_tier(conn, row.customer_id, &program, at).await?;
    }
    Ok((rows.len() as u64 == EXPIRY_BATCH).then(|| rows.last().map(|row| row.customer_id)).flatten())
}
