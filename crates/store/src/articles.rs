//! Knowledge-base queries: the staff list, ranked search, suggestions for a
//! ticket and the public help centre.
//!
//! Search reads `search_text` with `LIKE` for any of the query's terms, then
//! ranks those candidates with `kehu_domain::search`. A knowledge base holds
//! hundreds to a few thousand articles, where this is fast on both databases
//! and needs no search engine; candidates are capped so a very common word
//! cannot make a query read the whole table.

use kehu_domain::search::{Relevance, fold, is_hit, relevance};
use kehu_types::{ArticleLocale, ArticleStatus, ArticleVisibility};
use sea_orm::sea_query::LikeExpr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::cursor::{Cursor, InvalidCursor, finish_page, older_than};
use crate::entities::article;
use crate::search::escape_like;

/// Most candidate rows one search ranks.
const CANDIDATES: u64 = 500;
/// Separates the title from the body in `search_text`.
const TITLE_END: char = '\u{1f}';

/// What the search reads: the folded title, then the folded plain body text.
pub fn search_text(title: &str, plain_body: &str) -> String {
    format!("{}{TITLE_END}{}", fold(title), fold(plain_body))
}

/// Which articles a list may show.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub status: Option<ArticleStatus>,
    pub visibility: Option<ArticleVisibility>,
    pub locale: Option<ArticleLocale>,
    pub category_id: Option<Uuid>,
}

impl ArticleFilter {
    /// Published public articles: the help centre.
    pub fn public(locale: Option<ArticleLocale>) -> Self {
        Self {
            status: Some(ArticleStatus::Published),
            visibility: Some(ArticleVisibility::Public),
            locale,
            category_id: None,
        }
    }

    fn condition(&self) -> Condition {
        let mut condition = Condition::all();
        if let Some(status) = self.status {
            condition = condition.add(article::Column::Status.eq(status.as_str()));
        }
        if let Some(visibility) = self.visibility {
            condition = condition.add(article::Column::Visibility.eq(visibility.as_str()));
        }
        if let Some(locale) = self.locale {
            condition = condition.add(article::Column::Locale.eq(locale.as_str()));
        }
        if let Some(category) = self.category_id {
            condition = condition.add(article::Column::CategoryId.eq(category));
        }
        condition
    }
}

/// A page of articles, most recently updated first.
pub async fn page(
    conn: &impl ConnectionTrait,
    filter: &ArticleFilter,
    after: Option<&Cursor>,
    limit: u64,
) -> Result<Result<(Vec<article::Model>, Option<String>), InvalidCursor>, DbErr> {
    let mut condition = filter.condition();
    if let Some(cursor) = after {
        let Ok(at) = cursor.key_as() else { return Ok(Err(InvalidCursor)) };
        condition = condition.add(older_than(article::Column::UpdatedAt, article::Column::Id, at, cursor.id));
    }
    let mut rows = article::Entity::find()
        .filter(condition)
        .order_by_desc(article::Column::UpdatedAt)
        .order_by_desc(article::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let next = finish_page(&mut rows, limit, |row| Cursor::new(row.updated_at, row.id));
    Ok(Ok((rows, next)))
}

/// The relevance of a stored article to `terms`.
fn rank(terms: &[String], row: &article::Model) -> Relevance {
    let (title, body) = row.search_text.split_once(TITLE_END).unwrap_or(("", &row.search_text));
    relevance(terms, title, body)
}

/// Rows holding any of `terms`, newest first, at most `CANDIDATES`.
async fn candidates(
    conn: &impl ConnectionTrait,
    condition: Condition,
    terms: &[String],
) -> Result<Vec<article::Model>, DbErr> {
    let any_term = terms.iter().fold(Condition::any(), |any, term| {
        any.add(article::Column::SearchText.like(LikeExpr::new(escape_like(term)).escape('\\')))
    });
    article::Entity::find()
        .filter(condition.add(any_term))
        .order_by_desc(article::Column::UpdatedAt)
        .limit(CANDIDATES)
        .all(conn)
        .await
}

/// Articles matching `terms`, best first, at most `limit`.
pub async fn search(
    conn: &impl ConnectionTrait,
    filter: &ArticleFilter,
    terms: &[String],
    limit: usize,
) -> Result<Vec<article::Model>, DbErr> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut ranked: Vec<(Relevance, article::Model)> = candidates(conn, filter.condition(), terms)
        .await?
        .into_iter()
        .map(|row| (rank(terms, &row), row))
        .filter(|(relevance, _)| is_hit(terms, *relevance))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.updated_at.cmp(&a.1.updated_at)));
    Ok(ranked.into_iter().take(limit).map(|(_, row)| row).collect())
}

/// Published articles that may help with a ticket, ranked by the words they
/// share with it plus a bonus for being in the ticket's category. A ticket's
/// text is not a query someone typed, so one strong shared term (weighted
/// score ≥ 3, e.g. a title word) is enough; articles of the ticket's category
/// always qualify.
pub async fn suggest(
    conn: &impl ConnectionTrait,
    category_id: Option<Uuid>,
    terms: &[String],
    limit: usize,
) -> Result<Vec<article::Model>, DbErr> {
    const CATEGORY_BONUS: u32 = 5;
    const MIN_SCORE: u32 = 3;
    let published = Condition::all().add(article::Column::Status.eq(ArticleStatus::Published.as_str()));
    let mut rows = if terms.is_empty() { Vec::new() } else { candidates(conn, published.clone(), terms).await? };
    if let Some(category) = category_id {
        let in_category = article::Entity::find()
            .filter(published.add(article::Column::CategoryId.eq(category)))
            .order_by_desc(article::Column::UpdatedAt)
            .limit(CANDIDATES)
            .all(conn)
            .await?;
        for row in in_category {
            if !rows.iter().any(|r| r.id == row.id) {
                rows.push(row);
            }
        }
    }
    let mut scored: Vec<(u32, article::Model)> = rows
        .into_iter()
        .map(|row| {
            let bonus = if category_id.is_some() && row.category_id == category_id { CATEGORY_BONUS } else { 0 };
            (rank(terms, &row).score + bonus, row)
        })
        .filter(|(score, _)| *score >= MIN_SCORE)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.updated_at.cmp(&a.1.updated_at)));
    Ok(scored.into_iter().take(limit).map(|(_, row)| row).collect())
}
