//! The one mapping from failures to HTTP: RFC 9457 problem details with a stable
//! code. 5xx bodies say only "internal error" and the request id; the cause goes
//! to the log.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use kehu_types::{FieldError, Problem, codes};
use sea_orm::{DbErr, RuntimeErr, SqlErr};

use crate::http::request_id;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: String,
    pub errors: Vec<FieldError>,
    pub allowed: Option<Vec<String>>,
    pub retry_after: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self { status, code, detail: detail.into(), errors: Vec::new(), allowed: None, retry_after: None }
    }

    pub fn validation(errors: Vec<FieldError>) -> Self {
        let mut error =
            Self::new(StatusCode::UNPROCESSABLE_ENTITY, codes::VALIDATION_FAILED, "some fields are invalid");
        error.errors = errors;
        error
    }

    pub fn field(field: &str, code: &str, message: &str) -> Self {
        Self::validation(vec![FieldError::new(field, code, message)])
    }

    /// Keep status and fields, but report a more specific code.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    pub fn unauthenticated(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, codes::UNAUTHENTICATED, detail)
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, codes::FORBIDDEN, detail)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, codes::NOT_FOUND, format!("{what} not found"))
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, detail)
    }

    /// 412 unless the client's version of a `what` is the stored one.
    pub fn check_version(what: &str, stored: i64, expected: i64) -> ApiResult<()> {
        if stored == expected {
            return Ok(());
        }
        Err(Self::new(
            StatusCode::PRECONDITION_FAILED,
            codes::VERSION_MISMATCH,
            format!("the {what} was changed by someone else (now version {stored}); reload and retry"),
        ))
    }

    /// 412 for a write that found its record changed since it was read.
    pub fn changed_meanwhile(what: &str) -> Self {
        Self::new(
            StatusCode::PRECONDITION_FAILED,
            codes::VERSION_MISMATCH,
            format!("the {what} was changed by someone else meanwhile; reload and retry"),
        )
    }

    /// 409 for a move outside a state graph, listing the states allowed next.
    pub fn illegal_transition(code: &'static str, detail: String, allowed: Vec<String>) -> Self {
        let mut error = Self::conflict(code, format!("{detail}; allowed next: {}", allowed.join(", ")));
        error.allowed = Some(allowed);
        error
    }

    pub fn bad_query(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, codes::INVALID_QUERY, detail)
    }

    /// Log the cause, answer a bare 500.
    #[track_caller]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let location = std::panic::Location::caller();
        tracing::error!(%cause, %location, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, codes::INTERNAL_ERROR, "internal error")
    }

    fn title(&self) -> &'static str {
        self.status.canonical_reason().unwrap_or("Error")
    }

    pub fn problem(&self) -> Problem {
        Problem {
            problem_type: format!("urn:kehu:problem:{}", self.code),
            title: self.title().to_owned(),
            status: self.status.as_u16(),
            code: self.code.to_owned(),
            detail: self.detail.clone(),
            request_id: request_id::current(),
            errors: self.errors.clone(),
            allowed: self.allowed.clone(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.detail)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json")));
        if let Some(seconds) = self.retry_after {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

/// The SQLSTATE of a database error, when the driver reports one.
fn sqlstate(error: &DbErr) -> Option<String> {
    match error {
        DbErr::Query(RuntimeErr::SqlxError(inner)) | DbErr::Exec(RuntimeErr::SqlxError(inner)) => {
            inner.as_database_error().and_then(|db| db.code()).map(|code| code.into_owned())
        }
        _ => None,
    }
}

impl From<DbErr> for ApiError {
    #[track_caller]
    fn from(error: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(_)) = error.sql_err() {
            return Self::conflict(codes::CONFLICT, "a record with the same unique value already exists");
        }
        // PostgreSQL refuses NUL and untranslatable characters in text. Input
        // validation refuses them first; this is the net for any path it misses.
        if matches!(sqlstate(&error).as_deref(), Some("22021" | "22P05")) {
            return Self::new(
                StatusCode::BAD_REQUEST,
                codes::INVALID_BODY,
                "the request contains characters that cannot be stored (e.g. NUL)",
            );
        }
        Self::internal(error)
    }
}
