//! Reading a customer's value, and scoring every customer's RFM.

use chrono::{DateTime, Utc};
use kehu_domain::value::{score_sql, segment_sql};
use kehu_store::convert::{self, ServiceCost};
use kehu_store::entities::{customer, customer_value, ticket, ticket_compensation};
use kehu_types::{
    CompensationKind, CompensationStatus, CustomerValue, LifecycleStage, MoneyTotal, RfmRun, ValueSettings,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement,
};

use crate::http::error::ApiResult;
use crate::platform::settings;

/// What serving the customer cost: their tickets (counted through the
/// tickets' customer index) and the money given in compensation, one total
/// per currency (points, gifts given without an amount of money, and what
/// still waits for approval are left out).
async fn service_cost(conn: &impl ConnectionTrait, customer_id: uuid::Uuid) -> ApiResult<ServiceCost> {
    let ticket_count = ticket::Entity::find().filter(ticket::Column::CustomerId.eq(customer_id)).count(conn).await?;
    let totals: Vec<(String, i64)> = ticket_compensation::Entity::find()
        .select_only()
        .column(ticket_compensation::Column::Currency)
        // PostgreSQL sums bigints as numeric: cast back for one reading on both.
        .column_as(Expr::cust("CAST(SUM(amount) AS BIGINT)"), "given")
        .filter(ticket_compensation::Column::CustomerId.eq(customer_id))
        .filter(ticket_compensation::Column::Kind.ne(CompensationKind::Points.as_str()))
        // Requested compensations have not been given; rejected never will be.
        .filter(ticket_compensation::Column::Status.eq(CompensationStatus::Approved.as_str()))
        .filter(ticket_compensation::Column::Currency.is_not_null())
        .group_by(ticket_compensation::Column::Currency)
        .order_by_asc(ticket_compensation::Column::Currency)
        .into_tuple()
        .all(conn)
        .await?;
    let compensation = totals.into_iter().map(|(currency, amount)| MoneyTotal { currency, amount }).collect();
    Ok(ServiceCost { ticket_count: ticket_count as i64, compensation })
}

/// The customer's value as of now (the caller has checked visibility).
pub async fn of(conn: &impl ConnectionTrait, customer: &customer::Model) -> ApiResult<CustomerValue> {
    let row = customer_value::Entity::find_by_id(customer.id).one(conn).await?;
    let service = service_cost(conn, customer.id).await?;
    let (settings, _) = settings::load::<ValueSettings>(conn).await?;
    let churned = customer.stage == LifecycleStage::Churned.as_str();
    Ok(convert::customer_value(customer.id, row.as_ref(), service, churned, &settings, Utc::now()))
}

/// Score every customer with a paid order: recency, frequency and monetary
/// fifths over all of them (`kehu_domain::value::quintile_scores`, computed
/// in SQL with `RANK()`), then the named segment. Three statements in the
/// caller's transaction; the ranking runs in the database, so no customer is
/// loaded into memory.
pub async fn score_rfm(conn: &impl ConnectionTrait, at: DateTime<Utc>) -> ApiResult<RfmRun> {
    let backend = conn.get_database_backend();
    let placeholder = if backend == DbBackend::Postgres { "$1" } else { "?" };
    let ranked = format!(
        "WITH scored AS (SELECT customer_id, {r} AS r, {f} AS f, {m} AS m FROM customer_values \
         WHERE order_count > 0 AND customer_id IN (SELECT id FROM customers WHERE deleted_at IS NULL)) \
         UPDATE customer_values SET r_score = scored.r, f_score = scored.f, m_score = scored.m, \
         rfm_scored_at = {placeholder} FROM scored WHERE customer_values.customer_id = scored.customer_id",
        r = score_sql("last_purchase_at"),
        f = score_sql("order_count"),
        m = score_sql("total_spent"),
    );
    let scored = conn.execute_raw(Statement::from_sql_and_values(backend, ranked, [at.into()])).await?.rows_affected();
    let named =
        format!("UPDATE customer_values SET rfm_segment = {} WHERE rfm_scored_at = {placeholder}", segment_sql());
    conn.execute_raw(Statement::from_sql_and_values(backend, named, [at.into()])).await?;
    // Customers whose every order was refunded (or who were deleted) lose their scores.
    let cleared = format!(
        "UPDATE customer_values SET r_score = NULL, f_score = NULL, m_score = NULL, rfm_segment = NULL, \
         rfm_scored_at = NULL WHERE rfm_scored_at IS NOT NULL AND rfm_scored_at <> {placeholder}"
    );
    conn.execute_raw(Statement::from_sql_and_values(backend, cleared, [at.into()])).await?;
    Ok(RfmRun { scored, at })
}
