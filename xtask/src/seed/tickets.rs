//! A customer's dealings with the service desk: about 0.3 tickets each,
//! taken along the complaint process (new → triaged → in progress → resolved
//! → closed) as far as their age allows, and about one recorded contact.
//!
//! Each ticket's SLA clocks are replayed with the policy the engine would
//! match and its calendar: started on opening, fulfilled by the first reply
//! and by resolution, warned and breached when the watch job would have
//! fired, and escalated on a breach as the policy says. Clocks still running
//! get the job that watches them, so a server opened on the data carries on.

use chrono::{DateTime, Duration, Utc};
use kehu_domain::sla::Metric;
use kehu_server::demo::SUBJECTS;
use kehu_server::demo_tickets::ISSUES;
use kehu_server::desk::sla;
use kehu_server::desk::sla_policies::Policy;
use kehu_store::entities::{interaction, job, sla_ledger, ticket, ticket_event, ticket_sla_metric};
use kehu_types::{
    Channel, Direction, MAX_ESCALATION_LEVEL, Priority, SlaEvent, SlaMetric, SlaMetricState, TicketEventDetails,
    TicketEventKind, TicketStatus, TicketType,
};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use sea_orm::Set;
use uuid::Uuid;

use super::desk::Desk;
use super::history::seasonal_moment;

/// The service rows of one batch of customers, table by table.
#[derive(Default)]
pub struct Service {
    pub tickets: Vec<ticket::ActiveModel>,
    pub events: Vec<ticket_event::ActiveModel>,
    pub metrics: Vec<ticket_sla_metric::ActiveModel>,
    pub ledger: Vec<sla_ledger::ActiveModel>,
    pub jobs: Vec<job::ActiveModel>,
    pub interactions: Vec<interaction::ActiveModel>,
}

/// Tickets of one customer: none for most, a few for some (0.28 on average).
fn ticket_count(rng: &mut StdRng) -> usize {
    match rng.random_range(0..100) {
        0..78 => 0,
        78..95 => 1,
        95..99 => 2,
        _ => 3,
    }
}

fn priority(rng: &mut StdRng) -> Priority {
    match rng.random_range(0..100) {
        0..15 => Priority::Low,
        15..70 => Priority::Normal,
        70..92 => Priority::High,
        _ => Priority::Urgent,
    }
}

fn minutes(rng: &mut StdRng, from: i64, to: i64) -> Duration {
    Duration::minutes(rng.random_range(from..=to))
}

/// The moments of the process steps after opening: triaged, in progress
/// (with the first reply), resolved, closed.
fn step_times(rng: &mut StdRng, opened: DateTime<Utc>) -> [DateTime<Utc>; 4] {
    let triaged = opened + minutes(rng, 5, 180);
    let working = triaged + minutes(rng, 1, 120);
    // Most are solved within a day or two; some drag on for a week.
    let longest = if rng.random_bool(0.8) { 2 * 24 * 60 } else { 8 * 24 * 60 };
    let resolved = working + minutes(rng, 30, longest);
    let closed = resolved + minutes(rng, 24 * 60, 7 * 24 * 60);
    [triaged, working, resolved, closed]
}

/// How far along the process a ticket opened `age` ago has gone: 0 new,
/// 1 triaged, 2 in progress, 3 resolved, 4 closed.
fn reach(rng: &mut StdRng, age: Duration) -> usize {
    let done = if age > Duration::days(30) {
        true
    } else if age > Duration::days(3) {
        rng.random_bool(0.8)
    } else {
        rng.random_bool(0.3)
    };
    match (done, rng.random_bool(0.85)) {
        (true, true) => 4,
        (true, false) => 3,
        (false, _) => rng.random_range(0..=2),
    }
}

/// An event of a ticket: when, what, by whom, its text and its details.
type Event = (DateTime<Utc>, TicketEventKind, Option<Uuid>, Option<String>, TicketEventDetails);

/// One ticket being written, with its events in the order they happened.
struct Draft {
    row: ticket::ActiveModel,
    id: Uuid,
    number: i64,
    customer_id: Uuid,
    priority: Priority,
    kind: TicketType,
    assignee: Option<Uuid>,
    events: Vec<Event>,
}

impl Draft {
    fn event(
        &mut self,
        at: DateTime<Utc>,
        kind: TicketEventKind,
        actor: Option<Uuid>,
        body: Option<String>,
        details: TicketEventDetails,
    ) {
        self.events.push((at, kind, actor, body, details));
    }

    fn moved(&mut self, at: DateTime<Utc>, actor: Uuid, from: TicketStatus, to: TicketStatus) {
        let details = TicketEventDetails { from_status: Some(from), to_status: Some(to), ..Default::default() };
        self.event(at, TicketEventKind::StatusChanged, Some(actor), None, details);
    }
}

/// The clock of one metric from `opened` until `stopped` (or now): its row,
/// its ledger, and whether and when it breached.
fn clock(
    policy: &Policy,
    ticket_id: Uuid,
    metric: SlaMetric,
    opened: DateTime<Utc>,
    stopped: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    out: &mut Service,
) -> Option<(ticket_sla_metric::Model, Option<DateTime<Utc>>)> {
    let target = policy.target(metric)?;
    let started = Metric::start(i64::from(target), opened);
    let (warn_at, due_at) = policy.timed(started);
    let watched_until = stopped.unwrap_or(now);
    let warned = warn_at.is_some_and(|at| at <= watched_until);
    let breached = due_at.filter(|at| *at <= watched_until);
    let mut ledger = vec![(SlaEvent::Start, due_at, opened)];
    ledger.extend(warn_at.filter(|_| warned).map(|at| (SlaEvent::Warn, due_at, at)));
    ledger.extend(breached.map(|at| (SlaEvent::Breach, due_at, at)));
    ledger.extend(stopped.map(|at| (SlaEvent::Fulfil, None, at)));
    out.ledger.extend(ledger.into_iter().map(|(event, due, at)| sla_ledger::ActiveModel {
        id: Set(Uuid::now_v7()),
        ticket_id: Set(ticket_id),
        metric: Set(metric.as_str().to_owned()),
        event: Set(event.as_str().to_owned()),
        due_at: Set(due),
        at: Set(at),
    }));
    let running = stopped.is_none();
    let row = ticket_sla_metric::Model {
        ticket_id,
        metric: metric.as_str().to_owned(),
        policy_id: policy.row.id,
        state: if running { SlaMetricState::Running } else { SlaMetricState::Fulfilled }.as_str().to_owned(),
        target_minutes: target,
        consumed_minutes: stopped.map_or(0, |at| i32::try_from(started.pause(&policy.clock(), at)).unwrap_or(i32::MAX)),
        running_since: running.then_some(opened),
        warn_at: warn_at.filter(|_| running),
        due_at: due_at.filter(|_| running),
        warned,
        breached: breached.is_some(),
        fulfilled_at: stopped,
    };
    if let (key, payload, Some(run_at)) = sla::watch(&row) {
        out.jobs.push(kehu_server::platform::jobs::new_job(sla::JOB_KIND, &key, payload, run_at));
    }
    Some((row, breached))
}

/// Write the ticket's SLA clocks and the escalations their breaches caused.
/// `times` are the opening, the first reply and the resolution.
fn replay_sla(
    desk: &Desk,
    draft: &mut Draft,
    times: (DateTime<Utc>, [Option<DateTime<Utc>>; 2]),
    tier: Option<&str>,
    now: DateTime<Utc>,
    lead: Uuid,
    out: &mut Service,
) {
    let (opened, [replied, resolved]) = times;
    let Some(policy) = desk.policies.iter().find(|policy| policy.matches(draft.priority, draft.kind, tier)) else {
        return;
    };
    let ticket_id = draft.id;
    let mut rows = Vec::new();
    for (metric, stopped) in [(SlaMetric::FirstResponse, replied), (SlaMetric::Resolution, resolved)] {
        rows.extend(clock(policy, ticket_id, metric, opened, stopped, now, out).map(|clock| (metric, clock)));
    }
    let mut breaches: Vec<(DateTime<Utc>, SlaMetric)> =
        rows.iter().filter_map(|(metric, (_, breached))| breached.map(|at| (at, *metric))).collect();
    breaches.sort_by_key(|(at, _)| *at);
    let mut level = 0;
    let mut assignee = draft.assignee;
    for (at, metric) in breaches.into_iter().filter(|_| policy.row.escalate_on_breach) {
        if level >= MAX_ESCALATION_LEVEL {
            break;
        }
        let to = kehu_domain::tickets::escalated_assignee(level + 1, Some(lead), assignee);
        let details = TicketEventDetails {
            from_level: Some(level),
            to_level: Some(level + 1),
            from_assignee_id: assignee,
            to_assignee_id: to,
            automatic: true,
            ..Default::default()
        };
        draft.event(at, TicketEventKind::Escalated, None, Some(format!("SLA {metric} breached")), details);
        (level, assignee) = (level + 1, to);
    }
    let running = rows.iter().filter(|(_, (row, _))| row.state == SlaMetricState::Running.as_str());
    draft.row.sla_due_at = Set(running.filter_map(|(_, (row, _))| row.due_at).min());
    draft.row.sla_breached = Set(rows.iter().any(|(_, (row, _))| row.breached));
    draft.row.sla_policy_id = Set(Some(policy.row.id));
    draft.row.escalation_level = Set(level);
    draft.row.assignee_id = Set(assignee);
    out.metrics.extend(rows.into_iter().map(|(_, (row, _))| ticket_sla_metric::ActiveModel::from(row)));
}

/// A ticket opened at a seasonal moment of the customer's life, replayed up to now.
fn one_ticket(
    rng: &mut StdRng,
    desk: &Desk,
    customer: (Uuid, DateTime<Utc>, Option<&str>),
    number: i64,
    now: DateTime<Utc>,
    out: &mut Service,
) {
    let (customer_id, since, tier) = customer;
    let opened = seasonal_moment(rng, since, now);
    let (kind, subject, description) = *ISSUES.choose(rng).unwrap_or(&ISSUES[0]);
    let (team, agent) = desk.staff(rng);
    let times = step_times(rng, opened);
    // Steps whose time has not come yet are not taken.
    let reach = (0..reach(rng, now - opened)).take_while(|&step| times[step] <= now).count();
    let assignee = (reach > 0 || rng.random_bool(0.5)).then_some(agent);
    let (id, priority) = (Uuid::now_v7(), priority(rng));
    let mut draft = Draft {
        row: ticket::ActiveModel {
            id: Set(id),
            number: Set(number),
            customer_id: Set(customer_id),
            ticket_type: Set(kind.as_str().to_owned()),
            category_id: Set(if reach >= 1 { desk.categories.choose(rng).copied() } else { None }),
            subject: Set(subject.to_owned()),
            description: Set(Some(description.to_owned())),
            priority: Set(priority.as_str().to_owned()),
            status: Set(String::new()),
            channel: Set(Channel::ALL.choose(rng).copied().unwrap_or(Channel::Phone).as_str().to_owned()),
            assignee_id: Set(assignee),
            team_id: Set(Some(team.id)),
            escalation_level: Set(0),
            resolution_summary: Set((reach >= 3).then(|| "已为客户处理完毕。Handled for the customer.".to_owned())),
            root_cause: Set((reach >= 3 && kind == TicketType::Complaint).then(|| "仓储包装不足".to_owned())),
            first_response_at: Set((reach >= 2).then_some(times[1])),
            resolved_at: Set((reach >= 3).then_some(times[2])),
            closed_at: Set((reach >= 4).then_some(times[3])),
            search_text: Set(kehu_store::tickets::search_text(number, subject, Some(description))),
            created_by: Set(Some(agent)),
            version: Set(1),
            sla_policy_id: Set(None),
            sla_due_at: Set(None),
            sla_breached: Set(false),
            created_at: Set(opened),
            updated_at: Set(opened),
        },
        id,
        number,
        customer_id,
        priority,
        kind,
        assignee,
        events: Vec::new(),
    };
    let created = TicketEventDetails {
        to_status: Some(TicketStatus::New),
        to_assignee_id: assignee,
        team_id: Some(team.id),
        ..Default::default()
    };
    draft.event(opened, TicketEventKind::Created, Some(agent), None, created);
    let path = [TicketStatus::New, TicketStatus::Triaged, TicketStatus::InProgress, TicketStatus::Resolved];
    let path = path.iter().zip(&path[1..]).chain([(&TicketStatus::Resolved, &TicketStatus::Closed)]);
    for (step, (from, to)) in path.enumerate().take(reach) {
        draft.moved(times[step], agent, *from, *to);
        if *to == TicketStatus::InProgress {
            let reply = "您好，已收到您的反馈，我们正在处理。".to_owned();
            draft.event(times[step], TicketEventKind::Reply, Some(agent), Some(reply), TicketEventDetails::default());
        }
    }
    let status = [TicketStatus::New, TicketStatus::Triaged, TicketStatus::InProgress, TicketStatus::Resolved];
    draft.row.status = Set(status.get(reach).copied().unwrap_or(TicketStatus::Closed).as_str().to_owned());
    let stopped = [(reach >= 2).then_some(times[1]), (reach >= 3).then_some(times[2])];
    replay_sla(desk, &mut draft, (opened, stopped), tier, now, team.lead, out);
    finish(draft, out);
}

/// The ticket's version and update time follow from its events, which are written in time order.
fn finish(mut draft: Draft, out: &mut Service) {
    draft.events.sort_by_key(|(at, ..)| *at);
    let ticket_id = draft.id;
    draft.row.version = Set(draft.events.len() as i64);
    if let Some((at, ..)) = draft.events.last() {
        draft.row.updated_at = Set(*at);
    }
    out.events.extend(draft.events.into_iter().map(|(at, kind, actor, body, details)| ticket_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        ticket_id: Set(ticket_id),
        ticket_number: Set(draft.number),
        customer_id: Set(draft.customer_id),
        kind: Set(kind.as_str().to_owned()),
        actor_id: Set(actor),
        body: Set(body),
        details: Set(serde_json::to_value(&details).unwrap_or_default()),
        at: Set(at),
    }));
    out.tickets.push(draft.row);
}

/// Tickets and recorded contacts of a customer whose file was opened at
/// `since`; `tier` is their loyalty tier now, which policies may match on.
/// `number` is the last ticket number given.
pub fn serve(
    rng: &mut StdRng,
    desk: &Desk,
    customer: (Uuid, DateTime<Utc>, Option<&str>),
    number: &mut i64,
    now: DateTime<Utc>,
    out: &mut Service,
) {
    for _ in 0..ticket_count(rng) {
        *number += 1;
        one_ticket(rng, desk, customer, *number, now, out);
    }
    let (customer_id, since, _) = customer;
    for _ in 0..rng.random_range(0..=2) + usize::from(rng.random_bool(0.2)) {
        let at = seasonal_moment(rng, since, now);
        let (_, agent) = desk.staff(rng);
        out.interactions.push(interaction::ActiveModel {
            id: Set(Uuid::now_v7()),
            customer_id: Set(customer_id),
            channel: Set(Channel::ALL.choose(rng).copied().unwrap_or(Channel::Phone).as_str().to_owned()),
            direction: Set(if rng.random_bool(0.5) { Direction::Inbound } else { Direction::Outbound }
                .as_str()
                .to_owned()),
            subject: Set(SUBJECTS.choose(rng).map(|s| (*s).to_owned())),
            body: Set(Some("客户沟通记录。Notes of the conversation.".into())),
            occurred_at: Set(at),
            author_id: Set(Some(agent)),
            created_at: Set(at),
        });
    }
}
