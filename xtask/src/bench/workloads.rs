//! The workloads, each as the HTTP requests a client sends and, where plain
//! statements answer it, the SQL the API should be executing for them.

use chrono::Utc;
use kehu_store::cursor::Cursor;
use kehu_store::customers::{self, CustomerFilter, CustomerSort, Visibility};
use kehu_store::entities::{customer, ticket, user};
use kehu_store::tickets::{TicketFilter, TicketSort, TicketVisibility};
use kehu_types::{Comparison, FilterValue, LifecycleStage, SegmentField, SegmentFilter, TicketView};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select, Statement};
use uuid::Uuid;

use super::cleanup::CREATED_NAME;
use super::wrk::Http;

/// What the workloads draw their parameters from.
pub struct Sample {
    pub admin_id: Uuid,
    pub customer_ids: Vec<Uuid>,
    /// Each sampled customer's version, for updates.
    pub versions: Vec<i64>,
    /// The stage the list workloads filter on.
    pub stage: LifecycleStage,
    /// The cursor of a page deep into that stage's list.
    pub deep_cursor: Cursor,
    /// The team whose queue the ticket workload reads, if tickets were seeded.
    pub team_id: Option<Uuid>,
    /// The customers of the tickets on that queue's page, whose names the
    /// API reads with it.
    pub queue_customers: Vec<Uuid>,
    /// For each sampled customer, the orders on the first page of their
    /// timeline, whose lines the API reads with it.
    pub timeline_orders: Vec<Vec<Uuid>>,
    /// The last eight digits of one customer's phone: a query that matches
    /// almost nobody, as when an agent looks a caller up.
    pub phone_digits: String,
    /// For each search query, what an index gave the API (`customers::indexed_matches`).
    pub indexed: std::collections::HashMap<String, Option<Vec<Uuid>>>,
}

/// The statements that answer one request, run one after the other.
pub type RawRequest = Vec<Statement>;

pub struct Workload {
    pub name: &'static str,
    pub http: Http,
    /// Cycled through like the HTTP paths; empty when no plain statements answer it.
    pub raw: Vec<RawRequest>,
    /// At most this many connections (API) and callers (raw SQL), where
    /// the run's number would only queue requests behind each other.
    pub connections: Option<u32>,
}

const PAGE: u64 = 50;
/// Entries on a timeline page, as the customer page asks for them.
pub const TIMELINE_PAGE: u64 = 20;
/// Common searches: a given name and an English first name.
pub const SEARCH_CJK: &str = "明华";
pub const SEARCH_LATIN: &str = "grace";

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

/// A page of customers, newest first, as the list endpoint reads it (no
/// request if the cursor does not fit that order). `indexed`: what the API
/// read from an index first for a query.
fn page(
    backend: DbBackend,
    stage: Option<LifecycleStage>,
    after: Option<&Cursor>,
    q: Option<&str>,
    indexed: Option<Vec<Uuid>>,
) -> Vec<RawRequest> {
    let filter = CustomerFilter { stage, q: q.map(str::to_owned), ..CustomerFilter::default() };
    let page = customers::page_query(Visibility::All, &filter, indexed, CustomerSort::default(), after, PAGE);
    page.map(|select| vec![select.build(backend)]).into_iter().collect()
}

/// A search as the list endpoint answers it: the index probe first — for
/// digits the read of their keys; on SQLite, for other queries, the trigram
/// count, and the read of ids when the count was few enough that the API
/// made it — then the page.
fn search_page(backend: DbBackend, q: &str, indexed: Option<Vec<Uuid>>) -> Vec<RawRequest> {
    let probe =
        customers::index_probe(backend, Some(q)).map(|probe| probe.statements(indexed.is_some())).unwrap_or_default();
    let mut requests = page(backend, None, None, Some(q), indexed);
    for request in &mut requests {
        request.splice(0..0, probe.iter().cloned());
    }
    requests
}

pub fn all(backend: DbBackend, sample: &Sample) -> Vec<Workload> {
    let by_id =
        |id: &Uuid| customer::Entity::find_by_id(*id).filter(customer::Column::DeletedAt.is_null()).build(backend);
    let stage = sample.stage;
    let count = kehu_server::segments::filters::compile(&segment(), Utc::now(), backend)
        .apply(customer::Entity::find())
        .select_only()
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(customer::Column::DeletedAt.is_null())
        .build(backend);
    let count_body = serde_json::json!({ "filter": segment() }).to_string();
    let search = |q: &str| {
        let path = format!("/api/v1/customers?limit={PAGE}&q={}", encode(q));
        let indexed = sample.indexed.get(q).cloned().flatten();
        let raw = search_page(backend, q, indexed);
        Workload { name: "", http: Http::get(path), raw, connections: None }
    };
    let ids = &sample.customer_ids;
    let mut all = vec![
        Workload {
            name: "health",
            http: Http::get("/healthz".into()),
            raw: vec![vec![Statement::from_string(backend, "SELECT 1")]],
            connections: None,
        },
        Workload {
            name: "me (auth)",
            http: Http::get("/api/v1/me".into()),
            raw: vec![vec![user::Entity::find_by_id(sample.admin_id).build(backend)]],
            connections: None,
        },
        Workload {
            name: "customer by id",
            http: Http {
                paths: ids.iter().map(|id| format!("/api/v1/customers/{id}")).collect(),
                ..Http::get(String::new())
            },
            raw: ids.iter().map(|id| vec![by_id(id)]).collect(),
            connections: None,
        },
        Workload {
            name: "list, first page, stage filter",
            http: Http::get(format!("/api/v1/customers?limit={PAGE}&stage={stage}")),
            raw: page(backend, Some(stage), None, None, None),
            connections: None,
        },
        Workload {
            name: "list, deep page (cursor), stage filter",
            http: Http::get(format!(
                "/api/v1/customers?limit={PAGE}&stage={stage}&cursor={}",
                sample.deep_cursor.encode()
            )),
            raw: page(backend, Some(stage), Some(&sample.deep_cursor), None, None),
            connections: None,
        },
        Workload { name: "search, CJK (明华)", ..search(SEARCH_CJK) },
        Workload { name: "search, Latin (grace)", ..search(SEARCH_LATIN) },
        Workload { name: "search, phone digits (rare)", ..search(&sample.phone_digits) },
        Workload {
            name: "segment count (2 connections)",
            http: Http {
                method: "POST",
                paths: vec!["/api/v1/segments/count".into()],
                bodies: vec![count_body],
                ..Http::get(String::new())
            },
            raw: vec![vec![count]],
            // A count reads every customer: measured one per core, as managers ask
            // for them, since more at once only wait for a core.
            connections: Some(2),
        },
        Workload {
            name: "customer timeline",
            http: Http {
                paths: ids.iter().map(|id| format!("/api/v1/customers/{id}/timeline?limit={TIMELINE_PAGE}")).collect(),
                ..Http::get(String::new())
            },
            raw: ids.iter().zip(&sample.timeline_orders).map(|(id, orders)| timeline(backend, *id, orders)).collect(),
            connections: None,
        },
        Workload {
            name: "customer create (idempotency key)",
            http: Http {
                method: "POST",
                paths: vec!["/api/v1/customers".into()],
                bodies: vec![
                    serde_json::json!({ "kind": "person", "name": CREATED_NAME, "phones": ["13800138000"] })
                        .to_string(),
                ],
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
    ];
    all.extend(sample.team_id.map(|team| breaching_soon(backend, team, &sample.queue_customers)));
    all.extend(ticket_lists(["tickets, newest (manager)", "tickets, search (manager)"]));
    all
}

/// The words a ticket search looks for: a phrase of a common complaint.
const TICKET_SEARCH: &str = "破损";

/// The newest tickets and a ticket search, as their caller sees them: run
/// once as the admin (who sees every ticket, as a manager does) and once as
/// an agent of the busiest team, whose lists the ticket visibility rule
/// filters ticket by ticket.
fn ticket_lists([newest, search]: [&'static str; 2]) -> Vec<Workload> {
    vec![
        Workload {
            name: newest,
            http: Http::get(format!("/api/v1/tickets?limit={PAGE}")),
            raw: Vec::new(),
            connections: None,
        },
        Workload {
            name: search,
            http: Http::get(format!("/api/v1/tickets?q={}&limit={PAGE}", encode(TICKET_SEARCH))),
            raw: Vec::new(),
            connections: None,
        },
    ]
}

/// The workloads run with the bench agent's token.
pub fn as_agent() -> Vec<Workload> {
    ticket_lists(["tickets, newest (agent)", "tickets, search (agent)"])
}

/// The filter of a team's queue of tickets whose SLA falls due within the hour.
pub fn breaching_soon_filter(team: Uuid) -> TicketFilter {
    TicketFilter {
        view: Some(TicketView::BreachingSoon),
        now: Some(Utc::now()),
        team_id: Some(team),
        ..TicketFilter::default()
    }
}

/// The query of that queue's first page, newest first.
pub fn breaching_soon_page(team: Uuid) -> Option<Select<ticket::Entity>> {
    kehu_store::tickets::page_query(
        TicketVisibility::All,
        &breaching_soon_filter(team),
        TicketSort::NewestFirst,
        None,
        PAGE,
    )
    .ok()
}

/// A team's breaching-soon queue: its page, then its customers' names.
fn breaching_soon(backend: DbBackend, team: Uuid, customers: &[Uuid]) -> Workload {
    let names = customers::names_query(customers.iter().copied()).build(backend);
    Workload {
        name: "tickets, my team, breaching soon",
        http: Http::get(format!("/api/v1/tickets?view=breaching_soon&team_id={team}&limit={PAGE}")),
        raw: breaching_soon_page(team).map(|select| vec![select.build(backend), names]).into_iter().collect(),
        connections: None,
    }
}

/// A customer's first timeline page: the customer (whether the caller may
/// see them), each source newest first, then the lines of its orders.
fn timeline(backend: DbBackend, customer_id: Uuid, orders: &[Uuid]) -> RawRequest {
    let sources = kehu_store::timeline::sources(customer_id, None, TIMELINE_PAGE, TicketVisibility::All);
    vec![
        customer::Entity::find_by_id(customer_id).limit(1).build(backend),
        sources.interactions.build(backend),
        sources.stages.build(backend),
        sources.tickets.build(backend),
        sources.orders.build(backend),
        sources.refunds.build(backend),
        sources.points.build(backend),
        kehu_store::orders::items_query(orders).build(backend),
    ]
}

/// Percent-encode a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect()
}
