//! Orders imported in bulk from a shop system: all or none, idempotent by
//! order number.

use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

use crate::value::{catalogue, order, reported};

pub async fn bulk_import_is_all_or_nothing_and_idempotent(app: TestApp) {
    let admin = app.admin().await;
    catalogue(&admin).await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let first = must(agent.create_customer(&CreateCustomer::named("批量一"), None).await);
    let second = must(agent.create_customer(&CreateCustomer::named("批量二"), None).await);
    let batch = OrderBatch {
        items: vec![order(first.id, "B-1", 1, 30), order(first.id, "B-2", 2, 20), order(second.id, "B-3", 3, 10)],
    };
    let result = must(agent.import_orders(&batch).await);
    assert_eq!((result.created, result.unchanged, result.items.len()), (3, 0, 3));
    assert_eq!(must(agent.get_customer(first.id).await).value.stage, LifecycleStage::Active);
    let again = must(agent.import_orders(&batch).await);
    assert_eq!((again.created, again.unchanged), (0, 3));
    assert_eq!(again.items[2].id, result.items[2].id);
    assert_eq!(must(agent.get_customer_value(first.id).await).order_count, 2, "nothing counted twice");

    let mut unknown = order(second.id, "B-4", 1, 5);
    unknown.items[0].sku = Some("NOPE".into());
    let faulty = OrderBatch {
        items: vec![
            order(second.id, "B-5", 1, 4),
            unknown,
            order(second.id, "B-1", 1, 3),
            order(second.id, "B-6", 0, 2),
        ],
    };
    let error = assert_problem!(agent.import_orders(&faulty).await, 422, codes::VALIDATION_FAILED);
    let reported = reported(&error);
    let reported: Vec<_> = reported.iter().map(|(field, code)| (field.as_str(), code.as_str())).collect();
    assert_eq!(
        reported,
        [
            ("items[1].items[0].sku", field_codes::UNKNOWN_REFERENCE),
            ("items[2]", codes::ORDER_NUMBER_TAKEN),
            ("items[3].items[0].quantity", field_codes::OUT_OF_RANGE),
        ]
    );
    let value = must(agent.get_customer_value(second.id).await);
    assert_eq!(value.order_count, 1, "the valid items of a failed batch are not kept");

    let empty = OrderBatch { items: vec![] };
    assert_problem!(agent.import_orders(&empty).await, 422, codes::VALIDATION_FAILED);
    let (viewer, _) = app.user(Role::Viewer, None).await;
    assert_problem!(viewer.import_orders(&batch).await, 403, codes::FORBIDDEN);
    app.assert_invariants().await;
}

on_both_databases!(bulk_import_is_all_or_nothing_and_idempotent,);
