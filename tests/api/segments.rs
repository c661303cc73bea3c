use chrono::{Duration, Utc};
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn compare(field: SegmentField, cmp: Comparison, value: FilterValue) -> SegmentFilter {
    SegmentFilter::Compare { field, cmp, value, key: None }
}

fn text(value: &str) -> FilterValue {
    FilterValue::Text(value.into())
}

fn order(customer_id: uuid::Uuid, number: &str, quantity: i32, days_ago: i64) -> CreateOrder {
    CreateOrder {
        customer_id: Some(customer_id),
        customer: None,
        number: number.into(),
        source: Some("shop".into()),
        items: vec![OrderItemInput::sku("GIFT", quantity)],
        currency: "CNY".into(),
        status: None,
        channel: None,
        ordered_at: Some(Utc::now() - Duration::days(days_ago)),
    }
}

pub async fn segment_counts_follow_profile_value_and_loyalty(app: TestApp) {
    let admin = app.admin().await;
    must(admin.create_product(&ProductInput::new("GIFT", "礼盒", 50_000, "CNY")).await);
    let person = |name: &str, region: Option<&str>, tags: &[&str]| CreateCustomer {
        region: region.map(str::to_owned),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        ..CreateCustomer::named(name)
    };
    let big = must(admin.create_customer(&person("大客户", Some("华东"), &["VIP"]), None).await);
    let small = must(admin.create_customer(&person("小客户", Some("华南"), &["新品"]), None).await);
    must(admin.create_customer(&person("潜在客户", None, &["VIP"]), None).await);
    for (n, days) in [(1, 200), (2, 100), (3, 10)] {
        must(admin.create_order(&order(big.id, &format!("S-{n}"), 2, days)).await);
    }
    must(admin.create_order(&order(small.id, "S-9", 1, 120)).await);
    let count = |filter: SegmentFilter| {
        let admin = admin.clone();
        async move { must(admin.count_segment(&filter).await).count }
    };

    assert_eq!(count(SegmentFilter::And { items: vec![] }).await, 3, "an empty and holds for everyone");
    assert_eq!(count(compare(SegmentField::Tag, Comparison::Eq, text("VIP"))).await, 2);
    assert_eq!(count(compare(SegmentField::Tag, Comparison::Ne, text("VIP"))).await, 1);
    assert_eq!(count(compare(SegmentField::Region, Comparison::Ne, text("华东"))).await, 2, "no region is not 华东");
    assert_eq!(count(compare(SegmentField::Stage, Comparison::Eq, text("active"))).await, 1);
    // Customers who never bought count as 0 orders and 0 points.
    assert_eq!(count(compare(SegmentField::OrderCount, Comparison::Lt, FilterValue::Number(2))).await, 2);
    assert_eq!(count(compare(SegmentField::OrderCount, Comparison::Gte, FilterValue::Number(3))).await, 1);
    assert_eq!(count(compare(SegmentField::PointsBalance, Comparison::Gt, FilterValue::Number(1_000))).await, 1);
    assert_eq!(count(compare(SegmentField::PointsBalance, Comparison::Eq, FilterValue::Number(0))).await, 1);
    // Days since the last purchase: never bought matches nothing.
    assert_eq!(count(compare(SegmentField::LastPurchaseDays, Comparison::Gt, FilterValue::Number(30))).await, 1);
    assert_eq!(count(compare(SegmentField::LastPurchaseDays, Comparison::Lte, FilterValue::Number(30))).await, 1);
    assert_eq!(count(compare(SegmentField::LastPurchaseDays, Comparison::Eq, FilterValue::Number(120))).await, 1);
    // Groups: VIPs who bought in the last 30 days, or anyone in 华南.
    let recent_vip = SegmentFilter::And {
        items: vec![
            compare(SegmentField::Tag, Comparison::Eq, text("VIP")),
            compare(SegmentField::LastPurchaseDays, Comparison::Lte, FilterValue::Number(30)),
        ],
    };
    let south = compare(SegmentField::Region, Comparison::In, FilterValue::List(vec!["华南".into(), "西南".into()]));
    assert_eq!(count(SegmentFilter::Or { items: vec![recent_vip.clone(), south] }).await, 2);
    assert_eq!(count(SegmentFilter::Not { item: Box::new(recent_vip) }).await, 2);
    // Tiers and RFM (after scoring).
    assert_eq!(count(compare(SegmentField::Tier, Comparison::Eq, text("silver"))).await, 1, "3 000.00 in a year");
    let not = |filter: SegmentFilter| SegmentFilter::Not { item: Box::new(filter) };
    assert_eq!(
        count(not(compare(SegmentField::Tier, Comparison::Eq, text("silver")))).await,
        2,
        "a customer without a loyalty account is not silver"
    );
    assert_eq!(count(compare(SegmentField::RecencyScore, Comparison::Gte, FilterValue::Number(1))).await, 0);
    must(admin.score_rfm().await);
    assert_eq!(count(compare(SegmentField::RecencyScore, Comparison::Gte, FilterValue::Number(1))).await, 2);
    assert_eq!(
        count(not(compare(SegmentField::RecencyScore, Comparison::Gte, FilterValue::Number(1)))).await,
        1,
        "a customer who never bought has no score, and is counted by its negation"
    );
    assert_eq!(
        count(compare(SegmentField::RecencyScore, Comparison::Eq, FilterValue::Number(3))).await,
        1,
        "1 + 5 × 1 / 2"
    );

    // A count changes as soon as an order arrives.
    let buyers = compare(SegmentField::OrderCount, Comparison::Gte, FilterValue::Number(1));
    assert_eq!(count(buyers.clone()).await, 2);
    let newcomer = must(admin.create_customer(&CreateCustomer::named("新买家"), None).await);
    must(admin.create_order(&order(newcomer.id, "S-20", 1, 0)).await);
    assert_eq!(count(buyers).await, 3);
}

pub async fn custom_fields_and_last_contact_filter_alike_on_both_databases(app: TestApp) {
    let admin = app.admin().await;
    let with_custom = |name: &str, custom: serde_json::Value| CreateCustomer {
        custom: custom.as_object().cloned().unwrap_or_default(),
        ..CreateCustomer::named(name)
    };
    let gold = must(
        admin
            .create_customer(
                &with_custom("金卡会员", serde_json::json!({"会员卡": "金卡", "level": 5, "vip": true})),
                None,
            )
            .await,
    );
    must(
        admin
            .create_customer(&with_custom("银卡会员", serde_json::json!({"会员卡": "银卡", "level": 2.5})), None)
            .await,
    );
    must(admin.create_customer(&with_custom("文字等级", serde_json::json!({"level": "high"})), None).await);
    must(admin.create_customer(&CreateCustomer::named("无自定义"), None).await);
    let count = |filter: SegmentFilter| {
        let admin = admin.clone();
        async move { must(admin.count_segment(&filter).await).count }
    };
    let custom = |key: &str, cmp: Comparison, value: FilterValue| SegmentFilter::Compare {
        field: SegmentField::Custom,
        cmp,
        value,
        key: Some(key.into()),
    };

    assert_eq!(count(custom("会员卡", Comparison::Eq, text("金卡"))).await, 1);
    assert_eq!(count(custom("会员卡", Comparison::In, FilterValue::List(vec!["金卡".into(), "银卡".into()]))).await, 2);
    assert_eq!(count(custom("会员卡", Comparison::Ne, text("金卡"))).await, 3, "without the field is not 金卡");
    // Numbers compare as numbers; a text in the field is not a number.
    assert_eq!(count(custom("level", Comparison::Gte, FilterValue::Number(3))).await, 1);
    assert_eq!(count(custom("level", Comparison::Gt, FilterValue::Number(2))).await, 2, "2.5 is more than 2");
    assert_eq!(count(custom("level", Comparison::Lt, FilterValue::Number(100))).await, 2);
    assert_eq!(count(custom("level", Comparison::Ne, FilterValue::Number(5))).await, 3);
    assert_eq!(count(custom("level", Comparison::Eq, text("high"))).await, 1);
    assert_eq!(count(custom("vip", Comparison::Eq, text("true"))).await, 1, "true reads the same on both databases");
    let error = assert_problem!(
        admin.count_segment(&custom("a\"b", Comparison::Eq, text("x"))).await,
        422,
        codes::VALIDATION_FAILED
    );
    assert_eq!(error.problem().map(|p| p.errors[0].field.clone()).as_deref(), Some("filter.key"));

    // Days since the last interaction; never contacted matches nothing.
    let call = |days: i64| CreateInteraction {
        channel: Channel::Phone,
        direction: Direction::Outbound,
        subject: Some("回访".into()),
        body: None,
        occurred_at: Some(Utc::now() - Duration::days(days)),
    };
    must(admin.create_customer_interaction(gold.id, &call(40)).await);
    must(admin.create_customer_interaction(gold.id, &call(3)).await);
    let contact = |cmp, days| compare(SegmentField::LastContactDays, cmp, FilterValue::Number(days));
    assert_eq!(count(contact(Comparison::Lte, 7)).await, 1, "the latest call counts");
    assert_eq!(count(contact(Comparison::Gte, 30)).await, 0);
    assert_eq!(count(contact(Comparison::Eq, 3)).await, 1);
}

pub async fn bad_filters_name_the_node_and_agents_count_only_whom_they_see(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let bad = SegmentFilter::And {
        items: vec![
            compare(SegmentField::Stage, Comparison::Eq, text("loyal")),
            SegmentFilter::Not { item: Box::new(compare(SegmentField::Stage, Comparison::Eq, text("vip"))) },
            compare(SegmentField::TotalSpent, Comparison::In, FilterValue::Number(3)),
        ],
    };
    let error = assert_problem!(agent.count_segment(&bad).await, 422, codes::VALIDATION_FAILED);
    let fields: Vec<_> =
        error.problem().map(|p| p.errors.iter().map(|e| e.field.clone()).collect()).unwrap_or_default();
    assert_eq!(fields, ["filter.items[1].item.value", "filter.items[2].cmp"]);

    let team = must(admin.create_team(&CreateTeam::named("华北组")).await);
    let (_, colleague) = app.user(Role::Agent, Some(team.id)).await;
    let theirs =
        CreateCustomer {
            owner_id: Some(colleague.id), team_id: Some(team.id), ..CreateCustomer::named("别组客户")
        };
    must(admin.create_customer(&theirs, None).await);
    must(agent.create_customer(&CreateCustomer::named("我的客户"), None).await);
    let everyone = SegmentFilter::And { items: vec![] };
    assert_eq!(must(admin.count_segment(&everyone).await).count, 2);
    assert_eq!(must(agent.count_segment(&everyone).await).count, 1, "another team's customer is not counted");
}

pub async fn saved_segments_are_private_or_shared_and_list_their_members(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let (other, _) = app.user(Role::Agent, None).await;
    let (viewer, _) = app.user(Role::Viewer, None).await;
    for (name, tags) in [("甲", vec!["VIP"]), ("乙", vec!["VIP"]), ("丙", vec![])] {
        let input =
            CreateCustomer { tags: tags.into_iter().map(str::to_owned).collect(), ..CreateCustomer::named(name) };
        must(agent.create_customer(&input, None).await);
    }
    let vip = compare(SegmentField::Tag, Comparison::Eq, text("VIP"));
    let bad = CreateSegment {
        name: " ".into(),
        filter: SegmentFilter::Not { item: Box::new(compare(SegmentField::Tier, Comparison::Gt, text("gold"))) },
        shared: false,
    };
    let error = assert_problem!(agent.create_segment(&bad).await, 422, codes::VALIDATION_FAILED);
    let fields: Vec<_> =
        error.problem().map(|p| p.errors.iter().map(|e| e.field.clone()).collect()).unwrap_or_default();
    assert_eq!(fields, ["name", "filter.item.cmp"]);
    let input = CreateSegment { name: "VIP 客户".into(), filter: vip.clone(), shared: false };
    assert_problem!(viewer.create_segment(&input).await, 403, codes::FORBIDDEN);
    let mine = must(agent.create_segment(&input).await);

    // Private: the other agent neither lists nor uses it.
    assert!(must(other.list_segments().await).items.is_empty());
    assert_problem!(other.get_segment(mine.id).await, 404, codes::NOT_FOUND);
    let members = CustomerQuery { segment: Some(mine.id), count: Some(true), ..Default::default() };
    assert_problem!(other.list_customers(&members).await, 404, codes::NOT_FOUND);
    let page = must(agent.list_customers(&members).await);
    assert_eq!((page.items.len(), page.total), (2, Some(2)));
    assert!(page.items.iter().all(|c| c.tags.contains(&"VIP".to_owned())));

    // Shared: others use it, only the owner (or an admin) changes it; If-Match guards edits.
    let share = UpdateSegment { shared: Some(true), ..Default::default() };
    must(agent.update_segment(mine.id, Some(1), &share).await);
    assert_problem!(agent.update_segment(mine.id, Some(1), &share).await, 412, codes::VERSION_MISMATCH);
    assert_eq!(must(other.list_segments().await).items.len(), 1);
    assert_eq!(must(admin.list_customers(&members).await).total, Some(2));
    assert_eq!(
        must(other.list_customers(&members).await).total,
        Some(0),
        "a shared segment shows only whom you may see"
    );
    let rename = UpdateSegment { name: Some("别人的".into()), ..Default::default() };
    assert_problem!(other.update_segment(mine.id, None, &rename).await, 403, codes::FORBIDDEN);
    let everyone = UpdateSegment { filter: Some(SegmentFilter::And { items: vec![] }), ..Default::default() };
    let widened = must(admin.update_segment(mine.id, None, &everyone).await);
    assert_eq!(widened.version, 3);
    assert_eq!(must(agent.list_customers(&members).await).total, Some(3));

    // Deleting goes to the trash, by the owner or an admin, and can be undone.
    assert_problem!(other.delete_segment(mine.id, None).await, 403, codes::FORBIDDEN);
    assert_problem!(agent.delete_segment(mine.id, Some(2)).await, 412, codes::VERSION_MISMATCH);
    must(agent.delete_segment(mine.id, Some(3)).await);
    assert!(must(agent.list_segments().await).items.is_empty());
    assert_problem!(agent.get_segment(mine.id).await, 404, codes::NOT_FOUND);
    assert_problem!(agent.list_customers(&members).await, 404, codes::NOT_FOUND);
    assert_problem!(agent.delete_segment(mine.id, None).await, 404, codes::NOT_FOUND);
    assert_problem!(other.restore_segment(mine.id).await, 403, codes::FORBIDDEN);
    let restored = must(agent.restore_segment(mine.id).await);
    assert_eq!((restored.version, restored.name.as_str()), (5, "VIP 客户"));
    assert_eq!(must(agent.list_customers(&members).await).total, Some(3));
    assert_problem!(agent.restore_segment(mine.id).await, 404, codes::NOT_FOUND);
}

on_both_databases!(
    segment_counts_follow_profile_value_and_loyalty,
    custom_fields_and_last_contact_filter_alike_on_both_databases,
    bad_filters_name_the_node_and_agents_count_only_whom_they_see,
    saved_segments_are_private_or_shared_and_list_their_members,
);
