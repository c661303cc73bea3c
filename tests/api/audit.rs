use kehu_store::entities::{audit_log, outbox_event};
use kehu_tests::TestApp;
use kehu_tests::kehu_types::*;
use kehu_tests::on_both_databases;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn writes_leave_audit_rows_and_outbox_events(app: TestApp) {
    let admin = app.admin().await;
    let me = admin.get_me().await.unwrap_or_else(|e| panic!("{e}"));
    let customer = admin.create_customer(&CreateCustomer::named("审计"), None).await.unwrap_or_else(|e| panic!("{e}"));
    admin
        .update_customer(customer.id, 1, &UpdateCustomer { region: Some(Some("西南".into())), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    admin
        .change_customer_stage(customer.id, &StageChangeRequest { stage: LifecycleStage::New, reason: "首单".into() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let note = CreateInteraction {
        channel: Channel::Phone,
        direction: Direction::Outbound,
        subject: Some("回访".into()),
        body: None,
        occurred_at: None,
    };
    admin.create_customer_interaction(customer.id, &note).await.unwrap_or_else(|e| panic!("{e}"));
    let _ = app.anonymous().login("admin@test.kehu", "wrong password!!").await;

    let page = admin
        .list_audit_entries(&AuditQuery { entity_id: Some(customer.id), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let actions: Vec<_> = page.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["customer.stage_change", "customer.update", "customer.create"]);
    let update = &page.items[1];
    assert_eq!(update.actor_id, Some(me.id));
    assert_eq!(update.changes, serde_json::json!({"region": {"from": null, "to": "西南"}}));
    assert!(update.request_id.is_some() && update.ip.is_some());

    let failed = admin
        .list_audit_entries(&AuditQuery { action: Some("auth.login_failed".into()), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(failed.items.len(), 1);
    let logins = admin
        .list_audit_entries(&AuditQuery {
            action: Some("auth.login".into()),
            actor_id: Some(me.id),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!logins.items.is_empty());
    let paged = admin
        .list_audit_entries(&AuditQuery { limit: Some(2), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let next = admin
        .list_audit_entries(&AuditQuery { limit: Some(2), cursor: paged.next_cursor.clone(), ..Default::default() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(paged.items.iter().all(|a| next.items.iter().all(|b| a.id != b.id)));

    let events = outbox_event::Entity::find()
        .order_by_asc(outbox_event::Column::CreatedAt)
        .order_by_asc(outbox_event::Column::Id)
        .all(app.db().conn())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let types: Vec<_> = events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(types, vec!["customer.created", "customer.updated", "customer.stage_changed", "interaction.created"]);
    assert!(events.iter().all(|e| e.processed_at.is_none()));
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("interaction.create"))
        .all(app.db().conn())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.len(), 1);
}

on_both_databases!(writes_leave_audit_rows_and_outbox_events,);
