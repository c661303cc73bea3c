//! Demo products and orders for `kehu --demo`, written through the order
//! service so each customer's value is exactly what real orders produce.
//! Customers get purchases that fit their stage (new: one; active: a few;
//! loyal: many; at-risk and churned: a few, before they left), so the
//! lifecycle rules leave the demo stages as they are.

use chrono::{Duration, Utc};
use kehu_store::Db;
use kehu_store::entities::{customer, order, product};
use kehu_types::{Channel, CreateOrder, LifecycleStage, OrderItemInput, ProductBatch, ProductInput};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};

use crate::commerce::{orders, products};
use crate::demo_tickets::admin_actor;
use crate::value::customer_value as value;

/// (SKU, name, category, list price in fen, unit cost in fen)
const PRODUCTS: &[(&str, &str, &str, i64, Option<i64>)] = &[
    ("TEA-LJ-250", "西湖龙井 250g", "茶叶", 26_800, Some(11_000)),
    ("TEA-PE-357", "云南普洱饼 357g", "茶叶", 19_800, Some(7_600)),
    ("CUP-CER-2", "青瓷茶杯两只装", "茶具", 8_900, Some(3_100)),
    ("POT-ZSH", "紫砂壶", "茶具", 56_000, Some(21_000)),
    ("SET-GIFT", "中秋茶礼盒", "礼盒", 39_900, None),
    ("KETTLE-E", "电热水壶", "电器", 29_900, Some(17_500)),
    ("TRAY-BMB", "竹制茶盘", "茶具", 15_800, Some(6_200)),
    ("HONEY-500", "槐花蜜 500g", "食品", 6_800, None),
];

/// How old a demo new customer's one purchase may be, in days.
const NEW_BUYER_MAX_DAYS: i64 = 60;

fn orders_for(stage: LifecycleStage, rng: &mut StdRng) -> usize {
    match stage {
        LifecycleStage::New => 1,
        LifecycleStage::Active => rng.random_range(2..=4),
        LifecycleStage::Loyal => rng.random_range(5..=9),
        // Customers who stopped buying did buy before; their orders are dated
        // before they left (so they do not read as winning them back).
        LifecycleStage::AtRisk | LifecycleStage::Churned => rng.random_range(2..=5),
        LifecycleStage::Prospect => 0,
    }
}

/// Write the demo catalogue and orders unless orders exist.
pub async fn load(db: &Db) -> Result<u64, String> {
    if order::Entity::find().count(db.conn()).await.map_err(|e| e.to_string())? > 0 {
        return Ok(0);
    }
    let actor = admin_actor(db).await?;
    let catalogue = ProductBatch {
        items: PRODUCTS
            .iter()
            .map(|&(sku, name, category, price, cost)| ProductInput {
                category: Some(category.to_owned()),
                unit_cost: cost,
                ..ProductInput::new(sku, name, price, "CNY")
            })
            .collect(),
    };
    let txn = db.begin_write().await.map_err(|e| e.to_string())?;
    products::bulk(&*txn, &actor, &catalogue).await.map_err(|e| e.detail)?;
    txn.commit().await.map_err(|e| e.to_string())?;
    let skus: Vec<String> =
        product::Entity::find().all(db.conn()).await.map_err(|e| e.to_string())?.into_iter().map(|p| p.sku).collect();
    let customers =
        customer::Entity::find().order_by_asc(customer::Column::Id).all(db.conn()).await.map_err(|e| e.to_string())?;
    let mut rng = StdRng::seed_from_u64(0x6f72_6465);
    let mut written = 0;
    for customer in customers {
        let stage = LifecycleStage::parse(&customer.stage).unwrap_or(LifecycleStage::Prospect);
        let count = orders_for(stage, &mut rng);
        // Purchases fall between the customer's creation and now (for those
        // who stopped buying, the moment they entered their stage), oldest
        // first. A new customer's one purchase is 1 to 60 days old: inside
        // the default 90-day silence for one-time buyers, so the demo stages
        // hold, yet old enough that a shorter threshold moves them.
        let now = Utc::now();
        let (from, until) = match stage {
            LifecycleStage::AtRisk | LifecycleStage::Churned => {
                let began = orders::stage_began(db.conn(), customer.id).await.map_err(|e| e.detail)?;
                (customer.created_at, began.unwrap_or(now))
            }
            LifecycleStage::New => {
                let from = customer.created_at.max(now - Duration::days(NEW_BUYER_MAX_DAYS));
                (from, (now - Duration::days(1)).max(from))
            }
            _ => (customer.created_at, now),
        };
        let span = (until - from).num_minutes().max(count as i64 + 1);
        let mut offsets: Vec<i64> = (0..count).map(|_| rng.random_range(0..span)).collect();
        offsets.sort_unstable();
        for (n, offset) in offsets.into_iter().enumerate() {
            let mut items = Vec::new();
            for _ in 0..rng.random_range(1..=3) {
                let Some(sku) = skus.choose(&mut rng).cloned() else { break };
                items.push(OrderItemInput::sku(sku, rng.random_range(1..=3)));
            }
            let input = CreateOrder {
                customer_id: Some(customer.id),
                customer: None,
                number: format!("DEMO-{}-{n}", &customer.id.simple().to_string()[20..]),
                source: Some("demo-shop".into()),
                items,
                currency: "CNY".into(),
                status: None,
                channel: [Channel::WebForm, Channel::Wechat, Channel::Phone].choose(&mut rng).copied(),
                ordered_at: Some(from + Duration::minutes(offset)),
            };
            let txn = db.begin_write().await.map_err(|e| e.to_string())?;
            orders::create(&*txn, &actor, &input).await.map_err(|e| e.detail)?;
            txn.commit().await.map_err(|e| e.to_string())?;
            written += 1;
        }
    }
    // Score at once, so the demo shows RFM segments before the first nightly run.
    let txn = db.begin_write().await.map_err(|e| e.to_string())?;
    value::score_rfm(&*txn, Utc::now()).await.map_err(|e| e.detail)?;
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(written)
}
