//! The help centre's request form, for customers without an account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::TicketType;

/// Body of `POST /api/v1/public/requests`: a customer writes in through the
/// help centre without signing in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublicRequest {
    /// `complaint`, `request`, `feedback` or `inquiry`.
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    /// 1–100 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// An email or a phone is required, so we can answer.
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// At most 200 characters; defaults to the start of the message.
    #[serde(default)]
    pub subject: Option<String>,
    /// 1–5,000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 5000))]
    pub message: String,
}

/// What the customer is told after writing in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicRequestReceipt {
    /// The reference to quote, e.g. `T-000123`.
    pub number: String,
    pub received_at: DateTime<Utc>,
}
