use chrono::{Duration, Utc};
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn task(title: &str, hours: i64) -> CreateTask {
    CreateTask {
        kind: TaskKind::Call,
        title: title.into(),
        notes: None,
        due_at: Utc::now() + Duration::hours(hours),
        assignee_id: None,
        customer_id: None,
        customer: None,
        ticket_id: None,
    }
}

pub async fn tasks_follow_up_customers_and_tickets(app: TestApp) {
    let admin = app.admin().await;
    let (agent, agent_user) = app.user(Role::Agent, None).await;
    let (other, _) = app.user(Role::Agent, None).await;
    let (viewer, _) = app.user(Role::Viewer, None).await;
    let customer = must(agent.create_customer(&CreateCustomer::named("回访客户"), None).await);
    let ticket = must(agent.create_ticket(&CreateTicket::new(customer.id, TicketType::Inquiry, "报价"), None).await);

    let overdue = must(agent.create_task(&CreateTask { ticket_id: Some(ticket.id), ..task("回电确认报价", -2) }).await);
    assert_eq!(
        (overdue.assignee_id, overdue.customer_id),
        (agent_user.id, Some(customer.id)),
        "the ticket's customer is linked"
    );
    let later = must(agent.create_task(&CreateTask { customer_id: Some(customer.id), ..task("三天后回访", 72) }).await);
    let for_agent = CreateTask { assignee_id: Some(agent_user.id), kind: TaskKind::Visit, ..task("上门安装", 5) };
    let assigned = must(admin.create_task(&for_agent).await);
    let inbox = must(agent.list_notifications(&NotificationQuery::default()).await);
    assert!(inbox.items.iter().any(|n| n.kind == NotificationKind::TaskAssigned && n.summary == "上门安装"));

    let mine = must(agent.list_tasks(&TaskQuery { mine: Some(true), done: Some(false), ..Default::default() }).await);
    assert_eq!(
        mine.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        [overdue.id, assigned.id, later.id],
        "soonest first"
    );
    let late = TaskQuery { mine: Some(true), done: Some(false), due_before: Some(Utc::now()), ..Default::default() };
    assert_eq!(must(agent.list_tasks(&late).await).items.iter().map(|t| t.id).collect::<Vec<_>>(), [overdue.id]);
    let of_ticket = must(admin.list_tasks(&TaskQuery { ticket_id: Some(ticket.id), ..Default::default() }).await);
    assert_eq!(of_ticket.items.len(), 1);

    let done = must(agent.update_task(overdue.id, &UpdateTask { done: Some(true), ..Default::default() }).await);
    assert!(done.done_at.is_some());
    let reopened = must(agent.update_task(overdue.id, &UpdateTask { done: Some(false), ..Default::default() }).await);
    assert_eq!((reopened.done_at, reopened.version), (None, 3));

    // Another agent neither sees nor changes them; agents only give tasks to themselves; viewers only read.
    assert_problem!(other.get_task(later.id).await, 404, codes::NOT_FOUND);
    assert!(must(other.list_tasks(&TaskQuery::default()).await).items.is_empty());
    let hand_over =
        UpdateTask { assignee_id: Some(admin.get_me().await.map(|u| u.id).unwrap_or_default()), ..Default::default() };
    assert_problem!(agent.update_task(later.id, &hand_over).await, 422, codes::VALIDATION_FAILED);
    assert_problem!(
        viewer.update_task(later.id, &UpdateTask { done: Some(true), ..Default::default() }).await,
        403,
        codes::FORBIDDEN
    );
    assert_eq!(must(viewer.list_tasks(&TaskQuery::default()).await).items.len(), 3);

    for bad in [task("", 1), task("很久以后", 24 * 365 * 6)] {
        assert_problem!(agent.create_task(&bad).await, 422, codes::VALIDATION_FAILED);
    }
    let stranger = must(admin.create_customer(&CreateCustomer::named("别人的客户"), None).await);
    let mismatch = CreateTask { customer_id: Some(stranger.id), ticket_id: Some(ticket.id), ..task("错配", 1) };
    assert_problem!(admin.create_task(&mismatch).await, 422, codes::VALIDATION_FAILED);
}

on_both_databases!(tasks_follow_up_customers_and_tickets,);
