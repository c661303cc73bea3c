//! Customer queries: filtered keyset pages, counts and tag rows. The search
//! text they match is written by `search`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kehu_types::LifecycleStage;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select, Statement,
};
use uuid::Uuid;

use crate::cursor::{Cursor, InvalidCursor, finish_page, past};
use crate::digit_keys;
use crate::entities::{customer, customer_tag, customer_value, loyalty_account};
use crate::search::{escape_like, search_key};

/// Which customers a user may see at all (before any filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Admins, managers and viewers.
    All,
    /// Agents: their own, their team's, and unowned customers.
    Agent { user_id: Uuid, team_id: Option<Uuid> },
}

impl Visibility {
    pub fn condition(self) -> Condition {
        match self {
            Visibility::All => Condition::all(),
            Visibility::Agent { user_id, team_id } => {
                let mut any = Condition::any()
                    .add(customer::Column::OwnerId.eq(user_id))
                    .add(customer::Column::OwnerId.is_null());
                if let Some(team_id) = team_id {
                    any = any.add(customer::Column::TeamId.eq(team_id));
                }
                any
            }
        }
    }

    /// Whether this user may see `row`.
    pub fn allows(self, row: &customer::Model) -> bool {
        match self {
            Visibility::All => true,
            Visibility::Agent { user_id, team_id } => {
                row.owner_id.is_none_or(|owner| owner == user_id) || (team_id.is_some() && row.team_id == team_id)
            }
        }
    }
}

/// Filters of the customer list; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    pub stage: Option<LifecycleStage>,
    pub owner_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    pub tag: Option<String>,
    pub source: Option<String>,
    pub region: Option<String>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    /// Substring search over names, company, emails and phones.
    pub q: Option<String>,
    /// List the trash (soft-deleted customers) instead of live ones.
    pub deleted: bool,
    /// A segment's condition (compiled by the server from its filter).
    pub segment: Option<SegmentCondition>,
}

/// A segment compiled by the server: a condition on the customer that may
/// also read their value row and their loyalty account. Those are joined
/// rather than asked about through `id IN (…)` lists: PostgreSQL cannot hash a
/// list of a million ids within its working memory, and then tests each
/// customer against the whole list (a count at a million customers still ran
/// after ten minutes); a join reads each customer's one row by its key.
#[derive(Debug, Clone)]
pub struct SegmentCondition {
    pub condition: Condition,
    /// Whether the condition reads `customer_values` columns.
    pub reads_values: bool,
    /// Whether the condition reads `loyalty_accounts` columns.
    pub reads_loyalty: bool,
}

impl SegmentCondition {
    /// `select` with the rows the condition reads joined, and the condition.
    /// Each joined table has at most one row per customer, so no customer is
    /// repeated.
    pub fn apply(&self, mut select: Select<customer::Entity>) -> Select<customer::Entity> {
        let customer_id = (customer::Entity, customer::Column::Id);
        if self.reads_values {
            let key = Expr::col((customer_value::Entity, customer_value::Column::CustomerId)).equals(customer_id);
            QueryTrait::query(&mut select).left_join(customer_value::Entity, key);
        }
        if self.reads_loyalty {
            let key = Expr::col((loyalty_account::Entity, loyalty_account::Column::CustomerId)).equals(customer_id);
            QueryTrait::query(&mut select).left_join(loyalty_account::Entity, key);
        }
        select.filter(self.condition.clone())
    }
}

/// Sort orders with a matching index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerSortKey {
    CreatedAt,
    UpdatedAt,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomerSort {
    pub key: CustomerSortKey,
    pub descending: bool,
}

impl Default for CustomerSort {
    fn default() -> Self {
        Self { key: CustomerSortKey::CreatedAt, descending: true }
    }
}

impl From<kehu_types::CustomerSort> for CustomerSort {
    fn from(sort: kehu_types::CustomerSort) -> Self {
        use CustomerSortKey::{CreatedAt, Name, UpdatedAt};
        use kehu_types::CustomerSort as Wire;
        let (key, descending) = match sort {
            Wire::CreatedAt => (CreatedAt, false),
            Wire::CreatedAtDesc => (CreatedAt, true),
            Wire::UpdatedAt => (UpdatedAt, false),
            Wire::UpdatedAtDesc => (UpdatedAt, true),
            Wire::Name => (Name, false),
            Wire::NameDesc => (Name, true),
        };
        Self { key, descending }
    }
}

impl CustomerSort {
    /// Parse `created_at`, `-created_at`, `updated_at`, `name`, …
    pub fn parse(text: &str) -> Option<Self> {
        let (descending, name) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let key = match name {
            "created_at" => CustomerSortKey::CreatedAt,
            "updated_at" => CustomerSortKey::UpdatedAt,
            "name" => CustomerSortKey::Name,
            _ => return None,
        };
        Some(Self { key, descending })
    }

    fn column(self) -> customer::Column {
        match self.key {
            CustomerSortKey::CreatedAt => customer::Column::CreatedAt,
            CustomerSortKey::UpdatedAt => customer::Column::UpdatedAt,
            CustomerSortKey::Name => customer::Column::Name,
        }
    }

    fn cursor_for(self, row: &customer::Model) -> Cursor {
        match self.key {
            CustomerSortKey::CreatedAt => Cursor::new(row.created_at, row.id),
            CustomerSortKey::UpdatedAt => Cursor::new(row.updated_at, row.id),
            CustomerSortKey::Name => Cursor::new(&row.name, row.id),
        }
    }

    /// Rows strictly after the cursor in this order.
    fn after(self, cursor: &Cursor) -> Result<Condition, InvalidCursor> {
        let value: sea_orm::Value = match self.key {
            CustomerSortKey::Name => cursor.key_as::<String>()?.into(),
            _ => cursor.key_as::<DateTime<Utc>>()?.into(),
        };
        Ok(past(self.column(), customer::Column::Id, value, cursor.id, self.descending))
    }
}

/// Most matches SQLite's trigram index hands to one search. A query that
/// matches more is common enough that walking the list in order finds a page
/// of matches sooner than sorting all of them.
const INDEXED_MATCHES_MAX: u64 = 2_000;

/// The FTS5 query for a substring: one quoted phrase, whose trigrams must follow each other.
fn trigram_phrase(key: &str) -> String {
    format!("\"{}\"", key.replace('"', "\"\""))
}

/// The statement that reads customers whose search text holds `key` from
/// SQLite's trigram index (the `customer_search` table).
fn indexed_search(key: &str) -> Statement {
    let sql = "SELECT d.customer_id FROM customer_search_docs d WHERE d.num IN \
               (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)";
    Statement::from_sql_and_values(DbBackend::Sqlite, sql, [trigram_phrase(key).into()])
}

/// How many customers (up to `limit`) the trigram index holds for `key`,
/// read from the index alone.
fn indexed_count(key: &str, limit: u64) -> Statement {
    let sql = "SELECT COUNT(*) FROM (SELECT rowid FROM customer_search WHERE customer_search MATCH ? LIMIT ?)";
    Statement::from_sql_and_values(DbBackend::Sqlite, sql, [trigram_phrase(key).into(), limit.into()])
}

/// The statements that look `q` up in an index before the page is read.
pub enum IndexProbe {
    /// A query of digits, on either database: the ids of customers whose
    /// digit keys begin with it, up to one past [`INDEXED_MATCHES_MAX`].
    Digits(Statement),
    /// Any other query on SQLite's trigram index: how many customers (up to
    /// one past [`INDEXED_MATCHES_MAX`]) it holds, read from the index alone,
    /// and then, when that is few enough, their ids.
    Trigrams { count: Statement, read: Statement },
}

impl IndexProbe {
    /// The statements run for one search: for a trigram probe, the read
    /// only when the count let it (`read_ids`).
    pub fn statements(self, read_ids: bool) -> Vec<Statement> {
        match self {
            IndexProbe::Digits(read) => vec![read],
            IndexProbe::Trigrams { count, read } if read_ids => vec![count, read],
            IndexProbe::Trigrams { count, .. } => vec![count],
        }
    }
}

/// The probe for `q`; `None` when no index serves it: a key too short for
/// trigrams, or any query but digits on PostgreSQL, where pg_trgm serves
/// `LIKE` itself.
pub fn index_probe(backend: DbBackend, q: Option<&str>) -> Option<IndexProbe> {
    let q = q?;
    if let Some(digits) = digit_keys::query_digits(q) {
        return Some(IndexProbe::Digits(digit_keys::lookup(&digits, INDEXED_MATCHES_MAX + 1).build(backend)));
    }
    let key = search_key(q)?;
    (backend == DbBackend::Sqlite && key.chars().count() >= 3).then(|| IndexProbe::Trigrams {
        count: indexed_count(&key, INDEXED_MATCHES_MAX + 1),
        read: indexed_search(&key),
    })
}

/// The customers whose search text holds `q`'s key, from an index; `None`
/// when there is no [`index_probe`] or it matches too many.
///
/// On the trigram index the count comes first: at a million customers,
/// counting 2 000 matches in the index takes 2 ms, while reading their
/// customer ids takes 25 ms, which a common query, answered by the walk,
/// should not pay.
pub async fn indexed_matches(conn: &impl ConnectionTrait, q: Option<&str>) -> Result<Option<Vec<Uuid>>, DbErr> {
    let Some(probe) = index_probe(conn.get_database_backend(), q) else { return Ok(None) };
    let read = match probe {
        IndexProbe::Digits(read) => read,
        IndexProbe::Trigrams { count, read } => {
            let counted = conn.query_one_raw(count).await?;
            if counted.map_or(Ok(0), |row| row.try_get_by_index::<i64>(0))? as u64 > INDEXED_MATCHES_MAX {
                return Ok(None);
            }
            read
        }
    };
    let rows = conn.query_all_raw(read).await?;
    if rows.len() as u64 > INDEXED_MATCHES_MAX {
        return Ok(None);
    }
    let mut ids = rows.iter().map(|row| row.try_get_by_index::<Uuid>(0)).collect::<Result<Vec<_>, _>>()?;
    ids.sort_unstable();
    ids.dedup();
    Ok(Some(ids))
}

fn filtered(visibility: Visibility, filter: &CustomerFilter, indexed: Option<Vec<Uuid>>) -> Select<customer::Entity> {
    let mut condition = Condition::all().add(visibility.condition()).add(if filter.deleted {
        customer::Column::DeletedAt.is_not_null()
    } else {
        customer::Column::DeletedAt.is_null()
    });
    if let Some(stage) = filter.stage {
        condition = condition.add(customer::Column::Stage.eq(stage.as_str()));
    }
    if let Some(owner) = filter.owner_id {
        condition = condition.add(customer::Column::OwnerId.eq(owner));
    }
    if let Some(team) = filter.team_id {
        condition = condition.add(customer::Column::TeamId.eq(team));
    }
    if let Some(source) = &filter.source {
        condition = condition.add(customer::Column::Source.eq(source.as_str()));
    }
    if let Some(region) = &filter.region {
        condition = condition.add(customer::Column::Region.eq(region.as_str()));
    }
    if let Some(from) = filter.created_from {
        condition = condition.add(customer::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.created_to {
        condition = condition.add(customer::Column::CreatedAt.lt(to));
    }
    if let Some(tag) = &filter.tag {
        let tagged = Query::select()
            .column(customer_tag::Column::CustomerId)
            .from(customer_tag::Entity)
            .and_where(customer_tag::Column::Tag.eq(tag.as_str()))
            .to_owned();
        condition = condition.add(Expr::col((customer::Entity, customer::Column::Id)).in_subquery(tagged));
    }
    if let Some(key) = filter.q.as_deref().and_then(search_key) {
        condition = condition.add(customer::Column::SearchText.like(LikeExpr::new(escape_like(&key)).escape('\\')));
    }
    if let Some(ids) = indexed {
        condition = condition.add(customer::Column::Id.is_in(ids));
    }
    let select = customer::Entity::find().filter(condition);
    match &filter.segment {
        Some(segment) => segment.apply(select),
        None => select,
    }
}

/// The query of one page, with one row more than `limit` to tell whether
/// another page follows. `indexed`: what [`indexed_matches`] found for the
/// filter's search.
pub fn page_query(
    visibility: Visibility,
    filter: &CustomerFilter,
    indexed: Option<Vec<Uuid>>,
    sort: CustomerSort,
    after: Option<&Cursor>,
    limit: u64,
) -> Result<Select<customer::Entity>, InvalidCursor> {
    let mut select = filtered(visibility, filter, indexed);
    if let Some(cursor) = after {
        select = select.filter(sort.after(cursor)?);
    }
    let order = if sort.descending { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    Ok(select.order_by(sort.column(), order.clone()).order_by(customer::Column::Id, order).limit(limit + 1))
}

/// One page of customers and the cursor of the next page.
pub async fn list(
    conn: &impl ConnectionTrait,
    visibility: Visibility,
    filter: &CustomerFilter,
    sort: CustomerSort,
    after: Option<&Cursor>,
    limit: u64,
) -> Result<Result<(Vec<customer::Model>, Option<String>), InvalidCursor>, DbErr> {
    let indexed = indexed_matches(conn, filter.q.as_deref()).await?;
    let select = match page_query(visibility, filter, indexed, sort, after, limit) {
        Ok(select) => select,
        Err(invalid) => return Ok(Err(invalid)),
    };
    let mut rows = select.all(conn).await?;
    let next = finish_page(&mut rows, limit, |row| sort.cursor_for(row));
    Ok(Ok((rows, next)))
}

/// The names of the given customers, as `(id, name)`, for lists of other
/// records that show whose they are. Only the two columns: a whole customer
/// row is many times wider, and a page of tickets names one per ticket.
pub fn names_query(ids: impl IntoIterator<Item = Uuid>) -> Select<customer::Entity> {
    customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Name)
        .filter(customer::Column::Id.is_in(ids))
}

/// The names of the customers `ids`, read in one query.
pub async fn names_of(
    conn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, DbErr> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(names_query(ids).into_tuple::<(Uuid, String)>().all(conn).await?.into_iter().collect())
}

/// How many customers match (only computed when a client asks).
pub async fn count(conn: &impl ConnectionTrait, visibility: Visibility, filter: &CustomerFilter) -> Result<u64, DbErr> {
    filtered(visibility, filter, indexed_matches(conn, filter.q.as_deref()).await?).count(conn).await
}

/// Replace the tag rows of a customer with `tags`.
pub async fn set_tags(conn: &impl ConnectionTrait, customer_id: Uuid, tags: &[String]) -> Result<(), DbErr> {
    customer_tag::Entity::delete_many().filter(customer_tag::Column::CustomerId.eq(customer_id)).exec(conn).await?;
    if tags.is_empty() {
        return Ok(());
    }
    let rows = tags.iter().map(|tag| customer_tag::ActiveModel {
        customer_id: sea_orm::Set(customer_id),
        tag: sea_orm::Set(tag.clone()),
    });
    customer_tag::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}
