use chrono::{Duration, Utc};
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn order(customer_id: uuid::Uuid, number: &str, quantity: i32) -> CreateOrder {
    CreateOrder {
        customer_id: Some(customer_id),
        customer: None,
        number: number.into(),
        source: Some("shop".into()),
        items: vec![OrderItemInput::sku("TEA-TIN", quantity)],
        currency: "CNY".into(),
        status: None,
        channel: None,
        ordered_at: None,
    }
}

async fn shop(admin: &kehu_tests::kehu_client::Client) {
    must(admin.create_product(&ProductInput::new("TEA-TIN", "铁观音礼罐", 10_000, "CNY")).await);
}

fn refund(amount: i64) -> CreateRefund {
    CreateRefund { amount: Some(amount), reason: "部分退款".into() }
}

pub async fn paid_orders_earn_points_and_refunds_take_them_back_exactly(app: TestApp) {
    let admin = app.admin().await;
    shop(&admin).await;
    let customer = must(admin.create_customer(&CreateCustomer::named("积分客户"), None).await);
    // 15 tins: 1 500.00 CNY, 1 point per yuan; silver from 1 000.00 over 12 months.
    let paid = must(admin.create_order(&order(customer.id, "P-1", 15)).await);
    let account = must(admin.get_loyalty_account(customer.id).await);
    assert_eq!((account.balance, account.lifetime_points), (1_500, 1_500));
    assert_eq!(account.tier.as_deref(), Some("silver"));
    assert_eq!(account.next_tier.map(|t| t.name), Some("gold".to_owned()));

    // Uneven partial refunds give back exactly what the order earned.
    for amount in [50_000, 49_999, 50_001] {
        must(admin.refund_order(paid.id, &refund(amount)).await);
    }
    let account = must(admin.get_loyalty_account(customer.id).await);
    assert_eq!((account.balance, account.lifetime_points), (0, 1_500));
    assert_eq!(account.tier.as_deref(), Some("bronze"), "the 12-month spend fell back");
    let ledger = must(admin.list_points(customer.id, &PageQuery::default()).await);
    let kinds: Vec<_> = ledger.items.iter().rev().map(|e| (e.kind, e.points, e.balance_after)).collect();
    assert_eq!(
        kinds,
        [
            (PointsKind::Earn, 1_500, 1_500),
            (PointsKind::Reverse, -500, 1_000),
            (PointsKind::Reverse, -499, 501),
            (PointsKind::Reverse, -501, 0),
        ]
    );
    assert!(ledger.items.iter().all(|e| e.order_id == Some(paid.id)));
    let timeline = must(admin.get_customer_timeline(customer.id, &PageQuery::default()).await);
    assert_eq!(timeline.items.iter().filter(|e| e.kind == TimelineKind::Points).count(), 4);
    let audit = AuditQuery { action: Some("customer.tier_change".into()), ..Default::default() };
    assert_eq!(must(admin.list_audit_entries(&audit).await).items.len(), 2, "bronze → silver → bronze");
    app.assert_invariants().await;
}

pub async fn redemptions_never_overdraw_even_when_racing(app: TestApp) {
    let (manager, _) = app.user(Role::Manager, None).await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let customer = must(agent.create_customer(&CreateCustomer::named("兑换客户"), None).await);
    let grant = AdjustPoints { points: 100, reason: "开业回馈".into() };
    assert_problem!(agent.adjust_points(customer.id, &grant).await, 403, codes::FORBIDDEN);
    must(manager.adjust_points(customer.id, &grant).await);
    let extreme = AdjustPoints { points: i64::MIN, reason: "溢出".into() };
    assert_problem!(manager.adjust_points(customer.id, &extreme).await, 422, codes::VALIDATION_FAILED);
    let zero = RedeemPoints { points: 0, reason: "兑换".into() };
    assert_problem!(agent.redeem_points(customer.id, &zero).await, 422, codes::VALIDATION_FAILED);

    let spend = RedeemPoints { points: 30, reason: "兑换茶杯".into() };
    let attempts = (0..10).map(|_| agent.redeem_points(customer.id, &spend));
    let results = futures_util::future::join_all(attempts).await;
    let succeeded = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(succeeded, 3, "100 points pay for three redemptions of 30");
    for failed in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!((failed.status(), failed.code()), (Some(409), Some(codes::INSUFFICIENT_POINTS)));
    }
    assert_eq!(must(agent.get_loyalty_account(customer.id).await).balance, 10);
    let take_back = AdjustPoints { points: -11, reason: "更正".into() };
    assert_problem!(manager.adjust_points(customer.id, &take_back).await, 409, codes::INSUFFICIENT_POINTS);
    let ledger = must(agent.list_points(customer.id, &PageQuery::default()).await);
    assert!(ledger.items.iter().all(|e| e.balance_after >= 0));
    assert_eq!(ledger.items[0].balance_after, 10);
    app.assert_invariants().await;
}

pub async fn points_lapse_after_the_configured_months_oldest_first(app: TestApp) {
    let admin = app.admin().await;
    let program = LoyaltySettings { expiry_months: 1, ..LoyaltySettings::default() };
    must(admin.update_loyalty_settings(None, &program).await);
    let bad = LoyaltySettings { points_per_unit: -1, ..LoyaltySettings::default() };
    assert_problem!(admin.update_loyalty_settings(None, &bad).await, 422, codes::VALIDATION_FAILED);
    let customer = must(admin.create_customer(&CreateCustomer::named("过期客户"), None).await);
    let grant = AdjustPoints { points: 100, reason: "活动赠送".into() };
    let granted = must(admin.adjust_points(customer.id, &grant).await);
    assert!(granted.expires_at.is_some_and(|at| at > Utc::now() + Duration::days(27)));
    must(admin.redeem_points(customer.id, &RedeemPoints { points: 30, reason: "兑换".into() }).await);
    // "Soon" is 30 days, and a month from today may be 31 of them.
    let lapse_within_30_days = granted.expires_at.is_some_and(|at| at <= Utc::now() + Duration::days(30));
    let soon = must(admin.get_loyalty_account(customer.id).await).expiring_soon;
    assert_eq!(
        soon,
        if lapse_within_30_days { 70 } else { 0 },
        "what is left of the grant, if it lapses within 30 days"
    );

    assert_eq!(app.expire_points(Utc::now()).await.points, 0, "nothing has lapsed yet");
    let run = app.expire_points(Utc::now() + Duration::days(40)).await;
    assert_eq!((run.customers, run.points), (1, 70));
    let ledger = must(admin.list_points(customer.id, &PageQuery::default()).await);
    assert_eq!(
        (ledger.items[0].kind, ledger.items[0].points, ledger.items[0].balance_after),
        (PointsKind::Expire, -70, 0)
    );
    assert_eq!(app.expire_points(Utc::now() + Duration::days(40)).await.points, 0, "expired once only");
    let (manager, _) = app.user(Role::Manager, None).await;
    assert_problem!(manager.expire_points().await, 403, codes::FORBIDDEN);
    app.assert_invariants().await;
}

pub async fn compensation_points_lift_the_tier_and_gold_gets_its_sla(app: TestApp) {
    let admin = app.admin().await;
    let mut program = LoyaltySettings { tier_basis: TierBasis::LifetimePoints, ..LoyaltySettings::default() };
    program.tiers[2].threshold = 500;
    program.tiers[1].threshold = 100;
    program.tiers[3].threshold = 5_000;
    must(admin.update_loyalty_settings(None, &program).await);
    let gold_policy = CreateSlaPolicy {
        name: "金卡一小时响应".into(),
        position: Some(0),
        match_priorities: vec![],
        match_types: vec![],
        match_tiers: vec!["gold".into()],
        first_response_minutes: Some(60),
        next_response_minutes: None,
        resolution_minutes: Some(480),
        calendar_id: None,
        warn_percent: None,
        escalate_on_breach: Some(false),
    };
    let gold_policy = must(admin.create_sla_policy(&gold_policy).await);

    let vip = must(admin.create_customer(&CreateCustomer::named("金卡客户"), None).await);
    let plain = must(admin.create_customer(&CreateCustomer::named("普通客户"), None).await);
    let complaint = must(admin.create_ticket(&CreateTicket::new(vip.id, TicketType::Complaint, "物流慢"), None).await);
    assert_ne!(complaint.sla_policy_id, Some(gold_policy.id), "not gold yet");
    let points = CreateCompensation {
        kind: CompensationKind::Points,
        amount: 600,
        currency: None,
        reason: "物流延误补偿".into(),
    };
    must(admin.create_ticket_compensation(complaint.id, &points).await);
    let account = must(admin.get_loyalty_account(vip.id).await);
    assert_eq!((account.balance, account.tier.as_deref()), (600, Some("gold")));
    let ledger = must(admin.list_points(vip.id, &PageQuery::default()).await);
    assert_eq!((ledger.items[0].kind, ledger.items[0].ticket_id), (PointsKind::Compensation, Some(complaint.id)));

    let next = must(admin.create_ticket(&CreateTicket::new(vip.id, TicketType::Inquiry, "发票"), None).await);
    assert_eq!(next.sla_policy_id, Some(gold_policy.id), "gold customers get the gold policy");
    let other = must(admin.create_ticket(&CreateTicket::new(plain.id, TicketType::Inquiry, "发票"), None).await);
    assert_ne!(other.sla_policy_id, Some(gold_policy.id));
    app.assert_invariants().await;
}

pub async fn spend_tiers_fall_when_old_orders_leave_the_year(app: TestApp) {
    let admin = app.admin().await;
    shop(&admin).await;
    let customer = must(admin.create_customer(&CreateCustomer::named("老客户"), None).await);
    let old = CreateOrder { ordered_at: Some(Utc::now() - Duration::days(300)), ..order(customer.id, "Y-1", 15) };
    must(admin.create_order(&old).await);
    assert_eq!(must(admin.get_loyalty_account(customer.id).await).tier.as_deref(), Some("silver"));
    // Ten weeks on, the order is out of the 12-month window: the nightly review lowers the tier.
    crate::value::kehu_server_daily(&app, Utc::now() + Duration::days(70)).await;
    let account = must(admin.get_loyalty_account(customer.id).await);
    assert_eq!((account.tier.as_deref(), account.balance), (Some("bronze"), 1_500), "points stay, the tier falls");
    app.assert_invariants().await;
}

on_both_databases!(
    paid_orders_earn_points_and_refunds_take_them_back_exactly,
    redemptions_never_overdraw_even_when_racing,
    points_lapse_after_the_configured_months_oldest_first,
    compensation_points_lift_the_tier_and_gold_gets_its_sla,
    spend_tiers_fall_when_old_orders_leave_the_year,
);
