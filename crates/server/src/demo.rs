//! `kehu --demo`: realistic customers (200 unless `--demo-size` says otherwise)
//! on an empty database, so a new user sees a living CRM. Stages are reached by walking the real stage graph,
//! and each step is in the stage history, so the data obeys every API rule.

use chrono::{Duration, Utc};
use kehu_domain::lifecycle::allowed_next;
use kehu_domain::validate::{self, CustomerDraft};
use kehu_store::customers::set_tags;
use kehu_store::entities::{customer, interaction, stage_history};
use kehu_store::{Db, digit_keys, new_id};
use kehu_types::{AcquisitionSource, Channel, CustomerKind, Direction, LifecycleStage, MarketingConsent};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

use crate::customers::service as customers;
use crate::customers::service::Placement;

pub const SURNAMES: &[&str] = &[
    "李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗",
];
pub const GIVEN: &[&str] = &[
    "明华", "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "晓明", "婷",
    "雪梅", "建国",
];
pub const ENGLISH_FIRST: &[&str] =
    &["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan", "Grace", "Henry"];
pub const ENGLISH_LAST: &[&str] =
    &["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Walker", "Wright"];
pub const COMPANIES: &[&str] = &[
    "华为技术有限公司",
    "上海云帆贸易",
    "深圳星辰电子",
    "杭州青禾茶业",
    "北京远景科技",
    "Northwind Traders",
    "Contoso Ltd",
    "Fabrikam Inc",
    "成都蜀韵餐饮",
    "广州海珠物流",
];
pub const REGIONS: &[&str] = &["华东", "华南", "华北", "西南", "华中", "East China", "Overseas"];
pub const INDUSTRIES: &[&str] = &["零售", "制造", "餐饮", "物流", "软件", "教育", "Retail", "Manufacturing"];
pub const TAGS: &[&str] = &["VIP", "重点客户", "newsletter", "wholesale", "价格敏感", "复购", "B2B"];
/// Subjects of recorded contacts.
pub const SUBJECTS: &[&str] = &[
    "咨询新品价格",
    "售后回访",
    "投诉物流延迟",
    "续约沟通",
    "Follow-up on quote",
    "Order status question",
    "生日祝福",
    "满意度回访",
    "Product demo",
    "发票问题",
];

fn pick<'a>(rng: &mut StdRng, items: &'a [&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

/// Customers per transaction: large enough to be fast, small enough that a
/// large load does not hold the SQLite writer for long.
const BATCH: u64 = 2_000;

/// Load `total` demo customers unless the database already has customers.
/// Returns how many customers were added.
pub async fn load(db: &Db, total: u64) -> Result<u64, String> {
    if customer::Entity::find().count(db.conn()).await.map_err(|e| e.to_string())? > 0 {
        return Ok(0);
    }
    let mut rng = StdRng::seed_from_u64(0x6b65_6875);
    let now = kehu_store::now();
    let mut txn = db.begin_write().await.map_err(|e| e.to_string())?;
    for index in 0..total {
        if index > 0 && index % BATCH == 0 {
            txn.commit().await.map_err(|e| e.to_string())?;
            txn = db.begin_write().await.map_err(|e| e.to_string())?;
        }
        let chinese = rng.random_bool(0.7);
        let (name, email_local) = if chinese {
            let name = format!("{}{}", pick(&mut rng, SURNAMES), pick(&mut rng, GIVEN));
            (name, format!("user{index}"))
        } else {
            let (first, last) = (pick(&mut rng, ENGLISH_FIRST), pick(&mut rng, ENGLISH_LAST));
            (format!("{first} {last}"), format!("{}.{}", first.to_lowercase(), last.to_lowercase()))
        };
        let company = rng.random_bool(0.15);
        let kind = if company { CustomerKind::Company } else { CustomerKind::Person };
        let display = if company { pick(&mut rng, COMPANIES).to_owned() } else { name };
        let mobile = format!("1{}{:09}", rng.random_range(3..=9), rng.random_range(0..1_000_000_000u64));
        let tag_count = rng.random_range(0..3);
        let draft = CustomerDraft {
            kind,
            name: display,
            company_name: (!company && rng.random_bool(0.4)).then(|| pick(&mut rng, COMPANIES).to_owned()),
            emails: vec![format!("{email_local}@example.com")],
            phones: vec![mobile],
            address: None,
            region: Some(pick(&mut rng, REGIONS).to_owned()),
            industry: Some(pick(&mut rng, INDUSTRIES).to_owned()),
            birthday: (!company)
                .then(|| {
                    chrono::NaiveDate::from_ymd_opt(
                        rng.random_range(1960..2002),
                        rng.random_range(1..=12),
                        rng.random_range(1..=28),
                    )
                })
                .flatten(),
            source: AcquisitionSource::ALL.choose(&mut rng).copied(),
            tags: TAGS.choose_multiple(&mut rng, tag_count).map(|t| (*t).to_owned()).collect(),
            custom: serde_json::Map::new(),
            external_source: None,
            external_id: None,
        };
        let clean =
            validate::customer(&draft, Utc::now().date_naive()).map_err(|e| format!("demo customer invalid: {e:?}"))?;
        let created_at = now - Duration::minutes(rng.random_range(60..365 * 24 * 60));
        let id = new_id();

        // Walk the stage graph from prospect, a random number of steps.
        let mut stage = LifecycleStage::Prospect;
        let mut at = created_at;
        let mut steps = vec![(None, stage, created_at)];
        for _ in 0..rng.random_range(0..5) {
            let Some(next) = allowed_next(stage).choose(&mut rng).copied() else { break };
            at = (at + Duration::minutes(rng.random_range(60..40 * 24 * 60))).min(now);
            steps.push((Some(stage), next, at));
            stage = next;
        }
        let placement = Placement { stage, owner_id: None, team_id: None, consent: MarketingConsent::default() };
        let mut row = customers::new_row(id, &clean, &placement, None, created_at);
        // The version counts the stage changes the walk made.
        row.version = Set(steps.len() as i64);
        row.updated_at = Set(at);
        let row = row.insert(&*txn).await.map_err(|e| e.to_string())?;
        set_tags(&*txn, id, &clean.tags).await.map_err(|e| e.to_string())?;
        digit_keys::replace(&*txn, id, &row.search_text).await.map_err(|e| e.to_string())?;
        for (from, to, step_at) in steps {
            stage_history::ActiveModel {
                id: Set(new_id()),
                customer_id: Set(id),
                from_stage: Set(from.map(|s| s.as_str().to_owned())),
                to_stage: Set(to.as_str().to_owned()),
                reason_kind: Set("manual".into()),
                note: Set(if from.is_none() { "created".into() } else { "演示数据 / demo data".into() }),
                actor_id: Set(None),
                at: Set(step_at),
                rule: Set(None),
            }
            .insert(&*txn)
            .await
            .map_err(|e| e.to_string())?;
        }
        for _ in 0..rng.random_range(0..6) {
            let occurred_at =
                created_at + Duration::minutes(rng.random_range(0..=(now - created_at).num_minutes().max(1)));
            interaction::ActiveModel {
                id: Set(new_id()),
                customer_id: Set(id),
                channel: Set(Channel::ALL.choose(&mut rng).copied().unwrap_or(Channel::Phone).as_str().to_owned()),
                direction: Set(if rng.random_bool(0.5) { Direction::Inbound } else { Direction::Outbound }
                    .as_str()
                    .to_owned()),
                subject: Set(Some(pick(&mut rng, SUBJECTS).to_owned())),
                body: Set(Some("演示记录：客户沟通顺利。Demo note: the conversation went well.".into())),
                occurred_at: Set(occurred_at),
                author_id: Set(None),
                created_at: Set(occurred_at),
            }
            .insert(&*txn)
            .await
            .map_err(|e| e.to_string())?;
        }
    }
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(total)
}
