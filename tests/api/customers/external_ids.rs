//! Customers named by the id another system gives them: unique per source,
//! looked up, and accepted instead of Kehu's id where orders, tickets and
//! interactions name a customer.

use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn shop(external_id: &str) -> ExternalCustomerRef {
    ExternalCustomerRef { source: "shop".into(), external_id: external_id.into() }
}

fn order_for(customer: ExternalCustomerRef, number: &str) -> CreateOrder {
    CreateOrder {
        customer_id: None,
        customer: Some(customer),
        number: number.into(),
        source: Some("shop".into()),
        items: vec![OrderItemInput::sku("TEA", 1)],
        currency: "CNY".into(),
        status: None,
        channel: None,
        ordered_at: None,
    }
}

pub async fn external_ids_are_unique_per_source_and_name_customers_in_writes(app: TestApp) {
    let admin = app.admin().await;
    must(admin.create_product(&ProductInput::new("TEA", "龙井", 2_000, "CNY")).await);
    let with_id = |name: &str, source: &str, id: &str| CreateCustomer {
        external_source: Some(source.into()),
        external_id: Some(id.into()),
        ..CreateCustomer::named(name)
    };
    let li = must(admin.create_customer(&with_id("李明华", " shop ", " C-1001 "), None).await);
    assert_eq!((li.external_source.as_deref(), li.external_id.as_deref()), (Some("shop"), Some("C-1001")));
    // The same id in another system is another customer; in the same one, a conflict.
    must(admin.create_customer(&with_id("ERP 客户", "erp", "C-1001"), None).await);
    assert_problem!(
        admin.create_customer(&with_id("重复", "shop", "C-1001"), None).await,
        409,
        codes::EXTERNAL_ID_TAKEN
    );
    let half = CreateCustomer { external_id: Some("C-9".into()), ..CreateCustomer::named("半个") };
    let error = assert_problem!(admin.create_customer(&half, None).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(error.problem().map(|p| p.errors[0].field.clone()).as_deref(), Some("external_source"));

    let found = must(admin.get_customer_by_external_id(&shop("C-1001")).await);
    assert_eq!((found.value.id, found.version), (li.id, Some(li.version)));
    assert_problem!(admin.get_customer_by_external_id(&shop("C-404")).await, 404, codes::NOT_FOUND);

    // An order and a ticket name the customer as the shop knows them.
    let order = must(admin.create_order(&order_for(shop("C-1001"), "S-1")).await);
    assert_eq!(order.customer_id, li.id);
    let ticket = CreateTicket {
        customer_id: None,
        customer: Some(shop("C-1001")),
        ..CreateTicket::new(li.id, TicketType::Inquiry, "发票")
    };
    assert_eq!(must(admin.create_ticket(&ticket, None).await).customer_id, li.id);
    let unknown =
        assert_problem!(admin.create_order(&order_for(shop("C-404"), "S-2")).await, 422, codes::VALIDATION_FAILED);
    let reported = unknown.problem().map(|p| (p.errors[0].field.clone(), p.errors[0].code.clone()));
    assert_eq!(reported, Some(("customer".to_owned(), field_codes::UNKNOWN_REFERENCE.to_owned())));
    let both = CreateOrder { customer_id: Some(li.id), ..order_for(shop("C-1001"), "S-3") };
    assert_problem!(admin.create_order(&both).await, 422, codes::VALIDATION_FAILED);
    let neither = CreateOrder { customer: None, ..order_for(shop("C-1001"), "S-4") };
    assert_problem!(admin.create_order(&neither).await, 422, codes::VALIDATION_FAILED);

    // An agent of another team neither finds nor names a customer they cannot see.
    let (agent, _) = app.user(Role::Agent, None).await;
    let team = must(admin.create_team(&CreateTeam::named("华东")).await);
    let (_, owner) = app.user(Role::Agent, Some(team.id)).await;
    let hidden =
        CreateCustomer { owner_id: Some(owner.id), team_id: Some(team.id), ..with_id("隐藏", "shop", "C-2002") };
    must(admin.create_customer(&hidden, None).await);
    assert_problem!(agent.get_customer_by_external_id(&shop("C-2002")).await, 404, codes::NOT_FOUND);
    assert_problem!(agent.create_order(&order_for(shop("C-2002"), "S-5")).await, 422, codes::VALIDATION_FAILED);

    // Clearing frees the id for another customer; a trashed customer is not found.
    let cleared = UpdateCustomer { external_source: Some(None), external_id: Some(None), ..UpdateCustomer::default() };
    let version = must(admin.get_customer(li.id).await).value.version;
    let li = must(admin.update_customer(li.id, version, &cleared).await);
    assert_eq!(li.external_id, None);
    let wang = must(admin.create_customer(&with_id("王芳", "shop", "C-1001"), None).await);
    must(admin.delete_customer(wang.id, None).await);
    assert_problem!(admin.get_customer_by_external_id(&shop("C-1001")).await, 404, codes::NOT_FOUND);
    app.assert_invariants().await;
}

/// The problem a write gets for the customer it names: status, code, and
/// each field error (field, code, message), so two answers can be compared whole.
fn refusal<T: std::fmt::Debug>(
    result: Result<T, kehu_tests::kehu_client::Error>,
) -> (u16, String, Vec<(String, String, String)>) {
    let error = match result {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err(error) => error,
    };
    let problem = error.problem().unwrap_or_else(|| panic!("a problem body: {error}"));
    let fields = problem.errors.iter().map(|e| (e.field.clone(), e.code.clone(), e.message.clone())).collect();
    (error.status().unwrap_or_default(), problem.code.clone(), fields)
}

pub async fn every_write_names_customers_alike_and_hidden_is_unknown(app: TestApp) {
    let admin = app.admin().await;
    must(admin.create_product(&ProductInput::new("TEA", "龙井", 2_000, "CNY")).await);
    let team = must(admin.create_team(&CreateTeam::named("华南")).await);
    let (_, owner) = app.user(Role::Agent, Some(team.id)).await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let visible = CreateCustomer {
        external_source: Some("shop".into()),
        external_id: Some("C-1".into()),
        ..CreateCustomer::named("可见")
    };
    let visible = must(admin.create_customer(&visible, None).await);
    let hidden = CreateCustomer {
        owner_id: Some(owner.id),
        team_id: Some(team.id),
        external_source: Some("shop".into()),
        external_id: Some("C-2".into()),
        ..CreateCustomer::named("隐藏")
    };
    let hidden = must(admin.create_customer(&hidden, None).await);
    let nobody = uuid::Uuid::now_v7();

    // Each write, naming a customer by Kehu's id or by the shop's.
    let interaction = |customer_id: Option<uuid::Uuid>, customer: Option<ExternalCustomerRef>| RecordInteraction {
        customer_id,
        customer,
        channel: Channel::Phone,
        direction: Direction::Inbound,
        subject: Some("来电".into()),
        body: None,
        occurred_at: None,
    };
    let task = |customer_id: Option<uuid::Uuid>, customer: Option<ExternalCustomerRef>| CreateTask {
        kind: TaskKind::Call,
        title: "回访".into(),
        notes: None,
        due_at: chrono::Utc::now() + chrono::Duration::days(1),
        assignee_id: None,
        customer_id,
        customer,
        ticket_id: None,
    };
    let ticket = |customer_id: Option<uuid::Uuid>, customer: Option<ExternalCustomerRef>| CreateTicket {
        customer_id,
        customer,
        ..CreateTicket::new(nobody, TicketType::Inquiry, "咨询")
    };
    let order = |customer_id: Option<uuid::Uuid>, customer: Option<ExternalCustomerRef>, number: &str| CreateOrder {
        customer_id,
        ..order_for(customer.unwrap_or_else(|| shop("unused")), number)
    };
    let order_by_id = |id: uuid::Uuid, number: &str| CreateOrder { customer: None, ..order(Some(id), None, number) };

    // The agent names the visible customer both ways in every write.
    assert_eq!(must(agent.record_interaction(&interaction(None, Some(shop("C-1")))).await).customer_id, visible.id);
    assert_eq!(must(agent.create_task(&task(None, Some(shop("C-1")))).await).customer_id, Some(visible.id));
    assert_eq!(must(agent.create_ticket(&ticket(None, Some(shop("C-1"))), None).await).customer_id, visible.id);
    assert_eq!(must(agent.create_order(&order(None, Some(shop("C-1")), "S-1")).await).customer_id, visible.id);
    assert_eq!(must(agent.create_task(&task(Some(visible.id), None)).await).customer_id, Some(visible.id));

    // A hidden customer and one that does not exist get the very same answer.
    let by_id = [
        (
            refusal(agent.record_interaction(&interaction(Some(hidden.id), None)).await),
            refusal(agent.record_interaction(&interaction(Some(nobody), None)).await),
        ),
        (
            refusal(agent.create_task(&task(Some(hidden.id), None)).await),
            refusal(agent.create_task(&task(Some(nobody), None)).await),
        ),
        (
            refusal(agent.create_ticket(&ticket(Some(hidden.id), None), None).await),
            refusal(agent.create_ticket(&ticket(Some(nobody), None), None).await),
        ),
        (
            refusal(agent.create_order(&order_by_id(hidden.id, "S-2")).await),
            refusal(agent.create_order(&order_by_id(nobody, "S-3")).await),
        ),
    ];
    for (hidden_answer, unknown_answer) in &by_id {
        assert_eq!(hidden_answer, unknown_answer);
        assert_eq!(hidden_answer.0, 422);
        assert_eq!(hidden_answer.2[0].0, "customer_id");
        assert_eq!(hidden_answer.2[0].1, field_codes::UNKNOWN_REFERENCE);
    }
    let by_ref = [
        (
            refusal(agent.record_interaction(&interaction(None, Some(shop("C-2")))).await),
            refusal(agent.record_interaction(&interaction(None, Some(shop("C-404")))).await),
        ),
        (
            refusal(agent.create_task(&task(None, Some(shop("C-2")))).await),
            refusal(agent.create_task(&task(None, Some(shop("C-404")))).await),
        ),
        (
            refusal(agent.create_ticket(&ticket(None, Some(shop("C-2"))), None).await),
            refusal(agent.create_ticket(&ticket(None, Some(shop("C-404"))), None).await),
        ),
        (
            refusal(agent.create_order(&order(None, Some(shop("C-2")), "S-4")).await),
            refusal(agent.create_order(&order(None, Some(shop("C-404")), "S-5")).await),
        ),
    ];
    for (hidden_answer, unknown_answer) in &by_ref {
        assert_eq!(hidden_answer, unknown_answer);
        assert_eq!(hidden_answer.2[0].0, "customer");
    }
    app.assert_invariants().await;
}

pub async fn racing_writes_for_one_external_id_are_told_it_is_taken(app: TestApp) {
    let admin = app.admin().await;
    for round in 0..3 {
        let id = format!("RACE-{round}");
        let input = CreateCustomer {
            external_source: Some("shop".into()),
            external_id: Some(id.clone()),
            ..CreateCustomer::named("抢注")
        };
        let answers = futures_util::future::join_all((0..4).map(|_| admin.create_customer(&input, None))).await;
        let (won, lost): (Vec<_>, Vec<_>) = answers.into_iter().partition(Result::is_ok);
        assert_eq!(won.len(), 1, "one of four wins round {round}");
        for error in lost.iter().filter_map(|answer| answer.as_ref().err()) {
            assert_eq!((error.status(), error.code()), (Some(409), Some(codes::EXTERNAL_ID_TAKEN)), "{error}");
        }
    }
    app.assert_invariants().await;
}

on_both_databases!(
    external_ids_are_unique_per_source_and_name_customers_in_writes,
    every_write_names_customers_alike_and_hidden_is_unknown,
    racing_writes_for_one_external_id_are_told_it_is_taken,
);
