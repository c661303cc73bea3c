//! A customer's life since their file was opened: orders on a seasonal
//! calendar, and what the real rules make of them, replayed in time order —
//! lifecycle moves on each purchase and after each silence, points earned per
//! order and expired after the program's months, the running value and the
//! tier. The rows are exactly those the API and its nightly jobs would have
//! written, so a check of the invariants passes and the benchmarks meet real
//! shapes.

use chrono::{DateTime, Datelike, Duration, Months, Utc};
use kehu_domain::lifecycle::{Purchase, after_inactivity, after_purchase};
use kehu_domain::loyalty::{points_for, tier_for};
use kehu_store::entities::{customer_value, loyalty_account, order, order_item, points_entry, points_lot};
use kehu_store::entities::{stage_history, tier_change};
use kehu_types::{
    Channel, LifecycleRule, LifecycleSettings, LifecycleStage, LoyaltySettings, OrderStatus, PointsKind, TierBasis,
};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use sea_orm::Set;
use uuid::Uuid;

/// A product of the seeded catalogue.
#[derive(Clone)]
pub struct Product {
    pub id: Uuid,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub price: i64,
    pub cost: Option<i64>,
}

/// The rules the history is replayed with.
pub struct Rules {
    pub lifecycle: LifecycleSettings,
    pub loyalty: LoyaltySettings,
    pub now: DateTime<Utc>,
}

/// Every row of one customer's history.
#[derive(Default)]
pub struct History {
    pub stage: Option<LifecycleStage>,
    /// The customer's version: one plus each event that changed the file.
    pub version: i64,
    pub updated_at: Option<DateTime<Utc>>,
    pub stages: Vec<stage_history::ActiveModel>,
    pub orders: Vec<order::ActiveModel>,
    pub items: Vec<order_item::ActiveModel>,
    pub value: Option<customer_value::ActiveModel>,
    pub account: Option<loyalty_account::ActiveModel>,
    pub ledger: Vec<points_entry::ActiveModel>,
    pub lots: Vec<points_lot::ActiveModel>,
    pub tier: Option<tier_change::ActiveModel>,
    /// The loyalty tier reached, which SLA policies may match on.
    pub tier_name: Option<String>,
}

/// How busy a month is for a Chinese retailer: Double 11 and the year's end,
/// 618 in June, a quiet Spring Festival.
fn season(month: u32) -> f64 {
    match month {
        11 => 2.0,
        12 | 1 | 6 => 1.35,
        2 => 0.7,
        _ => 1.0,
    }
}

/// A moment between `from` and `until`, busier months more likely.
pub fn seasonal_moment(rng: &mut StdRng, from: DateTime<Utc>, until: DateTime<Utc>) -> DateTime<Utc> {
    let span = (until - from).num_seconds().max(1);
    loop {
        let at = from + Duration::seconds(rng.random_range(0..span));
        if rng.random_bool(season(at.month()) / 2.0) {
            return at;
        }
    }
}

/// Paid orders follow a power law: many buy once or twice, a few buy very
/// often (Pareto, shape 1.8, from 2.5; about 5 per customer over all).
fn order_count(rng: &mut StdRng) -> usize {
    if rng.random_bool(0.15) {
        return 0;
    }
    let u: f64 = rng.random_range(f64::EPSILON..1.0);
    ((2.5 / u.powf(1.0 / 1.8)) as usize).clamp(1, 300) - 1 + usize::from(rng.random_bool(0.5))
}

struct Replay<'a> {
    id: Uuid,
    rules: &'a Rules,
    history: History,
    stage: LifecycleStage,
    stage_began: DateTime<Utc>,
    /// (ordered_at, net total) of paid orders so far.
    paid: Vec<(DateTime<Utc>, i64)>,
    balance: i64,
    lifetime_points: i64,
    /// Lots not yet expired: (index in `history.lots`, expires_at, points).
    open_lots: Vec<(usize, DateTime<Utc>, i64)>,
    /// Revenue and cost of goods of paid lines whose cost is known.
    costed: (i64, i64),
}

impl Replay<'_> {
    fn record(&mut self, moves: &[(LifecycleStage, LifecycleRule)], why: &str, at: DateTime<Utc>) {
        for (to, rule) in moves {
            self.history.stages.push(stage_history::ActiveModel {
                id: Set(Uuid::now_v7()),
                customer_id: Set(self.id),
                from_stage: Set(Some(self.stage.as_str().to_owned())),
                to_stage: Set(to.as_str().to_owned()),
                reason_kind: Set("rule".into()),
                note: Set(why.to_owned()),
                actor_id: Set(None),
                at: Set(at),
                rule: Set(Some(rule.as_str().to_owned())),
            });
            self.stage = *to;
            self.stage_began = at;
        }
        if !moves.is_empty() {
            self.history.version += 1;
            self.history.updated_at = Some(at);
        }
    }

    /// Points that lapsed by `until`, oldest first, as the nightly job expires them.
    fn expire_until(&mut self, until: DateTime<Utc>) {
        // Nothing is redeemed in seeded histories, so a lot expires whole.
        self.open_lots.sort_by_key(|(_, expires, _)| *expires);
        while let Some(&(index, expires, points)) = self.open_lots.first() {
            if expires > until {
                break;
            }
            self.open_lots.remove(0);
            self.history.lots[index].remaining = Set(0);
            self.post(PointsKind::Expire, -points, None, "expired", expires);
        }
    }

    fn post(&mut self, kind: PointsKind, points: i64, order: Option<Uuid>, reason: &str, at: DateTime<Utc>) {
        let expires_at = (points > 0 && self.rules.loyalty.expiry_months > 0)
            .then(|| at.checked_add_months(Months::new(self.rules.loyalty.expiry_months as u32)))
            .flatten();
        let id = Uuid::now_v7();
        if points > 0 {
            self.history.lots.push(points_lot::ActiveModel {
                id: Set(id),
                customer_id: Set(self.id),
                order_id: Set(order),
                points: Set(points),
                remaining: Set(points),
                expires_at: Set(expires_at),
                at: Set(at),
            });
            if let Some(expires) = expires_at {
                self.open_lots.push((self.history.lots.len() - 1, expires, points));
            }
            self.lifetime_points += points;
        }
        self.balance += points;
        self.history.ledger.push(points_entry::ActiveModel {
            id: Set(id),
            customer_id: Set(self.id),
            kind: Set(kind.as_str().to_owned()),
            points: Set(points),
            balance_after: Set(self.balance),
            order_id: Set(order),
            ticket_id: Set(None),
            reason: Set(reason.to_owned()),
            expires_at: Set(expires_at),
            actor_id: Set(None),
            at: Set(at),
        });
    }

    fn spend_12m(&self, at: DateTime<Utc>) -> i64 {
        self.paid.iter().filter(|(when, _)| *when > at - Duration::days(365) && *when <= at).map(|(_, n)| n).sum()
    }

    /// The nightly sweep's moves for the silence since the last purchase, up to `until`.
    fn sweep_until(&mut self, until: DateTime<Utc>) {
        let Some(&(last, _)) = self.paid.last() else { return };
        let settings = &self.rules.lifecycle;
        let mut thresholds =
            [settings.new_at_risk_after_days, settings.at_risk_after_days, settings.churned_after_days];
        thresholds.sort_unstable();
        for days in thresholds {
            let at = last + Duration::days(days);
            if at > until {
                break;
            }
            let moves = after_inactivity(self.stage, days, settings);
            self.record(&moves, &format!("no purchase for {days} days"), at);
        }
    }

    fn purchase(&mut self, order: (Uuid, &str), ordered_at: DateTime<Utc>, total: i64, costed: (i64, i64)) {
        let (order_id, number) = order;
        self.sweep_until(ordered_at);
        self.expire_until(ordered_at);
        let paid_before = self.paid.len() as i64;
        self.paid.push((ordered_at, total));
        self.costed = (self.costed.0 + costed.0, self.costed.1 + costed.1);
        let points = points_for(total, "CNY", &self.rules.loyalty);
        if points > 0 {
            self.post(PointsKind::Earn, points, Some(order_id), &format!("order {number}"), ordered_at);
        }
        let purchase = Purchase {
            paid_before,
            after_stage_began: ordered_at > self.stage_began,
            spend_12m: self.spend_12m(ordered_at),
        };
        let moves = after_purchase(self.stage, &purchase, &self.rules.lifecycle);
        self.record(&moves, &format!("paid order {number} ({paid_before} paid before)"), ordered_at);
    }
}

/// One customer's orders and everything they set in motion, up to `rules.now`.
pub fn replay(rng: &mut StdRng, id: Uuid, created_at: DateTime<Utc>, catalogue: &[Product], rules: &Rules) -> History {
    let now = rules.now;
    let mut replay = Replay {
        id,
        rules,
        history: History { version: 1, ..History::default() },
        stage: LifecycleStage::Prospect,
        stage_began: created_at,
        paid: Vec::new(),
        balance: 0,
        lifetime_points: 0,
        open_lots: Vec::new(),
        costed: (0, 0),
    };
    replay.history.stages.push(stage_history::ActiveModel {
        id: Set(Uuid::now_v7()),
        customer_id: Set(id),
        from_stage: Set(None),
        to_stage: Set(LifecycleStage::Prospect.as_str().to_owned()),
        reason_kind: Set("manual".into()),
        note: Set("created".into()),
        actor_id: Set(None),
        at: Set(created_at),
        rule: Set(None),
    });
    // Half the buyers stop buying at some point: they become at-risk, then churned.
    let until = if rng.random_bool(0.5) { created_at + (now - created_at) / rng.random_range(1..=4) } else { now };
    let mut moments: Vec<DateTime<Utc>> =
        (0..order_count(rng)).map(|_| seasonal_moment(rng, created_at, until)).collect();
    moments.sort_unstable();
    for (n, ordered_at) in moments.into_iter().enumerate() {
        let order_id = Uuid::now_v7();
        let number = format!("S{}-{n}", &id.simple().to_string()[16..]);
        let (mut total, mut costed) = (0, (0, 0));
        for position in 0..rng.random_range(1..=3) {
            let Some(product) = catalogue.choose(rng) else { break };
            let quantity = if rng.random_bool(0.8) { 1 } else { rng.random_range(2..=5) };
            let line = product.price * i64::from(quantity);
            total += line;
            if let Some(cost) = product.cost {
                costed = (costed.0 + line, costed.1 + cost * i64::from(quantity));
            }
            replay.history.items.push(order_item::ActiveModel {
                id: Set(Uuid::now_v7()),
                order_id: Set(order_id),
                position: Set(position),
                product_id: Set(product.id),
                sku: Set(product.sku.clone()),
                name: Set(product.name.clone()),
                category: Set(Some(product.category.clone())),
                quantity: Set(quantity),
                unit_price: Set(product.price),
                unit_cost: Set(product.cost),
            });
        }
        let status = if rng.random_bool(0.03) { OrderStatus::Cancelled } else { OrderStatus::Paid };
        replay.history.orders.push(order::ActiveModel {
            id: Set(order_id),
            customer_id: Set(id),
            number: Set(number.clone()),
            source: Set("shop".into()),
            currency: Set("CNY".into()),
            total: Set(total),
            refunded: Set(0),
            status: Set(status.as_str().to_owned()),
            channel: Set([Channel::WebForm, Channel::Wechat, Channel::Phone]
                .choose(rng)
                .map(|c| c.as_str().to_owned())),
            ordered_at: Set(ordered_at),
            created_by: Set(None),
            version: Set(1),
            created_at: Set(ordered_at),
            updated_at: Set(ordered_at),
        });
        if status == OrderStatus::Paid {
            replay.purchase((order_id, &number), ordered_at, total, costed);
        }
    }
    replay.sweep_until(now);
    replay.expire_until(now);
    finish(replay)
}

/// The running value, the loyalty account and the tier as of now.
fn finish(mut replay: Replay<'_>) -> History {
    let now = replay.rules.now;
    let id = replay.id;
    if !replay.paid.is_empty() {
        let (costed, cost) = replay.costed;
        replay.history.value = Some(customer_value::ActiveModel {
            customer_id: Set(id),
            currency: Set(Some("CNY".into())),
            order_count: Set(replay.paid.len() as i64),
            total_spent: Set(replay.paid.iter().map(|(_, n)| n).sum()),
            costed_revenue: Set(costed),
            cost_of_goods: Set(cost),
            first_purchase_at: Set(replay.paid.first().map(|(at, _)| *at)),
            last_purchase_at: Set(replay.paid.last().map(|(at, _)| *at)),
            updated_at: Set(now),
            r_score: Set(None),
            f_score: Set(None),
            m_score: Set(None),
            rfm_segment: Set(None),
            rfm_scored_at: Set(None),
        });
        let program = &replay.rules.loyalty;
        let measure = match program.tier_basis {
            TierBasis::Spend12m => replay.spend_12m(now),
            TierBasis::LifetimePoints => replay.lifetime_points,
        };
        let tier = tier_for(measure, &program.tiers).map(|tier| tier.name.clone());
        if tier.is_some() {
            replay.history.tier = Some(tier_change::ActiveModel {
                id: Set(Uuid::now_v7()),
                customer_id: Set(id),
                from_tier: Set(None),
                to_tier: Set(tier.clone()),
                measure: Set(measure),
                at: Set(now),
            });
        }
        replay.history.tier_name = tier.clone();
        replay.history.account = Some(loyalty_account::ActiveModel {
            customer_id: Set(id),
            balance: Set(replay.balance),
            lifetime_points: Set(replay.lifetime_points),
            tier_since: Set(tier.is_some().then_some(now)),
            tier: Set(tier),
            updated_at: Set(now),
        });
    }
    replay.history.stage = Some(replay.stage);
    replay.history
}
