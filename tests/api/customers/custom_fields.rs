//! Admin-defined custom fields and the consent ledger of the customer file.

use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};
use serde_json::json;

fn field(key: &str, label: &str, kind: CustomFieldKind, choices: &[&str]) -> CustomFieldDefinition {
    CustomFieldDefinition {
        key: key.into(),
        label: label.into(),
        label_en: None,
        kind,
        choices: choices.iter().map(|c| (*c).to_owned()).collect(),
    }
}

fn reported(error: &kehu_tests::kehu_client::Error) -> Vec<String> {
    error.problem().map(|p| p.errors.iter().map(|e| e.field.clone()).collect()).unwrap_or_default()
}

pub async fn custom_fields_are_defined_by_admins_and_values_fit_their_type(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    assert_eq!(must(agent.get_custom_field_settings().await).value, CustomFieldSettings::default());
    let fields = CustomFieldSettings {
        fields: vec![
            field("member_card", "会员卡号", CustomFieldKind::Text, &[]),
            field("annual_spend", "年采购额", CustomFieldKind::Number, &[]),
            field("signed_on", "签约日", CustomFieldKind::Date, &[]),
            field("channel", "渠道", CustomFieldKind::Choice, &["天猫", "京东", "门店"]),
        ],
    };
    assert_problem!(agent.update_custom_field_settings(None, &fields).await, 403, codes::FORBIDDEN);
    let twice = CustomFieldSettings { fields: vec![fields.fields[0].clone(), fields.fields[0].clone()] };
    let error = assert_problem!(admin.update_custom_field_settings(None, &twice).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(reported(&error), ["fields[1].key"]);
    must(admin.update_custom_field_settings(Some(0), &fields).await);

    let mut custom = CustomFields::new();
    custom.insert("annual_spend".into(), json!("很多"));
    custom.insert("signed_on".into(), json!("2027-13-01"));
    custom.insert("channel".into(), json!("拼多多"));
    custom.insert("crm_import_batch".into(), json!({"batch": 7}));
    let input = CreateCustomer { custom: custom.clone(), ..CreateCustomer::named("") };
    let error = assert_problem!(agent.create_customer(&input, None).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(
        reported(&error),
        ["name", "custom.annual_spend", "custom.signed_on", "custom.channel"],
        "every field at once, undefined keys left alone"
    );
    custom.insert("annual_spend".into(), json!(120000.5));
    custom.insert("signed_on".into(), json!("2027-01-15"));
    custom.insert("channel".into(), json!("京东"));
    custom.insert("member_card".into(), json!("VIP-0001"));
    let created =
        must(agent.create_customer(&CreateCustomer { custom, ..CreateCustomer::named("字段齐全") }, None).await);
    assert_eq!(created.custom.get("channel"), Some(&json!("京东")));

    // An admin narrows the choices later: the stored value stays, and an edit
    // that leaves it alone still saves; a new value must fit.
    let mut narrowed = fields.clone();
    narrowed.fields[3].choices = vec!["门店".into()];
    must(admin.update_custom_field_settings(Some(1), &narrowed).await);
    let rename = UpdateCustomer { name: Some("字段齐全（改）".into()), ..Default::default() };
    let renamed = must(agent.update_customer(created.id, created.version, &rename).await);
    let mut changed = renamed.custom.clone();
    changed.insert("channel".into(), json!("天猫"));
    let repick = UpdateCustomer { custom: Some(changed), ..Default::default() };
    let error = assert_problem!(
        agent.update_customer(created.id, renamed.version, &repick).await,
        422,
        codes::VALIDATION_FAILED
    );
    assert_eq!(reported(&error), ["custom.channel"]);
    app.assert_invariants().await;
}

pub async fn consent_changes_are_kept_in_a_ledger(app: TestApp) {
    let admin = app.admin().await;
    let (agent, agent_user) = app.user(Role::Agent, None).await;
    let input = CreateCustomer {
        marketing_consent: Some(ConsentInput { email: Some(true), sms: Some(false), phone: None }),
        ..CreateCustomer::named("同意记录")
    };
    let created = must(agent.create_customer(&input, None).await);
    let withdraw = UpdateCustomer {
        marketing_consent: Some(ConsentInput { email: Some(false), sms: Some(false), phone: Some(true) }),
        ..Default::default()
    };
    let updated = must(agent.update_customer(created.id, created.version, &withdraw).await);
    assert!(!updated.marketing_consent.email.granted && updated.marketing_consent.phone.granted);
    let history = must(admin.get_customer_consent_history(created.id).await).items;
    let moves: Vec<_> = history.iter().map(|e| (e.purpose, e.granted)).collect();
    // Newest first; sms did not change on the update, so it has one row.
    assert_eq!(
        moves,
        [
            (ConsentPurpose::Phone, true),
            (ConsentPurpose::Email, false),
            (ConsentPurpose::Sms, false),
            (ConsentPurpose::Email, true),
        ]
    );
    assert!(history.iter().all(|e| e.actor_id == Some(agent_user.id)));
    assert_eq!(
        history.last().map(|e| (e.purpose, e.granted)),
        Some((ConsentPurpose::Email, true)),
        "the first grant is oldest"
    );
    let (stranger, _) = app.user(Role::Agent, Some(must(admin.create_team(&CreateTeam::named("西区")).await).id)).await;
    let hidden = CreateCustomer { owner_id: Some(agent_user.id), ..CreateCustomer::named("别人的客户") };
    let hidden = must(admin.create_customer(&hidden, None).await);
    assert_problem!(stranger.get_customer_consent_history(hidden.id).await, 404, codes::NOT_FOUND);
    app.assert_invariants().await;
}

on_both_databases!(custom_fields_are_defined_by_admins_and_values_fit_their_type, consent_changes_are_kept_in_a_ledger,);
