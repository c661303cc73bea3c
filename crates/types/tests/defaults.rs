//! What the wire types fill in by themselves: the values a field left out of a
//! request reads as, PATCH's difference between a field left out and `null`,
//! and the constructors the client, the tests and the web app build requests
//! with. The server and the web app both rely on these, so they are pinned here.

use kehu_types::{
    CreateCustomer, CreateTeam, CustomerKind, LifecycleSettings, OrderItemInput, TicketStatus, TicketStatusChange,
    UpdateCustomer, ValueSettings,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// `value` read as a `T`; a test fails at once when it cannot be.
fn read<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn settings_saved_before_a_field_existed_read_as_its_default() {
    let lifecycle: LifecycleSettings = read(json!({
        "loyal_min_orders": 3,
        "loyal_min_spend_12m": 1000,
        "at_risk_after_days": 60,
        "churned_after_days": 120,
        "manual_stage_holds": false
    }));
    assert_eq!(lifecycle.new_at_risk_after_days, 90);
    assert_eq!(LifecycleSettings::default().new_at_risk_after_days, 90);
    assert_eq!(lifecycle.at_risk_after_days, 60);

    let value: ValueSettings = read(json!({"cost_per_ticket": 500, "expected_lifetime_months": 24}));
    assert_eq!(value.currency, "CNY");
    assert_eq!(ValueSettings::default().currency, "CNY");
    let explicit: ValueSettings =
        read(json!({"cost_per_ticket": 500, "expected_lifetime_months": 24, "currency": "USD"}));
    assert_eq!(explicit.currency, "USD");
}

#[test]
fn a_new_customer_is_a_person_unless_told_otherwise() {
    let person: CreateCustomer = read(json!({"name": "李明华"}));
    assert_eq!(person.kind, CustomerKind::Person);
    assert_eq!(person, CreateCustomer::named("李明华"));
    let company: CreateCustomer = read(json!({"name": "华东贸易", "kind": "company"}));
    assert_eq!(company.kind, CustomerKind::Company);
}

#[test]
fn a_named_customer_has_only_its_name() {
    let customer = CreateCustomer::named("Ann Lee");
    assert_eq!(customer.name, "Ann Lee");
    assert_eq!(customer.kind, CustomerKind::Person);
    assert!(customer.emails.is_empty() && customer.phones.is_empty() && customer.tags.is_empty());
    assert!(customer.custom.is_empty());
    assert_eq!((customer.company_name, customer.stage, customer.external_id), (None, None, None));
}

#[test]
fn a_patch_tells_a_field_left_out_from_a_field_cleared() {
    let left_out: UpdateCustomer = read(json!({}));
    assert_eq!(left_out.company_name, None);
    let cleared: UpdateCustomer = read(json!({"company_name": null}));
    assert_eq!(cleared.company_name, Some(None));
    let set: UpdateCustomer = read(json!({"company_name": "华东贸易"}));
    assert_eq!(set.company_name, Some(Some("华东贸易".to_owned())));
    assert!(serde_json::from_value::<UpdateCustomer>(json!({"company_name": 5})).is_err());
}

#[test]
fn request_builders_fill_in_only_what_they_are_given() {
    let item = OrderItemInput::sku("SKU-1", 3);
    assert_eq!((item.product_id, item.sku.as_deref(), item.quantity, item.unit_price), (None, Some("SKU-1"), 3, None));
    let change = TicketStatusChange::to(TicketStatus::Resolved);
    assert_eq!(change.status, TicketStatus::Resolved);
    assert_eq!((change.note, change.category_id, change.priority), (None, None, None));
    assert_eq!((change.resolution_summary, change.root_cause), (None, None));
    let team = CreateTeam::named("华东一组");
    assert_eq!((team.name.as_str(), team.description, team.lead_id), ("华东一组", None, None));
}
