//! The workloads, each as the HTTP requests a client sends and, where one
//! statement answers it, the SQL the API should be executing for them.

use chrono::{DateTime, Utc};
use kehu_store::entities::{customer, user};
use kehu_types::{Comparison, FilterValue, SegmentField, SegmentFilter};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement};
use uuid::Uuid;

use super::wrk::Http;

/// What the workloads draw their parameters from.
pub struct Sample {
    pub admin_id: Uuid,
    pub customer_ids: Vec<Uuid>,
    /// Each sampled customer's version, for updates.
    pub versions: Vec<i64>,
    /// The stage the list workloads filter on.
    pub stage: &'static str,
    /// A page deep into that stage's list: the API's cursor and the row it follows.
    pub deep_cursor: String,
    pub deep_after: (DateTime<Utc>, Uuid),
}

pub struct Workload {
    pub name: &'static str,
    pub http: Http,
    pub raw: Vec<Statement>,
    /// At most this many connections (API) and callers (raw SQL), where
    /// the run's number would only queue requests behind each other.
    pub connections: Option<u32>,
}

const PAGE: u64 = 50;

/// The segment the count workload asks about: loyal or high-spending
/// customers with a good RFM score who are not churned.
fn segment() -> SegmentFilter {
    let compare = |field, cmp, value| SegmentFilter::Compare { field, cmp, value, key: None };
    SegmentFilter::And {
        items: vec![
            SegmentFilter::Or {
                items: vec![
                    compare(SegmentField::Stage, Comparison::Eq, FilterValue::Text("loyal".into())),
                    compare(SegmentField::TotalSpent, Comparison::Gte, FilterValue::Number(500_000)),
                ],
            },
            compare(SegmentField::RecencyScore, Comparison::Gte, FilterValue::Number(3)),
            SegmentFilter::Not {
                item: Box::new(compare(SegmentField::Stage, Comparison::Eq, FilterValue::Text("churned".into()))),
            },
        ],
    }
}

/// A page of customers in `stage`, newest first, as the list endpoint reads it.
fn page(backend: DbBackend, stage: &str, after: Option<(DateTime<Utc>, Uuid)>, q: Option<&str>) -> Statement {
    let mut select = customer::Entity::find().filter(customer::Column::DeletedAt.is_null());
    if !stage.is_empty() {
        select = select.filter(customer::Column::Stage.eq(stage));
    }
    if let Some((at, id)) = after {
        select =
            select.filter(kehu_store::cursor::older_than(customer::Column::CreatedAt, customer::Column::Id, at, id));
    }
    if let Some(q) = q {
        let pattern = sea_orm::sea_query::LikeExpr::new(kehu_store::customers::escape_like(q)).escape('\\');
        select = select.filter(customer::Column::SearchText.like(pattern));
    }
    select.order_by_desc(customer::Column::CreatedAt).order_by_desc(customer::Column::Id).limit(PAGE + 1).build(backend)
}

pub fn all(backend: DbBackend, sample: &Sample) -> Vec<Workload> {
    let by_id =
        |id: &Uuid| customer::Entity::find_by_id(*id).filter(customer::Column::DeletedAt.is_null()).build(backend);
    let stage = sample.stage;
    let count = kehu_server::services::segments::compile(&segment(), Utc::now(), backend)
        .apply(customer::Entity::find())
        .select_only()
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(customer::Column::DeletedAt.is_null())
        .build(backend);
    let count_body = serde_json::json!({ "filter": segment() }).to_string();
    let search = |q: &str| {
        let path = format!("/api/v1/customers?limit={PAGE}&q={}", encode(q));
        Workload { name: "", http: Http::get(path), raw: vec![page(backend, "", None, Some(q))], connections: None }
    };
    let ids = &sample.customer_ids;
    vec![
        Workload {
            name: "health",
            http: Http::get("/healthz".into()),
            raw: vec![Statement::from_string(backend, "SELECT 1")],
            connections: None,
        },
        Workload {
            name: "me (auth)",
            http: Http::get("/api/v1/me".into()),
            raw: vec![user::Entity::find_by_id(sample.admin_id).build(backend)],
            connections: None,
        },
        Workload {
            name: "customer by id",
            http: Http {
                paths: ids.iter().map(|id| format!("/api/v1/customers/{id}")).collect(),
                ..Http::get(String::new())
            },
            raw: ids.iter().map(by_id).collect(),
            connections: None,
        },
        Workload {
            name: "list, first page, stage filter",
            http: Http::get(format!("/api/v1/customers?limit={PAGE}&stage={stage}")),
            raw: vec![page(backend, stage, None, None)],
            connections: None,
        },
        Workload {
            name: "list, deep page (cursor), stage filter",
            http: Http::get(format!("/api/v1/customers?limit={PAGE}&stage={stage}&cursor={}", sample.deep_cursor)),
            raw: vec![page(backend, stage, Some(sample.deep_after), None)],
            connections: None,
        },
        Workload { name: "search, CJK (明华)", ..search("明华") },
        Workload { name: "search, Latin (grace)", ..search("grace") },
        Workload {
            name: "segment count (2 connections)",
            http: Http {
                method: "POST",
                paths: vec!["/api/v1/segments/count".into()],
                bodies: vec![count_body],
                ..Http::get(String::new())
            },
            raw: vec![count],
            // A count reads every customer: measured one per core, as managers ask
            // for them, since more at once only wait for a core.
            connections: Some(2),
        },
        Workload {
            name: "customer timeline",
            http: Http {
                paths: ids.iter().map(|id| format!("/api/v1/customers/{id}/timeline?limit=20")).collect(),
                ..Http::get(String::new())
            },
            raw: Vec::new(),
            connections: None,
        },
        Workload {
            name: "customer create (idempotency key)",
            http: Http {
                method: "POST",
                paths: vec!["/api/v1/customers".into()],
                bodies: vec![r#"{"kind":"person","name":"压测客户","phones":["13800138000"]}"#.into()],
                idempotent: true,
                ..Http::get(String::new())
            },
            raw: Vec::new(),
            connections: None,
        },
        Workload {
            name: "customer update (If-Match)",
            http: Http {
                method: "PATCH",
                paths: ids.iter().map(|id| format!("/api/v1/customers/{id}")).collect(),
                // Alternating, so that every update changes the record.
                bodies: vec![r#"{"industry":"零售"}"#.into(), r#"{"industry":"餐饮"}"#.into()],
                versions: sample.versions.clone(),
                ..Http::get(String::new())
            },
            raw: Vec::new(),
            connections: None,
        },
    ]
}

/// Percent-encode a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect()
}
