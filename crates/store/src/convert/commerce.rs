//! Products, orders and refunds, customer value and points.

use kehu_types as t;

use super::parse_or;
use crate::entities::{customer_value, order, order_item, order_refund, product};

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

pub fn order(row: &order::Model, items: &[order_item::Model], customer_name: &str) -> t::Order {
    t::Order {
        id: row.id,
        customer_id: row.customer_id,
        customer_name: customer_name.to_owned(),
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
#[derive(Debug, Clone, Default)]
pub struct ServiceCost {
    pub ticket_count: i64,
    /// Compensation given in money, one total per currency.
    pub compensation: Vec<t::MoneyTotal>,
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
    // The value's currency: its orders', or the business's before the first.
    let currency = row.and_then(|r| r.currency.clone());
    let unit = currency.as_deref().unwrap_or(&settings.currency);
    let given = service.compensation.iter().filter(|m| m.currency == unit).map(|m| m.amount).sum::<i64>();
    let serving = cost_to_serve(service.ticket_count, given, unit, settings);
    t::CustomerValue {
        customer_id,
        order_count: count,
        total_spent: spent,
        average_order_value: if count > 0 { spent / count } else { 0 },
        currency,
        first_purchase_at: first,
        last_purchase_at: row.and_then(|r| r.last_purchase_at),
        gross_margin: row.map_or(0, |r| r.costed_revenue - r.cost_of_goods),
        costed_revenue: row.map_or(0, |r| r.costed_revenue),
        historical_value: spent,
        predicted_value: predicted_lifetime_value(count, spent, first, churned, settings, now),
        ticket_count: service.ticket_count,
        compensation_given: given,
        compensation_by_currency: service.compensation,
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
