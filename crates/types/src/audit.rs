//! The audit log: who did what, to which record, when, from which request.

use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One audit row, written in the same transaction as the change it records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: Uuid,
    /// The user who acted; `null` for the system or a failed anonymous login.
    pub actor_id: Option<Uuid>,
    /// e.g. `customer.update`, `auth.login`, `auth.login_failed`.
    pub action: String,
    /// e.g. `customer`, `user`, `team`.
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    /// Changed fields as `{field: {from, to}}`, or a summary of the action.
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::HashMap<String, serde_json::Value>))]
    pub changes: serde_json::Value,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    pub at: DateTime<Utc>,
}
