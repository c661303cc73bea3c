use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, on_both_databases, the_one_winner};
use serde_json::json;

pub async fn create_normalises_and_reads_back(app: TestApp) {
    let admin = app.admin().await;
    let mut custom = CustomFields::new();
    custom.insert("会员卡号".into(), json!("VIP-0001"));
    let input = CreateCustomer {
        kind: CustomerKind::Company,
        company_name: Some("  深圳星辰电子  ".into()),
        emails: vec!["Sales@XingChen.CN".into(), "sales@xingchen.cn".into()],
        phones: vec!["１３８ ０００１ ２３４５".into(), "010-12345678".into()],
        address: Some(Address { city: Some("深圳".into()), country: Some("cn".into()), ..Address::default() }),
        region: Some("华南".into()),
        birthday: None,
        source: Some(AcquisitionSource::Referral),
        tags: vec!["VIP".into(), "ＶＩＰ".into(), "B2B".into()],
        custom,
        marketing_consent: Some(ConsentInput { email: Some(true), ..ConsentInput::default() }),
        ..CreateCustomer::named("深圳星辰电子")
    };
    let created = admin.create_customer(&input, None).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(created.stage, LifecycleStage::Prospect);
    assert_eq!(created.version, 1);
    assert_eq!(created.emails, vec!["sales@xingchen.cn"]);
    assert_eq!(created.phones, vec!["+8613800012345", "+861012345678"]);
    assert_eq!(created.tags, vec!["VIP", "B2B"]);
    assert_eq!(created.company_name.as_deref(), Some("深圳星辰电子"));
    assert_eq!(created.address.as_ref().and_then(|a| a.country.as_deref()), Some("CN"));
    assert!(created.marketing_consent.email.granted && created.marketing_consent.email.updated_at.is_some());
    assert!(!created.marketing_consent.sms.granted && created.marketing_consent.sms.updated_at.is_none());
    let read = admin.get_customer(created.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.version, Some(1));
    assert_eq!(read.value, created);

    let given_stage = admin
        .create_customer(
            &CreateCustomer { stage: Some(LifecycleStage::Active), ..CreateCustomer::named("Alice") },
            None,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(given_stage.stage, LifecycleStage::Active);
}

pub async fn validation_errors_name_every_field(app: TestApp) {
    let admin = app.admin().await;
    let input = CreateCustomer {
        emails: vec!["ok@example.com".into(), "broken@".into()],
        phones: vec!["12345".into()],
        birthday: chrono::NaiveDate::from_ymd_opt(2999, 1, 1),
        tags: vec!["  ".into()],
        owner_id: Some(uuid::Uuid::now_v7()),
        ..CreateCustomer::named("   ")
    };
    let error = assert_problem!(admin.create_customer(&input, None).await, 422, codes::VALIDATION_FAILED);
    let problem = error.problem().cloned().unwrap_or_else(|| panic!("no problem body"));
    let fields: Vec<(&str, &str)> = problem.errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(
        fields,
        vec![
            ("name", field_codes::REQUIRED),
            ("emails[1]", field_codes::INVALID_EMAIL),
            ("phones[0]", field_codes::INVALID_PHONE),
            ("birthday", field_codes::OUT_OF_RANGE),
            ("tags[0]", field_codes::REQUIRED),
        ]
    );
    assert!(problem.request_id.is_some());
    // References are checked once the fields are valid.
    let unknown_owner = CreateCustomer { owner_id: Some(uuid::Uuid::now_v7()), ..CreateCustomer::named("Bob") };
    let error = assert_problem!(admin.create_customer(&unknown_owner, None).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(error.problem().map(|p| p.errors[0].field.clone()), Some("owner_id".into()));
    let page = admin.list_customers(&CustomerQuery::default()).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(page.items.is_empty(), "nothing was half-written");
}

pub async fn malformed_bodies_and_queries_are_4xx(app: TestApp) {
    let admin = app.admin().await;
    let token = admin.tokens().map(|t| t.access_token).unwrap_or_default();
    let http = reqwest::Client::new();
    let url = format!("{}/api/v1/customers", app.base());
    let send =
        |body: String| http.post(&url).bearer_auth(&token).header("content-type", "application/json").body(body).send();
    let status_and_code = |response: reqwest::Response| async move {
        let status = response.status().as_u16();
        let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let body: serde_json::Value = response.json().await.unwrap_or_default();
        assert_eq!(kind, "application/problem+json");
        (status, body["code"].as_str().unwrap_or_default().to_owned())
    };
    let cases = [
        (json!({"name": "nul\0byte"}).to_string(), 422, codes::VALIDATION_FAILED),
        (json!({"name": "x", "custom": {"k": ["\0"]}}).to_string(), 422, codes::VALIDATION_FAILED),
        ("{not json".to_owned(), 400, codes::INVALID_BODY),
        (json!({"name": "x", "stage_typo": 1}).to_string(), 422, codes::INVALID_BODY),
        (json!({"name": 5}).to_string(), 422, codes::INVALID_BODY),
        (json!({"name": "x", "stage": "vip"}).to_string(), 422, codes::INVALID_BODY),
        (json!({"name": "x".repeat(2 * 1024 * 1024)}).to_string(), 413, codes::PAYLOAD_TOO_LARGE),
    ];
    for (body, status, code) in cases {
        let response = send(body).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status_and_code(response).await, (status, code.to_owned()));
    }
    for query in
        ["limit=0", "limit=201", "limit=abc", "cursor=garbage", "stage=vip", "sort=size", "created_from=yesterday"]
    {
        let response =
            http.get(format!("{url}?{query}")).bearer_auth(&token).send().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status_and_code(response).await, (400, codes::INVALID_QUERY.to_owned()), "{query}");
    }
    let response =
        http.get(format!("{url}/not-a-uuid")).bearer_auth(&token).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status_and_code(response).await, (404, codes::NOT_FOUND.to_owned()));
    let response = http.put(&url).bearer_auth(&token).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status_and_code(response).await, (405, codes::METHOD_NOT_ALLOWED.to_owned()));
    let response =
        http.get(format!("{}/api/v1/nothing-here", app.base())).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status_and_code(response).await, (404, codes::NOT_FOUND.to_owned()));
}

pub async fn updates_need_the_current_version(app: TestApp) {
    let admin = app.admin().await;
    let created = admin.create_customer(&CreateCustomer::named("王伟"), None).await.unwrap_or_else(|e| panic!("{e}"));
    let patch =
        UpdateCustomer {
            region: Some(Some("华北".into())), tags: Some(vec!["重点客户".into()]), ..Default::default()
        };
    let updated = admin.update_customer(created.id, 1, &patch).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((updated.version, updated.region.as_deref()), (2, Some("华北")));
    // Someone else still holds version 1.
    let stale = UpdateCustomer { name: Some("王伟伟".into()), ..Default::default() };
    assert_problem!(admin.update_customer(created.id, 1, &stale).await, 412, codes::VERSION_MISMATCH);
    assert_eq!(admin.get_customer(created.id).await.unwrap_or_else(|e| panic!("{e}")).value.name, "王伟");
    // null clears; absent keeps.
    let cleared = admin
        .update_customer(created.id, 2, &UpdateCustomer { region: Some(None), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((cleared.region, cleared.tags), (None, vec!["重点客户".to_owned()]));

    let token = admin.tokens().map(|t| t.access_token).unwrap_or_default();
    let response = reqwest::Client::new()
        .patch(format!("{}/api/v1/customers/{}", app.base(), created.id))
        .bearer_auth(token)
        .json(&json!({"name": "no if-match"}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 428);
}

/// Several clients sending the same version at once: one change wins, the
/// others are told someone changed it first, and none is lost silently.
pub async fn simultaneous_updates_of_one_version_let_one_win(app: TestApp) {
    let admin = app.admin().await;
    let created =
        admin.create_customer(&CreateCustomer::named("并发更新"), None).await.unwrap_or_else(|e| panic!("{e}"));
    let answers = futures_util::future::join_all((0..8).map(|n| {
        let admin = admin.clone();
        async move {
            let patch = UpdateCustomer { phones: Some(vec![format!("1390000000{n}")]), ..Default::default() };
            admin.update_customer(created.id, 1, &patch).await
        }
    }))
    .await;
    let won = the_one_winner(answers);
    let stored = admin.get_customer(created.id).await.unwrap_or_else(|e| panic!("{e}")).value;
    assert_eq!((stored.version, &stored.phones), (2, &won.phones));
}

pub async fn idempotent_create_creates_once(app: TestApp) {
    let admin = app.admin().await;
    let input = CreateCustomer::named("Idem Potent");
    let first = admin.create_customer(&input, Some("order-sync-42")).await.unwrap_or_else(|e| panic!("{e}"));
    let retry = admin.create_customer(&input, Some("order-sync-42")).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first, retry);
    let page = admin
        .list_customers(&CustomerQuery { q: Some("idem".into()), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.items.len(), 1);
    assert_problem!(
        admin.create_customer(&CreateCustomer::named("Other"), Some("order-sync-42")).await,
        422,
        codes::IDEMPOTENCY_KEY_REUSED
    );
    // Keys belong to their user: another user's same key is a new request.
    let (manager, _) = app.user(Role::Manager, None).await;
    let theirs = manager.create_customer(&input, Some("order-sync-42")).await.unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(theirs.id, first.id);
}

/// Searches of seven digits or more go through the digit keys: they find a
/// number anywhere in a phone or an email, follow every change to it, and
/// find exactly what a search of the text would.
/// Customers saved before the digit keys existed get theirs from the
/// migration that adds them, on either database.
pub async fn trash_and_restore(app: TestApp) {
    let admin = app.admin().await;
    let created = admin.create_customer(&CreateCustomer::named("回收站"), None).await.unwrap_or_else(|e| panic!("{e}"));
    assert_problem!(admin.delete_customer(created.id, Some(7)).await, 412, codes::VERSION_MISMATCH);
    admin.delete_customer(created.id, Some(1)).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(admin.list_customers(&CustomerQuery::default()).await.unwrap_or_else(|e| panic!("{e}")).items.is_empty());
    let trash = admin
        .list_customers(&CustomerQuery { deleted: Some(true), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trash.items.len(), 1);
    assert!(trash.items[0].deleted_at.is_some());
    assert_problem!(admin.update_customer(created.id, 2, &UpdateCustomer::default()).await, 404, codes::NOT_FOUND);
    let restored = admin.restore_customer(created.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((restored.deleted_at, restored.version), (None, 3));
    assert_eq!(admin.list_customers(&CustomerQuery::default()).await.unwrap_or_else(|e| panic!("{e}")).items.len(), 1);
}

on_both_databases!(
    create_normalises_and_reads_back,
    validation_errors_name_every_field,
    malformed_bodies_and_queries_are_4xx,
    updates_need_the_current_version,
    simultaneous_updates_of_one_version_let_one_win,
    idempotent_create_creates_once,
    trash_and_restore,
);
