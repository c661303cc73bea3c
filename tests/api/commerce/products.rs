use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases, the_one_winner};

fn skus(page: &ProductPage) -> Vec<&str> {
    page.items.iter().map(|p| p.sku.as_str()).collect()
}

pub async fn managers_keep_the_catalogue_and_everyone_reads_it(app: TestApp) {
    let (manager, _) = app.user(Role::Manager, None).await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let (viewer, _) = app.user(Role::Viewer, None).await;
    let cup = ProductInput {
        category: Some("餐具".into()),
        unit_cost: Some(1200),
        ..ProductInput::new("CUP-01", "陶瓷杯", 3900, "cny")
    };
    let created = must(manager.create_product(&cup).await);
    assert_eq!((created.currency.as_str(), created.active, created.version), ("CNY", true, 1));
    assert_problem!(manager.create_product(&cup).await, 409, codes::SKU_TAKEN);
    assert_problem!(agent.create_product(&ProductInput::new("X-1", "x", 1, "CNY")).await, 403, codes::FORBIDDEN);
    assert_problem!(viewer.create_product(&ProductInput::new("X-1", "x", 1, "CNY")).await, 403, codes::FORBIDDEN);

    let bad = ProductInput { unit_cost: Some(-1), ..ProductInput::new("has space", " ", -5, "RMB1") };
    let error = assert_problem!(manager.create_product(&bad).await, 422, codes::VALIDATION_FAILED);
    let mut fields: Vec<&str> =
        error.problem().map(|p| p.errors.iter().map(|e| e.field.as_str()).collect()).unwrap_or_default();
    fields.sort_unstable();
    assert_eq!(fields, ["currency", "list_price", "name", "sku", "unit_cost"]);

    let patch = UpdateProduct { list_price: Some(4500), unit_cost: Some(None), ..Default::default() };
    let updated = must(manager.update_product(created.id, Some(1), &patch).await);
    assert_eq!((updated.list_price, updated.unit_cost, updated.version), (4500, None, 2));
    assert_problem!(manager.update_product(created.id, Some(1), &patch).await, 412, codes::VERSION_MISMATCH);
    let read = must(viewer.get_product(created.id).await);
    assert_eq!((read.version, read.value.sku.as_str()), (Some(2), "CUP-01"));

    for (sku, name, category) in
        [("BOWL-1", "汤碗", "餐具"), ("TEA-1", "Green tea", "茶叶"), ("ZZ-OLD", "旧款杯", "餐具")]
    {
        let input = ProductInput { category: Some(category.into()), ..ProductInput::new(sku, name, 1000, "CNY") };
        must(manager.create_product(&input).await);
    }
    let old = must(agent.list_products(&ProductQuery { q: Some("旧款".into()), ..Default::default() }).await);
    let retired = UpdateProduct { active: Some(false), ..Default::default() };
    must(manager.update_product(old.items[0].id, None, &retired).await);

    let q = |text: &str| ProductQuery { q: Some(text.into()), ..Default::default() };
    assert_eq!(skus(&must(agent.list_products(&q("cup")).await)), ["CUP-01"]);
    assert_eq!(skus(&must(agent.list_products(&q("tea")).await)), ["TEA-1"]);
    let dishes = ProductQuery { category: Some("餐具".into()), active: Some(true), ..Default::default() };
    assert_eq!(skus(&must(agent.list_products(&dishes).await)), ["BOWL-1", "CUP-01"]);
    let first = must(agent.list_products(&ProductQuery { limit: Some(2), ..Default::default() }).await);
    let rest = ProductQuery { limit: Some(2), cursor: first.next_cursor.clone(), ..Default::default() };
    let second = must(agent.list_products(&rest).await);
    assert_eq!((skus(&first), skus(&second)), (vec!["BOWL-1", "CUP-01"], vec!["TEA-1", "ZZ-OLD"]));
    assert_eq!(second.next_cursor, None);
}

pub async fn bulk_sync_is_idempotent_and_all_or_nothing(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    must(admin.create_product(&ProductInput::new("A-1", "甲", 100, "CNY")).await);
    must(admin.create_product(&ProductInput::new("B-2", "乙", 200, "CNY")).await);
    let batch = ProductBatch {
        items: vec![
            ProductInput::new("A-1", "甲", 100, "CNY"),
            ProductInput::new("B-2", "乙（新款）", 250, "CNY"),
            ProductInput { unit_cost: Some(90), ..ProductInput::new("C-3", "丙", 300, "CNY") },
        ],
    };
    let result = must(admin.sync_products(&batch).await);
    assert_eq!((result.created, result.updated, result.unchanged), (1, 1, 1));
    assert_eq!(result.items.iter().map(|p| p.sku.as_str()).collect::<Vec<_>>(), ["A-1", "B-2", "C-3"]);
    assert_eq!((result.items[1].name.as_str(), result.items[1].version), ("乙（新款）", 2));
    let again = must(admin.sync_products(&batch).await);
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3), "a re-sent batch changes nothing");

    // One bad item fails the whole request, naming every faulty item.
    let faulty = ProductBatch {
        items: vec![
            ProductInput::new("D-4", "丁", 400, "CNY"),
            ProductInput::new("", "无编号", 1, "CNY"),
            ProductInput::new("D-4", "丁again", 1, "CNY"),
            ProductInput::new("E-5", "戊", 1, "yuan"),
        ],
    };
    let error = assert_problem!(admin.sync_products(&faulty).await, 422, codes::VALIDATION_FAILED);
    let fields: Vec<&str> =
        error.problem().map(|p| p.errors.iter().map(|e| e.field.as_str()).collect()).unwrap_or_default();
    assert_eq!(fields, ["items[1].sku", "items[2].sku", "items[3].currency"]);
    let all = must(admin.list_products(&ProductQuery::default()).await);
    assert_eq!(skus(&all), ["A-1", "B-2", "C-3"], "nothing of the failed batch was written");

    let too_many =
        ProductBatch { items: (0..501).map(|i| ProductInput::new(format!("S-{i}"), "x", 1, "CNY")).collect() };
    assert_problem!(admin.sync_products(&too_many).await, 422, codes::VALIDATION_FAILED);
    assert_problem!(admin.sync_products(&ProductBatch { items: vec![] }).await, 422, codes::VALIDATION_FAILED);
    assert_problem!(agent.sync_products(&batch).await, 403, codes::FORBIDDEN);
    let full =
        ProductBatch { items: (0..500).map(|i| ProductInput::new(format!("S-{i:03}"), "批量", 1, "CNY")).collect() };
    assert_eq!(must(admin.sync_products(&full).await).created, 500);
}

/// Two managers repricing one product from the same version at once: one
/// price wins, the others are told someone changed it first.
pub async fn simultaneous_repricing_lets_one_win(app: TestApp) {
    let admin = app.admin().await;
    let product = must(admin.create_product(&ProductInput::new("MUG", "马克杯", 3900, "CNY")).await);
    let answers = futures_util::future::join_all((0..8).map(|n| {
        let admin = admin.clone();
        async move {
            let price = UpdateProduct { list_price: Some(4000 + n), ..Default::default() };
            admin.update_product(product.id, Some(product.version), &price).await
        }
    }))
    .await;
    let won = the_one_winner(answers);
    let stored = must(admin.get_product(product.id).await).value;
    assert_eq!((stored.version, stored.list_price), (product.version + 1, won.list_price));
}

on_both_databases!(
    managers_keep_the_catalogue_and_everyone_reads_it,
    bulk_sync_is_idempotent_and_all_or_nothing,
    simultaneous_repricing_lets_one_win,
);
