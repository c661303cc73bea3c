//! Segment filters compiled to one SQL condition over `customers`, the same
//! on SQLite and PostgreSQL. Value, RFM and loyalty fields become `id IN
//! (SELECT customer_id …)` subqueries, so each side can use its indexes; a
//! condition that also holds for customers without a row (e.g. `order_count
//! < 3` for someone who never bought) becomes `id NOT IN` the rows where it
//! does not hold.

use chrono::{DateTime, Duration, Utc};
use kehu_store::entities::{customer, customer_tag, customer_value, loyalty_account};
use kehu_types::{Comparison, FilterValue, SegmentField, SegmentFilter};
use sea_orm::sea_query::{Expr, ExprTrait, IntoColumnRef, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, Iden};

/// The SQL condition that selects the filter's customers as of `now`.
/// The filter must have passed `kehu_domain::segments::check`.
pub fn condition(filter: &SegmentFilter, now: DateTime<Utc>) -> Condition {
    match filter {
        SegmentFilter::And { items } => items.iter().fold(Condition::all(), |c, item| c.add(condition(item, now))),
        SegmentFilter::Or { items } => items.iter().fold(Condition::any(), |c, item| c.add(condition(item, now))),
        SegmentFilter::Not { item } => condition(item, now).not(),
        SegmentFilter::Compare { field, cmp, value } => compare(*field, *cmp, value, now),
    }
}

fn texts(value: &FilterValue) -> Vec<String> {
    match value {
        FilterValue::Text(text) => vec![text.clone()],
        FilterValue::List(list) => list.clone(),
        FilterValue::Number(n) => vec![n.to_string()],
    }
}

fn number(value: &FilterValue) -> i64 {
    if let FilterValue::Number(n) = value { *n } else { 0 }
}

/// `column cmp value` for texts: `eq`/`in` match one of the texts, `ne` none of them.
fn text_predicate(column: impl IntoColumnRef + Copy, cmp: Comparison, value: &FilterValue) -> SimpleExpr {
    let matched = Expr::col(column).is_in(texts(value));
    if cmp == Comparison::Ne { matched.not() } else { matched }
}

fn number_predicate(column: impl IntoColumnRef + Copy, cmp: Comparison, n: i64) -> SimpleExpr {
    let column = Expr::col(column);
    match cmp {
        Comparison::Eq | Comparison::In => column.eq(n),
        Comparison::Ne => column.ne(n),
        Comparison::Lt => column.lt(n),
        Comparison::Lte => column.lte(n),
        Comparison::Gt => column.gt(n),
        Comparison::Gte => column.gte(n),
    }
}

fn holds(cmp: Comparison, left: i64, right: i64) -> bool {
    match cmp {
        Comparison::Eq | Comparison::In => left == right,
        Comparison::Ne => left != right,
        Comparison::Lt => left < right,
        Comparison::Lte => left <= right,
        Comparison::Gt => left > right,
        Comparison::Gte => left >= right,
    }
}

/// Customers with a row in `table` where `predicate` holds.
fn having(table: impl Iden + 'static, key: impl IntoColumnRef, predicate: SimpleExpr) -> SelectStatement {
    Query::select().column(key).from(table).and_where(predicate).to_owned()
}

fn id_in(rows: SelectStatement) -> Condition {
    Condition::all().add(Expr::col(customer::Column::Id).in_subquery(rows))
}

/// A number kept in a side table, 0 for customers without a row.
fn defaulted(
    table: impl Iden + 'static,
    key: impl IntoColumnRef + Copy,
    column: impl IntoColumnRef + Copy,
    cmp: Comparison,
    n: i64,
) -> Condition {
    let predicate = number_predicate(column, cmp, n);
    if holds(cmp, 0, n) {
        // Everyone without a row qualifies: exclude the rows that do not.
        Condition::all().add(Expr::col(customer::Column::Id).not_in_subquery(having(table, key, predicate.not())))
    } else {
        id_in(having(table, key, predicate))
    }
}

/// Whole days since a purchase at `column` compared with `days`, as bounds on the instant.
fn days_since(column: customer_value::Column, cmp: Comparison, days: i64, now: DateTime<Utc>) -> SimpleExpr {
    let at_least = |d: i64| Expr::col(column).lte(now - Duration::days(d));
    match cmp {
        Comparison::Gte => at_least(days),
        Comparison::Gt => at_least(days + 1),
        Comparison::Lt => at_least(days).not(),
        Comparison::Lte => at_least(days + 1).not(),
        Comparison::Eq | Comparison::In => at_least(days).and(at_least(days + 1).not()),
        Comparison::Ne => at_least(days).and(at_least(days + 1).not()).not(),
    }
}

fn compare(field: SegmentField, cmp: Comparison, value: &FilterValue, now: DateTime<Utc>) -> Condition {
    use SegmentField::*;
    let values = (customer_value::Entity, customer_value::Column::CustomerId);
    let loyalty = (loyalty_account::Entity, loyalty_account::Column::CustomerId);
    let n = number(value);
    match field {
        Stage => Condition::all().add(text_predicate(customer::Column::Stage, cmp, value)),
        Kind => Condition::all().add(text_predicate(customer::Column::Kind, cmp, value)),
        Region | Source => {
            let column = if field == Region { customer::Column::Region } else { customer::Column::Source };
            let matched = column.is_in(texts(value));
            match cmp {
                // Customers without a region are not in it.
                Comparison::Ne => Condition::any().add(matched.not()).add(column.is_null()),
                _ => Condition::all().add(matched),
            }
        }
        Tag => {
            let tagged = having(customer_tag::Entity, customer_tag::Column::CustomerId, {
                Expr::col(customer_tag::Column::Tag).is_in(texts(value))
            });
            let column = Expr::col(customer::Column::Id);
            let expr = if cmp == Comparison::Ne { column.not_in_subquery(tagged) } else { column.in_subquery(tagged) };
            Condition::all().add(expr)
        }
        OrderCount => defaulted(values.0, values.1, customer_value::Column::OrderCount, cmp, n),
        TotalSpent => defaulted(values.0, values.1, customer_value::Column::TotalSpent, cmp, n),
        PointsBalance => defaulted(loyalty.0, loyalty.1, loyalty_account::Column::Balance, cmp, n),
        LastPurchaseDays => {
            let column = customer_value::Column::LastPurchaseAt;
            id_in(having(values.0, values.1, Expr::col(column).is_not_null().and(days_since(column, cmp, n, now))))
        }
        RecencyScore | FrequencyScore | MonetaryScore => {
            let column = match field {
                RecencyScore => customer_value::Column::RScore,
                FrequencyScore => customer_value::Column::FScore,
                _ => customer_value::Column::MScore,
            };
            id_in(having(values.0, values.1, Expr::col(column).is_not_null().and(number_predicate(column, cmp, n))))
        }
        RfmSegment => {
            let column = customer_value::Column::RfmSegment;
            id_in(having(values.0, values.1, Expr::col(column).is_not_null().and(text_predicate(column, cmp, value))))
        }
        Tier => {
            let column = loyalty_account::Column::Tier;
            id_in(having(loyalty.0, loyalty.1, Expr::col(column).is_not_null().and(text_predicate(column, cmp, value))))
        }
    }
}

/// How many customers the filter selects among those `actor` may see.
pub async fn count(
    conn: &impl sea_orm::ConnectionTrait,
    actor: &crate::auth::Actor,
    filter: &SegmentFilter,
) -> crate::error::ApiResult<u64> {
    use sea_orm::{EntityTrait, PaginatorTrait, QueryFilter};
    kehu_domain::segments::check(filter).finish(()).map_err(crate::error::ApiError::validation)?;
    Ok(customer::Entity::find()
        .filter(customer::Column::DeletedAt.is_null())
        .filter(crate::services::customers::visibility(actor).condition())
        .filter(condition(filter, Utc::now()))
        .count(conn)
        .await?)
}
