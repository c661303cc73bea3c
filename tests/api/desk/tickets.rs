use kehu_tests::kehu_client::Client;
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases, the_one_winner};

pub(super) async fn customer(client: &Client, name: &str) -> Customer {
    must(client.create_customer(&CreateCustomer::named(name), None).await)
}

async fn category(client: &Client) -> TicketCategory {
    let categories = must(client.list_ticket_categories().await);
    categories.items.into_iter().find(|c| c.active).unwrap_or_else(|| panic!("the default categories are seeded"))
}

pub(super) fn message(kind: TicketMessageKind, body: &str) -> CreateTicketMessage {
    CreateTicketMessage { kind, body: body.into() }
}

async fn kinds(client: &Client, ticket: &Ticket) -> Vec<TicketEventKind> {
    let events = must(client.list_ticket_events(ticket.id, &PageQuery { limit: Some(200), cursor: None }).await);
    events.items.iter().map(|e| e.kind).collect()
}

pub async fn a_complaint_runs_through_the_whole_process(app: TestApp) {
    let admin = app.admin().await;
    let buyer = customer(&admin, "王芳").await;
    let mut input = CreateTicket::new(buyer.id, TicketType::Complaint, "收到的杯子有裂痕");
    input.description = Some("订单 1024 的杯子破损，要求换货".into());
    input.channel = Some(Channel::Wechat);
    let ticket = must(admin.create_ticket(&input, None).await);
    assert_eq!(
        (ticket.number.as_str(), ticket.status, ticket.priority),
        ("T-000001", TicketStatus::New, Priority::Normal)
    );
    assert_eq!((ticket.customer_name.as_str(), ticket.channel, ticket.assignee_id), ("王芳", Channel::Wechat, None));

    let skip = TicketStatusChange::to(TicketStatus::InProgress);
    let error = assert_problem!(
        admin.change_ticket_status(ticket.id, &skip, None).await,
        409,
        codes::INVALID_STATUS_TRANSITION
    );
    assert_eq!(error.problem().and_then(|p| p.allowed.clone()), Some(vec!["triaged".to_owned()]));
    let error = assert_problem!(
        admin.change_ticket_status(ticket.id, &TicketStatusChange::to(TicketStatus::Triaged), None).await,
        422,
        codes::VALIDATION_FAILED
    );
    assert_eq!(error.problem().map(|p| p.errors[0].field.clone()).as_deref(), Some("category_id"));

    let quality = category(&admin).await;
    let triage = TicketStatusChange {
        category_id: Some(quality.id),
        priority: Some(Priority::High),
        note: Some("产品质量问题".into()),
        ..TicketStatusChange::to(TicketStatus::Triaged)
    };
    let triaged = must(admin.change_ticket_status(ticket.id, &triage, Some(ticket.version)).await);
    assert_eq!(
        (triaged.status, triaged.priority, triaged.category_id),
        (TicketStatus::Triaged, Priority::High, Some(quality.id))
    );
    assert_problem!(
        admin
            .change_ticket_status(ticket.id, &TicketStatusChange::to(TicketStatus::InProgress), Some(ticket.version))
            .await,
        412,
        codes::VERSION_MISMATCH
    );

    let me = must(admin.get_me().await);
    let working =
        must(admin.change_ticket_status(ticket.id, &TicketStatusChange::to(TicketStatus::InProgress), None).await);
    assert_eq!(working.assignee_id, Some(me.id), "whoever starts work on an unowned ticket owns it");

    must(admin.create_ticket_message(ticket.id, &message(TicketMessageKind::Reply, "您好，我们将为您换货")).await);
    let replied = must(admin.get_ticket(ticket.id).await).value;
    let first_response = replied.first_response_at.unwrap_or_else(|| panic!("the first reply is stamped"));
    must(admin.create_ticket_message(ticket.id, &message(TicketMessageKind::Reply, "请提供照片")).await);
    assert_eq!(must(admin.get_ticket(ticket.id).await).value.first_response_at, Some(first_response));

    must(admin.change_ticket_status(ticket.id, &TicketStatusChange::to(TicketStatus::AwaitingCustomer), None).await);
    must(admin.create_ticket_message(ticket.id, &message(TicketMessageKind::CustomerMessage, "照片已发送")).await);
    assert_eq!(
        must(admin.get_ticket(ticket.id).await).value.status,
        TicketStatus::InProgress,
        "the customer's answer resumes work"
    );

    let resolved =
        must(admin.change_ticket_status(ticket.id, &TicketStatusChange::to(TicketStatus::Resolved), None).await);
    assert!(resolved.resolved_at.is_some());
    let error = assert_problem!(
        admin.change_ticket_status(ticket.id, &TicketStatusChange::to(TicketStatus::Closed), None).await,
        422,
        codes::VALIDATION_FAILED
    );
    let fields: Vec<_> =
        error.problem().map(|p| p.errors.iter().map(|e| e.field.clone()).collect()).unwrap_or_default();
    assert_eq!(fields, ["resolution_summary", "root_cause"]);
    let close = TicketStatusChange {
        resolution_summary: Some("已换货并补偿优惠券".into()),
        root_cause: Some("包装缓冲不足".into()),
        ..TicketStatusChange::to(TicketStatus::Closed)
    };
    let closed = must(admin.change_ticket_status(ticket.id, &close, None).await);
    assert!(closed.closed_at.is_some());
    assert_eq!(closed.root_cause.as_deref(), Some("包装缓冲不足"));

    assert_problem!(
        admin.create_ticket_message(ticket.id, &message(TicketMessageKind::Reply, "还有问题吗")).await,
        409,
        codes::TICKET_CLOSED
    );
    must(admin.create_ticket_message(ticket.id, &message(TicketMessageKind::Note, "归档备注")).await);
    let reopened =
        must(admin.change_ticket_status(ticket.id, &TicketStatusChange::to(TicketStatus::InProgress), None).await);
    assert_eq!((reopened.resolved_at, reopened.closed_at), (None, None));

    use TicketEventKind::*;
    assert_eq!(
        kinds(&admin, &ticket).await,
        [
            Created,
            StatusChanged,
            StatusChanged,
            Assigned,
            Reply,
            Reply,
            StatusChanged,
            CustomerMessage,
            StatusChanged,
            StatusChanged,
            StatusChanged,
            Note,
            StatusChanged
        ]
    );
    let timeline = must(admin.get_customer_timeline(buyer.id, &PageQuery { limit: Some(200), cursor: None }).await);
    let from_ticket = timeline.items.iter().filter(|e| e.kind == TimelineKind::TicketEvent).count();
    assert_eq!(from_ticket, 13, "every ticket event is on the customer's timeline");
    let latest = timeline.items[0].ticket_event.as_ref().map(|e| (e.ticket_number.clone(), e.kind));
    assert_eq!(latest, Some(("T-000001".to_owned(), StatusChanged)));
    app.assert_invariants().await;
}

pub async fn ownership_moves_by_transfer_and_escalation(app: TestApp) {
    let admin = app.admin().await;
    let team = must(admin.create_team(&CreateTeam::named("售后一组")).await);
    let (first, first_user) = app.user(Role::Agent, Some(team.id)).await;
    let (second, second_user) = app.user(Role::Agent, Some(team.id)).await;
    let (manager, manager_user) = app.user(Role::Manager, None).await;
    let buyer = customer(&first, "陈静").await;

    let ticket =
        must(first.create_ticket(&CreateTicket::new(buyer.id, TicketType::Request, "希望增加发票抬头"), None).await);
    assert_eq!(
        (ticket.assignee_id, ticket.team_id),
        (Some(first_user.id), Some(team.id)),
        "one-stop: the agent who logs it owns it"
    );

    let hand_off = AssignTicket { assignee_id: Some(second_user.id), team_id: None, note: None };
    let error = assert_problem!(first.assign_ticket(ticket.id, &hand_off, None).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(error.problem().map(|p| p.errors[0].field.clone()).as_deref(), Some("note"));
    let hand_off = AssignTicket { note: Some("客户下午三点后方便接电话".into()), ..hand_off };
    let moved = must(first.assign_ticket(ticket.id, &hand_off, None).await);
    assert_eq!(moved.assignee_id, Some(second_user.id));
    assert_problem!(first.assign_ticket(ticket.id, &hand_off, None).await, 409, codes::CONFLICT);

    let up = |level, assignee_id| EscalateTicket { level, reason: "客户要求主管处理".into(), assignee_id };
    let error =
        assert_problem!(second.escalate_ticket(ticket.id, &up(1, None), None).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(error.problem().map(|p| p.errors[0].field.clone()).as_deref(), Some("assignee_id"));
    assert_problem!(
        second.escalate_ticket(ticket.id, &up(4, Some(manager_user.id)), None).await,
        422,
        codes::VALIDATION_FAILED
    );
    let escalated = must(second.escalate_ticket(ticket.id, &up(2, Some(manager_user.id)), None).await);
    assert_eq!((escalated.escalation_level, escalated.assignee_id), (2, Some(manager_user.id)));
    assert_problem!(second.escalate_ticket(ticket.id, &up(0, None), None).await, 403, codes::FORBIDDEN);

    let queue =
        must(manager.list_tickets(&TicketQuery { view: Some(TicketView::Escalated), ..Default::default() }).await);
    assert_eq!(queue.items.iter().map(|t| t.id).collect::<Vec<_>>(), [ticket.id]);
    let mine = must(manager.list_tickets(&TicketQuery { view: Some(TicketView::Mine), ..Default::default() }).await);
    assert_eq!(mine.items.len(), 1);
    let team_queue =
        must(first.list_tickets(&TicketQuery { view: Some(TicketView::Team), ..Default::default() }).await);
    assert_eq!(team_queue.items.len(), 1, "the team still sees its escalated ticket");

    let lowered = must(manager.escalate_ticket(ticket.id, &up(0, None), None).await);
    assert_eq!((lowered.escalation_level, lowered.assignee_id), (0, Some(manager_user.id)));
    let back = AssignTicket { assignee_id: None, team_id: None, note: Some("退回组队列".into()) };
    let queued = must(manager.assign_ticket(ticket.id, &back, None).await);
    assert_eq!((queued.assignee_id, queued.team_id), (None, Some(team.id)));
    let unassigned =
        must(first.list_tickets(&TicketQuery { view: Some(TicketView::Unassigned), ..Default::default() }).await);
    assert_eq!(unassigned.items.len(), 1);

    use TicketEventKind::*;
    assert_eq!(kinds(&admin, &ticket).await, [Created, Transferred, Escalated, Deescalated, Transferred]);
    let events = must(admin.list_ticket_events(ticket.id, &PageQuery::default()).await);
    assert_eq!(events.items[1].body.as_deref(), Some("客户下午三点后方便接电话"));
    assert_eq!((events.items[2].details.from_level, events.items[2].details.to_level), (Some(0), Some(2)));
    app.assert_invariants().await;
}

/// Agents editing one ticket at once from the same version: one edit wins,
/// the others are told someone changed it first, and none is lost silently.
/// Notes written at once all count.
pub async fn simultaneous_edits_of_one_ticket_lose_nothing(app: TestApp) {
    let admin = app.admin().await;
    let buyer = customer(&admin, "孙丽").await;
    let ticket = must(admin.create_ticket(&CreateTicket::new(buyer.id, TicketType::Inquiry, "发票开错了"), None).await);
    let answers = futures_util::future::join_all((0..8).map(|n| {
        let admin = admin.clone();
        async move {
            let edit = UpdateTicket { subject: Some(format!("发票开错了（第{n}版）")), ..Default::default() };
            admin.update_ticket(ticket.id, ticket.version, &edit).await
        }
    }))
    .await;
    let won = the_one_winner(answers);
    let stored = must(admin.get_ticket(ticket.id).await).value;
    assert_eq!((stored.version, &stored.subject), (ticket.version + 1, &won.subject));

    // Notes carry no version: written at once, each waits for the one before
    // and raises the version once, none is lost or refused.
    let notes = futures_util::future::join_all((0..8).map(|n| {
        let admin = admin.clone();
        async move {
            admin.create_ticket_message(ticket.id, &message(TicketMessageKind::Note, &format!("备注 {n}"))).await
        }
    }))
    .await;
    assert!(notes.iter().all(Result::is_ok), "{notes:?}");
    assert_eq!(must(admin.get_ticket(ticket.id).await).value.version, stored.version + 8);
}

pub async fn agents_see_their_teams_tickets_and_viewers_only_read(app: TestApp) {
    let admin = app.admin().await;
    let north = must(admin.create_team(&CreateTeam::named("华北")).await);
    let south = must(admin.create_team(&CreateTeam::named("华南")).await);
    let (north_agent, _) = app.user(Role::Agent, Some(north.id)).await;
    let (south_agent, south_user) = app.user(Role::Agent, Some(south.id)).await;
    let (viewer, viewer_user) = app.user(Role::Viewer, None).await;
    // The southern team's customer, hidden from the northern agent, and
    // with it every ticket about it.
    let input =
        CreateCustomer {
            owner_id: Some(south_user.id), team_id: Some(south.id), ..CreateCustomer::named("华南客户")
        };
    let shared = must(admin.create_customer(&input, None).await);
    let southern =
        must(south_agent.create_ticket(&CreateTicket::new(shared.id, TicketType::Inquiry, "华南的咨询"), None).await);
    must(south_agent.create_ticket_message(southern.id, &message(TicketMessageKind::Note, "内部：VIP")).await);

    assert_problem!(north_agent.get_ticket(southern.id).await, 404, codes::NOT_FOUND);
    assert_problem!(north_agent.list_ticket_events(southern.id, &PageQuery::default()).await, 404, codes::NOT_FOUND);
    let note = message(TicketMessageKind::Note, "偷看");
    assert_problem!(north_agent.create_ticket_message(southern.id, &note).await, 404, codes::NOT_FOUND);
    assert!(must(north_agent.list_tickets(&TicketQuery::default()).await).items.is_empty());
    assert_problem!(north_agent.get_customer_timeline(shared.id, &PageQuery::default()).await, 404, codes::NOT_FOUND);
    let timeline = must(south_agent.get_customer_timeline(shared.id, &PageQuery::default()).await);
    assert_eq!(timeline.items.iter().filter(|e| e.kind == TimelineKind::TicketEvent).count(), 2);

    assert_eq!(must(viewer.list_tickets(&TicketQuery::default()).await).items.len(), 1);
    assert_eq!(must(viewer.get_ticket(southern.id).await).value.id, southern.id);
    let create = CreateTicket::new(shared.id, TicketType::Feedback, "viewer");
    assert_problem!(viewer.create_ticket(&create, None).await, 403, codes::FORBIDDEN);
    assert_problem!(viewer.create_ticket_message(southern.id, &note).await, 403, codes::FORBIDDEN);
    let triage = TicketStatusChange::to(TicketStatus::Triaged);
    assert_problem!(viewer.change_ticket_status(southern.id, &triage, None).await, 403, codes::FORBIDDEN);
    // A viewer cannot answer or move a ticket, so cannot be made to own one.
    let to_viewer = AssignTicket { assignee_id: Some(viewer_user.id), team_id: None, note: Some("交给你".into()) };
    assert_problem!(admin.assign_ticket(southern.id, &to_viewer, None).await, 422, codes::VALIDATION_FAILED);
    let unchanged = must(admin.get_ticket(southern.id).await);
    assert_eq!((unchanged.value.status, unchanged.version), (TicketStatus::New, Some(2)));
    app.assert_invariants().await;
}

pub async fn compensation_categories_and_numbers(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let buyer = customer(&admin, "周杰").await;
    let ticket = must(admin.create_ticket(&CreateTicket::new(buyer.id, TicketType::Complaint, "配送延误"), None).await);

    let give = |kind, amount, currency: Option<&str>| CreateCompensation {
        kind,
        amount,
        currency: currency.map(str::to_owned),
        reason: "配送延误三天".into(),
    };
    for bad in [
        give(CompensationKind::Points, 100, Some("CNY")),
        give(CompensationKind::Refund, 100, None),
        give(CompensationKind::Coupon, 0, Some("CNY")),
        give(CompensationKind::Gift, 100, Some("yuan")),
    ] {
        assert_problem!(admin.create_ticket_compensation(ticket.id, &bad).await, 422, codes::VALIDATION_FAILED);
    }
    let refund =
        must(admin.create_ticket_compensation(ticket.id, &give(CompensationKind::Refund, 2_000, Some("cny"))).await);
    assert_eq!((refund.amount, refund.currency.as_deref(), refund.customer_id), (2_000, Some("CNY"), buyer.id));
    must(admin.create_ticket_compensation(ticket.id, &give(CompensationKind::Points, 500, None)).await);
    let list = must(admin.list_ticket_compensations(ticket.id).await);
    assert_eq!(
        list.items.iter().map(|c| c.kind).collect::<Vec<_>>(),
        [CompensationKind::Refund, CompensationKind::Points]
    );
    let events = must(admin.list_ticket_events(ticket.id, &PageQuery::default()).await);
    assert_eq!(events.items.last().and_then(|e| e.details.compensation.as_ref()).map(|c| c.amount), Some(500));

    let input =
        CreateTicketCategory { name: "安装服务".into(), name_en: Some("Installation".into()), position: None };
    assert_problem!(agent.create_ticket_category(&input).await, 403, codes::FORBIDDEN);
    let installation = must(admin.create_ticket_category(&input).await);
    assert_eq!(installation.position, 7, "after the six defaults");
    assert_problem!(admin.create_ticket_category(&input).await, 409, codes::NAME_TAKEN);
    let retire = UpdateTicketCategory { active: Some(false), ..Default::default() };
    assert!(!must(admin.update_ticket_category(installation.id, &retire).await).active);
    let mut input = CreateTicket::new(buyer.id, TicketType::Inquiry, "安装预约");
    input.category_id = Some(installation.id);
    assert_problem!(admin.create_ticket(&input, None).await, 422, codes::VALIDATION_FAILED);

    // Numbers never repeat, also when tickets are opened at the same moment.
    let opened = futures_util::future::join_all((0..10).map(|n| {
        let client = admin.clone();
        let input = CreateTicket::new(buyer.id, TicketType::Feedback, format!("并发 {n}"));
        async move { must(client.create_ticket(&input, None).await).number }
    }))
    .await;
    let mut numbers = opened.clone();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 10, "{opened:?}");
    assert_eq!(numbers.last().map(String::as_str), Some("T-000011"));
    app.assert_invariants().await;
}

on_both_databases!(
    a_complaint_runs_through_the_whole_process,
    ownership_moves_by_transfer_and_escalation,
    simultaneous_edits_of_one_ticket_lose_nothing,
    agents_see_their_teams_tickets_and_viewers_only_read,
    compensation_categories_and_numbers,
);
