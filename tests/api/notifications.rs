//! In-app notifications: who is told what about the tickets they work on,
//! and reading them.

use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

pub async fn notifications_tell_people_what_concerns_them(app: TestApp) {
    let admin = app.admin().await;
    let (agent, agent_user) = app.user(Role::Agent, None).await;
    let (colleague, colleague_user) = app.user(Role::Agent, None).await;
    let rename = UpdateUser { name: Some("小周".into()), ..Default::default() };
    must(admin.update_user(colleague_user.id, &rename).await);
    let customer = must(admin.create_customer(&CreateCustomer::named("通知测试"), None).await);
    let ticket = must(admin.create_ticket(&CreateTicket::new(customer.id, TicketType::Inquiry, "发票"), None).await);
    let assign = AssignTicket { assignee_id: Some(agent_user.id), team_id: None, note: None };
    must(admin.assign_ticket(ticket.id, &assign, None).await);
    let note = CreateTicketMessage { kind: TicketMessageKind::Note, body: "请 @小周 协助核对".into() };
    must(agent.create_ticket_message(ticket.id, &note).await);

    let inbox = must(agent.list_notifications(&NotificationQuery::default()).await);
    assert_eq!(inbox.items.iter().map(|n| n.kind).collect::<Vec<_>>(), [NotificationKind::Assigned]);
    assert!(inbox.items[0].summary.starts_with(&ticket.number));
    let mentions = must(colleague.list_notifications(&NotificationQuery::default()).await);
    assert_eq!(mentions.items.iter().map(|n| n.kind).collect::<Vec<_>>(), [NotificationKind::Mentioned]);
    assert_eq!(mentions.items[0].actor_id, Some(agent_user.id));

    assert_problem!(colleague.mark_notification_read(inbox.items[0].id).await, 404, codes::NOT_FOUND);
    must(agent.mark_notification_read(inbox.items[0].id).await);
    assert_eq!(must(agent.count_unread_notifications().await).unread, 0);
    must(colleague.mark_all_notifications_read().await);
    let unread = NotificationQuery { unread: Some(true), ..Default::default() };
    assert!(must(colleague.list_notifications(&unread).await).items.is_empty());
}

on_both_databases!(notifications_tell_people_what_concerns_them,);
