//! Errors on the wire: RFC 9457 problem details with a stable machine `code`.
//! Clients switch on `code` (and on `errors[].code` for fields), never on text.

use serde::{Deserialize, Serialize};

/// An `application/problem+json` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the problem kind: `urn:kehu:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short, human summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// Stable machine code; see [`codes`].
    pub code: String,
    /// Human explanation of this occurrence.
    pub detail: String,
    /// Id of the request, also in the `x-request-id` header and the server log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Per-field problems of a validation failure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For an illegal state transition: the states that are allowed next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
}

/// One invalid field of a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Path of the field, e.g. `emails[1]` or `name`.
    pub field: String,
    /// Stable machine code; see [`field_codes`].
    pub code: String,
    /// Human explanation in English.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code: code.to_owned(), message: message.into() }
    }
}

/// Problem codes. Stable: adding is fine, renaming breaks clients.
pub mod codes {
    pub const VALIDATION_FAILED: &str = "validation_failed";
    pub const INVALID_BODY: &str = "invalid_body";
    pub const INVALID_QUERY: &str = "invalid_query";
    pub const INVALID_PATH: &str = "invalid_path";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const UNAUTHENTICATED: &str = "unauthenticated";
    pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
    pub const ACCOUNT_DISABLED: &str = "account_disabled";
    pub const TOO_MANY_ATTEMPTS: &str = "too_many_attempts";
    pub const INVALID_REFRESH_TOKEN: &str = "invalid_refresh_token";
    pub const REFRESH_TOKEN_REUSED: &str = "refresh_token_reused";
    pub const FORBIDDEN: &str = "forbidden";
    pub const NOT_FOUND: &str = "not_found";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub const CONFLICT: &str = "conflict";
    pub const EMAIL_TAKEN: &str = "email_taken";
    pub const INVALID_STAGE_TRANSITION: &str = "invalid_stage_transition";
    pub const INVALID_STATUS_TRANSITION: &str = "invalid_status_transition";
    pub const NAME_TAKEN: &str = "name_taken";
    pub const SKU_TAKEN: &str = "sku_taken";
    /// Another customer has this external id in this source.
    pub const EXTERNAL_ID_TAKEN: &str = "external_id_taken";
    /// The order number is already recorded for another customer.
    pub const ORDER_NUMBER_TAKEN: &str = "order_number_taken";
    /// A cancelled or fully refunded order has nothing left to refund.
    pub const ORDER_NOT_REFUNDABLE: &str = "order_not_refundable";
    /// Redeeming or removing more points than the customer has.
    pub const INSUFFICIENT_POINTS: &str = "insufficient_points";
    /// The ticket is resolved or closed: reopen it first.
    pub const TICKET_CLOSED: &str = "ticket_closed";
    /// The compensation was already approved or rejected.
    pub const COMPENSATION_DECIDED: &str = "compensation_decided";
    pub const TOO_MANY_REQUESTS: &str = "too_many_requests";
    pub const PRECONDITION_REQUIRED: &str = "precondition_required";
    pub const VERSION_MISMATCH: &str = "version_mismatch";
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    pub const UNKNOWN_REFERENCE: &str = "unknown_reference";
    pub const INTERNAL_ERROR: &str = "internal_error";
    pub const UNAVAILABLE: &str = "unavailable";
}

/// Field error codes inside `errors[]`.
pub mod field_codes {
    pub const REQUIRED: &str = "required";
    pub const TOO_LONG: &str = "too_long";
    pub const TOO_SHORT: &str = "too_short";
    pub const TOO_MANY: &str = "too_many";
    pub const INVALID_EMAIL: &str = "invalid_email";
    pub const INVALID_PHONE: &str = "invalid_phone";
    pub const INVALID_FORMAT: &str = "invalid_format";
    pub const OUT_OF_RANGE: &str = "out_of_range";
    pub const DUPLICATE: &str = "duplicate";
    pub const UNKNOWN_REFERENCE: &str = "unknown_reference";
    pub const NOT_ALLOWED: &str = "not_allowed";
    /// A three-letter code that is not an ISO 4217 currency (e.g. `RMB`).
    pub const UNKNOWN_CURRENCY: &str = "unknown_currency";
}
