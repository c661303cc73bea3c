//! The invariants the API keeps, as queries over a whole database: each
//! counts the rows that break one, and all of them must count zero. The
//! data generator's output is checked with them (`cargo xtask check`), and
//! so is what the API tests leave behind, so both write the same shapes.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

use crate::digit_keys::MIN_DIGITS;

/// Orders that count towards value, as the order service counts them.
const PAID: &str = "('paid', 'partially_refunded')";

/// (what must hold, query counting the rows where it does not)
pub fn rules(backend: DbBackend) -> Vec<(&'static str, String)> {
    // A run of digits long enough to have keys.
    let keyed_run = match backend {
        DbBackend::Postgres => format!("c.search_text ~ '[0-9]{{{MIN_DIGITS}}}'"),
        _ => format!("c.search_text GLOB '*{}*'", "[0-9]".repeat(MIN_DIGITS)),
    };
    vec![
        (
            "each customer's order count and net spend match their paid orders",
            format!(
                "SELECT COUNT(*) FROM customer_values v WHERE v.order_count <> (SELECT COUNT(*) FROM orders o \
                 WHERE o.customer_id = v.customer_id AND o.status IN {PAID}) OR v.total_spent <> \
                 (SELECT COALESCE(SUM(o.total - o.refunded), 0) FROM orders o WHERE o.customer_id = v.customer_id \
                 AND o.status IN {PAID})"
            ),
        ),
        (
            "every customer with a paid order has a value row",
            format!(
                "SELECT COUNT(DISTINCT o.customer_id) FROM orders o WHERE o.status IN {PAID} AND NOT EXISTS \
                 (SELECT 1 FROM customer_values v WHERE v.customer_id = o.customer_id)"
            ),
        ),
        (
            "first and last purchase are the first and last paid order",
            format!(
                "SELECT COUNT(*) FROM customer_values v WHERE v.order_count > 0 AND (v.last_purchase_at <> \
                 (SELECT MAX(o.ordered_at) FROM orders o WHERE o.customer_id = v.customer_id AND o.status IN {PAID}) \
                 OR v.first_purchase_at <> (SELECT MIN(o.ordered_at) FROM orders o WHERE o.customer_id = v.customer_id \
                 AND o.status IN {PAID}))"
            ),
        ),
        (
            "each points balance is the sum of its ledger and of its unspent lots, and never negative",
            "SELECT COUNT(*) FROM loyalty_accounts a WHERE a.balance < 0 OR a.balance <> (SELECT \
             COALESCE(SUM(p.points), 0) FROM points_ledger p WHERE p.customer_id = a.customer_id) OR a.balance <> \
             (SELECT COALESCE(SUM(l.remaining), 0) FROM points_lots l WHERE l.customer_id = a.customer_id)"
                .into(),
        ),
        (
            "each account's latest ledger row ends at its balance",
            "SELECT COUNT(*) FROM loyalty_accounts a WHERE a.balance <> COALESCE((SELECT p.balance_after FROM \
             points_ledger p WHERE p.customer_id = a.customer_id ORDER BY p.at DESC, p.id DESC LIMIT 1), 0)"
                .into(),
        ),
        (
            "no lot holds more than it was credited, or less than nothing",
            "SELECT COUNT(*) FROM points_lots WHERE remaining < 0 OR remaining > points".into(),
        ),
        (
            "each customer's stage is where their stage history ends",
            "SELECT COUNT(*) FROM customers c WHERE c.stage <> COALESCE((SELECT h.to_stage FROM stage_history h \
             WHERE h.customer_id = c.id ORDER BY h.at DESC, h.id DESC LIMIT 1), '')"
                .into(),
        ),
        (
            "each stage history row starts where the one before it ended",
            "SELECT COUNT(*) FROM stage_history h WHERE h.from_stage IS NOT NULL AND h.from_stage <> \
             COALESCE((SELECT p.to_stage FROM stage_history p WHERE p.customer_id = h.customer_id AND \
             (p.at < h.at OR (p.at = h.at AND p.id < h.id)) ORDER BY p.at DESC, p.id DESC LIMIT 1), '')"
                .into(),
        ),
        (
            "the ticket counter has given every ticket number in use",
            "SELECT COUNT(*) FROM counters c WHERE c.name = 'ticket' AND c.value < (SELECT COALESCE(MAX(t.number), 0) \
             FROM tickets t)"
                .into(),
        ),
        (
            "each ticket's SLA due time is the earliest due time of its running clocks",
            "SELECT COUNT(*) FROM tickets t WHERE COALESCE(t.sla_due_at, t.created_at) <> COALESCE((SELECT \
             MIN(m.due_at) FROM ticket_sla_metrics m WHERE m.ticket_id = t.id AND m.state = 'running'), t.created_at)"
                .into(),
        ),
        (
            "a ticket is marked breached exactly when one of its clocks breached",
            "SELECT COUNT(*) FROM tickets t WHERE t.sla_breached <> EXISTS (SELECT 1 FROM ticket_sla_metrics m WHERE \
             m.ticket_id = t.id AND m.breached)"
                .into(),
        ),
        (
            "no clock runs or waits on a resolved or closed ticket",
            "SELECT COUNT(*) FROM ticket_sla_metrics m JOIN tickets t ON t.id = m.ticket_id WHERE t.status IN \
             ('resolved', 'closed') AND m.state IN ('running', 'paused')"
                .into(),
        ),
        (
            "every running clock not yet breached has one pending job watching it",
            "SELECT ABS((SELECT COUNT(*) FROM jobs j WHERE j.kind = 'sla' AND j.done_at IS NULL) - (SELECT COUNT(*) \
             FROM ticket_sla_metrics m WHERE m.state = 'running' AND NOT m.breached))"
                .into(),
        ),
        (
            "every tag in the tag index belongs to a customer",
            "SELECT COUNT(*) FROM customer_tags t WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = \
             t.customer_id)"
                .into(),
        ),
        (
            "every digit key is digits from its customer's search text",
            "SELECT COUNT(*) FROM customer_digit_keys k WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = \
             k.customer_id AND c.search_text LIKE '%' || k.digits || '%')"
                .into(),
        ),
        (
            "every customer with a run of digits long enough for keys in their search text has keys",
            format!(
                "SELECT COUNT(*) FROM customers c WHERE {keyed_run} AND NOT EXISTS (SELECT 1 FROM \
                 customer_digit_keys k WHERE k.customer_id = c.id)"
            ),
        ),
    ]
}

/// Each invariant with the number of rows that break it.
pub async fn counts(conn: &impl ConnectionTrait) -> Result<Vec<(&'static str, i64)>, DbErr> {
    let backend = conn.get_database_backend();
    let mut counts = Vec::new();
    for (rule, sql) in rules(backend) {
        let row = conn
            .query_one_raw(Statement::from_string(backend, sql))
            .await
            .map_err(|e| DbErr::Custom(format!("{rule}: {e}")))?;
        counts.push((rule, row.and_then(|r| r.try_get_by_index(0).ok()).unwrap_or(-1)));
    }
    Ok(counts)
}
