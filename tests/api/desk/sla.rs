use chrono::{Duration, Utc};
use kehu_tests::kehu_client::Client;
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

async fn urgent_ticket(client: &Client, customer_name: &str) -> Ticket {
    let customer = must(client.create_customer(&CreateCustomer::named(customer_name), None).await);
    let mut input = CreateTicket::new(customer.id, TicketType::Complaint, "整批货物延误");
    input.priority = Some(Priority::Urgent);
    must(client.create_ticket(&input, None).await)
}

fn metric(sla: &TicketSla, which: SlaMetric) -> SlaMetricStatus {
    sla.metrics.iter().find(|m| m.metric == which).cloned().unwrap_or_else(|| panic!("no {which} clock in {sla:?}"))
}

fn events(sla: &TicketSla) -> Vec<(SlaMetric, SlaEvent)> {
    sla.ledger.iter().map(|e| (e.metric, e.event)).collect()
}

pub async fn clocks_start_pause_resume_and_fulfil_with_the_process(app: TestApp) {
    let admin = app.admin().await;
    let ticket = urgent_ticket(&admin, "孙丽").await;
    let sla = must(admin.get_ticket_sla(ticket.id).await);
    assert_eq!(sla.policy.as_ref().map(|p| p.name.as_str()), Some("紧急 Urgent"), "the seeded urgent policy applies");
    let first = metric(&sla, SlaMetric::FirstResponse);
    let resolution = metric(&sla, SlaMetric::Resolution);
    assert_eq!((first.state, first.target_minutes, resolution.target_minutes), (SlaMetricState::Running, 30, 240));
    assert_eq!(first.due_at, Some(ticket.created_at + Duration::minutes(30)), "urgent counts wall-clock time");
    assert_eq!(ticket.sla_due_at, first.due_at, "the ticket carries its earliest due time");

    let reply = CreateTicketMessage { kind: TicketMessageKind::Reply, body: "正在核实".into() };
    let triage = |status| TicketStatusChange { category_id: None, ..TicketStatusChange::to(status) };
    let category = must(admin.list_ticket_categories().await).items[0].id;
    let to_triage = TicketStatusChange { category_id: Some(category), ..triage(TicketStatus::Triaged) };
    must(admin.change_ticket_status(ticket.id, &to_triage, None).await);
    must(admin.change_ticket_status(ticket.id, &triage(TicketStatus::InProgress), None).await);
    must(admin.create_ticket_message(ticket.id, &reply).await);
    let waiting = must(admin.change_ticket_status(ticket.id, &triage(TicketStatus::AwaitingCustomer), None).await);
    let sla = must(admin.get_ticket_sla(ticket.id).await);
    assert_eq!(metric(&sla, SlaMetric::FirstResponse).state, SlaMetricState::Fulfilled);
    let paused = metric(&sla, SlaMetric::Resolution);
    assert_eq!((paused.state, paused.due_at), (SlaMetricState::Paused, None));
    assert_eq!(waiting.sla_due_at, None, "nothing runs while the customer is awaited");

    let answer = CreateTicketMessage { kind: TicketMessageKind::CustomerMessage, body: "我已补充照片".into() };
    must(admin.create_ticket_message(ticket.id, &answer).await);
    let sla = must(admin.get_ticket_sla(ticket.id).await);
    assert_eq!(metric(&sla, SlaMetric::Resolution).state, SlaMetricState::Running, "the answer resumes the clock");
    assert_eq!(metric(&sla, SlaMetric::NextResponse).target_minutes, 60, "and starts the next-response clock");
    must(admin.create_ticket_message(ticket.id, &reply).await);
    must(admin.change_ticket_status(ticket.id, &triage(TicketStatus::Resolved), None).await);
    let sla = must(admin.get_ticket_sla(ticket.id).await);
    assert!(sla.metrics.iter().all(|m| m.state == SlaMetricState::Fulfilled), "{:?}", sla.metrics);
    use SlaEvent::*;
    use SlaMetric::*;
    assert_eq!(
        events(&sla),
        [
            (FirstResponse, Start),
            (Resolution, Start),
            (FirstResponse, Fulfil),
            (Resolution, Pause),
            (Resolution, Resume),
            (NextResponse, Start),
            (NextResponse, Fulfil),
            (Resolution, Fulfil),
        ]
    );
    let done = must(admin.get_ticket(ticket.id).await).value;
    assert_eq!((done.sla_due_at, done.sla_breached), (None, false));
    app.assert_invariants().await;
}

pub async fn warnings_and_breaches_notify_and_escalate_on_their_own(app: TestApp) {
    let admin = app.admin().await;
    let (lead, lead_user) = app.user(Role::Manager, None).await;
    let team =
        must(admin.create_team(&CreateTeam { lead_id: Some(lead_user.id), ..CreateTeam::named("投诉组") }).await);
    let (agent, agent_user) = app.user(Role::Agent, Some(team.id)).await;
    let ticket = urgent_ticket(&agent, "马超").await;
    assert_eq!(ticket.assignee_id, Some(agent_user.id));

    assert_eq!(app.run_jobs(Utc::now()).await, 0, "nothing is due yet");
    app.run_jobs(ticket.created_at + Duration::minutes(25)).await;
    let sla = must(admin.get_ticket_sla(ticket.id).await);
    assert!(metric(&sla, SlaMetric::FirstResponse).warned && !metric(&sla, SlaMetric::FirstResponse).breached);
    let warned = must(agent.list_notifications(&NotificationQuery::default()).await);
    assert!(warned.items.iter().any(|n| n.kind == NotificationKind::SlaWarning && n.ticket_id == Some(ticket.id)));
    assert_eq!(must(lead.count_unread_notifications().await).unread, 1, "the team lead hears of it too");

    app.run_jobs(ticket.created_at + Duration::minutes(31)).await;
    let breached = must(admin.get_ticket(ticket.id).await).value;
    assert!(breached.sla_breached);
    assert_eq!((breached.escalation_level, breached.assignee_id), (1, Some(lead_user.id)), "the lead takes it over");
    let history = must(admin.list_ticket_events(ticket.id, &PageQuery::default()).await);
    let escalation = history.items.iter().find(|e| e.kind == TicketEventKind::Escalated);
    assert!(escalation.is_some_and(|e| e.details.automatic && e.actor_id.is_none()), "{:?}", history.items);
    let lead_inbox =
        must(lead.list_notifications(&NotificationQuery { unread: Some(true), ..Default::default() }).await);
    let kinds: Vec<_> = lead_inbox.items.iter().map(|n| n.kind).collect();
    assert!(kinds.contains(&NotificationKind::SlaBreach) && kinds.contains(&NotificationKind::Escalated), "{kinds:?}");
    let queue = must(lead.list_tickets(&TicketQuery { view: Some(TicketView::Breached), ..Default::default() }).await);
    assert_eq!(queue.items.iter().map(|t| t.id).collect::<Vec<_>>(), [ticket.id]);

    // Running again changes nothing: each warning and breach happens once.
    app.run_jobs(ticket.created_at + Duration::minutes(45)).await;
    let sla = must(admin.get_ticket_sla(ticket.id).await);
    let first: Vec<_> = events(&sla).into_iter().filter(|(m, _)| *m == SlaMetric::FirstResponse).collect();
    assert_eq!(
        first,
        [
            (SlaMetric::FirstResponse, SlaEvent::Start),
            (SlaMetric::FirstResponse, SlaEvent::Warn),
            (SlaMetric::FirstResponse, SlaEvent::Breach)
        ]
    );
    assert_eq!(must(admin.get_ticket(ticket.id).await).value.escalation_level, 1);

    let soon = TicketQuery { view: Some(TicketView::BreachingSoon), ..Default::default() };
    let fresh = urgent_ticket(&admin, "新客户").await;
    assert!(must(admin.list_tickets(&soon).await).items.iter().any(|t| t.id == fresh.id), "due in 30 minutes");
    app.assert_invariants().await;
}

pub async fn a_due_job_runs_once_across_two_instances(app: TestApp) {
    let admin = app.admin().await;
    let ticket = urgent_ticket(&admin, "并发").await;
    let other = app.second_instance().await;
    let at = ticket.created_at + Duration::minutes(31);
    let kinds = kehu_server::areas::job_kinds();
    let (a, b) =
        tokio::join!(app.run_jobs(at), kehu_server::platform::jobs::run_due(&other.db, &kinds, at, "test-instance-b"));
    assert!(a + b >= 1, "someone ran it");
    let sla = must(admin.get_ticket_sla(ticket.id).await);
    let count = |event| sla.ledger.iter().filter(|e| e.metric == SlaMetric::FirstResponse && e.event == event).count();
    assert_eq!((count(SlaEvent::Warn), count(SlaEvent::Breach)), (1, 1), "{:?}", sla.ledger);
    let escalations = must(admin.list_ticket_events(ticket.id, &PageQuery::default()).await)
        .items
        .iter()
        .filter(|e| e.kind == TicketEventKind::Escalated)
        .count();
    assert_eq!(escalations, 1);
}

pub async fn policies_and_calendars_are_checked_and_matched_in_order(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let day = vec![OpenHours { start: "08:30".into(), end: "20:00".into() }];
    let mut calendar = BusinessCalendarInput {
        name: "客服中心".into(),
        time_zone: "Mars/Olympus".into(),
        week: vec![day.clone(), day.clone(), day.clone(), day.clone(), day.clone(), day, vec![]],
        holidays: vec![chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default()],
        workdays: vec![],
        names: None,
    };
    assert_problem!(admin.create_business_calendar(&calendar).await, 422, codes::VALIDATION_FAILED);
    calendar.time_zone = "Asia/Shanghai".into();
    assert_problem!(agent.create_business_calendar(&calendar).await, 403, codes::FORBIDDEN);
    let created = must(admin.create_business_calendar(&calendar).await);
    assert_eq!(created.week[0][0].start, "08:30");
    let broken = BusinessCalendarInput { week: vec![vec![]; 7], ..calendar.clone() };
    assert_problem!(admin.replace_business_calendar(created.id, &broken).await, 422, codes::VALIDATION_FAILED);

    let mut policy = CreateSlaPolicy {
        name: "金牌投诉".into(),
        position: Some(0),
        match_priorities: vec![Priority::High],
        match_types: vec![TicketType::Complaint],
        match_tiers: vec![],
        first_response_minutes: Some(0),
        next_response_minutes: None,
        resolution_minutes: Some(120),
        calendar_id: Some(created.id),
        warn_percent: None,
        escalate_on_breach: Some(false),
    };
    assert_problem!(admin.create_sla_policy(&policy).await, 422, codes::VALIDATION_FAILED);
    policy.first_response_minutes = Some(15);
    let special = must(admin.create_sla_policy(&policy).await);
    assert_problem!(admin.create_sla_policy(&policy).await, 409, codes::NAME_TAKEN);
    let listed = must(admin.list_sla_policies().await);
    assert_eq!(listed.items[0].id, special.id, "position 0 comes first");

    let customer = must(admin.create_customer(&CreateCustomer::named("钱多多"), None).await);
    let mut input = CreateTicket::new(customer.id, TicketType::Complaint, "质量问题");
    input.priority = Some(Priority::High);
    let matched = must(admin.create_ticket(&input, None).await);
    assert_eq!(matched.sla_policy_id, Some(special.id));
    input.ticket_type = TicketType::Inquiry;
    let other = must(admin.create_ticket(&input, None).await);
    assert_ne!(other.sla_policy_id, Some(special.id), "an inquiry falls through to the priority policy");

    // Lowering the priority moves the ticket to another policy, keeping the minutes counted.
    let version = must(admin.get_ticket(matched.id).await).version.unwrap_or_default();
    let lowered = UpdateTicket { priority: Some(Priority::Low), ..Default::default() };
    let moved = must(admin.update_ticket(matched.id, version, &lowered).await);
    assert_ne!(moved.sla_policy_id, Some(special.id));
    let sla = must(admin.get_ticket_sla(matched.id).await);
    assert!(sla.ledger.iter().any(|e| e.event == SlaEvent::Recompute));
    assert_eq!(metric(&sla, SlaMetric::Resolution).target_minutes, 5 * 9 * 60);

    let retire = UpdateSlaPolicy { active: Some(false), ..Default::default() };
    assert!(!must(admin.update_sla_policy(special.id, &retire).await).active);
    app.assert_invariants().await;
}

/// The instant of a local time in Shanghai.
fn shanghai(date: chrono::NaiveDate, hour: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let local = date.and_hms_opt(hour, 0, 0).unwrap_or_default();
    chrono_tz::Asia::Shanghai.from_local_datetime(&local).single().map(|at| at.to_utc()).unwrap_or_default()
}

pub async fn due_times_skip_holidays_and_count_make_up_saturdays(app: TestApp) {
    use chrono::{Datelike, Duration, NaiveDate, Weekday};
    let admin = app.admin().await;
    let office = vec![OpenHours { start: "09:00".into(), end: "18:00".into() }];
    let mut week = vec![office; 5];
    week.extend([vec![], vec![]]);
    let date = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_default();
    // National Day 2027 as the schedule file would give it: 1–7 October off,
    // Saturday 9 October worked.
    let mut calendar = BusinessCalendarInput {
        name: "国庆排班".into(),
        time_zone: "Asia/Shanghai".into(),
        week,
        holidays: (1..=7).map(|d| date(10, d)).collect(),
        workdays: vec![date(10, 9), date(10, 3)],
        names: None,
    };
    let error = assert_problem!(admin.create_business_calendar(&calendar).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(error.problem().map(|p| p.errors[0].field.clone()).as_deref(), Some("workdays[1]"));
    calendar.workdays = vec![date(10, 9)];
    let created = must(admin.create_business_calendar(&calendar).await);
    assert_eq!(created.workdays, [date(10, 9)]);
    let due = |from, minutes| {
        let admin = admin.clone();
        async move { must(admin.business_calendar_due_time(created.id, &DueTimeQuestion { from, minutes }).await).due_at }
    };
    // Thursday 30 September 17:00 + 11 open hours: one that evening, nine on
    // Friday 8 October after the holiday, the last on the make-up Saturday.
    assert_eq!(due(shanghai(date(9, 30), 17), 660).await, Some(shanghai(date(10, 9), 10)));
    assert_eq!(due(shanghai(date(9, 30), 17), 60).await, Some(shanghai(date(9, 30), 18)));
    let without = BusinessCalendarInput { workdays: vec![], ..calendar.clone() };
    must(admin.replace_business_calendar(created.id, &without).await);
    assert_eq!(due(shanghai(date(9, 30), 17), 660).await, Some(shanghai(date(10, 11), 10)), "Monday without it");
    assert_problem!(
        admin.business_calendar_due_time(created.id, &DueTimeQuestion { from: Utc::now(), minutes: -1 }).await,
        422,
        codes::VALIDATION_FAILED
    );

    // A ticket's clock follows the calendar: every weekday of the next two
    // weeks is a holiday, and the first Saturday after today is worked.
    let today = Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
    let span: Vec<NaiveDate> = (0..14).map(|n| today + Duration::days(n)).collect();
    let saturday = span.iter().copied().find(|d| *d > today && d.weekday() == Weekday::Sat).unwrap_or(today);
    let closed = BusinessCalendarInput {
        name: "节后排班".into(),
        holidays: span.iter().copied().filter(|d| d.weekday().num_days_from_monday() < 5).collect(),
        workdays: vec![saturday],
        ..calendar
    };
    let closed = must(admin.create_business_calendar(&closed).await);
    let policy = CreateSlaPolicy {
        name: "节假日投诉".into(),
        position: Some(0),
        match_priorities: vec![Priority::Urgent],
        match_types: vec![],
        match_tiers: vec![],
        first_response_minutes: None,
        next_response_minutes: None,
        resolution_minutes: Some(60),
        calendar_id: Some(closed.id),
        warn_percent: None,
        escalate_on_breach: Some(false),
    };
    must(admin.create_sla_policy(&policy).await);
    let customer = must(admin.create_customer(&CreateCustomer::named("假期来电"), None).await);
    let mut input = CreateTicket::new(customer.id, TicketType::Complaint, "节日期间投诉");
    input.priority = Some(Priority::Urgent);
    let ticket = must(admin.create_ticket(&input, None).await);
    let sla = must(admin.get_ticket_sla(ticket.id).await);
    assert_eq!(
        metric(&sla, SlaMetric::Resolution).due_at,
        Some(shanghai(saturday, 10)),
        "an hour into the make-up Saturday"
    );
    app.assert_invariants().await;
}

on_both_databases!(
    clocks_start_pause_resume_and_fulfil_with_the_process,
    warnings_and_breaches_notify_and_escalate_on_their_own,
    a_due_job_runs_once_across_two_instances,
    policies_and_calendars_are_checked_and_matched_in_order,
    due_times_skip_holidays_and_count_make_up_saturdays,
);
