//! Segment filters compiled to one SQL condition over `customers`, the same
//! on SQLite and PostgreSQL. Value, RFM and loyalty fields become `id IN
//! (SELECT customer_id …)` subqueries, so each side can use its indexes; a
//! condition that also holds for customers without a row (e.g. `order_count
//! < 3` for someone who never bought) becomes `id NOT IN` the rows where it
//! does not hold. Custom fields are read from the customer's JSON with each
//! database's own JSON functions.

use chrono::{DateTime, Duration, Utc};
use kehu_store::entities::{customer, customer_tag, customer_value, interaction, loyalty_account};
use kehu_types::{Comparison, FilterValue, SegmentField, SegmentFilter};
use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, DbBackend, Iden};

/// The SQL condition that selects the filter's customers as of `now`, for
/// `backend`. The filter must have passed `kehu_domain::segments::check`.
pub fn condition(filter: &SegmentFilter, now: DateTime<Utc>, backend: DbBackend) -> Condition {
    let each = |items: &[SegmentFilter], group: Condition| {
        items.iter().fold(group, |c, item| c.add(condition(item, now, backend)))
    };
    match filter {
        SegmentFilter::And { items } => each(items, Condition::all()),
        SegmentFilter::Or { items } => each(items, Condition::any()),
        SegmentFilter::Not { item } => condition(item, now, backend).not(),
        SegmentFilter::Compare { field: SegmentField::Custom, cmp, value, key } => {
            custom(backend, key.as_deref().unwrap_or_default(), *cmp, value)
        }
        SegmentFilter::Compare { field, cmp, value, .. } => compare(*field, *cmp, value, now).unwrap_or_else(|| {
            // Custom fields are compared above; nothing else lands here.
            Condition::any()
        }),
    }
}

/// A custom field as text (JSON `true`/`false` spelled alike on both
/// databases), and as a number when it holds one (else NULL).
fn custom_field(backend: DbBackend, key: &str) -> (SimpleExpr, SimpleExpr) {
    if backend == DbBackend::Postgres {
        // PostgreSQL's custom expressions take numbered placeholders.
        let text = Expr::cust_with_values(r#"("customers"."custom" ->> CAST($1 AS TEXT))"#, [key]);
        let number = Expr::cust_with_values(
            r#"(CASE WHEN jsonb_typeof("customers"."custom" -> CAST($1 AS TEXT)) = 'number' THEN ("customers"."custom" ->> CAST($1 AS TEXT))::numeric END)"#,
            [key],
        );
        (text, number)
    } else {
        let path = format!("$.\"{key}\"");
        let text = Expr::cust_with_values(
            r#"(CASE json_type("customers"."custom", ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract("customers"."custom", ?) AS TEXT) END)"#,
            [path.clone(), path.clone()],
        );
        let number = Expr::cust_with_values(
            r#"(CASE WHEN json_type("customers"."custom", ?) IN ('integer', 'real') THEN json_extract("customers"."custom", ?) END)"#,
            [path.clone(), path],
        );
        (text, number)
    }
}

/// A custom field compared: numbers as numbers, texts as texts; `ne` also
/// holds for customers without the field.
fn custom(backend: DbBackend, key: &str, cmp: Comparison, value: &FilterValue) -> Condition {
    let (text, number) = custom_field(backend, key);
    match value {
        FilterValue::Number(n) if cmp == Comparison::Ne => {
            Condition::any().add(number.clone().ne(*n)).add(number.is_null())
        }
        FilterValue::Number(n) => Condition::all().add(number_expr_predicate(number, cmp, *n)),
        _ if cmp == Comparison::Ne => Condition::any().add(text.clone().is_not_in(texts(value))).add(text.is_null()),
        _ => Condition::all().add(text.is_in(texts(value))),
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
    number_expr_predicate(Expr::col(column), cmp, n)
}

fn number_expr_predicate(column: SimpleExpr, cmp: Comparison, n: i64) -> SimpleExpr {
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

/// Whole days since the instant `at` compared with `days`, as bounds on the instant.
fn days_since(at: SimpleExpr, cmp: Comparison, days: i64, now: DateTime<Utc>) -> SimpleExpr {
    let at_least = |d: i64| at.clone().lte(now - Duration::days(d));
    match cmp {
        Comparison::Gte => at_least(days),
        Comparison::Gt => at_least(days + 1),
        Comparison::Lt => at_least(days).not(),
        Comparison::Lte => at_least(days + 1).not(),
        Comparison::Eq | Comparison::In => at_least(days).and(at_least(days + 1).not()),
        Comparison::Ne => at_least(days).and(at_least(days + 1).not()).not(),
    }
}

/// A built-in field compared; `None` for custom fields, which need their key.
fn compare(field: SegmentField, cmp: Comparison, value: &FilterValue, now: DateTime<Utc>) -> Option<Condition> {
    use SegmentField::*;
    let values = (customer_value::Entity, customer_value::Column::CustomerId);
    let loyalty = (loyalty_account::Entity, loyalty_account::Column::CustomerId);
    let n = number(value);
    Some(match field {
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
            let since = days_since(Expr::col(column), cmp, n, now);
            id_in(having(values.0, values.1, Expr::col(column).is_not_null().and(since)))
        }
        LastContactDays => {
            // Each contacted customer's latest interaction, over the index on (customer, time).
            let latest = Func::max(Expr::col(interaction::Column::OccurredAt)).into();
            let contacted = Query::select()
                .column(interaction::Column::CustomerId)
                .from(interaction::Entity)
                .group_by_col(interaction::Column::CustomerId)
                .and_having(days_since(latest, cmp, n, now))
                .to_owned();
            id_in(contacted)
        }
        Custom => return None,
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
    })
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
        .filter(condition(filter, Utc::now(), conn.get_database_backend()))
        .count(conn)
        .await?)
}
