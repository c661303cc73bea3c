use std::collections::HashSet;

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

pub async fn pages_cover_every_customer_once_in_every_order(app: TestApp) {
    let admin = app.admin().await;
    let mut expected = HashSet::new();
    for index in 0..23 {
        // Repeated names make the id tiebreak matter.
        let name = format!("客户{:02}", index % 5);
        expected.insert(
            admin.create_customer(&CreateCustomer::named(name), None).await.unwrap_or_else(|e| panic!("{e}")).id,
        );
    }
    for sort in [
        CustomerSort::CreatedAt,
        CustomerSort::CreatedAtDesc,
        CustomerSort::Name,
        CustomerSort::NameDesc,
        CustomerSort::UpdatedAtDesc,
    ] {
        let mut seen = Vec::new();
        let mut cursor = None;
        let mut previous_name: Option<String> = None;
        loop {
            let query =
                CustomerQuery { sort: Some(sort), limit: Some(7), cursor: cursor.clone(), ..Default::default() };
            let page = admin.list_customers(&query).await.unwrap_or_else(|e| panic!("{e}"));
            assert!(page.items.len() <= 7);
            for item in &page.items {
                if let (CustomerSort::Name, Some(previous)) = (sort, &previous_name) {
                    assert!(previous <= &item.name, "{previous} then {}", item.name);
                }
                previous_name = Some(item.name.clone());
                seen.push(item.id);
            }
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(seen.len(), 23, "{sort:?}: no duplicates or gaps");
        assert_eq!(seen.iter().copied().collect::<HashSet<_>>(), expected, "{sort:?}");
    }
}

pub async fn cjk_and_phone_search(app: TestApp) {
    let admin = app.admin().await;
    let li = CreateCustomer {
        phones: vec!["13812345678".into()],
        emails: vec!["minghua.li@example.com".into()],
        ..CreateCustomer::named("李明华")
    };
    let li = admin.create_customer(&li, None).await.unwrap_or_else(|e| panic!("{e}"));
    let company =
        CreateCustomer { company_name: Some("华为技术有限公司".into()), ..CreateCustomer::named("Zhang Wei") };
    let company = admin.create_customer(&company, None).await.unwrap_or_else(|e| panic!("{e}"));
    admin.create_customer(&CreateCustomer::named("50% Off Store"), None).await.unwrap_or_else(|e| panic!("{e}"));
    admin.create_customer(&CreateCustomer::named("Plain Name"), None).await.unwrap_or_else(|e| panic!("{e}"));
    admin.create_customer(&CreateCustomer::named("O'Brien \"Bob\""), None).await.unwrap_or_else(|e| panic!("{e}"));

    let search = |q: &str| {
        let admin = admin.clone();
        let q = q.to_owned();
        async move {
            let page = admin
                .list_customers(&CustomerQuery { q: Some(q.clone()), ..Default::default() })
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            page.items.into_iter().map(|c| c.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(search("明华").await, vec!["李明华"]);
    assert_eq!(search("138 1234").await, vec!["李明华"]);
    assert_eq!(search("+86 138-1234-5678").await, vec!["李明华"]);
    assert_eq!(search("MINGHUA.LI").await, vec!["李明华"]);
    assert_eq!(search("华为").await, vec!["Zhang Wei"]);
    assert_eq!(search("zhang").await, vec!["Zhang Wei"]);
    assert_eq!(search("50%").await, vec!["50% Off Store"]);
    assert_eq!(search("_").await, Vec::<String>::new());
    assert_eq!(search("不存在").await, Vec::<String>::new());
    assert_eq!(search("华").await.len(), 2);
    // Quotes and the index's own query syntax are searched as typed.
    assert_eq!(search("\"bob\"").await, vec!["O'Brien \"Bob\""]);
    assert_eq!(search("'brien").await, vec!["O'Brien \"Bob\""]);
    assert_eq!(search("bob* OR NEAR(a b)").await, Vec::<String>::new());
    assert_eq!(search("李明华 ").await, vec!["李明华"]);
    // Renaming updates what search finds.
    admin
        .update_customer(company.id, 1, &UpdateCustomer { company_name: Some(None), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(search("华为").await, Vec::<String>::new());
    let _ = li;
}

/// Searches of seven digits or more go through the digit keys: they find a
/// number anywhere in a phone or an email, follow every change to it, and
/// find exactly what a search of the text would.
pub async fn a_callers_digits_find_their_customer(app: TestApp) {
    let admin = app.admin().await;
    let caller = CreateCustomer { phones: vec!["+86 138-1234-5678".into()], ..CreateCustomer::named("王芳") };
    let caller = admin.create_customer(&caller, None).await.unwrap_or_else(|e| panic!("{e}"));
    let emailer = CreateCustomer { emails: vec!["20231234567@qq.com".into()], ..CreateCustomer::named("Li Na") };
    admin.create_customer(&emailer, None).await.unwrap_or_else(|e| panic!("{e}"));
    let landline = CreateCustomer { phones: vec!["021-6888 0000".into()], ..CreateCustomer::named("上海门店") };
    admin.create_customer(&landline, None).await.unwrap_or_else(|e| panic!("{e}"));

    let search = |q: &str, deleted: Option<bool>| {
        let admin = admin.clone();
        let q = q.to_owned();
        async move {
            let query = CustomerQuery { q: Some(q.clone()), deleted, ..Default::default() };
            let page = admin.list_customers(&query).await.unwrap_or_else(|e| panic!("{e}"));
            let mut names = page.items.into_iter().map(|c| c.name).collect::<Vec<_>>();
            names.sort();
            names
        }
    };
    // With and without country code, whole, its end, or its middle.
    for number in ["8613812345678", "13812345678", "138 1234 5678", "12345678", "3812345"] {
        assert_eq!(search(number, None).await, vec!["王芳"], "{number}");
    }
    // Seven digits inside the email's number as well.
    assert_eq!(search("1234567", None).await, vec!["Li Na", "王芳"]);
    // A landline is kept with country code (+86 21 6888 0000).
    assert_eq!(search("21 6888 0000", None).await, vec!["上海门店"]);
    assert_eq!(search("13812345679", None).await, Vec::<String>::new());
    assert_eq!(search(&"1".repeat(40), None).await, Vec::<String>::new());

    // A new number replaces the old one in search.
    let changed = UpdateCustomer { phones: Some(vec!["13900001111".into()]), ..Default::default() };
    admin.update_customer(caller.id, 1, &changed).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(search("13812345678", None).await, Vec::<String>::new());
    assert_eq!(search("139 0000 1111", None).await, vec!["王芳"]);
    // Changing something else keeps the number found.
    let renamed = UpdateCustomer { name: Some("王芳芳".into()), ..Default::default() };
    admin.update_customer(caller.id, 2, &renamed).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(search("13900001111", None).await, vec!["王芳芳"]);

    // A customer in the trash is found there, and only there.
    admin.delete_customer(caller.id, Some(3)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(search("13900001111", None).await, Vec::<String>::new());
    assert_eq!(search("13900001111", Some(true)).await, vec!["王芳芳"]);
}

/// Customers saved before the digit keys existed get theirs from the
/// migration that adds them, on either database.
pub async fn the_digit_keys_migration_keys_existing_customers(app: TestApp) {
    use kehu_store::migration::Migrator;
    use sea_orm_migration::MigratorTrait;

    let admin = app.admin().await;
    let caller = CreateCustomer { phones: vec!["+86 139 8765 4321".into()], ..CreateCustomer::named("赵磊") };
    admin.create_customer(&caller, None).await.unwrap_or_else(|e| panic!("{e}"));
    let conn = app.db().conn();
    let since_keys = Migrator::migrations().iter().rev().position(|m| m.name() == "m0017_customer_digit_keys");
    let steps = since_keys.unwrap_or_else(|| panic!("the digit keys' migration is listed")) as u32 + 1;
    Migrator::down(conn, Some(steps)).await.unwrap_or_else(|e| panic!("{e}"));
    Migrator::up(conn, None).await.unwrap_or_else(|e| panic!("{e}"));

    let query = CustomerQuery { q: Some("98765432".into()), ..Default::default() };
    let page = admin.list_customers(&query).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.items.into_iter().map(|c| c.name).collect::<Vec<_>>(), vec!["赵磊"]);
}

pub async fn filters_combine(app: TestApp) {
    let admin = app.admin().await;
    let team = admin.create_team(&CreateTeam::named("T")).await.unwrap_or_else(|e| panic!("{e}"));
    let me = admin.get_me().await.unwrap_or_else(|e| panic!("{e}"));
    let specs = [
        ("A", Some(LifecycleStage::Active), Some("华东"), vec!["VIP"], Some(AcquisitionSource::Event), true),
        ("B", Some(LifecycleStage::Active), Some("华南"), vec!["VIP", "B2B"], Some(AcquisitionSource::Referral), false),
        ("C", None, Some("华东"), vec![], Some(AcquisitionSource::Event), false),
    ];
    for (name, stage, region, tags, source, mine) in specs {
        let input = CreateCustomer {
            stage,
            region: region.map(Into::into),
            tags: tags.into_iter().map(Into::into).collect(),
            source,
            owner_id: mine.then_some(me.id),
            team_id: mine.then_some(team.id),
            ..CreateCustomer::named(name)
        };
        admin.create_customer(&input, None).await.unwrap_or_else(|e| panic!("{e}"));
    }
    let names = |query: CustomerQuery| {
        let admin = admin.clone();
        async move {
            let page = admin
                .list_customers(&CustomerQuery { sort: Some(CustomerSort::Name), ..query })
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            page.items.into_iter().map(|c| c.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        names(CustomerQuery { stage: Some(LifecycleStage::Active), ..Default::default() }).await,
        vec!["A", "B"]
    );
    assert_eq!(
        names(CustomerQuery { tag: Some("VIP".into()), region: Some("华东".into()), ..Default::default() }).await,
        vec!["A"]
    );
    assert_eq!(names(CustomerQuery { tag: Some("B2B".into()), ..Default::default() }).await, vec!["B"]);
    assert_eq!(
        names(CustomerQuery { source: Some(AcquisitionSource::Event), ..Default::default() }).await,
        vec!["A", "C"]
    );
    assert_eq!(names(CustomerQuery { owner_id: Some(me.id), ..Default::default() }).await, vec!["A"]);
    assert_eq!(names(CustomerQuery { team_id: Some(team.id), ..Default::default() }).await, vec!["A"]);
    let future = chrono::Utc::now() + chrono::Duration::hours(1);
    assert_eq!(names(CustomerQuery { created_from: Some(future), ..Default::default() }).await, Vec::<String>::new());
    assert_eq!(names(CustomerQuery { created_to: Some(future), ..Default::default() }).await.len(), 3);
}

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
    pages_cover_every_customer_once_in_every_order,
    cjk_and_phone_search,
    a_callers_digits_find_their_customer,
    the_digit_keys_migration_keys_existing_customers,
    filters_combine,
    trash_and_restore,
);
