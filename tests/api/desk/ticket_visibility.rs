//! Who may reach a ticket: an agent sees the tickets given to them or to
//! their team, and every ticket of a customer they may see — nothing else,
//! through any door (read, list, search, events, SLA, compensation,
//! suggestions, tasks, notifications, every write).

use kehu_tests::kehu_client::Client;
use kehu_tests::kehu_types::*;
use kehu_tests::{PASSWORD, TestApp, assert_problem, must, on_both_databases};

/// Text found only in the hidden ticket's conversation.
const SECRET: &str = "退款密钥QX7";

fn note(body: &str) -> CreateTicketMessage {
    CreateTicketMessage { kind: TicketMessageKind::Note, body: body.into() }
}

fn searching(q: &str) -> TicketQuery {
    TicketQuery { q: Some(q.into()), ..Default::default() }
}

/// Every ticket operation, tried by someone who may not see the ticket: each
/// answers 404 (as for a ticket that does not exist), and no list, search or
/// notification mentions it.
async fn refused_everywhere(outsider: &Client, outsider_id: uuid::Uuid, ticket: &Ticket) {
    let id = ticket.id;
    assert_problem!(outsider.get_ticket(id).await, 404, codes::NOT_FOUND);
    assert_problem!(outsider.list_ticket_events(id, &PageQuery::default()).await, 404, codes::NOT_FOUND);
    assert_problem!(outsider.get_ticket_sla(id).await, 404, codes::NOT_FOUND);
    assert_problem!(outsider.list_ticket_compensations(id).await, 404, codes::NOT_FOUND);
    assert_problem!(outsider.suggest_ticket_articles(id).await, 404, codes::NOT_FOUND);
    assert_problem!(outsider.create_ticket_message(id, &note("偷看")).await, 404, codes::NOT_FOUND);
    let take = AssignTicket { assignee_id: Some(outsider_id), team_id: None, note: None };
    assert_problem!(outsider.assign_ticket(id, &take, None).await, 404, codes::NOT_FOUND);
    let triage = TicketStatusChange::to(TicketStatus::Triaged);
    assert_problem!(outsider.change_ticket_status(id, &triage, None).await, 404, codes::NOT_FOUND);
    let escalate = EscalateTicket { level: 1, reason: "急".into(), assignee_id: Some(outsider_id) };
    assert_problem!(outsider.escalate_ticket(id, &escalate, None).await, 404, codes::NOT_FOUND);
    let edit = UpdateTicket { subject: Some("改了".into()), ..Default::default() };
    assert_problem!(outsider.update_ticket(id, 2, &edit).await, 404, codes::NOT_FOUND);
    let points =
        CreateCompensation { kind: CompensationKind::Points, amount: 5000, currency: None, reason: "补偿".into() };
    assert_problem!(outsider.create_ticket_compensation(id, &points).await, 404, codes::NOT_FOUND);
    let refund = CreateCompensation {
        kind: CompensationKind::Refund,
        amount: 9_999_900,
        currency: Some("CNY".into()),
        reason: "退款".into(),
    };
    assert_problem!(outsider.create_ticket_compensation(id, &refund).await, 404, codes::NOT_FOUND);
    let task = CreateTask {
        kind: TaskKind::Call,
        title: "回访".into(),
        notes: None,
        due_at: chrono::Utc::now() + chrono::Duration::days(1),
        assignee_id: None,
        customer_id: None,
        customer: None,
        ticket_id: Some(id),
    };
    assert_problem!(outsider.create_task(&task).await, 422, codes::VALIDATION_FAILED);

    assert!(must(outsider.list_tickets(&TicketQuery::default()).await).items.iter().all(|t| t.id != id));
    for q in [SECRET, &ticket.number, &ticket.subject] {
        let found = must(outsider.list_tickets(&TicketQuery { count: Some(true), ..searching(q) }).await);
        assert!(found.items.is_empty(), "searching {q} finds nothing: {:?}", found.items);
        assert_eq!(found.total, Some(0));
    }
    let notifications = must(outsider.list_notifications(&NotificationQuery::default()).await);
    assert!(notifications.items.iter().all(|n| n.ticket_id != Some(id)), "{:?}", notifications.items);
    assert_eq!(must(outsider.count_unread_notifications().await).unread, 0);
}

pub async fn agents_reach_only_tickets_of_customers_they_see(app: TestApp) {
    let admin = app.admin().await;
    let north = must(admin.create_team(&CreateTeam::named("华北")).await);
    let south = must(admin.create_team(&CreateTeam::named("华南")).await);
    let (owner, owner_user) = app.user(Role::Agent, Some(south.id)).await;
    let (teammate, teammate_user) = app.user(Role::Agent, Some(south.id)).await;
    let (north_agent, north_user) = app.user(Role::Agent, Some(north.id)).await;
    // A distinct name, so a mention reaches this agent alone.
    let loner_input = CreateUser {
        email: "loner@test.kehu".into(),
        name: "独行客服".into(),
        password: PASSWORD.into(),
        role: Role::Agent,
        team_id: None,
    };
    let loner_user = must(admin.create_user(&loner_input).await);
    let loner = app.signed_in("loner@test.kehu", PASSWORD).await;

    // The customer belongs to the owner alone (no team); the ticket waits
    // unassigned, in no team's queue: the owner's teammate is an outsider too.
    let hidden_input = CreateCustomer { owner_id: Some(owner_user.id), ..CreateCustomer::named("王秘") };
    let hidden = must(admin.create_customer(&hidden_input, None).await);
    let ticket =
        must(admin.create_ticket(&CreateTicket::new(hidden.id, TicketType::Complaint, "包裹破损"), None).await);
    assert_eq!((ticket.assignee_id, ticket.team_id), (None, None));
    must(admin.create_ticket_message(ticket.id, &note(&format!("{SECRET} @独行客服 @{} 看看", north_user.name))).await);
    let before = must(admin.get_ticket(ticket.id).await);
    let points_before = must(admin.get_loyalty_account(hidden.id).await);

    assert_problem!(loner.get_customer(hidden.id).await, 404, codes::NOT_FOUND);
    refused_everywhere(&loner, loner_user.id, &ticket).await;
    assert_problem!(north_agent.get_customer(hidden.id).await, 404, codes::NOT_FOUND);
    refused_everywhere(&north_agent, north_user.id, &ticket).await;
    assert_problem!(teammate.get_customer(hidden.id).await, 404, codes::NOT_FOUND);
    refused_everywhere(&teammate, teammate_user.id, &ticket).await;

    // Nothing the outsiders tried left a trace.
    let after = must(admin.get_ticket(ticket.id).await);
    assert_eq!(after.version, before.version);
    assert_eq!(after.value, before.value);
    assert!(must(admin.list_ticket_compensations(ticket.id).await).items.is_empty());
    assert_eq!(must(admin.get_loyalty_account(hidden.id).await), points_before);

    // The owner sees it through the customer, and works it.
    assert_eq!(must(owner.get_ticket(ticket.id).await).value.id, ticket.id);
    let found = must(owner.list_tickets(&searching(SECRET)).await);
    assert_eq!(found.items.iter().map(|t| t.id).collect::<Vec<_>>(), vec![ticket.id]);
    must(owner.get_ticket_sla(ticket.id).await);
    must(owner.suggest_ticket_articles(ticket.id).await);
    assert!(must(owner.list_ticket_events(ticket.id, &PageQuery::default()).await).items.len() >= 2);
    must(owner.create_ticket_message(ticket.id, &note("我来处理")).await);
    let take = AssignTicket { assignee_id: Some(owner_user.id), team_id: None, note: None };
    let taken = must(owner.assign_ticket(ticket.id, &take, None).await);
    assert_eq!(taken.assignee_id, Some(owner_user.id));

    // A ticket given to an agent is theirs to see even when its customer is not.
    let given = AssignTicket { assignee_id: Some(loner_user.id), team_id: None, note: Some("请协助".into()) };
    must(admin.assign_ticket(ticket.id, &given, None).await);
    assert_eq!(must(loner.get_ticket(ticket.id).await).value.assignee_id, Some(loner_user.id));
    assert_eq!(must(loner.list_tickets(&searching(SECRET)).await).items.len(), 1);
    assert_problem!(loner.get_customer(hidden.id).await, 404, codes::NOT_FOUND);
    // The northern agent still sees nothing of it.
    refused_everywhere(&north_agent, north_user.id, &must(admin.get_ticket(ticket.id).await).value).await;
    app.assert_invariants().await;
}

on_both_databases!(agents_reach_only_tickets_of_customers_they_see,);
