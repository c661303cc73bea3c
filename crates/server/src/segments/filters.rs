//! Segment filters compiled to one SQL condition over `customers`, the same
//! on SQLite and PostgreSQL. Value, RFM and loyalty fields read the
//! customer's value row and loyalty account, joined by their key (see
//! [`SegmentCondition`]); a number such as `order_count` counts as 0 for
//! customers without a row, so `order_count < 3` holds for someone who never
//! bought. Tags and contacts, of which a customer has many, are `EXISTS`
//! subqueries on their per-customer indexes. Custom fields are read from the
//! customer's JSON with each database's own JSON functions.

use chrono::{DateTime, Duration, Utc};
use kehu_store::customers::SegmentCondition;
use kehu_store::entities::{customer, customer_tag, customer_value, interaction, loyalty_account};
use kehu_types::{Comparison, FilterValue, SegmentField, SegmentFilter};
use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, DbBackend};

/// What selects the filter's customers as of `now`, for `backend`. The
/// filter must have passed `kehu_domain::segments::check`.
pub fn compile(filter: &SegmentFilter, now: DateTime<Utc>, backend: DbBackend) -> SegmentCondition {
    use SegmentField::*;
    SegmentCondition {
        condition: condition(filter, now, backend),
        reads_values: reads(filter, &|field| {
            matches!(
                field,
                OrderCount | TotalSpent | LastPurchaseDays | RecencyScore | FrequencyScore | MonetaryScore | RfmSegment
            )
        }),
        reads_loyalty: reads(filter, &|field| matches!(field, PointsBalance | Tier)),
    }
}

/// Whether any comparison in the filter is on a field `wanted` picks.
fn reads(filter: &SegmentFilter, wanted: &dyn Fn(SegmentField) -> bool) -> bool {
    match filter {
        SegmentFilter::And { items } | SegmentFilter::Or { items } => items.iter().any(|item| reads(item, wanted)),
        SegmentFilter::Not { item } => reads(item, wanted),
        SegmentFilter::Compare { field, .. } => wanted(*field),
    }
}

fn condition(filter: &SegmentFilter, now: DateTime<Utc>, backend: DbBackend) -> Condition {
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

/// A number kept in a joined side row, 0 for customers without one.
fn defaulted(column: impl IntoColumnRef, cmp: Comparison, n: i64) -> Condition {
    let value = Func::coalesce([Expr::col(column), Expr::val(0)]);
    Condition::all().add(number_expr_predicate(value.into(), cmp, n))
}

/// `predicate` on a joined side row's `column`, false for customers without
/// one (never NULL, so that a `not` around it includes them).
fn present(column: impl IntoColumnRef, predicate: SimpleExpr) -> Condition {
    Condition::all().add(Expr::col(column).is_not_null().and(predicate))
}

/// The customer's rows of a per-customer table, for an `EXISTS`.
fn rows_of_customer(table: impl sea_orm::Iden + Copy + 'static, key: impl IntoColumnRef) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(table)
        .and_where(Expr::col(key).equals((customer::Entity, customer::Column::Id)))
        .to_owned()
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
    let values = |column: customer_value::Column| (customer_value::Entity, column);
    let loyalty = |column: loyalty_account::Column| (loyalty_account::Entity, column);
    let n = number(value);
    Some(match field {
        Stage => Condition::all().add(text_predicate((customer::Entity, customer::Column::Stage), cmp, value)),
        Kind => Condition::all().add(text_predicate((customer::Entity, customer::Column::Kind), cmp, value)),
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
            let mut tagged =
                rows_of_customer(customer_tag::Entity, (customer_tag::Entity, customer_tag::Column::CustomerId));
            tagged.and_where(Expr::col((customer_tag::Entity, customer_tag::Column::Tag)).is_in(texts(value)));
            let exists = Expr::exists(tagged);
            Condition::all().add(if cmp == Comparison::Ne { exists.not() } else { exists })
        }
        OrderCount => defaulted(values(customer_value::Column::OrderCount), cmp, n),
        TotalSpent => defaulted(values(customer_value::Column::TotalSpent), cmp, n),
        PointsBalance => defaulted(loyalty(loyalty_account::Column::Balance), cmp, n),
        LastPurchaseDays => {
            let column = values(customer_value::Column::LastPurchaseAt);
            present(column, days_since(Expr::col(column), cmp, n, now))
        }
        LastContactDays => {
            // The customer's latest interaction, over the index on (customer, time);
            // never contacted, a customer has no latest contact to compare.
            let latest = Func::max(Expr::col((interaction::Entity, interaction::Column::OccurredAt))).into();
            let key = (interaction::Entity, interaction::Column::CustomerId);
            let mut contacted = rows_of_customer(interaction::Entity, key);
            contacted.group_by_col(key).and_having(days_since(latest, cmp, n, now));
            Condition::all().add(Expr::exists(contacted))
        }
        Custom => return None,
        RecencyScore | FrequencyScore | MonetaryScore => {
            let column = values(match field {
                RecencyScore => customer_value::Column::RScore,
                FrequencyScore => customer_value::Column::FScore,
                _ => customer_value::Column::MScore,
            });
            present(column, number_predicate(column, cmp, n))
        }
        RfmSegment => {
            let column = values(customer_value::Column::RfmSegment);
            present(column, text_predicate(column, cmp, value))
        }
        Tier => {
            let column = loyalty(loyalty_account::Column::Tier);
            present(column, text_predicate(column, cmp, value))
        }
    })
}

/// How many customers the filter selects among those `actor` may see.
pub async fn count(
    conn: &impl sea_orm::ConnectionTrait,
    actor: &crate::http::actor::Actor,
    filter: &SegmentFilter,
) -> crate::http::error::ApiResult<u64> {
    use sea_orm::{EntityTrait, PaginatorTrait, QueryFilter};
    kehu_domain::segments::check(filter).finish(()).map_err(crate::http::error::ApiError::validation)?;
    Ok(compile(filter, Utc::now(), conn.get_database_backend())
        .apply(customer::Entity::find())
        .filter(customer::Column::DeletedAt.is_null())
        .filter(crate::customers::service::visibility(actor).condition())
        .count(conn)
        .await?)
}
