//! How SQLite plans the hottest list reads. A plan that falls back to a
//! scan or a sort still answers correctly on a small database, so only the
//! plan itself shows the regression before a million customers do.

use kehu_store::customers::{self, CustomerFilter, CustomerSort, Visibility};
use kehu_store::digit_keys;
use kehu_store::tickets::{self, TicketFilter, TicketSort, TicketVisibility};
use kehu_tests::{Backend, TestApp};
use kehu_types::{LifecycleStage, TicketView};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QueryTrait, Select, Statement, TransactionTrait};
use uuid::Uuid;

/// SQLite's plan for `select`, one line per step.
async fn plan<E: EntityTrait>(app: &TestApp, select: Select<E>) -> String {
    let statement = select.build(DbBackend::Sqlite);
    let explain = Statement::from_sql_and_values(
        DbBackend::Sqlite,
        format!("EXPLAIN QUERY PLAN {}", statement.sql),
        statement.values.map(|values| values.0).unwrap_or_default(),
    );
    // EXPLAIN plans with the schema the connection last read, which may be
    // from before the migrations: one read on the same connection loads it.
    let txn = app.db().conn().begin().await.unwrap_or_else(|e| panic!("{e}"));
    txn.execute_unprepared("SELECT 1 FROM customers LIMIT 1").await.unwrap_or_else(|e| panic!("{e}"));
    let rows = txn.query_all_raw(explain).await.unwrap_or_else(|e| panic!("{e}"));
    let steps: Vec<String> =
        rows.iter().map(|row| row.try_get::<String>("", "detail").unwrap_or_else(|e| panic!("{e}"))).collect();
    steps.join("\n")
}

/// SQLite's plan for the first page of customers under `filter`.
async fn customer_page(app: &TestApp, filter: CustomerFilter, indexed: Option<Vec<Uuid>>) -> String {
    let select = customers::page_query(Visibility::All, &filter, indexed, CustomerSort::default(), None, 50)
        .unwrap_or_else(|_| panic!("no cursor given"));
    plan(app, select).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_plans_customer_pages_on_their_indexes() {
    let app = TestApp::spawn_with_web(Backend::Sqlite, None).await;
    let search = |q: &str| CustomerFilter { q: Some(q.into()), ..CustomerFilter::default() };

    // A common search tests each customer's text in the index entry, in list
    // order, and stops at a page of matches: no table scan, no sort.
    let common = customer_page(&app, search("明华"), None).await;
    assert!(common.contains("USING INDEX idx_customers_created_search"), "{common}");
    assert!(!common.contains("TEMP B-TREE"), "{common}");

    // A caller's number is one range of the digit keys.
    let digits = plan(&app, digit_keys::lookup("13812345678", 2_001)).await;
    assert!(digits.contains("USING PRIMARY KEY (digits>? AND digits<?)"), "{digits}");

    // A rare one reads the few customers the trigram index gave by key.
    let rare = customer_page(&app, search("13812345678"), Some(vec![Uuid::nil(), Uuid::max()])).await;
    assert!(rare.contains("(id=?)"), "{rare}");

    // A stage's page walks that stage's index in order.
    let staged = CustomerFilter { stage: Some(LifecycleStage::Prospect), ..CustomerFilter::default() };
    let staged = customer_page(&app, staged, None).await;
    assert!(staged.contains("USING INDEX idx_customers_stage_created (stage=?)"), "{staged}");
    assert!(!staged.contains("TEMP B-TREE"), "{staged}");

    // A team's tickets falling due within the hour are one range of that
    // team's due times, however many tickets the team has had.
    let soon = TicketFilter {
        view: Some(TicketView::BreachingSoon),
        now: Some(chrono::Utc::now()),
        team_id: Some(Uuid::nil()),
        ..TicketFilter::default()
    };
    let page = tickets::page_query(TicketVisibility::All, &soon, TicketSort::NewestFirst, None, 50)
        .unwrap_or_else(|_| panic!("no cursor given"));
    let soon = plan(&app, page).await;
    assert!(soon.contains("USING INDEX idx_tickets_team_due (team_id=? AND sla_due_at>? AND sla_due_at<?)"), "{soon}");
    app.finish().await;
}
