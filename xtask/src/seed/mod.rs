//! `cargo xtask seed`: a realistic database of any size, on SQLite or
//! PostgreSQL, written in batches of multi-row inserts (one transaction per
//! batch), never one request per row.
//!
//! About 5 orders per customer with a power-law spread, dated on a seasonal
//! calendar over three years; Chinese and English names; phones and emails
//! typed carelessly and cleaned as the API cleans them, a few duplicated.
//! Stages, value, points and tiers are replayed with the real rules
//! (`history`), then RFM is scored as the nightly job scores it. About 0.3
//! tickets per customer go through the service desk with their SLA clocks
//! (`tickets`), handled by seeded teams of agents (`desk`).

mod desk;
mod history;
mod people;
mod tickets;

use std::time::Instant;

use chrono::{Duration, SubsecRound, Utc};
use kehu_store::Db;
use kehu_store::entities::{customer, customer_tag, product};
use kehu_types::{LifecycleStage, LoyaltySettings};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Iterable, PaginatorTrait, Set};
use uuid::Uuid;

pub use history::Product;
use history::{Rules, replay};

/// Customers per transaction: big inserts, yet short enough that a running
/// server's writers never wait long.
const BATCH: u64 = 1_000;
/// Bound parameters per statement, under SQLite's limit of 32 766.
const PARAMETERS_MAX: usize = 30_000;
const CATEGORIES: [(&str, &str); 6] =
    [("茶叶", "TEA"), ("茶具", "WARE"), ("礼盒", "GIFT"), ("食品", "FOOD"), ("电器", "ELEC"), ("Books", "BOOK")];

pub struct Options {
    pub database: String,
    pub customers: u64,
    pub seed: u64,
}

/// What was written and how fast.
pub struct Report {
    pub customers: u64,
    pub orders: u64,
    pub tickets: i64,
    pub rows: u64,
    pub seconds: f64,
}

/// Insert rows in as few statements as the parameter limit allows.
async fn insert_all<A>(conn: &impl sea_orm::ConnectionTrait, rows: Vec<A>) -> Result<u64, String>
where
    A: ActiveModelTrait + Send,
{
    let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
    let count = rows.len() as u64;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(PARAMETERS_MAX / columns).collect();
        A::Entity::insert_many(chunk).exec_without_returning(conn).await.map_err(|e| e.to_string())?;
    }
    Ok(count)
}

/// A catalogue of 200 products, list prices from ¥9.90 to about ¥5 000
/// (log-uniform), most with a known cost.
fn catalogue(rng: &mut StdRng) -> Vec<Product> {
    (0..200)
        .map(|n| {
            let (category, code) = CATEGORIES[n % CATEGORIES.len()];
            let price = ((990.0_f64).ln() + rng.random::<f64>() * 6.3).exp() as i64;
            Product {
                id: Uuid::now_v7(),
                sku: format!("{code}-{n:04}"),
                name: format!("{category} {n:03}"),
                category: category.to_owned(),
                price,
                cost: rng.random_bool(0.8).then(|| price * rng.random_range(30..70) / 100),
            }
        })
        .collect()
}

pub async fn run(options: &Options) -> Result<Report, String> {
    let started = Instant::now();
    let db = Db::connect(&options.database, 4).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    if customer::Entity::find().count(db.conn()).await.map_err(|e| e.to_string())? > 0 {
        return Err("the database already has customers: seed an empty one".into());
    }
    let now = Utc::now().trunc_subsecs(0);
    let rules = Rules { lifecycle: Default::default(), loyalty: LoyaltySettings::default(), now };
    let mut rng = StdRng::seed_from_u64(options.seed);
    let products = catalogue(&mut rng);
    let txn = db.begin_write().await.map_err(|e| e.to_string())?;
    let product_rows = products.iter().map(|p| product::ActiveModel {
        id: Set(p.id),
        sku: Set(p.sku.clone()),
        name: Set(p.name.clone()),
        category: Set(Some(p.category.clone())),
        list_price: Set(p.price),
        unit_cost: Set(p.cost),
        currency: Set("CNY".into()),
        active: Set(true),
        search_text: Set(kehu_server::commerce::products::search_text(&p.sku, &p.name)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    });
    let mut rows = insert_all(&*txn, product_rows.collect()).await?;
    txn.commit().await.map_err(|e| e.to_string())?;

    let desk = desk::Desk::open(&db, now).await?;
    let (mut orders, mut recent, mut tickets) = (0, people::Recent::default(), 0);
    let opened_from = now - Duration::days(3 * 365);
    for start in (0..options.customers).step_by(BATCH as usize) {
        let mut batch = Batch::default();
        for index in start..(start + BATCH).min(options.customers) {
            let created_at = history::seasonal_moment(&mut rng, opened_from, now - Duration::days(1));
            let (mut row, tags) = people::customer(&mut rng, index, created_at, &mut recent)?;
            let id = Uuid::now_v7();
            let lived = replay(&mut rng, id, created_at, &products, &rules);
            let customer = (id, created_at, lived.tier_name.as_deref());
            tickets::serve(&mut rng, &desk, customer, &mut tickets, now, &mut batch.service);
            row.id = Set(id);
            row.stage = Set(lived.stage.unwrap_or(LifecycleStage::Prospect).as_str().to_owned());
            row.version = Set(lived.version);
            if let Some(at) = lived.updated_at {
                row.updated_at = Set(at);
            }
            batch
                .tags
                .extend(tags.into_iter().map(|tag| customer_tag::ActiveModel { customer_id: Set(id), tag: Set(tag) }));
            if let Set(text) = &row.search_text {
                batch.digit_keys.extend(kehu_store::digit_keys::rows(id, text));
            }
            batch.customers.push(row);
            batch.add(lived);
        }
        orders += batch.orders.len() as u64;
        rows += batch.write(&db).await?;
        if (start / BATCH) % 50 == 49 {
            let done = start + BATCH;
            eprintln!("  {done} customers, {:.0} customers/s", done as f64 / started.elapsed().as_secs_f64());
        }
    }
    let txn = db.begin_write().await.map_err(|e| e.to_string())?;
    // The numbers given, as the ticket service would have counted them.
    let numbered = Query::update()
        .table("counters")
        .value("value", tickets)
        .and_where(sea_orm::sea_query::ExprTrait::eq(Expr::col("name"), "ticket"))
        .to_owned();
    txn.execute(&numbered).await.map_err(|e| e.to_string())?;
    kehu_server::value::customer_value::score_rfm(&*txn, now).await.map_err(|e| e.detail)?;
    txn.commit().await.map_err(|e| e.to_string())?;
    // As a database in use would have them (autovacuum, or the server's analysis on opening).
    db.refresh_statistics(true).await.map_err(|e| e.to_string())?;
    db.close().await.map_err(|e| e.to_string())?;
    Ok(Report { customers: options.customers, orders, tickets, rows, seconds: started.elapsed().as_secs_f64() })
}

/// The rows of one batch of customers, table by table.
#[derive(Default)]
struct Batch {
    customers: Vec<customer::ActiveModel>,
    tags: Vec<customer_tag::ActiveModel>,
    digit_keys: Vec<kehu_store::entities::customer_digit_key::ActiveModel>,
    stages: Vec<kehu_store::entities::stage_history::ActiveModel>,
    orders: Vec<kehu_store::entities::order::ActiveModel>,
    items: Vec<kehu_store::entities::order_item::ActiveModel>,
    values: Vec<kehu_store::entities::customer_value::ActiveModel>,
    accounts: Vec<kehu_store::entities::loyalty_account::ActiveModel>,
    ledger: Vec<kehu_store::entities::points_entry::ActiveModel>,
    lots: Vec<kehu_store::entities::points_lot::ActiveModel>,
    tiers: Vec<kehu_store::entities::tier_change::ActiveModel>,
    service: tickets::Service,
}

impl Batch {
    fn add(&mut self, lived: history::History) {
        self.stages.extend(lived.stages);
        self.orders.extend(lived.orders);
        self.items.extend(lived.items);
        self.values.extend(lived.value);
        self.accounts.extend(lived.account);
        self.ledger.extend(lived.ledger);
        self.lots.extend(lived.lots);
        self.tiers.extend(lived.tier);
    }

    /// Everything in one transaction, parents before children.
    async fn write(self, db: &Db) -> Result<u64, String> {
        let txn = db.begin_write().await.map_err(|e| e.to_string())?;
        let conn = &*txn;
        let mut rows = insert_all(conn, self.customers).await?;
        rows += insert_all(conn, self.tags).await?;
        rows += insert_all(conn, self.digit_keys).await?;
        rows += insert_all(conn, self.stages).await?;
        rows += insert_all(conn, self.orders).await?;
        rows += insert_all(conn, self.items).await?;
        rows += insert_all(conn, self.values).await?;
        rows += insert_all(conn, self.accounts).await?;
        rows += insert_all(conn, self.ledger).await?;
        rows += insert_all(conn, self.lots).await?;
        rows += insert_all(conn, self.tiers).await?;
        let service = self.service;
        rows += insert_all(conn, service.tickets).await?;
        rows += insert_all(conn, service.events).await?;
        rows += insert_all(conn, service.metrics).await?;
        rows += insert_all(conn, service.ledger).await?;
        rows += insert_all(conn, service.jobs).await?;
        rows += insert_all(conn, service.interactions).await?;
        txn.commit().await.map_err(|e| e.to_string())?;
        Ok(rows)
    }
}
