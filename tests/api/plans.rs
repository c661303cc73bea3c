//! How SQLite plans the hottest customer reads. A plan that falls back to a
//! scan or a sort still answers correctly on a small database, so only the
//! plan itself shows the regression before a million customers do.

use kehu_store::customers::{self, CustomerFilter, CustomerSort, Visibility};
use kehu_tests::{Backend, TestApp};
use kehu_types::LifecycleStage;
use sea_orm::{ConnectionTrait, DbBackend, QueryTrait, Statement, TransactionTrait};
use uuid::Uuid;

/// SQLite's plan for one page of the customer list, one line per step.
async fn plan(app: &TestApp, filter: CustomerFilter, indexed: Option<Vec<Uuid>>) -> String {
    let select = customers::page_query(Visibility::All, &filter, indexed, CustomerSort::default(), None, 50)
        .unwrap_or_else(|_| panic!("no cursor given"));
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_plans_customer_pages_on_their_indexes() {
    let app = TestApp::spawn_with_web(Backend::Sqlite, None).await;
    let search = |q: &str| CustomerFilter { q: Some(q.into()), ..CustomerFilter::default() };

    // A common search tests each customer's text in the index entry, in list
    // order, and stops at a page of matches: no table scan, no sort.
    let common = plan(&app, search("明华"), None).await;
    assert!(common.contains("USING INDEX idx_customers_created_search"), "{common}");
    assert!(!common.contains("TEMP B-TREE"), "{common}");

    // A rare one reads the few customers the trigram index gave by key.
    let rare = plan(&app, search("13812345678"), Some(vec![Uuid::nil(), Uuid::max()])).await;
    assert!(rare.contains("(id=?)"), "{rare}");

    // A stage's page walks that stage's index in order.
    let staged = CustomerFilter { stage: Some(LifecycleStage::Prospect), ..CustomerFilter::default() };
    let staged = plan(&app, staged, None).await;
    assert!(staged.contains("USING INDEX idx_customers_stage_created (stage=?)"), "{staged}");
    assert!(!staged.contains("TEMP B-TREE"), "{staged}");
    app.finish().await;
}
