//! Customers named by the id another system gives them: unique per source,
//! looked up, and accepted instead of Kehu's id where orders, tickets and
//! interactions name a customer.

use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must};

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
