//! Path and query parameters shared by many endpoints.

use kehu_store::cursor::Cursor;
use kehu_types::{DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::http::error::{ApiError, ApiResult};

/// A record id in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    /// The record's id (UUID).
    pub id: Uuid,
}

/// Cursor paging (the shared wire type).
pub use kehu_types::PageQuery as PageParams;

/// Check a requested page size.
pub fn page_limit(limit: Option<u32>) -> ApiResult<u64> {
    match limit.unwrap_or(DEFAULT_PAGE_LIMIT) {
        n @ 1..=MAX_PAGE_LIMIT => Ok(u64::from(n)),
        _ => Err(ApiError::bad_query(format!("limit must be between 1 and {MAX_PAGE_LIMIT}"))),
    }
}

/// Decode a cursor parameter.
pub fn decode_cursor(cursor: Option<&str>) -> ApiResult<Option<Cursor>> {
    cursor.map(|text| Cursor::decode(text).map_err(|e| ApiError::bad_query(e.to_string()))).transpose()
}

/// Paging helpers on the shared query type.
pub trait Paging {
    fn limit(&self) -> ApiResult<u64>;
    fn cursor_id(&self) -> ApiResult<Option<Uuid>>;
}

impl Paging for PageParams {
    fn limit(&self) -> ApiResult<u64> {
        page_limit(self.limit)
    }

    /// For lists ordered by id alone: the id after which to continue.
    fn cursor_id(&self) -> ApiResult<Option<Uuid>> {
        Ok(decode_cursor(self.cursor.as_deref())?.map(|cursor| cursor.id))
    }
}

/// Cut the `limit + 1` rows read to `limit` and give the next cursor if more remain.
pub fn next_id_cursor<T>(rows: &mut Vec<T>, limit: u64, id: impl Fn(&T) -> Uuid) -> Option<String> {
    kehu_store::cursor::finish_page(rows, limit, |row| Cursor::new(serde_json::Value::Null, id(row)))
}
