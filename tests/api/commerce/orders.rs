use chrono::{Duration, Utc};
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn order(customer_id: uuid::Uuid, number: &str, items: Vec<OrderItemInput>) -> CreateOrder {
    CreateOrder {
        customer_id: Some(customer_id),
        customer: None,
        number: number.into(),
        source: Some("shop".into()),
        items,
        currency: "CNY".into(),
        status: None,
        channel: None,
        ordered_at: None,
    }
}

fn fields(error: &kehu_tests::kehu_client::Error) -> Vec<String> {
    error.problem().map(|p| p.errors.iter().map(|e| e.field.clone()).collect()).unwrap_or_default()
}

pub async fn paid_orders_drive_value_and_stage_in_one_write(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let (viewer, _) = app.user(Role::Viewer, None).await;
    must(
        admin
            .create_product(&ProductInput {
                unit_cost: Some(1200), ..ProductInput::new("CUP", "陶瓷杯", 3900, "CNY")
            })
            .await,
    );
    must(admin.create_product(&ProductInput::new("TEA", "绿茶", 5000, "CNY")).await);
    let customer = must(agent.create_customer(&CreateCustomer::named("王芳"), None).await);
    assert_eq!(customer.stage, LifecycleStage::Prospect);

    // First paid order: value from nothing, prospect → new by rule.
    let first_input = CreateOrder {
        ordered_at: Some(Utc::now() - Duration::days(30)),
        ..order(customer.id, "SO-1001", vec![OrderItemInput::sku("CUP", 2), OrderItemInput::sku("TEA", 1)])
    };
    let first = must(agent.create_order(&first_input).await);
    assert_eq!((first.total, first.status, first.items.len()), (12_800, OrderStatus::Paid, 2));
    assert_eq!((first.items[0].name.as_str(), first.items[0].unit_cost), ("陶瓷杯", Some(1200)));
    // Every answer names the order's customer: the list of all orders links each by name.
    assert_eq!(first.customer_name, "王芳");
    assert_eq!(must(agent.get_order(first.id).await).customer_name, "王芳");
    let value = must(agent.get_customer_value(customer.id).await);
    assert_eq!((value.order_count, value.total_spent, value.average_order_value), (1, 12_800, 12_800));
    assert_eq!((value.costed_revenue, value.gross_margin), (7_800, 5_400), "margin only where cost is known");
    assert_eq!(must(agent.get_customer(customer.id).await).value.stage, LifecycleStage::New);
    let history = must(agent.list_customer_stage_history(customer.id, &PageQuery::default()).await);
    assert_eq!((history.items[0].to_stage, history.items[0].reason_kind), (LifecycleStage::New, StageChangeKind::Rule));

    // Re-sent: the recorded order comes back and nothing is counted twice.
    let again = must(agent.create_order(&first_input).await);
    assert_eq!(again.id, first.id);
    assert_eq!(must(agent.get_customer_value(customer.id).await).order_count, 1);

    // A repeat purchase makes the customer active; a cancelled order counts for nothing.
    let repeat = OrderItemInput { unit_price: Some(3000), ..OrderItemInput::sku("CUP", 1) };
    must(agent.create_order(&order(customer.id, "SO-1002", vec![repeat])).await);
    let cancelled = CreateOrder {
        status: Some(OrderStatus::Cancelled),
        ..order(customer.id, "SO-1003", vec![OrderItemInput::sku("TEA", 9)])
    };
    must(agent.create_order(&cancelled).await);
    let value = must(agent.get_customer_value(customer.id).await);
    assert_eq!((value.order_count, value.total_spent, value.average_order_value), (2, 15_800, 7_900));
    assert_eq!((value.costed_revenue, value.gross_margin), (10_800, 7_200));
    assert!(value.first_purchase_at < value.last_purchase_at);
    assert_eq!(must(agent.get_customer(customer.id).await).value.stage, LifecycleStage::Active);
    let listed = must(agent.list_orders(&OrderQuery { customer_id: Some(customer.id), ..Default::default() }).await);
    assert_eq!(listed.items.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(), ["SO-1003", "SO-1002", "SO-1001"]);

    // Bad input names its fields and writes nothing.
    let other = must(admin.create_customer(&CreateCustomer::named("李雷"), None).await);
    assert_problem!(
        admin.create_order(&order(other.id, "SO-1001", vec![OrderItemInput::sku("TEA", 1)])).await,
        409,
        codes::ORDER_NUMBER_TAKEN
    );
    let usd = CreateOrder { currency: "USD".into(), ..order(customer.id, "SO-2", vec![OrderItemInput::sku("TEA", 1)]) };
    assert_eq!(
        fields(&assert_problem!(agent.create_order(&usd).await, 422, codes::VALIDATION_FAILED)),
        ["items[0].sku", "currency"],
        "a yuan price is not read as dollars, and the customer's orders are in yuan"
    );
    let mixed = order(customer.id, "SO-3", vec![OrderItemInput::sku("NOPE", 1), OrderItemInput::sku("TEA", 0)]);
    assert_eq!(
        fields(&assert_problem!(agent.create_order(&mixed).await, 422, codes::VALIDATION_FAILED)),
        ["items[0].sku", "items[1].quantity"]
    );
    let nul = order(customer.id, "SO-4", vec![OrderItemInput::sku("TEA\u{0}", 1)]);
    assert_eq!(
        fields(&assert_problem!(agent.create_order(&nul).await, 422, codes::VALIDATION_FAILED)),
        ["items[0].sku"]
    );
    let zero = order(customer.id, "SO-4", vec![OrderItemInput::sku("TEA", 0)]);
    assert_eq!(
        fields(&assert_problem!(agent.create_order(&zero).await, 422, codes::VALIDATION_FAILED)),
        ["items[0].quantity"]
    );
    let refunded = CreateOrder {
        status: Some(OrderStatus::Refunded),
        ..order(customer.id, "SO-5", vec![OrderItemInput::sku("TEA", 1)])
    };
    assert_eq!(
        fields(&assert_problem!(agent.create_order(&refunded).await, 422, codes::VALIDATION_FAILED)),
        ["status"]
    );
    let future = CreateOrder {
        ordered_at: Some(Utc::now() + Duration::days(1)),
        ..order(customer.id, "SO-6", vec![OrderItemInput::sku("TEA", 1)])
    };
    assert_eq!(
        fields(&assert_problem!(agent.create_order(&future).await, 422, codes::VALIDATION_FAILED)),
        ["ordered_at"]
    );
    assert_problem!(
        viewer.create_order(&order(customer.id, "SO-7", vec![OrderItemInput::sku("TEA", 1)])).await,
        403,
        codes::FORBIDDEN
    );
    assert_eq!(must(agent.get_customer_value(customer.id).await).order_count, 2);

    // An agent neither records nor reads orders of a customer they may not see.
    let team = must(admin.create_team(&CreateTeam::named("华东组")).await);
    let (_, colleague) = app.user(Role::Agent, Some(team.id)).await;
    let theirs =
        CreateCustomer {
            owner_id: Some(colleague.id), team_id: Some(team.id), ..CreateCustomer::named("别组客户")
        };
    let hidden = must(admin.create_customer(&theirs, None).await);
    let hidden_order = must(admin.create_order(&order(hidden.id, "SO-9", vec![OrderItemInput::sku("TEA", 1)])).await);
    let refused = assert_problem!(
        agent.create_order(&order(hidden.id, "SO-10", vec![OrderItemInput::sku("TEA", 1)])).await,
        422,
        codes::VALIDATION_FAILED
    );
    assert_eq!(fields(&refused), ["customer_id"]);
    assert_problem!(agent.get_order(hidden_order.id).await, 404, codes::NOT_FOUND);
    assert_problem!(agent.get_customer_value(hidden.id).await, 404, codes::NOT_FOUND);
    assert!(must(agent.list_orders(&OrderQuery::default()).await).items.iter().all(|o| o.customer_id != hidden.id));
    let all = must(viewer.list_orders(&OrderQuery::default()).await).items;
    assert_eq!(all.len(), 4);
    let name_of = |id| all.iter().find(|o| o.customer_id == id).map(|o| o.customer_name.as_str());
    assert_eq!((name_of(hidden.id), name_of(customer.id)), (Some("别组客户"), Some("王芳")));
    app.assert_invariants().await;
}

pub async fn concurrent_orders_of_one_customer_all_count(app: TestApp) {
    let admin = app.admin().await;
    must(admin.create_product(&ProductInput::new("PEN", "钢笔", 1500, "CNY")).await);
    let customer = must(admin.create_customer(&CreateCustomer::named("并发客户"), None).await);
    let placed = futures_util::future::join_all((0..8).map(|n| {
        let admin = admin.clone();
        async move {
            admin.create_order(&order(customer.id, &format!("C-{n}"), vec![OrderItemInput::sku("PEN", n + 1)])).await
        }
    }))
    .await;
    assert!(placed.iter().all(Result::is_ok), "{placed:?}");
    let value = must(admin.get_customer_value(customer.id).await);
    assert_eq!((value.order_count, value.total_spent), (8, 1500 * (1..=8).sum::<i64>()));
    assert_eq!(must(admin.get_customer(customer.id).await).value.stage, LifecycleStage::Active);
    app.assert_invariants().await;
}

pub async fn refunds_reverse_value_exactly_and_reach_the_timeline(app: TestApp) {
    let admin = app.admin().await;
    let (viewer, _) = app.user(Role::Viewer, None).await;
    must(
        admin
            .create_product(&ProductInput {
                unit_cost: Some(333), ..ProductInput::new("MUG", "马克杯", 1000, "CNY")
            })
            .await,
    );
    let customer = must(admin.create_customer(&CreateCustomer::named("退款客户"), None).await);
    let placed = must(admin.create_order(&order(customer.id, "R-1", vec![OrderItemInput::sku("MUG", 3)])).await);
    let before = must(admin.get_customer_value(customer.id).await);
    assert_eq!((before.total_spent, before.costed_revenue, before.gross_margin), (3000, 3000, 2001));

    // Three partial refunds that do not divide evenly still add up to the whole order.
    let part = |amount: i64| CreateRefund { amount: Some(amount), reason: "破损退款".into() };
    let first = must(admin.refund_order(placed.id, &part(1000)).await);
    assert_eq!((first.status, first.refunded), (OrderStatus::PartiallyRefunded, 1000));
    let value = must(admin.get_customer_value(customer.id).await);
    assert_eq!((value.order_count, value.total_spent, value.costed_revenue), (1, 2000, 2000));
    must(admin.refund_order(placed.id, &part(999)).await);
    let error = assert_problem!(admin.refund_order(placed.id, &part(5000)).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(fields(&error), ["amount"]);
    assert_problem!(
        admin.refund_order(placed.id, &CreateRefund { amount: None, reason: " ".into() }).await,
        422,
        codes::VALIDATION_FAILED
    );
    assert_problem!(viewer.refund_order(placed.id, &part(1)).await, 403, codes::FORBIDDEN);
    let last = must(admin.refund_order(placed.id, &CreateRefund { amount: None, reason: "全部退回".into() }).await);
    assert_eq!((last.status, last.refunded), (OrderStatus::Refunded, 3000));
    let value = must(admin.get_customer_value(customer.id).await);
    assert_eq!(
        (value.order_count, value.total_spent, value.costed_revenue, value.gross_margin),
        (0, 0, 0, 0),
        "a fully refunded order leaves nothing behind"
    );
    assert_problem!(admin.refund_order(placed.id, &part(1)).await, 409, codes::ORDER_NOT_REFUNDABLE);
    let cancelled = CreateOrder {
        status: Some(OrderStatus::Cancelled),
        ..order(customer.id, "R-2", vec![OrderItemInput::sku("MUG", 1)])
    };
    let cancelled = must(admin.create_order(&cancelled).await);
    assert_problem!(admin.refund_order(cancelled.id, &part(1)).await, 409, codes::ORDER_NOT_REFUNDABLE);

    // The timeline shows the orders and each refund, newest first.
    let timeline = must(admin.get_customer_timeline(customer.id, &PageQuery::default()).await);
    let kinds: Vec<TimelineKind> = timeline
        .items
        .iter()
        .map(|e| e.kind)
        .filter(|k| matches!(k, TimelineKind::Order | TimelineKind::Refund))
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == TimelineKind::Refund).count(), 3);
    assert_eq!(kinds.iter().filter(|k| **k == TimelineKind::Order).count(), 2);
    let refund = timeline.items.iter().find_map(|e| e.refund.clone()).map(|r| (r.order_number, r.amount, r.reason));
    assert_eq!(refund, Some(("R-1".to_owned(), 1001, "全部退回".to_owned())));
    app.assert_invariants().await;
}

pub async fn only_a_purchase_after_losing_a_customer_wins_them_back(app: TestApp) {
    let admin = app.admin().await;
    must(admin.create_product(&ProductInput::new("SOAP", "香皂", 900, "CNY")).await);
    let customer = must(admin.create_customer(&CreateCustomer::named("流失客户"), None).await);
    let soap = || vec![OrderItemInput::sku("SOAP", 1)];
    let days_ago = |days: i64| Some(Utc::now() - Duration::days(days));
    must(admin.create_order(&CreateOrder { ordered_at: days_ago(300), ..order(customer.id, "W-1", soap()) }).await);
    must(admin.create_order(&CreateOrder { ordered_at: days_ago(200), ..order(customer.id, "W-2", soap()) }).await);
    let stage = |client: &kehu_tests::kehu_client::Client| {
        let client = client.clone();
        async move { must(client.get_customer(customer.id).await).value.stage }
    };
    assert_eq!(stage(&admin).await, LifecycleStage::Active);
    let lost = StageChangeRequest { stage: LifecycleStage::AtRisk, reason: "半年未购买".into() };
    must(admin.change_customer_stage(customer.id, &lost).await);

    // An old order synced today is history, not a win-back.
    must(admin.create_order(&CreateOrder { ordered_at: days_ago(100), ..order(customer.id, "W-3", soap()) }).await);
    assert_eq!(stage(&admin).await, LifecycleStage::AtRisk);
    // A new purchase wins the customer back, recorded as a rule.
    must(admin.create_order(&order(customer.id, "W-4", soap())).await);
    assert_eq!(stage(&admin).await, LifecycleStage::Active);
    let history = must(admin.list_customer_stage_history(customer.id, &PageQuery::default()).await);
    assert_eq!(
        (history.items[0].from_stage, history.items[0].reason_kind),
        (Some(LifecycleStage::AtRisk), StageChangeKind::Rule)
    );
    assert_eq!(must(admin.get_customer_value(customer.id).await).order_count, 4);
    app.assert_invariants().await;
}

on_both_databases!(
    paid_orders_drive_value_and_stage_in_one_write,
    concurrent_orders_of_one_customer_all_count,
    refunds_reverse_value_exactly_and_reach_the_timeline,
    only_a_purchase_after_losing_a_customer_wins_them_back,
);
