//! Rows to wire types. Enum columns hold wire spellings written by this code
//! only, so an unknown value means a corrupted row: it is logged and shown as the
//! safest default rather than failing a whole page.

use kehu_types as t;
use serde::de::DeserializeOwned;

use kehu_domain::tickets::format_number;

use crate::entities::{
    article, audit_log, business_calendar, customer, customer_value, interaction, notification, order, order_item,
    order_refund, product, sla_ledger, sla_policy, stage_history, task, team, ticket, ticket_category,
    ticket_compensation, ticket_event, ticket_sla_metric, user,
};

fn json_or_default<T: DeserializeOwned + Default>(value: &serde_json::Value, column: &str) -> T {
    // Deserialising from a borrowed value skips the deep copy `from_value` needs.
    T::deserialize(value).unwrap_or_else(|error| {
        tracing::warn!(%column, %error, "unreadable JSON column");
        T::default()
    })
}

fn parse_or<T: Copy>(parse: fn(&str) -> Option<T>, text: &str, fallback: T, column: &str) -> T {
    parse(text).unwrap_or_else(|| {
        tracing::warn!(%column, value = %text, "unknown enum value");
        fallback
    })
}

pub fn customer(row: &customer::Model) -> t::Customer {
    t::Customer {
        id: row.id,
        kind: parse_or(t::CustomerKind::parse, &row.kind, t::CustomerKind::Person, "customers.kind"),
        name: row.name.clone(),
        company_name: row.company_name.clone(),
        emails: row.emails.0.clone(),
        phones: row.phones.0.clone(),
        address: row.address.as_ref().map(|a| a.0.clone()),
        region: row.region.clone(),
        industry: row.industry.clone(),
        birthday: row.birthday,
        source: row.source.as_deref().and_then(t::AcquisitionSource::parse),
        stage: parse_or(t::LifecycleStage::parse, &row.stage, t::LifecycleStage::Prospect, "customers.stage"),
        owner_id: row.owner_id,
        team_id: row.team_id,
        tags: row.tags.0.clone(),
        custom: row.custom.0.clone(),
        marketing_consent: row.marketing_consent.0.clone(),
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
        deleted_at: row.deleted_at,
    }
}

pub fn stage_entry(row: &stage_history::Model) -> t::StageHistoryEntry {
    t::StageHistoryEntry {
        id: row.id,
        customer_id: row.customer_id,
        from_stage: row.from_stage.as_deref().and_then(t::LifecycleStage::parse),
        to_stage: parse_or(
            t::LifecycleStage::parse,
            &row.to_stage,
            t::LifecycleStage::Prospect,
            "stage_history.to_stage",
        ),
        reason_kind: parse_or(
            t::StageChangeKind::parse,
            &row.reason_kind,
            t::StageChangeKind::Manual,
            "stage_history.reason_kind",
        ),
        note: row.note.clone(),
        actor_id: row.actor_id,
        at: row.at,
        rule: row.rule.as_deref().and_then(t::LifecycleRule::parse),
    }
}

pub fn interaction(row: &interaction::Model) -> t::Interaction {
    t::Interaction {
        id: row.id,
        customer_id: row.customer_id,
        channel: parse_or(t::Channel::parse, &row.channel, t::Channel::Other, "interactions.channel"),
        direction: parse_or(t::Direction::parse, &row.direction, t::Direction::Inbound, "interactions.direction"),
        subject: row.subject.clone(),
        body: row.body.clone(),
        occurred_at: row.occurred_at,
        author_id: row.author_id,
        created_at: row.created_at,
    }
}

pub fn user(row: &user::Model) -> t::User {
    t::User {
        id: row.id,
        email: row.email.clone(),
        name: row.name.clone(),
        role: parse_or(t::Role::parse, &row.role, t::Role::Viewer, "users.role"),
        team_id: row.team_id,
        active: row.active,
        created_at: row.created_at,
        last_login_at: row.last_login_at,
    }
}

pub fn team(row: &team::Model) -> t::Team {
    t::Team {
        id: row.id,
        name: row.name.clone(),
        description: row.description.clone(),
        lead_id: row.lead_id,
        created_at: row.created_at,
    }
}

pub fn audit(row: &audit_log::Model) -> t::AuditEntry {
    t::AuditEntry {
        id: row.id,
        actor_id: row.actor_id,
        action: row.action.clone(),
        entity_type: row.entity_type.clone(),
        entity_id: row.entity_id,
        changes: row.changes.clone(),
        request_id: row.request_id.clone(),
        ip: row.ip.clone(),
        at: row.at,
    }
}

/// A ticket row; `customer_name` comes from the customer row, read alongside.
pub fn ticket(row: &ticket::Model, customer_name: &str) -> t::Ticket {
    t::Ticket {
        id: row.id,
        number: format_number(row.number),
        customer_id: row.customer_id,
        customer_name: customer_name.to_owned(),
        ticket_type: parse_or(t::TicketType::parse, &row.ticket_type, t::TicketType::Inquiry, "tickets.ticket_type"),
        category_id: row.category_id,
        subject: row.subject.clone(),
        description: row.description.clone(),
        priority: parse_or(t::Priority::parse, &row.priority, t::Priority::Normal, "tickets.priority"),
        status: parse_or(t::TicketStatus::parse, &row.status, t::TicketStatus::New, "tickets.status"),
        channel: parse_or(t::Channel::parse, &row.channel, t::Channel::Other, "tickets.channel"),
        assignee_id: row.assignee_id,
        team_id: row.team_id,
        escalation_level: row.escalation_level,
        resolution_summary: row.resolution_summary.clone(),
        root_cause: row.root_cause.clone(),
        first_response_at: row.first_response_at,
        resolved_at: row.resolved_at,
        closed_at: row.closed_at,
        created_by: row.created_by,
        sla_policy_id: row.sla_policy_id,
        sla_due_at: row.sla_due_at,
        sla_breached: row.sla_breached,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub fn ticket_event(row: &ticket_event::Model) -> t::TicketEvent {
    t::TicketEvent {
        id: row.id,
        ticket_id: row.ticket_id,
        ticket_number: format_number(row.ticket_number),
        customer_id: row.customer_id,
        kind: parse_or(t::TicketEventKind::parse, &row.kind, t::TicketEventKind::Updated, "ticket_events.kind"),
        actor_id: row.actor_id,
        body: row.body.clone(),
        details: json_or_default(&row.details, "ticket_events.details"),
        at: row.at,
    }
}

pub fn ticket_category(row: &ticket_category::Model) -> t::TicketCategory {
    t::TicketCategory {
        id: row.id,
        name: row.name.clone(),
        name_en: row.name_en.clone(),
        active: row.active,
        position: row.position,
    }
}

pub fn compensation(row: &ticket_compensation::Model) -> t::Compensation {
    t::Compensation {
        id: row.id,
        ticket_id: row.ticket_id,
        customer_id: row.customer_id,
        kind: parse_or(t::CompensationKind::parse, &row.kind, t::CompensationKind::Gift, "ticket_compensations.kind"),
        amount: row.amount,
        currency: row.currency.clone(),
        reason: row.reason.clone(),
        created_by: row.created_by,
        created_at: row.created_at,
    }
}

fn json_list<T: DeserializeOwned>(value: &serde_json::Value, column: &str) -> Vec<T> {
    json_or_default(value, column)
}

pub fn sla_policy(row: &sla_policy::Model) -> t::SlaPolicy {
    t::SlaPolicy {
        id: row.id,
        name: row.name.clone(),
        position: row.position,
        active: row.active,
        match_priorities: json_list(&row.match_priorities, "sla_policies.match_priorities"),
        match_types: json_list(&row.match_types, "sla_policies.match_types"),
        match_tiers: json_list(&row.match_tiers, "sla_policies.match_tiers"),
        first_response_minutes: row.first_response_minutes,
        next_response_minutes: row.next_response_minutes,
        resolution_minutes: row.resolution_minutes,
        calendar_id: row.calendar_id,
        warn_percent: row.warn_percent,
        escalate_on_breach: row.escalate_on_breach,
    }
}

pub fn business_calendar(row: &business_calendar::Model) -> t::BusinessCalendar {
    t::BusinessCalendar {
        id: row.id,
        name: row.name.clone(),
        time_zone: row.time_zone.clone(),
        week: json_list(&row.week, "business_calendars.week"),
        holidays: json_list(&row.holidays, "business_calendars.holidays"),
    }
}

pub fn sla_metric(row: &ticket_sla_metric::Model) -> t::SlaMetricStatus {
    t::SlaMetricStatus {
        metric: parse_or(t::SlaMetric::parse, &row.metric, t::SlaMetric::Resolution, "ticket_sla_metrics.metric"),
        state: parse_or(t::SlaMetricState::parse, &row.state, t::SlaMetricState::Cancelled, "ticket_sla_metrics.state"),
        target_minutes: row.target_minutes,
        consumed_minutes: row.consumed_minutes,
        warn_at: row.warn_at,
        due_at: row.due_at,
        warned: row.warned,
        breached: row.breached,
        fulfilled_at: row.fulfilled_at,
    }
}

pub fn sla_entry(row: &sla_ledger::Model) -> t::SlaLedgerEntry {
    t::SlaLedgerEntry {
        id: row.id,
        metric: parse_or(t::SlaMetric::parse, &row.metric, t::SlaMetric::Resolution, "sla_ledger.metric"),
        event: parse_or(t::SlaEvent::parse, &row.event, t::SlaEvent::Recompute, "sla_ledger.event"),
        due_at: row.due_at,
        at: row.at,
    }
}

pub fn notification(row: &notification::Model) -> t::Notification {
    t::Notification {
        id: row.id,
        kind: parse_or(t::NotificationKind::parse, &row.kind, t::NotificationKind::Assigned, "notifications.kind"),
        ticket_id: row.ticket_id,
        actor_id: row.actor_id,
        summary: row.summary.clone(),
        created_at: row.created_at,
        read_at: row.read_at,
    }
}

pub fn task(row: &task::Model) -> t::Task {
    t::Task {
        id: row.id,
        kind: parse_or(t::TaskKind::parse, &row.kind, t::TaskKind::Other, "tasks.kind"),
        title: row.title.clone(),
        notes: row.notes.clone(),
        due_at: row.due_at,
        assignee_id: row.assignee_id,
        customer_id: row.customer_id,
        ticket_id: row.ticket_id,
        done_at: row.done_at,
        created_by: row.created_by,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn article_enums(row: &article::Model) -> (t::ArticleLocale, t::ArticleVisibility, t::ArticleStatus) {
    (
        parse_or(t::ArticleLocale::parse, &row.locale, t::ArticleLocale::ZhCn, "articles.locale"),
        // An unreadable visibility must never leak an article to the public.
        parse_or(t::ArticleVisibility::parse, &row.visibility, t::ArticleVisibility::Internal, "articles.visibility"),
        parse_or(t::ArticleStatus::parse, &row.status, t::ArticleStatus::Draft, "articles.status"),
    )
}

pub fn article(row: &article::Model) -> t::Article {
    let (locale, visibility, status) = article_enums(row);
    t::Article {
        id: row.id,
        title: row.title.clone(),
        body: row.body.clone(),
        body_html: row.body_html.clone(),
        summary: row.summary.clone(),
        category_id: row.category_id,
        locale,
        visibility,
        status,
        author_id: row.author_id,
        updated_by: row.updated_by,
        published_at: row.published_at,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub fn article_summary(row: &article::Model) -> t::ArticleSummary {
    let (locale, visibility, status) = article_enums(row);
    t::ArticleSummary {
        id: row.id,
        title: row.title.clone(),
        summary: row.summary.clone(),
        category_id: row.category_id,
        locale,
        visibility,
        status,
        published_at: row.published_at,
        version: row.version,
        updated_at: row.updated_at,
    }
}

pub fn public_article(row: &article::Model) -> t::PublicArticle {
    t::PublicArticle {
        id: row.id,
        title: row.title.clone(),
        summary: row.summary.clone(),
        body_html: row.body_html.clone(),
        locale: article_enums(row).0,
        updated_at: row.updated_at,
    }
}

pub fn public_article_summary(row: &article::Model) -> t::PublicArticleSummary {
    t::PublicArticleSummary {
        id: row.id,
        title: row.title.clone(),
        summary: row.summary.clone(),
        locale: article_enums(row).0,
        updated_at: row.updated_at,
    }
}

pub fn product(row: &product::Model) -> t::Product {
    t::Product {
        id: row.id,
        sku: row.sku.clone(),
        name: row.name.clone(),
        category: row.category.clone(),
        list_price: row.list_price,
        currency: row.currency.clone(),
        unit_cost: row.unit_cost,
        active: row.active,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub fn order(row: &order::Model, items: &[order_item::Model]) -> t::Order {
    t::Order {
        id: row.id,
        customer_id: row.customer_id,
        number: row.number.clone(),
        source: row.source.clone(),
        items: items
            .iter()
            .map(|item| t::OrderItem {
                product_id: item.product_id,
                sku: item.sku.clone(),
                name: item.name.clone(),
                category: item.category.clone(),
                quantity: item.quantity,
                unit_price: item.unit_price,
                unit_cost: item.unit_cost,
            })
            .collect(),
        currency: row.currency.clone(),
        total: row.total,
        refunded: row.refunded,
        status: parse_or(t::OrderStatus::parse, &row.status, t::OrderStatus::Paid, "orders.status"),
        channel: row.channel.as_deref().and_then(t::Channel::parse),
        ordered_at: row.ordered_at,
        version: row.version,
        created_at: row.created_at,
    }
}

/// A customer's value; `None` (no orders yet) reads as all zeros.
/// What a customer costs to serve, read from their tickets and compensations.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServiceCost {
    pub ticket_count: i64,
    pub compensation_given: i64,
}

/// A customer's value as of `now`: the stored sums and scores, the lifetime
/// value and profitability derived from them by the domain's formulas.
pub fn customer_value(
    customer_id: uuid::Uuid,
    row: Option<&customer_value::Model>,
    service: ServiceCost,
    churned: bool,
    settings: &t::ValueSettings,
    now: chrono::DateTime<chrono::Utc>,
) -> t::CustomerValue {
    use kehu_domain::value::{cost_to_serve, predicted_lifetime_value};
    let count = row.map_or(0, |r| r.order_count);
    let spent = row.map_or(0, |r| r.total_spent);
    let first = row.and_then(|r| r.first_purchase_at);
    let cost_of_goods = row.map_or(0, |r| r.cost_of_goods);
    let serving = cost_to_serve(service.ticket_count, service.compensation_given, settings);
    t::CustomerValue {
        customer_id,
        order_count: count,
        total_spent: spent,
        average_order_value: if count > 0 { spent / count } else { 0 },
        currency: row.and_then(|r| r.currency.clone()),
        first_purchase_at: first,
        last_purchase_at: row.and_then(|r| r.last_purchase_at),
        gross_margin: row.map_or(0, |r| r.costed_revenue - r.cost_of_goods),
        costed_revenue: row.map_or(0, |r| r.costed_revenue),
        historical_value: spent,
        predicted_value: predicted_lifetime_value(count, spent, first, churned, settings, now),
        ticket_count: service.ticket_count,
        compensation_given: service.compensation_given,
        cost_to_serve: serving,
        profit: spent.saturating_sub(cost_of_goods).saturating_sub(serving),
        rfm: row.and_then(rfm_scores),
    }
}

fn rfm_scores(row: &customer_value::Model) -> Option<t::RfmScores> {
    let score = |value: Option<i16>| value.and_then(|v| u8::try_from(v).ok()).filter(|v| (1..=5).contains(v));
    let (recency, frequency, monetary) = (score(row.r_score)?, score(row.f_score)?, score(row.m_score)?);
    Some(t::RfmScores {
        recency,
        frequency,
        monetary,
        segment: kehu_domain::value::rfm_segment(recency, frequency, monetary),
        scored_at: row.rfm_scored_at?,
    })
}

pub fn order_refund(row: &order_refund::Model) -> t::OrderRefund {
    t::OrderRefund {
        id: row.id,
        order_id: row.order_id,
        order_number: row.order_number.clone(),
        customer_id: row.customer_id,
        amount: row.amount,
        currency: row.currency.clone(),
        reason: row.reason.clone(),
        actor_id: row.actor_id,
        at: row.at,
    }
}

pub fn points_entry(row: &crate::entities::points_entry::Model) -> t::PointsEntry {
    t::PointsEntry {
        id: row.id,
        customer_id: row.customer_id,
        kind: parse_or(t::PointsKind::parse, &row.kind, t::PointsKind::Adjust, "points_ledger.kind"),
        points: row.points,
        balance_after: row.balance_after,
        order_id: row.order_id,
        ticket_id: row.ticket_id,
        reason: row.reason.clone(),
        expires_at: row.expires_at,
        actor_id: row.actor_id,
        at: row.at,
    }
}

pub fn segment(row: &crate::entities::segment::Model) -> t::Segment {
    t::Segment {
        id: row.id,
        name: row.name.clone(),
        filter: serde_json::from_value(row.filter.clone()).unwrap_or_else(|error| {
            // An unreadable stored filter selects no one rather than everyone.
            tracing::warn!(%error, "unreadable segment filter");
            t::SegmentFilter::Or { items: Vec::new() }
        }),
        shared: row.shared,
        owner_id: row.owner_id,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}
