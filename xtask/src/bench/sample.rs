//! What the workloads draw their parameters from: customers spread over the
//! whole table, a cursor deep into a stage's list, the busiest ticket queue,
//! a caller's phone digits, and what each search's probe finds.

use kehu_store::cursor::Cursor;
use kehu_store::entities::{customer, order, ticket};
use kehu_store::tickets::TicketVisibility;
use kehu_types::LifecycleStage;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::{server, workloads};

/// Customers drawn for the by-id, timeline and update workloads.
const SAMPLE_SIZE: u64 = 200;
/// How deep the deep-page workload reads: pages of 100 walked before it.
const DEEP_PAGES: usize = 40;

/// Draw every workload's parameters from the data (the deep cursor by
/// walking the API's own pages).
pub async fn draw(
    conn: &sea_orm::DatabaseConnection,
    running: &server::Running,
    admin_id: Uuid,
) -> Result<workloads::Sample, String> {
    let rows: Vec<(Uuid, i64)> = customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Version)
        .filter(customer::Column::DeletedAt.is_null())
        .order_by_asc(customer::Column::Id)
        .into_tuple()
        .all(conn)
        .await
        .map_err(|e| e.to_string())?;
    let step = (rows.len() as u64 / SAMPLE_SIZE).max(1) as usize;
    let (customer_ids, versions): (Vec<Uuid>, Vec<i64>) = rows.iter().step_by(step).copied().unzip();
    let stage = LifecycleStage::Churned;
    let mut cursor = None::<String>;
    for _ in 0..DEEP_PAGES {
        let path = match &cursor {
            Some(c) => format!("/api/v1/customers?limit=100&stage={stage}&cursor={c}"),
            None => format!("/api/v1/customers?limit=100&stage={stage}"),
        };
        let page: kehu_types::CustomerPage = running.get(&path).await?;
        let Some(next) = page.next_cursor else { break };
        cursor = Some(next);
    }
    let Some(deep_cursor) = cursor else {
        return Err(format!("too few {stage} customers for the deep page: seed more"));
    };
    let deep_cursor = Cursor::decode(&deep_cursor).map_err(|_| "the API gave an unreadable cursor")?;
    // The team with the most open tickets, as a busy queue.
    let team_id = ticket::Entity::find()
        .select_only()
        .column(ticket::Column::TeamId)
        .filter(ticket::Column::TeamId.is_not_null())
        .filter(ticket::Column::SlaDueAt.is_not_null())
        .group_by(ticket::Column::TeamId)
        .order_by_desc(Expr::cust("COUNT(*)"))
        .into_tuple::<Option<Uuid>>()
        .one(conn)
        .await
        .map_err(|e| e.to_string())?
        .flatten();
    let queue_customers = match team_id.and_then(workloads::breaching_soon_page) {
        Some(page) => page.all(conn).await.map_err(|e| e.to_string())?.iter().map(|t| t.customer_id).collect(),
        None => Vec::new(),
    };
    let mut timeline_orders = Vec::with_capacity(customer_ids.len());
    for id in &customer_ids {
        let orders = kehu_store::timeline::sources(*id, None, workloads::TIMELINE_PAGE, TicketVisibility::All).orders;
        let ids: Vec<Uuid> =
            orders.select_only().column(order::Column::Id).into_tuple().all(conn).await.map_err(|e| e.to_string())?;
        timeline_orders.push(ids);
    }
    let phone_digits = phone_digits(conn, &customer_ids).await?;
    let mut indexed = std::collections::HashMap::new();
    for q in [workloads::SEARCH_CJK, workloads::SEARCH_LATIN, &phone_digits] {
        let matches = kehu_store::customers::indexed_matches(conn, Some(q)).await.map_err(|e| e.to_string())?;
        indexed.insert(q.to_owned(), matches);
    }
    Ok(workloads::Sample {
        admin_id,
        customer_ids,
        versions,
        stage,
        deep_cursor,
        team_id,
        queue_customers,
        timeline_orders,
        phone_digits,
        indexed,
    })
}

/// The last eight digits of the first phone among the sampled customers.
async fn phone_digits(conn: &sea_orm::DatabaseConnection, ids: &[Uuid]) -> Result<String, String> {
    let rows = customer::Entity::find()
        .filter(customer::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await
        .map_err(|e| e.to_string())?;
    rows.iter()
        .flat_map(|row| kehu_store::convert::customer(row).phones)
        .map(|phone| phone.chars().filter(char::is_ascii_digit).collect::<String>())
        .find(|digits| digits.len() >= 8)
        .map(|digits| digits[digits.len() - 8..].to_owned())
        .ok_or_else(|| "no sampled customer has a phone: seed more".into())
}
