//! The customer list: pages that cover every customer in every order,
//! search in Chinese and English and by a caller's digits, and filters.

use std::collections::HashSet;

use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, on_both_databases};

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

on_both_databases!(
    pages_cover_every_customer_once_in_every_order,
    cjk_and_phone_search,
    a_callers_digits_find_their_customer,
    the_digit_keys_migration_keys_existing_customers,
    filters_combine,
);
