//! Compensation limits: within a role's limits a compensation takes effect at
//! once; above them it waits until another manager or admin approves it.

use kehu_tests::kehu_client::Client;
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn money(kind: CompensationKind, amount: i64, currency: &str) -> CreateCompensation {
    CreateCompensation { kind, amount, currency: Some(currency.into()), reason: "包裹破损".into() }
}

fn points(amount: i64) -> CreateCompensation {
    CreateCompensation { kind: CompensationKind::Points, amount, currency: None, reason: "补偿积分".into() }
}

fn because(reason: &str) -> CompensationDecision {
    CompensationDecision { reason: reason.into() }
}

async fn give(client: &Client, ticket: &Ticket, input: CreateCompensation) -> Compensation {
    must(client.create_ticket_compensation(ticket.id, &input).await)
}

fn waits(compensation: &Compensation, why: ApprovalReason) {
    assert_eq!(compensation.status, CompensationStatus::Requested, "{compensation:?}");
    assert_eq!(compensation.approval_needed, Some(why), "{compensation:?}");
}

fn applied(compensation: &Compensation) {
    assert_eq!(compensation.status, CompensationStatus::Approved, "{compensation:?}");
    assert_eq!(compensation.approval_needed, None);
}

pub async fn each_role_gives_within_its_limits_and_managers_approve_the_rest(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let (manager, manager_user) = app.user(Role::Manager, None).await;
    let (other_manager, _) = app.user(Role::Manager, None).await;
    let (viewer, _) = app.user(Role::Viewer, None).await;
    let customer = must(admin.create_customer(&CreateCustomer::named("陈静"), None).await);
    let ticket = must(agent.create_ticket(&CreateTicket::new(customer.id, TicketType::Complaint, "破损"), None).await);
    let given = |client: &Client| {
        let client = client.clone();
        async move { must(client.get_customer_value(customer.id).await).compensation_given }
    };

    // An agent: ¥200.00 a compensation, ¥500.00 a customer in 30 days.
    applied(&give(&agent, &ticket, money(CompensationKind::Refund, 19_999, "CNY")).await);
    applied(&give(&agent, &ticket, money(CompensationKind::Refund, 20_000, "CNY")).await);
    let over_one = give(&agent, &ticket, money(CompensationKind::Refund, 20_001, "CNY")).await;
    waits(&over_one, ApprovalReason::PerCompensation);
    // A waiting request counts toward the month: splitting does not help.
    let over_month = give(&agent, &ticket, money(CompensationKind::Refund, 1, "CNY")).await;
    waits(&over_month, ApprovalReason::PerCustomer30Days);
    let dollars = give(&agent, &ticket, money(CompensationKind::Refund, 100, "USD")).await;
    waits(&dollars, ApprovalReason::NoLimit);
    let huge = give(&agent, &ticket, money(CompensationKind::Refund, 9_999_900, "CNY")).await;
    waits(&huge, ApprovalReason::PerCompensation);
    assert_eq!(given(&admin).await, 39_999, "only what took effect counts as given");

    let balance = |client: &Client| {
        let client = client.clone();
        async move { must(client.get_loyalty_account(customer.id).await).balance }
    };
    applied(&give(&agent, &ticket, points(2_000)).await);
    let more_points = give(&agent, &ticket, points(2_001)).await;
    waits(&more_points, ApprovalReason::PerCompensation);
    assert_eq!(balance(&admin).await, 2_000, "requested points are not credited");

    // A manager: ten times the agent's; an admin: no limit.
    applied(&give(&manager, &ticket, money(CompensationKind::Coupon, 200_000, "CNY")).await);
    let managers_own = give(&manager, &ticket, money(CompensationKind::Coupon, 200_001, "CNY")).await;
    waits(&managers_own, ApprovalReason::PerCompensation);
    applied(&give(&admin, &ticket, money(CompensationKind::Refund, 9_999_900, "CNY")).await);
    // What has been given so far: the agent's two, the manager's and the admin's.
    let base = 39_999 + 200_000 + 9_999_900;

    // The approvers were told, and the queue lists what waits.
    let told = must(manager.list_notifications(&NotificationQuery::default()).await);
    assert!(
        told.items.iter().any(|n| n.kind == NotificationKind::CompensationRequested && n.ticket_id == Some(ticket.id))
    );
    let queue = CompensationQuery { status: Some(CompensationStatus::Requested), ..Default::default() };
    let waiting = must(manager.list_compensations(&queue).await);
    let mut ids: Vec<_> = waiting.items.iter().map(|e| e.compensation.id).collect();
    ids.sort();
    let mut expected = vec![over_one.id, over_month.id, dollars.id, huge.id, more_points.id, managers_own.id];
    expected.sort();
    assert_eq!(ids, expected);
    assert!(waiting.items.iter().all(|e| e.ticket_number == ticket.number && e.customer_name == "陈静"));

    // Who may decide: not agents, not viewers, not the requester.
    assert_problem!(agent.approve_compensation(over_one.id, &because("我批")).await, 403, codes::FORBIDDEN);
    assert_problem!(viewer.approve_compensation(over_one.id, &because("我批")).await, 403, codes::FORBIDDEN);
    assert_problem!(manager.approve_compensation(managers_own.id, &because("我批")).await, 403, codes::FORBIDDEN);
    assert_problem!(manager.reject_compensation(over_month.id, &because("  ")).await, 422, codes::VALIDATION_FAILED);
    assert_eq!(given(&admin).await, base, "refused decisions change nothing");

    let approved = must(manager.approve_compensation(over_one.id, &because("客户损失属实")).await);
    assert_eq!(approved.status, CompensationStatus::Approved);
    assert_eq!(
        (approved.decided_by, approved.decision_reason.as_deref()),
        (Some(manager_user.id), Some("客户损失属实"))
    );
    assert_problem!(
        other_manager.reject_compensation(over_one.id, &because("晚了")).await,
        409,
        codes::COMPENSATION_DECIDED
    );
    assert_eq!(given(&admin).await, base + 20_001);
    let rejected = must(manager.reject_compensation(over_month.id, &because("超出本月额度")).await);
    assert_eq!(rejected.status, CompensationStatus::Rejected);
    assert_eq!(given(&admin).await, base + 20_001, "a rejected compensation is never given");
    must(other_manager.approve_compensation(more_points.id, &because("老客户")).await);
    assert_eq!(balance(&admin).await, 4_001);
    must(other_manager.approve_compensation(managers_own.id, &because("同意")).await);

    // The ticket shows every decision; the requester was told; it is audited.
    let events = must(admin.list_ticket_events(ticket.id, &PageQuery { limit: Some(200), cursor: None }).await);
    let decisions: Vec<_> = events.items.iter().filter(|e| e.kind == TicketEventKind::CompensationDecided).collect();
    assert_eq!(decisions.len(), 4);
    let told = must(agent.list_notifications(&NotificationQuery::default()).await);
    assert_eq!(told.items.iter().filter(|n| n.kind == NotificationKind::CompensationDecided).count(), 3);
    let audit = AuditQuery { entity_id: Some(ticket.id), limit: Some(200), ..Default::default() };
    let actions: Vec<String> =
        must(admin.list_audit_entries(&audit).await).items.into_iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "ticket.approve_compensation").count(), 3, "{actions:?}");
    assert_eq!(actions.iter().filter(|a| *a == "ticket.reject_compensation").count(), 1, "{actions:?}");
    let listed = must(agent.list_ticket_compensations(ticket.id).await);
    let statuses: Vec<_> = listed.items.iter().map(|c| c.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == CompensationStatus::Requested).count(), 2, "{statuses:?}");
    app.assert_invariants().await;
}

pub async fn limits_are_admin_settings_checked_and_versioned(app: TestApp) {
    let admin = app.admin().await;
    let (manager, _) = app.user(Role::Manager, None).await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let current = must(agent.get_compensation_limits().await);
    assert_eq!(current.value, CompensationLimits::default());
    assert_problem!(manager.update_compensation_limits(None, &current.value).await, 403, codes::FORBIDDEN);

    let bad = CompensationLimits {
        limits: vec![CompensationLimit {
            role: Role::Admin,
            kind: CompensationKind::Refund,
            currency: None,
            per_compensation: 100,
            per_customer_30_days: 10,
        }],
    };
    let error = assert_problem!(admin.update_compensation_limits(None, &bad).await, 422, codes::VALIDATION_FAILED);
    let fields: Vec<&str> =
        error.problem().map(|p| p.errors.as_slice()).unwrap_or_default().iter().map(|e| e.field.as_str()).collect();
    for field in ["limits[0].role", "limits[0].currency", "limits[0].per_customer_30_days"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }

    // Agents may now give no more than ¥10.00 a refund.
    let mut tighter = current.value.clone();
    for limit in tighter.limits.iter_mut().filter(|l| l.role == Role::Agent && l.kind == CompensationKind::Refund) {
        limit.per_compensation = 1_000;
    }
    must(admin.update_compensation_limits(current.version, &tighter).await);
    assert_problem!(admin.update_compensation_limits(current.version, &tighter).await, 412, codes::VERSION_MISMATCH);
    let customer = must(admin.create_customer(&CreateCustomer::named("赵磊"), None).await);
    let ticket = must(agent.create_ticket(&CreateTicket::new(customer.id, TicketType::Complaint, "迟到"), None).await);
    let refund = give(&agent, &ticket, money(CompensationKind::Refund, 1_001, "CNY")).await;
    waits(&refund, ApprovalReason::PerCompensation);
    app.assert_invariants().await;
}

on_both_databases!(
    each_role_gives_within_its_limits_and_managers_approve_the_rest,
    limits_are_admin_settings_checked_and_versioned,
);
