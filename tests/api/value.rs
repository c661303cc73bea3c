use chrono::{Duration, Utc};
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

pub(crate) fn order(customer_id: uuid::Uuid, number: &str, quantity: i32, days_ago: i64) -> CreateOrder {
    CreateOrder {
        customer_id: Some(customer_id),
        customer: None,
        number: number.into(),
        source: Some("shop".into()),
        items: vec![OrderItemInput::sku("BOX", quantity)],
        currency: "CNY".into(),
        status: None,
        channel: None,
        ordered_at: Some(Utc::now() - Duration::days(days_ago)),
    }
}

pub(crate) async fn catalogue(admin: &kehu_tests::kehu_client::Client) {
    must(
        admin
            .create_product(&ProductInput { unit_cost: Some(400), ..ProductInput::new("BOX", "礼盒", 1000, "CNY") })
            .await,
    );
}

/// The field and code of each error a problem reports.
pub(crate) fn reported(error: &kehu_tests::kehu_client::Error) -> Vec<(String, String)> {
    let errors = error.problem().map(|p| p.errors.clone()).unwrap_or_default();
    errors.into_iter().map(|e| (e.field, e.code)).collect()
}

fn rules(history: &StageHistoryPage) -> Vec<(LifecycleStage, Option<LifecycleRule>)> {
    history.items.iter().rev().map(|entry| (entry.to_stage, entry.rule)).collect()
}

pub async fn settings_are_admin_only_checked_and_versioned(app: TestApp) {
    let admin = app.admin().await;
    let (manager, _) = app.user(Role::Manager, None).await;
    let defaults = must(manager.get_lifecycle_settings().await);
    assert_eq!((defaults.value.clone(), defaults.version), (LifecycleSettings::default(), Some(0)));

    let stricter =
        LifecycleSettings { loyal_min_orders: 3, loyal_min_spend_12m: 50_000, ..LifecycleSettings::default() };
    assert_problem!(manager.update_lifecycle_settings(None, &stricter).await, 403, codes::FORBIDDEN);
    let inverted = LifecycleSettings { at_risk_after_days: 200, churned_after_days: 100, ..stricter.clone() };
    let error = assert_problem!(admin.update_lifecycle_settings(None, &inverted).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(reported(&error), [("churned_after_days".to_owned(), field_codes::OUT_OF_RANGE.to_owned())]);

    must(admin.update_lifecycle_settings(Some(0), &stricter).await);
    assert_problem!(admin.update_lifecycle_settings(Some(0), &stricter).await, 412, codes::VERSION_MISMATCH);
    let stored = must(manager.get_lifecycle_settings().await);
    assert_eq!((stored.value, stored.version), (stricter, Some(1)));

    let costs = ValueSettings { cost_per_ticket: 5_000, expected_lifetime_months: 24, currency: "USD".into() };
    must(admin.update_value_settings(None, &costs).await);
    assert_eq!(must(manager.get_value_settings().await).value, costs);
    let bad = ValueSettings { cost_per_ticket: -1, expected_lifetime_months: 0, currency: "usd".into() };
    assert_problem!(admin.update_value_settings(None, &bad).await, 422, codes::VALIDATION_FAILED);
    let audit = must(
        admin.list_audit_entries(&AuditQuery { action: Some("settings.update".into()), ..Default::default() }).await,
    );
    assert_eq!(audit.items.len(), 2, "one audit row per saved change");
    app.assert_invariants().await;
}

pub async fn purchases_climb_the_stages_by_the_configured_thresholds(app: TestApp) {
    let admin = app.admin().await;
    catalogue(&admin).await;
    let loyal_at =
        LifecycleSettings { loyal_min_orders: 3, loyal_min_spend_12m: 5_000, ..LifecycleSettings::default() };
    must(admin.update_lifecycle_settings(None, &loyal_at).await);
    let customer = must(admin.create_customer(&CreateCustomer::named("陈静"), None).await);
    must(admin.create_order(&order(customer.id, "L-1", 1, 20)).await);
    must(admin.create_order(&order(customer.id, "L-2", 1, 10)).await);
    // Three orders but only 3 000 spent in the year: not yet loyal.
    must(admin.create_order(&order(customer.id, "L-3", 1, 5)).await);
    assert_eq!(must(admin.get_customer(customer.id).await).value.stage, LifecycleStage::Active);
    must(admin.create_order(&order(customer.id, "L-4", 2, 1)).await);
    assert_eq!(must(admin.get_customer(customer.id).await).value.stage, LifecycleStage::Loyal);
    let history = must(admin.list_customer_stage_history(customer.id, &PageQuery::default()).await);
    assert_eq!(
        rules(&history),
        [
            (LifecycleStage::Prospect, None),
            (LifecycleStage::New, Some(LifecycleRule::FirstPurchase)),
            (LifecycleStage::Active, Some(LifecycleRule::RepeatPurchase)),
            (LifecycleStage::Loyal, Some(LifecycleRule::LoyaltyThreshold)),
        ]
    );
    app.assert_invariants().await;
}

pub async fn the_inactivity_sweep_moves_quiet_customers_and_a_purchase_wins_them_back(app: TestApp) {
    let admin = app.admin().await;
    catalogue(&admin).await;
    let quiet = must(admin.create_customer(&CreateCustomer::named("沉默客户"), None).await);
    let held = must(admin.create_customer(&CreateCustomer::named("VIP 手动"), None).await);
    let recent = must(admin.create_customer(&CreateCustomer::named("常客"), None).await);
    for (customer, prefix, days) in [(&quiet, "Q", 200), (&held, "H", 200), (&recent, "R", 3)] {
        must(admin.create_order(&order(customer.id, &format!("{prefix}-1"), 1, days + 10)).await);
        must(admin.create_order(&order(customer.id, &format!("{prefix}-2"), 1, days)).await);
    }
    let by_hand = StageChangeRequest { stage: LifecycleStage::Loyal, reason: "大客户，季度采购".into() };
    must(admin.change_customer_stage(held.id, &by_hand).await);
    let stage = |id| {
        let admin = admin.clone();
        async move { must(admin.get_customer(id).await).value.stage }
    };

    // 95 days after the last purchase (the clock is injected): at risk.
    let first = app.sweep(Utc::now() - Duration::days(105)).await;
    assert_eq!((first.to_at_risk, first.to_churned, first.held), (1, 0, 1));
    assert_eq!(stage(quiet.id).await, LifecycleStage::AtRisk);
    assert_eq!(stage(held.id).await, LifecycleStage::Loyal, "a stage set by hand waits for the next purchase");
    // 200 days: churned. The recent buyer is untouched throughout.
    let second = app.sweep(Utc::now()).await;
    assert_eq!((second.to_at_risk, second.to_churned), (0, 1));
    assert_eq!(stage(quiet.id).await, LifecycleStage::Churned);
    assert_eq!(stage(recent.id).await, LifecycleStage::Active);
    let again = app.sweep(Utc::now()).await;
    assert_eq!((again.to_at_risk, again.to_churned), (0, 0), "a second sweep finds nothing more");

    // When manual stages do not hold, the sweep moves them too (both steps at once).
    let loose = LifecycleSettings { manual_stage_holds: false, ..LifecycleSettings::default() };
    must(admin.update_lifecycle_settings(None, &loose).await);
    let third = app.sweep(Utc::now()).await;
    assert_eq!((third.to_at_risk, third.to_churned, third.held), (1, 1, 0));
    assert_eq!(stage(held.id).await, LifecycleStage::Churned);

    // A purchase wins the churned customer back, recorded as such.
    must(admin.create_order(&order(quiet.id, "Q-3", 1, 0)).await);
    assert_eq!(stage(quiet.id).await, LifecycleStage::Active);
    let history = must(admin.list_customer_stage_history(quiet.id, &PageQuery::default()).await);
    assert_eq!(
        rules(&history)[3..],
        [
            (LifecycleStage::AtRisk, Some(LifecycleRule::Inactive)),
            (LifecycleStage::Churned, Some(LifecycleRule::Lapsed)),
            (LifecycleStage::Active, Some(LifecycleRule::WonBack)),
        ]
    );
    assert!(history.items[1].note.contains("days"), "the sweep says why: {}", history.items[1].note);

    // Only admins sweep through the API.
    let (manager, _) = app.user(Role::Manager, None).await;
    assert_problem!(manager.run_lifecycle_sweep().await, 403, codes::FORBIDDEN);
    must(admin.run_lifecycle_sweep().await);
    // No invariant check here: the sweeps ran on an injected clock 105 days
    // back, so their stage history rows predate the ones written before them.
}

pub async fn one_time_buyers_lapse_through_the_daily_job(app: TestApp) {
    let admin = app.admin().await;
    catalogue(&admin).await;
    let one_time =
        LifecycleSettings { new_at_risk_after_days: 60, churned_after_days: 180, ..LifecycleSettings::default() };
    must(admin.update_lifecycle_settings(None, &one_time).await);
    let once = must(admin.create_customer(&CreateCustomer::named("只买过一次"), None).await);
    let lately = must(admin.create_customer(&CreateCustomer::named("刚买过"), None).await);
    let long_gone = must(admin.create_customer(&CreateCustomer::named("早已不来"), None).await);
    must(admin.create_order(&order(once.id, "O-1", 1, 70)).await);
    must(admin.create_order(&order(lately.id, "O-2", 1, 59)).await);
    must(admin.create_order(&order(long_gone.id, "O-3", 1, 400)).await);
    for customer in [&once, &lately, &long_gone] {
        assert_eq!(must(admin.get_customer(customer.id).await).value.stage, LifecycleStage::New);
    }

    kehu_server_daily(&app, Utc::now()).await;
    let stage = |id| {
        let admin = admin.clone();
        async move { must(admin.get_customer(id).await).value.stage }
    };
    assert_eq!(stage(once.id).await, LifecycleStage::AtRisk, "70 days after the one purchase");
    assert_eq!(stage(lately.id).await, LifecycleStage::New, "59 days is within the new-customer silence");
    assert_eq!(stage(long_gone.id).await, LifecycleStage::Churned, "past the churned days too");
    let history = must(admin.list_customer_stage_history(once.id, &PageQuery::default()).await);
    let last = &history.items[0];
    assert_eq!(
        (last.to_stage, last.rule, last.reason_kind),
        (LifecycleStage::AtRisk, Some(LifecycleRule::NoRepeatPurchase), StageChangeKind::Rule)
    );
    assert!(last.note.contains("70 days"), "the sweep says why: {}", last.note);
    let gone = must(admin.list_customer_stage_history(long_gone.id, &PageQuery::default()).await);
    assert_eq!(
        rules(&gone)[2..],
        [
            (LifecycleStage::AtRisk, Some(LifecycleRule::NoRepeatPurchase)),
            (LifecycleStage::Churned, Some(LifecycleRule::Lapsed)),
        ]
    );
    app.assert_invariants().await;
}

pub async fn the_daily_work_runs_at_the_configured_local_time(app: TestApp) {
    use kehu_server::value::daily_schedule::next_daily_run;
    use kehu_server::value::lifecycle_sweep::{JOB_KIND, ensure_daily_job};
    use kehu_store::entities::job;
    use sea_orm::EntityTrait;
    let admin = app.admin().await;
    let (manager, _) = app.user(Role::Manager, None).await;
    let now = Utc::now();
    let defaults = must(manager.get_daily_job_settings().await);
    let shown = (defaults.value.run_at.as_str(), defaults.value.time_zone.as_deref(), defaults.value.follows_calendar);
    assert_eq!(shown, ("03:00", Some("Asia/Shanghai"), true), "the standard calendar's zone");
    must(ensure_daily_job(app.db().conn(), now).await.map_err(|e| e.detail));
    let run_at = || async {
        let rows = must(job::Entity::find().all(app.db().conn()).await);
        rows.into_iter().find(|row| row.key == JOB_KIND && row.done_at.is_none()).map(|row| row.run_at)
    };
    assert_eq!(run_at().await, Some(next_daily_run(now, &defaults.value)));

    let new_york = pinned("04:30", "America/New_York");
    assert_problem!(manager.update_daily_job_settings(None, &new_york).await, 403, codes::FORBIDDEN);
    let bad = pinned("25:00", "Nowhere/Atlantis");
    let error = assert_problem!(admin.update_daily_job_settings(None, &bad).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(reported(&error).len(), 2, "both fields named");
    must(admin.update_daily_job_settings(Some(0), &new_york).await);
    // The run not yet begun moved to 04:30 in New York.
    let moved = run_at().await.unwrap_or_default();
    assert_eq!(moved, next_daily_run(Utc::now(), &new_york));
    let local = moved.with_timezone(&chrono_tz::America::New_York);
    assert_eq!(local.format("%H:%M").to_string(), "04:30");
    app.assert_invariants().await;
}

fn pinned(run_at: &str, zone: &str) -> DailyJobSettings {
    DailyJobSettings { run_at: run_at.into(), time_zone: Some(zone.into()), follows_calendar: false }
}

/// The pending daily job's run time.
async fn daily_run_at(app: &TestApp) -> Option<chrono::DateTime<Utc>> {
    use kehu_server::value::lifecycle_sweep::JOB_KIND;
    use kehu_store::entities::job;
    use sea_orm::EntityTrait;
    let rows = must(job::Entity::find().all(app.db().conn()).await);
    rows.into_iter().find(|row| row.key == JOB_KIND && row.done_at.is_none()).map(|row| row.run_at)
}

/// Its local time in `zone`.
fn local_time(at: Option<chrono::DateTime<Utc>>, zone: chrono_tz::Tz) -> String {
    at.map(|at| at.with_timezone(&zone).format("%H:%M").to_string()).unwrap_or_default()
}

pub async fn the_daily_work_follows_the_default_calendars_zone(app: TestApp) {
    use chrono_tz::{America, Asia, Europe};
    let admin = app.admin().await;
    must(
        kehu_server::value::lifecycle_sweep::ensure_daily_job(app.db().conn(), Utc::now()).await.map_err(|e| e.detail),
    );
    assert_eq!(local_time(daily_run_at(&app).await, Asia::Shanghai), "03:00");
    // The default calendar is the standard one, installed first; a later one changes nothing.
    let standard = must(admin.list_business_calendars().await).items.remove(0);
    let input = |zone: &str| BusinessCalendarInput {
        name: standard.name.clone(),
        time_zone: zone.into(),
        week: standard.week.clone(),
        holidays: vec![],
        workdays: vec![],
        names: None,
    };
    let other = BusinessCalendarInput { name: "纽约".into(), ..input("America/New_York") };
    must(admin.create_business_calendar(&other).await);
    must(admin.replace_business_calendar(standard.id, &input("Europe/Berlin")).await);

    // No zone set: the pending run moved to 03:00 in Berlin, and runs then.
    let read = must(admin.get_daily_job_settings().await);
    assert_eq!((read.value.time_zone.as_deref(), read.value.follows_calendar), (Some("Europe/Berlin"), true));
    let due = daily_run_at(&app).await;
    assert_eq!(local_time(due, Europe::Berlin), "03:00");
    let due = due.unwrap_or_default();
    assert_eq!(app.run_jobs(due - Duration::seconds(1)).await, 0, "not before 03:00 in Berlin");
    assert!(app.run_jobs(due).await >= 1, "the daily work runs at 03:00 in Berlin");
    for _ in 0..10 {
        app.run_jobs(due).await;
    }
    let next = daily_run_at(&app).await;
    assert!(next.is_some_and(|next| next > due + Duration::hours(12)), "done for the day");
    assert_eq!(local_time(next, Europe::Berlin), "03:00", "and again tomorrow at 03:00 in Berlin");

    // Sent back as read, it keeps following; another zone with follows_calendar is refused.
    let version = read.version;
    let refused = DailyJobSettings { time_zone: Some("Asia/Tokyo".into()), ..read.value.clone() };
    let error =
        assert_problem!(admin.update_daily_job_settings(version, &refused).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(reported(&error), [("time_zone".to_owned(), field_codes::INVALID_FORMAT.to_owned())]);
    let saved = must(admin.update_daily_job_settings(version, &read.value).await);
    assert!(saved.follows_calendar);
    // A pinned zone stays when the calendar's changes.
    let saved = must(admin.update_daily_job_settings(None, &pinned("04:30", "America/New_York")).await);
    assert_eq!((saved.time_zone.as_deref(), saved.follows_calendar), (Some("America/New_York"), false));
    must(admin.replace_business_calendar(standard.id, &input("Asia/Shanghai")).await);
    assert_eq!(local_time(daily_run_at(&app).await, America::New_York), "04:30");
    // Unpinned again (no zone sent), it follows the calendar at once.
    let follow = DailyJobSettings { run_at: "02:00".into(), time_zone: None, follows_calendar: false };
    let saved = must(admin.update_daily_job_settings(None, &follow).await);
    assert_eq!((saved.time_zone.as_deref(), saved.follows_calendar), (Some("Asia/Shanghai"), true));
    assert_eq!(local_time(daily_run_at(&app).await, Asia::Shanghai), "02:00");
    app.assert_invariants().await;
}

pub async fn rfm_scores_are_fifths_with_ties_and_run_daily(app: TestApp) {
    let admin = app.admin().await;
    catalogue(&admin).await;
    // Ten buyers: order counts with ties, spend rising with the index.
    let counts = [1, 1, 1, 1, 2, 2, 3, 3, 4, 6];
    let mut customers = Vec::new();
    for (i, count) in counts.iter().enumerate() {
        let customer = must(admin.create_customer(&CreateCustomer::named(format!("买家{i}")), None).await);
        for n in 0..*count {
            let days = 400 - 30 * i as i64 - n;
            must(admin.create_order(&order(customer.id, &format!("F-{i}-{n}"), i as i32 + 1, days)).await);
        }
        customers.push(customer);
    }
    must(admin.create_customer(&CreateCustomer::named("未购买"), None).await);
    let (viewer, _) = app.user(Role::Viewer, None).await;
    assert_problem!(viewer.score_rfm().await, 403, codes::FORBIDDEN);
    let run = must(admin.score_rfm().await);
    assert_eq!(run.scored, 10, "only customers with a paid order are scored");

    let mut values = Vec::new();
    for customer in &customers {
        values.push(must(admin.get_customer_value(customer.id).await));
    }
    let expect = |metric: fn(&CustomerValue) -> i64| {
        kehu_domain::value::quintile_scores(&values.iter().map(metric).collect::<Vec<_>>())
    };
    let recency = expect(|v| v.last_purchase_at.map_or(0, |t| t.timestamp_micros()));
    let frequency = expect(|v| v.order_count);
    let monetary = expect(|v| v.total_spent);
    for (i, value) in values.iter().enumerate() {
        let Some(rfm) = &value.rfm else { panic!("buyer {i} is not scored") };
        assert_eq!((rfm.recency, rfm.frequency, rfm.monetary), (recency[i], frequency[i], monetary[i]), "buyer {i}");
        let segment = kehu_domain::value::rfm_segment(rfm.recency, rfm.frequency, rfm.monetary);
        assert_eq!(rfm.segment, segment);
    }
    assert_eq!(frequency[..4], [1, 1, 1, 1], "tied counts share the lowest score");
    assert_eq!(values[9].rfm.as_ref().map(|r| r.segment), Some(RfmSegment::Champions));

    // The daily job sweeps and scores again by itself.
    let now = Utc::now();
    kehu_server_daily(&app, now).await;
    let rescored = must(admin.get_customer_value(customers[0].id).await);
    assert!(rescored.rfm.is_some_and(|rfm| rfm.scored_at > run.at), "scored again by the daily job");
    app.assert_invariants().await;
}

/// Schedule the daily value job and run it through (sweep, expiry and tier
/// review batches, then RFM).
pub async fn kehu_server_daily(app: &TestApp, now: chrono::DateTime<Utc>) {
    use kehu_server::value::daily_schedule::{self, next_daily_run};
    use kehu_server::value::lifecycle_sweep::ensure_daily_job;
    must(ensure_daily_job(app.db().conn(), now).await.map_err(|e| e.detail));
    let (schedule, _) = must(daily_schedule::load(app.db().conn()).await.map_err(|e| e.detail));
    let due = next_daily_run(now, &schedule) + Duration::seconds(1);
    let mut completed = 0;
    for _ in 0..6 {
        completed += app.run_jobs(due).await;
    }
    assert!(completed >= 4, "the sweep, expiry, tier review and scoring each ran ({completed})");
}

pub async fn cost_to_serve_and_profit_follow_tickets_and_compensation(app: TestApp) {
    let admin = app.admin().await;
    catalogue(&admin).await;
    must(
        admin
            .update_value_settings(
                None,
                &ValueSettings { cost_per_ticket: 1_500, expected_lifetime_months: 36, ..ValueSettings::default() },
            )
            .await,
    );
    let customer = must(admin.create_customer(&CreateCustomer::named("刘强"), None).await);
    must(admin.create_order(&order(customer.id, "C-1", 10, 730)).await);
    must(admin.create_order(&order(customer.id, "C-2", 10, 1)).await);
    let ticket =
        must(admin.create_ticket(&CreateTicket::new(customer.id, TicketType::Complaint, "包装破损"), None).await);
    must(admin.create_ticket(&CreateTicket::new(customer.id, TicketType::Inquiry, "发票"), None).await);
    let give = |kind, amount, currency: Option<&str>| CreateCompensation {
        kind,
        amount,
        currency: currency.map(str::to_owned),
        reason: "包装破损".into(),
    };
    must(admin.create_ticket_compensation(ticket.id, &give(CompensationKind::Refund, 2_000, Some("CNY"))).await);
    must(admin.create_ticket_compensation(ticket.id, &give(CompensationKind::Points, 500, None)).await);

    let value = must(admin.get_customer_value(customer.id).await);
    assert_eq!((value.total_spent, value.historical_value), (20_000, 20_000));
    assert_eq!((value.ticket_count, value.compensation_given), (2, 2_000), "points are not money");
    assert_eq!(value.cost_to_serve, 2 * 1_500 + 2_000);
    assert_eq!(value.profit, 20_000 - 8_000 - 5_000);
    // Two orders over two years: one a year, one more year expected (36 months − 24).
    assert!((9_900..=10_100).contains(&value.predicted_value), "predicted {}", value.predicted_value);
    assert_eq!(value.rfm, None, "not scored yet");
    app.assert_invariants().await;
}

on_both_databases!(
    settings_are_admin_only_checked_and_versioned,
    purchases_climb_the_stages_by_the_configured_thresholds,
    the_inactivity_sweep_moves_quiet_customers_and_a_purchase_wins_them_back,
    one_time_buyers_lapse_through_the_daily_job,
    the_daily_work_runs_at_the_configured_local_time,
    the_daily_work_follows_the_default_calendars_zone,
    rfm_scores_are_fifths_with_ties_and_run_daily,
    cost_to_serve_and_profit_follow_tickets_and_compensation,
);
