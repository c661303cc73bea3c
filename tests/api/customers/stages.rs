use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, on_both_databases};

fn move_to(stage: LifecycleStage, reason: &str) -> StageChangeRequest {
    StageChangeRequest { stage, reason: reason.into() }
}

pub async fn stage_graph_is_enforced_with_history(app: TestApp) {
    let admin = app.admin().await;
    let me = admin.get_me().await.unwrap_or_else(|e| panic!("{e}"));
    let customer = admin.create_customer(&CreateCustomer::named("赵敏"), None).await.unwrap_or_else(|e| panic!("{e}"));

    let error = assert_problem!(
        admin.change_customer_stage(customer.id, &move_to(LifecycleStage::Loyal, "跳级")).await,
        409,
        codes::INVALID_STAGE_TRANSITION
    );
    assert_eq!(error.problem().and_then(|p| p.allowed.clone()), Some(vec!["new".to_owned()]));
    assert_problem!(
        admin.change_customer_stage(customer.id, &move_to(LifecycleStage::New, "   ")).await,
        422,
        codes::VALIDATION_FAILED
    );

    let path = [
        (LifecycleStage::New, "首次付款订单"),
        (LifecycleStage::Active, "第二次购买"),
        (LifecycleStage::AtRisk, "90 天未购买"),
        (LifecycleStage::Churned, "180 天未购买"),
        (LifecycleStage::Active, "挽回成功 won back"),
        (LifecycleStage::Loyal, "年度消费达标"),
    ];
    for (stage, reason) in path {
        let entry =
            admin.change_customer_stage(customer.id, &move_to(stage, reason)).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (entry.to_stage, entry.note.as_str(), entry.actor_id, entry.reason_kind),
            (stage, reason, Some(me.id), StageChangeKind::Manual)
        );
    }
    let current = admin.get_customer(customer.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((current.value.stage, current.version), (LifecycleStage::Loyal, Some(7)));

    let history =
        admin.list_customer_stage_history(customer.id, &PageQuery::default()).await.unwrap_or_else(|e| panic!("{e}"));
    let steps: Vec<_> = history.items.iter().map(|h| (h.from_stage, h.to_stage)).collect();
    assert_eq!(
        steps,
        vec![
            (Some(LifecycleStage::Active), LifecycleStage::Loyal),
            (Some(LifecycleStage::Churned), LifecycleStage::Active),
            (Some(LifecycleStage::AtRisk), LifecycleStage::Churned),
            (Some(LifecycleStage::Active), LifecycleStage::AtRisk),
            (Some(LifecycleStage::New), LifecycleStage::Active),
            (Some(LifecycleStage::Prospect), LifecycleStage::New),
            (None, LifecycleStage::Prospect),
        ]
    );
    let first = admin
        .list_customer_stage_history(customer.id, &PageQuery { limit: Some(4), cursor: None })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let second = admin
        .list_customer_stage_history(customer.id, &PageQuery { limit: Some(4), cursor: first.next_cursor.clone() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((first.items.len(), second.items.len(), second.next_cursor), (4, 3, None));
    app.assert_invariants().await;
}

pub async fn timeline_merges_and_pages(app: TestApp) {
    let admin = app.admin().await;
    let customer =
        admin.create_customer(&CreateCustomer::named("Timeline"), None).await.unwrap_or_else(|e| panic!("{e}"));
    let now = chrono::Utc::now();
    for days_ago in [30, 10, 20, 1] {
        let input = CreateInteraction {
            channel: Channel::Wechat,
            direction: Direction::Inbound,
            subject: Some(format!("{days_ago} 天前的微信咨询")),
            body: Some("客户询问物流进度".into()),
            occurred_at: Some(now - chrono::Duration::days(days_ago)),
        };
        admin.create_customer_interaction(customer.id, &input).await.unwrap_or_else(|e| panic!("{e}"));
    }
    admin
        .change_customer_stage(customer.id, &move_to(LifecycleStage::New, "首单"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let empty = CreateInteraction {
        channel: Channel::Email,
        direction: Direction::Outbound,
        subject: Some(" ".into()),
        body: None,
        occurred_at: None,
    };
    assert_problem!(admin.create_customer_interaction(customer.id, &empty).await, 422, codes::VALIDATION_FAILED);
    let future =
        CreateInteraction { subject: Some("x".into()), occurred_at: Some(now + chrono::Duration::days(3)), ..empty };
    assert_problem!(admin.create_customer_interaction(customer.id, &future).await, 422, codes::VALIDATION_FAILED);

    // 4 interactions + creation + one stage change = 6 entries, newest first.
    let mut entries = Vec::new();
    let mut cursor = None;
    loop {
        let page = admin
            .get_customer_timeline(customer.id, &PageQuery { limit: Some(4), cursor })
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        entries.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let kinds: Vec<_> = entries.iter().map(|e| e.kind).collect();
    use TimelineKind::{Interaction as I, StageChange as S};
    assert_eq!(kinds, vec![S, S, I, I, I, I]);
    assert!(entries.windows(2).all(|pair| pair[0].at >= pair[1].at));
    assert_eq!(entries[2].interaction.as_ref().and_then(|i| i.subject.clone()).as_deref(), Some("1 天前的微信咨询"));
    let interactions = admin
        .list_customer_interactions(customer.id, &PageQuery { limit: Some(3), cursor: None })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(interactions.items.len(), 3);
    assert!(interactions.next_cursor.is_some());
    app.assert_invariants().await;
}

on_both_databases!(stage_graph_is_enforced_with_history, timeline_merges_and_pages,);
