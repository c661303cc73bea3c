//! Ticket queries: visibility, queue filters, keyset pages, counts, numbering.

use chrono::{DateTime, Utc};
use kehu_domain::tickets::format_number;
use kehu_types::{Priority, TicketStatus, TicketType, TicketView};
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Select, Statement,
};
use uuid::Uuid;

use crate::cursor::{Cursor, InvalidCursor, finish_page, past};
use crate::customers::Visibility;
use crate::entities::{customer, ticket, ticket_event};
use crate::search::{escape_like, fold_query};

/// Which tickets a user may see at all. Everything reached through a ticket
/// (its events, messages, SLA, compensations, suggested articles, search hits,
/// notifications) is reached through this rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketVisibility {
    /// Admins, managers and viewers.
    All,
    /// Agents: tickets assigned to them or to their team, and every ticket of
    /// a customer they may see (`customers::Visibility`). A ticket of a
    /// customer hidden from them stays hidden unless it was given to them.
    Agent { user_id: Uuid, team_id: Option<Uuid> },
}

impl TicketVisibility {
    /// The rule as a condition on `tickets`, for lists, counts, searches and
    /// single reads alike.
    ///
    /// Written as one CASE rather than an OR: given the OR, SQLite answers
    /// from several index lookups and sorts every ticket an agent may see
    /// before it can return a page (about 100 ms at 100k tickets); a CASE is
    /// not indexable, so the list walks its sort order and stops after one
    /// page. The customer test comes last: it is the one that reads another
    /// table (one primary-key lookup per ticket walked).
    pub fn condition(self) -> Condition {
        match self {
            TicketVisibility::All => Condition::all(),
            TicketVisibility::Agent { user_id, team_id } => {
                let mut visible = CaseStatement::new().case(ticket::Column::AssigneeId.eq(user_id), Expr::val(1));
                if let Some(team_id) = team_id {
                    visible = visible.case(ticket::Column::TeamId.eq(team_id), Expr::val(1));
                }
                let customer_visible = Query::select()
                    .expr(Expr::val(1))
                    .from(customer::Entity)
                    .and_where(
                        Expr::col((customer::Entity, customer::Column::Id))
                            .equals((ticket::Entity, ticket::Column::CustomerId)),
                    )
                    .cond_where(Visibility::Agent { user_id, team_id }.condition())
                    .to_owned();
                visible = visible.case(Expr::exists(customer_visible), Expr::val(1));
                Condition::all().add(Expr::expr(visible.finally(Expr::val(0))).eq(1))
            }
        }
    }
}

/// A condition on a column holding a ticket id (or null, for records about no
/// ticket): true when that ticket is visible, or when there is none.
pub fn about_visible_ticket(column: impl sea_orm::sea_query::IntoColumnRef, visibility: TicketVisibility) -> Condition {
    if visibility == TicketVisibility::All {
        return Condition::all();
    }
    let visible =
        Query::select().column(ticket::Column::Id).from(ticket::Entity).cond_where(visibility.condition()).to_owned();
    let column = column.into_column_ref();
    Condition::any().add(Expr::col(column.clone()).is_null()).add(Expr::col(column).in_subquery(visible))
}

/// Filters of the ticket list; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    pub view: Option<TicketView>,
    /// The user asking, for `mine`, and their team, for `team`.
    pub me: Option<(Uuid, Option<Uuid>)>,
    /// The present, for `breaching_soon`.
    pub now: Option<DateTime<Utc>>,
    pub status: Option<TicketStatus>,
    pub open: Option<bool>,
    pub ticket_type: Option<TicketType>,
    pub priority: Option<Priority>,
    pub category_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub q: Option<String>,
}

/// Sort orders with a matching index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TicketSort {
    #[default]
    NewestFirst,
    OldestFirst,
    RecentlyUpdated,
}

impl From<kehu_types::TicketSort> for TicketSort {
    fn from(sort: kehu_types::TicketSort) -> Self {
        match sort {
            kehu_types::TicketSort::CreatedAt => TicketSort::OldestFirst,
            kehu_types::TicketSort::CreatedAtDesc => TicketSort::NewestFirst,
            kehu_types::TicketSort::UpdatedAtDesc => TicketSort::RecentlyUpdated,
        }
    }
}

impl TicketSort {
    fn column(self) -> ticket::Column {
        match self {
            TicketSort::NewestFirst | TicketSort::OldestFirst => ticket::Column::CreatedAt,
            TicketSort::RecentlyUpdated => ticket::Column::UpdatedAt,
        }
    }

    fn descending(self) -> bool {
        self != TicketSort::OldestFirst
    }

    fn key(self, row: &ticket::Model) -> DateTime<Utc> {
        match self {
            TicketSort::NewestFirst | TicketSort::OldestFirst => row.created_at,
            TicketSort::RecentlyUpdated => row.updated_at,
        }
    }

    fn after(self, cursor: &Cursor) -> Result<Condition, InvalidCursor> {
        let at = cursor.key_as::<DateTime<Utc>>()?;
        Ok(past(self.column(), ticket::Column::Id, at, cursor.id, self.descending()))
    }
}

/// What a ticket's own text search covers: its number, subject and description.
/// The conversation is searched in `ticket_events` directly.
pub fn search_text(number: i64, subject: &str, description: Option<&str>) -> String {
    let mut parts = vec![format_number(number).to_lowercase(), subject.to_lowercase()];
    parts.extend(description.map(str::to_lowercase));
    parts.join(" \u{1f} ")
}

/// How far ahead "breaching soon" looks.
pub const BREACHING_SOON_MINUTES: i64 = 60;

fn open_condition(open: bool) -> Condition {
    let done = [TicketStatus::Resolved.as_str(), TicketStatus::Closed.as_str()];
    let column = ticket::Column::Status;
    Condition::all().add(if open { column.is_not_in(done) } else { column.is_in(done) })
}

fn filtered(visibility: TicketVisibility, filter: &TicketFilter) -> Select<ticket::Entity> {
    let mut condition = Condition::all().add(visibility.condition());
    match (filter.view, filter.me) {
        (Some(TicketView::Mine), Some((me, _))) => condition = condition.add(ticket::Column::AssigneeId.eq(me)),
        (Some(TicketView::Team), Some((_, team))) => {
            // Without a team, "my team" is nobody's queue: match nothing rather than everything.
            condition = condition.add(match team {
                Some(team) => ticket::Column::TeamId.eq(team),
                None => Expr::val(1).eq(0),
            })
        }
        (Some(TicketView::Unassigned), _) => condition = condition.add(ticket::Column::AssigneeId.is_null()),
        (Some(TicketView::Escalated), _) => condition = condition.add(ticket::Column::EscalationLevel.gt(0)),
        (Some(TicketView::BreachingSoon), _) => {
            let now = filter.now.unwrap_or_else(Utc::now);
            condition = condition
                .add(ticket::Column::SlaDueAt.gt(now))
                .add(ticket::Column::SlaDueAt.lte(now + chrono::Duration::minutes(BREACHING_SOON_MINUTES)))
        }
        (Some(TicketView::Breached), _) => {
            condition = condition.add(ticket::Column::SlaBreached.eq(true)).add(open_condition(true))
        }
        _ => {}
    }
    if let Some(status) = filter.status {
        condition = condition.add(ticket::Column::Status.eq(status.as_str()));
    }
    if let Some(open) = filter.open {
        condition = condition.add(open_condition(open));
    }
    if let Some(kind) = filter.ticket_type {
        condition = condition.add(ticket::Column::TicketType.eq(kind.as_str()));
    }
    if let Some(priority) = filter.priority {
        condition = condition.add(ticket::Column::Priority.eq(priority.as_str()));
    }
    if let Some(category) = filter.category_id {
        condition = condition.add(ticket::Column::CategoryId.eq(category));
    }
    if let Some(customer) = filter.customer_id {
        condition = condition.add(ticket::Column::CustomerId.eq(customer));
    }
    if let Some(assignee) = filter.assignee_id {
        condition = condition.add(ticket::Column::AssigneeId.eq(assignee));
    }
    if let Some(team) = filter.team_id {
        condition = condition.add(ticket::Column::TeamId.eq(team));
    }
    if let Some(q) = filter.q.as_deref().and_then(fold_query) {
        let pattern = escape_like(&q);
        let in_conversation = Query::select()
            .column(ticket_event::Column::TicketId)
            .from(ticket_event::Entity)
            .and_where(
                Expr::expr(Func::lower(Expr::col(ticket_event::Column::Body)))
                    .like(LikeExpr::new(pattern.clone()).escape('\\')),
            )
            .to_owned();
        condition = condition.add(
            Condition::any()
                .add(ticket::Column::SearchText.like(LikeExpr::new(pattern).escape('\\')))
                .add(Expr::col(ticket::Column::Id).in_subquery(in_conversation)),
        );
    }
    ticket::Entity::find().filter(condition)
}

/// The query of one page, with one row more than `limit` to tell whether
/// another page follows.
pub fn page_query(
    visibility: TicketVisibility,
    filter: &TicketFilter,
    sort: TicketSort,
    after: Option<&Cursor>,
    limit: u64,
) -> Result<Select<ticket::Entity>, InvalidCursor> {
    let mut select = filtered(visibility, filter);
    if let Some(cursor) = after {
        select = select.filter(sort.after(cursor)?);
    }
    let order = if sort.descending() { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    Ok(select.order_by(sort.column(), order.clone()).order_by(ticket::Column::Id, order).limit(limit + 1))
}

/// One page of tickets and the cursor of the next page.
pub async fn list(
    conn: &impl ConnectionTrait,
    visibility: TicketVisibility,
    filter: &TicketFilter,
    sort: TicketSort,
    after: Option<&Cursor>,
    limit: u64,
) -> Result<Result<(Vec<ticket::Model>, Option<String>), InvalidCursor>, DbErr> {
    let select = match page_query(visibility, filter, sort, after, limit) {
        Ok(select) => select,
        Err(invalid) => return Ok(Err(invalid)),
    };
    let mut rows = select.all(conn).await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(sort.key(row), row.id));
    Ok(Ok((rows, next)))
}

pub async fn count(
    conn: &impl ConnectionTrait,
    visibility: TicketVisibility,
    filter: &TicketFilter,
) -> Result<u64, DbErr> {
    filtered(visibility, filter).count(conn).await
}

/// The next value of a named counter. Run inside the write transaction that
/// uses it: on PostgreSQL the row lock makes concurrent callers (also in other
/// server instances) wait and each get their own value; a rolled-back
/// transaction gives its value back, so numbers have no holes from failures.
pub async fn next_counter(conn: &impl ConnectionTrait, name: &str) -> Result<i64, DbErr> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => "UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value",
        _ => "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value",
    };
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [name.into()]))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("counter {name}")))?;
    row.try_get_by_index::<i64>(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_holds_the_number_as_typed() {
        let text = search_text(42, "申请退款 Refund", Some("包裹破损"));
        assert!(text.contains("t-000042") && text.contains("refund") && text.contains("包裹破损"));
    }
}
