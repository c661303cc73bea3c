//! Finding customers by a run of digits, such as a caller's phone number,
//! with one B-tree range read.
//!
//! The digits of phone numbers make few distinct trigrams, each found in a
//! large share of all customers, so a trigram index merges long lists to find
//! one caller. Instead, every run of at least [`MIN_DIGITS`] ASCII digits in a
//! customer's search text (phones with and without country code, digits in
//! emails and names) is stored once from each of its starting points: the
//! rest of the run, cut after [`MAX_DIGITS`]. A query of [`MIN_DIGITS`] to
//! [`MAX_DIGITS`] digits is a substring of the search text exactly when it
//! begins one of these keys, so its customers are those of the keys from the
//! query up to the query followed by `:`, the character after `9`.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Select, Set};
use uuid::Uuid;

use crate::entities::customer_digit_key::{self, Column, Entity};
use crate::search::fold_query;

/// The shortest run worth a key: shorter queries match too many customers
/// for a list of ids to beat walking the list.
pub const MIN_DIGITS: usize = 7;

/// The longest key. Phone numbers with country code have at most 15 digits;
/// the bound keeps a long run of digits in a name from writing long keys.
pub const MAX_DIGITS: usize = 32;

/// Rows per insert statement: two values each, well under PostgreSQL's limit
/// of 65 535 bound values per statement.
const ROWS_PER_INSERT: usize = 10_000;

/// The keys of a search text (see the module's documentation).
pub fn keys(search_text: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for run in search_text.split(|c: char| !c.is_ascii_digit()) {
        if run.len() < MIN_DIGITS {
            continue;
        }
        // ASCII digits: byte offsets are character offsets.
        for start in 0..=run.len() - MIN_DIGITS {
            let end = (start + MAX_DIGITS).min(run.len());
            keys.insert(run[start..end].to_owned());
        }
    }
    keys
}

/// The rows that index one customer's search text.
pub fn rows(customer_id: Uuid, search_text: &str) -> Vec<customer_digit_key::ActiveModel> {
    keys(search_text)
        .into_iter()
        .map(|digits| customer_digit_key::ActiveModel { digits: Set(digits), customer_id: Set(customer_id) })
        .collect()
}

/// Insert key rows, as many per statement as the database allows.
pub async fn insert(conn: &impl ConnectionTrait, rows: Vec<customer_digit_key::ActiveModel>) -> Result<(), DbErr> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        Entity::insert_many(chunk).exec_without_returning(conn).await?;
    }
    Ok(())
}

/// Index a customer's search text anew, replacing the keys of the old one.
pub async fn replace(conn: &impl ConnectionTrait, customer_id: Uuid, search_text: &str) -> Result<(), DbErr> {
    Entity::delete_many().filter(Column::CustomerId.eq(customer_id)).exec(conn).await?;
    insert(conn, rows(customer_id, search_text)).await
}

/// The digits `q` looks for, when it is a query these keys answer: only
/// digits (phone punctuation aside, as [`fold_query`] drops it), from
/// [`MIN_DIGITS`] to [`MAX_DIGITS`] of them.
pub fn query_digits(q: &str) -> Option<String> {
    let folded = fold_query(q)?;
    let answerable = folded.bytes().all(|b| b.is_ascii_digit()) && (MIN_DIGITS..=MAX_DIGITS).contains(&folded.len());
    answerable.then_some(folded)
}

/// The ids of customers with a key beginning with `digits` (one per key, so
/// a customer may come more than once), at most `limit` of them.
pub fn lookup(digits: &str, limit: u64) -> Select<Entity> {
    Entity::find()
        .select_only()
        .column(Column::CustomerId)
        .filter(Column::Digits.gte(digits))
        .filter(Column::Digits.lt(format!("{digits}:")))
        .limit(limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::search_text;

    #[test]
    fn a_phone_is_keyed_from_every_start_with_seven_digits_left() {
        let text = search_text("李明华", None, &[], &["+8613812345678".into()]);
        let keys = keys(&text);
        // 13 digits with country code: 7 starts; the national form's keys are among them.
        assert_eq!(keys.len(), 7);
        assert!(keys.contains("8613812345678"));
        assert!(keys.contains("13812345678"));
        assert!(keys.contains("2345678"));
        assert!(!keys.contains("345678"));
    }

    #[test]
    fn every_digit_query_in_the_text_begins_a_key() {
        let text = search_text("Grace 2024", Some("7788990011 Ltd"), &["12345678901@qq.com".into()], &[]);
        let keys = keys(&text);
        for run in text.split(|c: char| !c.is_ascii_digit()) {
            for start in 0..run.len() {
                for end in start + MIN_DIGITS..=run.len().min(start + MAX_DIGITS) {
                    let query = &run[start..end];
                    assert!(keys.iter().any(|key| key.starts_with(query)), "{query} has no key");
                }
            }
        }
        assert!(keys.iter().all(|key| text.contains(key.as_str())));
        assert!(!keys.iter().any(|key| key.starts_with("2024")), "runs shorter than seven digits have no keys");
    }

    #[test]
    fn long_runs_are_cut_at_the_longest_key() {
        let run = "1".repeat(MAX_DIGITS + 10);
        let keys = keys(&run);
        assert_eq!(keys.len(), MAX_DIGITS - MIN_DIGITS + 1);
        assert!(keys.iter().all(|key| key.len() <= MAX_DIGITS));
    }

    #[test]
    fn only_digit_queries_of_key_length_are_answered() {
        assert_eq!(query_digits("138-1234-5678").as_deref(), Some("13812345678"));
        assert_eq!(query_digits(" 1234567 ").as_deref(), Some("1234567"));
        assert_eq!(query_digits("123456"), None);
        assert_eq!(query_digits(&"9".repeat(MAX_DIGITS + 1)), None);
        assert_eq!(query_digits("li 1234567"), None);
        assert_eq!(query_digits("１３８１２３４５６７８").as_deref(), Some("13812345678"));
    }
}
