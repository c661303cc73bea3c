//! Loyalty points and tiers. Every change is a row of the append-only points
//! ledger, written with the customer's cached balance in one transaction
//! under the customer's lock (PostgreSQL row lock; SQLite writes are
//! serialised), and the balance is also checked by the database, so it can
//! never go negative, even when redemptions race. Credited points form lots
//! that are spent, and expire, oldest first.

use chrono::{DateTime, Duration, Months, Utc};
use kehu_domain::loyalty::{points_for, take_oldest_first, tier_for};
use kehu_domain::value::share;
use kehu_store::entities::{loyalty_account, points_entry, points_lot, tier_change};
use kehu_store::orders::spend_12m;
use kehu_store::{convert, new_id};
use kehu_types::{LoyaltySettings, PointsKind, TierBasis, codes};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::json;
use uuid::Uuid;

use crate::http::actor::RequestMeta;
use crate::http::error::{ApiError, ApiResult};
use crate::platform::{audit, settings};

/// One change of a customer's points, as it will be recorded.
pub struct Posting<'a> {
    pub kind: PointsKind,
    /// Positive credits, negative debits.
    pub points: i64,
    pub order_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    pub reason: &'a str,
    pub actor_id: Option<Uuid>,
}

async fn account(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    at: DateTime<Utc>,
) -> ApiResult<loyalty_account::Model> {
    if let Some(row) = loyalty_account::Entity::find_by_id(customer_id).one(conn).await? {
        return Ok(row);
    }
    Ok(loyalty_account::ActiveModel {
        customer_id: Set(customer_id),
        balance: Set(0),
        lifetime_points: Set(0),
        tier: Set(None),
        tier_since: Set(None),
        updated_at: Set(at),
    }
    .insert(conn)
    .await?)
}

/// The customer's unspent lots, in the order they are spent: those of
/// `first_order` first (a refund takes back that order's own points), then
/// the soonest to expire, then the oldest.
async fn lots(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    first_order: Option<Uuid>,
) -> ApiResult<Vec<points_lot::Model>> {
    let mut rows = points_lot::Entity::find()
        .filter(points_lot::Column::CustomerId.eq(customer_id))
        .filter(points_lot::Column::Remaining.gt(0))
        .all(conn)
        .await?;
    rows.sort_by_key(|lot| {
        (first_order.is_none() || lot.order_id != first_order, lot.expires_at.is_none(), lot.expires_at, lot.at)
    });
    Ok(rows)
}

/// Record one change (the caller holds the customer's lock). A debit larger
/// than the balance is refused with 409 `insufficient_points`.
pub async fn post(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    posting: Posting<'_>,
    program: &LoyaltySettings,
    at: DateTime<Utc>,
) -> ApiResult<points_entry::Model> {
    let current = account(conn, customer_id, at).await?;
    let balance = current.balance + posting.points;
    if balance < 0 {
        return Err(ApiError::conflict(
            codes::INSUFFICIENT_POINTS,
            format!("the customer has {} points, fewer than {}", current.balance, -posting.points),
        ));
    }
    let id = new_id();
    let expires_at = (posting.points > 0 && program.expiry_months > 0)
        .then(|| at.checked_add_months(Months::new(program.expiry_months as u32)))
        .flatten();
    if posting.points > 0 {
        points_lot::ActiveModel {
            id: Set(id),
            customer_id: Set(customer_id),
            order_id: Set(posting.order_id),
            points: Set(posting.points),
            remaining: Set(posting.points),
            expires_at: Set(expires_at),
            at: Set(at),
        }
        .insert(conn)
        .await?;
    } else {
        let available = lots(conn, customer_id, posting.order_id).await?;
        let remaining: Vec<i64> = available.iter().map(|lot| lot.remaining).collect();
        for (index, take) in take_oldest_first(&remaining, -posting.points) {
            let lot = available[index].clone();
            let left = lot.remaining - take;
            let mut active = lot.into_active_model();
            active.remaining = Set(left);
            active.update(conn).await?;
        }
    }
    let entry = points_entry::ActiveModel {
        id: Set(id),
        customer_id: Set(customer_id),
        kind: Set(posting.kind.as_str().to_owned()),
        points: Set(posting.points),
        balance_after: Set(balance),
        order_id: Set(posting.order_id),
        ticket_id: Set(posting.ticket_id),
        reason: Set(posting.reason.to_owned()),
        expires_at: Set(expires_at),
        actor_id: Set(posting.actor_id),
        at: Set(at),
    }
    .insert(conn)
    .await?;
    let lifetime = current.lifetime_points + posting.points.max(0);
    let mut active = current.into_active_model();
    active.balance = Set(balance);
    active.lifetime_points = Set(lifetime);
    active.updated_at = Set(at);
    active.update(conn).await?;
    audit::emit(conn, "points.changed", "customer", customer_id, json!(convert::points_entry(&entry))).await?;
    Ok(entry)
}

/// Points for a paid order, then the customer's tier again.
pub async fn earn_for_order(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    order_id: Uuid,
    number: &str,
    amount: i64,
    currency: &str,
) -> ApiResult<()> {
    let (program, _) = settings::load::<LoyaltySettings>(conn).await?;
    let points = points_for(amount, currency, &program);
    let reason = format!("order {number}");
    post_for_order(conn, customer_id, (PointsKind::Earn, points), (order_id, &reason), &program).await
}

/// Record an order's points (unless none) and refresh the customer's tier.
async fn post_for_order(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    (kind, points): (PointsKind, i64),
    (order_id, reason): (Uuid, &str),
    program: &LoyaltySettings,
) -> ApiResult<()> {
    let at = kehu_store::now();
    if points != 0 {
        let posting = Posting { kind, points, order_id: Some(order_id), ticket_id: None, reason, actor_id: None };
        post(conn, customer_id, posting, program, at).await?;
    }
    refresh_tier(conn, customer_id, program, at).await
}

/// Take back the points a refund's share of an order earned: the difference
/// of the cumulative shares before and after it, so that partial refunds add
/// up exactly to what the order earned. Points the customer already spent
/// cannot be taken back below a zero balance; the rest is.
pub async fn reverse_for_refund(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    order: (Uuid, &str, i64),
    refunded: (i64, i64),
) -> ApiResult<()> {
    let (order_id, number, total) = order;
    let (program, _) = settings::load::<LoyaltySettings>(conn).await?;
    let at = kehu_store::now();
    let earned: i64 = points_entry::Entity::find()
        .filter(points_entry::Column::OrderId.eq(order_id))
        .filter(points_entry::Column::Kind.eq(PointsKind::Earn.as_str()))
        .all(conn)
        .await?
        .iter()
        .map(|entry| entry.points)
        .sum();
    let back = share(earned, refunded.1, total) - share(earned, refunded.0, total);
    let balance = account(conn, customer_id, at).await?.balance;
    let points = back.clamp(0, balance);
    let reason = format!("refund of order {number}");
    post_for_order(conn, customer_id, (PointsKind::Reverse, -points), (order_id, &reason), &program).await
}

/// Put the customer in the tier their measure reaches now; a change is
/// recorded with its measure, audited and announced.
pub async fn refresh_tier(
    conn: &impl ConnectionTrait,
    customer_id: Uuid,
    program: &LoyaltySettings,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    let current = account(conn, customer_id, at).await?;
    let measure = match program.tier_basis {
        TierBasis::Spend12m => spend_12m(conn, customer_id, at).await?,
        TierBasis::LifetimePoints => current.lifetime_points,
    };
    let tier = tier_for(measure, &program.tiers).map(|tier| tier.name.clone());
    if tier == current.tier {
        return Ok(());
    }
    let from = current.tier.clone();
    tier_change::ActiveModel {
        id: Set(new_id()),
        customer_id: Set(customer_id),
        from_tier: Set(from.clone()),
        to_tier: Set(tier.clone()),
        measure: Set(measure),
        at: Set(at),
    }
    .insert(conn)
    .await?;
    let mut active = current.into_active_model();
    active.tier = Set(tier.clone());
    active.tier_since = Set(Some(at));
    active.updated_at = Set(at);
    active.update(conn).await?;
    let change = json!({ "from": from, "to": tier, "measure": measure, "basis": program.tier_basis });
    audit::record(
        conn,
        None,
        &RequestMeta::system(),
        "customer.tier_change",
        "customer",
        Some(customer_id),
        change.clone(),
    )
    .await?;
    audit::emit(conn, "customer.tier_changed", "customer", customer_id, change).await?;
    Ok(())
}

/// Points that lapse within 30 days of `at`.
pub async fn expiring_soon(conn: &impl ConnectionTrait, customer_id: Uuid, at: DateTime<Utc>) -> ApiResult<i64> {
    let soon = at + Duration::days(30);
    Ok(lots(conn, customer_id, None)
        .await?
        .iter()
        .filter(|lot| lot.expires_at.is_some_and(|expires| expires <= soon))
        .map(|lot| lot.remaining)
        .sum())
}
