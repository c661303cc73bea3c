//! `If-Match` / `ETag` handling: the ETag of a record is its version in quotes.

use actix_web::HttpRequest;
use actix_web::http::StatusCode;
use actix_web::http::header::{ETAG, IF_MATCH};
use kehu_types::codes;

use crate::http::error::{ApiError, ApiResult};

/// The `ETag` header value of a version.
pub fn etag(version: i64) -> (actix_web::http::header::HeaderName, String) {
    (ETAG, format!("\"{version}\""))
}

/// The version in `If-Match`, if the header is present. Accepts `"3"`, `W/"3"`
/// and a bare `3`; anything else can never match, so it is a 412.
pub fn if_match(request: &HttpRequest) -> ApiResult<Option<i64>> {
    let Some(value) = request.headers().get(IF_MATCH) else { return Ok(None) };
    let text = value.to_str().unwrap_or_default().trim();
    let text = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    text.parse::<i64>().map(Some).map_err(|_| {
        ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            codes::VERSION_MISMATCH,
            "If-Match must carry the record's version, e.g. \"3\"",
        )
    })
}

/// The version in `If-Match`; 428 when the header is missing.
pub fn require_if_match(request: &HttpRequest) -> ApiResult<i64> {
    if_match(request)?.ok_or_else(|| {
        ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            codes::PRECONDITION_REQUIRED,
            "send If-Match with the record's version (its ETag) so concurrent edits are not lost",
        )
    })
}
