//! Money in every currency's own minor units: a dinar keeps its three
//! decimals from the price to the order, the customer's value and their
//! points; compensation is totalled per currency; and a code outside
//! ISO 4217 (`RMB`) is refused wherever a currency is written.

use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn order(customer_id: uuid::Uuid, number: &str, currency: &str, items: Vec<OrderItemInput>) -> CreateOrder {
    CreateOrder {
        customer_id: Some(customer_id),
        customer: None,
        number: number.into(),
        source: Some("shop".into()),
        items,
        currency: currency.into(),
        status: None,
        channel: None,
        ordered_at: None,
    }
}

/// The field, code and message of each error a problem reports.
fn reported(error: &kehu_tests::kehu_client::Error) -> Vec<(String, String, String)> {
    let errors = error.problem().map(|p| p.errors.clone()).unwrap_or_default();
    errors.into_iter().map(|e| (e.field, e.code, e.message)).collect()
}

fn compensation(kind: CompensationKind, amount: i64, currency: &str) -> CreateCompensation {
    CreateCompensation { kind, amount, currency: Some(currency.into()), reason: "灯罩破损".into() }
}

pub async fn a_dinar_keeps_its_three_decimals_from_order_to_value(app: TestApp) {
    let admin = app.admin().await;
    // 1.250 dinar a lamp, costing 0.500: fils, not hundredths.
    let lamp = ProductInput { unit_cost: Some(500), ..ProductInput::new("LAMP-KW", "台灯", 1_250, "kwd") };
    let lamp = must(admin.create_product(&lamp).await);
    assert_eq!((lamp.list_price, lamp.currency.as_str()), (1_250, "KWD"));
    must(admin.create_product(&ProductInput::new("TEA-JP", "抹茶", 500, "JPY")).await);
    let buyer = must(admin.create_customer(&CreateCustomer::named("Fahad Al-Sabah"), None).await);

    let first =
        must(admin.create_order(&order(buyer.id, "KW-1", "KWD", vec![OrderItemInput::sku("LAMP-KW", 3)])).await);
    assert_eq!((first.total, first.currency.as_str(), first.items[0].unit_price), (3_750, "KWD", 1_250));
    // A line at its own price of five fils.
    let five_fils = OrderItemInput { unit_price: Some(5), ..OrderItemInput::sku("LAMP-KW", 1) };
    let second = must(admin.create_order(&order(buyer.id, "KW-2", "KWD", vec![five_fils])).await);
    assert_eq!(second.total, 5);
    let read = must(admin.get_order(first.id).await);
    assert_eq!((read.total, read.currency.as_str()), (3_750, "KWD"));

    let value = must(admin.get_customer_value(buyer.id).await);
    assert_eq!(value.currency.as_deref(), Some("KWD"));
    assert_eq!((value.order_count, value.total_spent, value.average_order_value), (2, 3_755, 1_877));
    assert_eq!((value.costed_revenue, value.gross_margin), (3_755, 3_755 - 4 * 500));
    // One point per whole dinar (rounded down): 3.750 + 0.005 earn 3, not 375.
    assert_eq!(must(admin.get_loyalty_account(buyer.id).await).balance, 3);

    // Yen do not join a dinar customer's orders: the reason names the currency.
    let yen = order(buyer.id, "JP-1", "JPY", vec![OrderItemInput::sku("TEA-JP", 1)]);
    let error = assert_problem!(admin.create_order(&yen).await, 422, codes::VALIDATION_FAILED);
    let errors = reported(&error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].0.as_str(), errors[0].1.as_str()), ("currency", field_codes::NOT_ALLOWED));
    assert!(errors[0].2.contains("KWD"), "{}", errors[0].2);
    // Nor is a yen price read as fils: a line without its own price must be in the order's currency.
    let mixed = order(buyer.id, "KW-3", "KWD", vec![OrderItemInput::sku("TEA-JP", 1)]);
    let error = assert_problem!(admin.create_order(&mixed).await, 422, codes::VALIDATION_FAILED);
    let errors = reported(&error);
    assert_eq!((errors[0].0.as_str(), errors[0].1.as_str()), ("items[0].sku", field_codes::NOT_ALLOWED));
    assert!(errors[0].2.contains("JPY"), "{}", errors[0].2);

    // Compensation in two currencies is totalled per currency, never added up.
    let ticket = must(admin.create_ticket(&CreateTicket::new(buyer.id, TicketType::Complaint, "灯罩破损"), None).await);
    must(admin.create_ticket_compensation(ticket.id, &compensation(CompensationKind::Refund, 250, "KWD")).await);
    must(admin.create_ticket_compensation(ticket.id, &compensation(CompensationKind::Coupon, 2_000, "CNY")).await);
    must(admin.create_ticket_compensation(ticket.id, &compensation(CompensationKind::Coupon, 100, "kwd")).await);
    let value = must(admin.get_customer_value(buyer.id).await);
    let totals: Vec<(&str, i64)> =
        value.compensation_by_currency.iter().map(|t| (t.currency.as_str(), t.amount)).collect();
    assert_eq!(totals, [("CNY", 2_000), ("KWD", 350)]);
    assert_eq!(value.compensation_given, 350, "in the customer's currency only");
    // The cost per ticket is in yuan (the business currency): it cannot be added to dinar.
    assert_eq!(value.cost_to_serve, 350);
    assert_eq!(value.profit, 3_755 - 4 * 500 - 350);
    app.assert_invariants().await;
}

pub async fn codes_outside_iso_4217_are_refused_wherever_a_currency_is_written(app: TestApp) {
    let admin = app.admin().await;
    let unknown = |error: &kehu_tests::kehu_client::Error, field: &str| {
        let errors = reported(error);
        assert!(
            errors.iter().any(|(f, code, _)| f == field && code == field_codes::UNKNOWN_CURRENCY),
            "{field} refused as unknown: {errors:?}"
        );
    };
    let error = assert_problem!(
        admin.create_product(&ProductInput::new("RMB-1", "人民币商品", 100, "RMB")).await,
        422,
        codes::VALIDATION_FAILED
    );
    unknown(&error, "currency");
    let sync = ProductBatch { items: vec![ProductInput::new("RMB-2", "同步商品", 100, "RMB")] };
    let error = assert_problem!(admin.sync_products(&sync).await, 422, codes::VALIDATION_FAILED);
    unknown(&error, "items[0].currency");
    let cup = must(admin.create_product(&ProductInput::new("CUP", "茶杯", 3_900, "CNY")).await);
    let patch = UpdateProduct { currency: Some("RMB".into()), ..Default::default() };
    let error = assert_problem!(admin.update_product(cup.id, Some(1), &patch).await, 422, codes::VALIDATION_FAILED);
    unknown(&error, "currency");

    let buyer = must(admin.create_customer(&CreateCustomer::named("张伟"), None).await);
    let rmb = order(
        buyer.id,
        "RMB-1",
        "RMB",
        vec![OrderItemInput { unit_price: Some(100), ..OrderItemInput::sku("CUP", 1) }],
    );
    let error = assert_problem!(admin.create_order(&rmb).await, 422, codes::VALIDATION_FAILED);
    unknown(&error, "currency");
    let batch = OrderBatch { items: vec![rmb] };
    let error = assert_problem!(admin.import_orders(&batch).await, 422, codes::VALIDATION_FAILED);
    unknown(&error, "items[0].currency");

    let ticket = must(admin.create_ticket(&CreateTicket::new(buyer.id, TicketType::Complaint, "破损"), None).await);
    let error = assert_problem!(
        admin.create_ticket_compensation(ticket.id, &compensation(CompensationKind::Refund, 100, "RMB")).await,
        422,
        codes::VALIDATION_FAILED
    );
    unknown(&error, "currency");

    let settings = ValueSettings { currency: "RMB".into(), ..ValueSettings::default() };
    let error = assert_problem!(admin.update_value_settings(None, &settings).await, 422, codes::VALIDATION_FAILED);
    unknown(&error, "currency");

    // Nothing of it was written.
    assert_eq!(must(admin.get_product(cup.id).await).value.currency, "CNY");
    let orders = must(admin.list_orders(&OrderQuery { customer_id: Some(buyer.id), ..Default::default() }).await);
    assert!(orders.items.is_empty());
    assert!(must(admin.list_ticket_compensations(ticket.id).await).items.is_empty());
    assert_eq!(must(admin.get_value_settings().await).value.currency, "CNY");
    app.assert_invariants().await;
}

on_both_databases!(
    a_dinar_keeps_its_three_decimals_from_order_to_value,
    codes_outside_iso_4217_are_refused_wherever_a_currency_is_written,
);
