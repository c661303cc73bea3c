//! The customer fields an admin adds to every customer file, with their
//! type, and the history of a customer's marketing consent.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire::wire_enum;

/// One custom field: stored under `key` in a customer's `custom` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomFieldDefinition {
    /// 1–64 characters, unique; Chinese is fine (`会员卡号`).
    #[cfg_attr(feature = "openapi", schema(example = "member_card"))]
    pub key: String,
    /// The label in Chinese, 1–100 characters.
    #[cfg_attr(feature = "openapi", schema(example = "会员卡号"))]
    pub label: String,
    /// The label in English; the Chinese one when absent.
    #[serde(default)]
    pub label_en: Option<String>,
    pub kind: CustomFieldKind,
    /// For `choice`: 1–50 options, each 1–100 characters.
    #[serde(default)]
    pub choices: Vec<String>,
}

/// The custom fields of the customer file, in display order
/// (`GET`/`PUT /api/v1/settings/custom-fields`). Values under keys not
/// defined here are kept as integrations wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomFieldSettings {
    /// At most 50.
    pub fields: Vec<CustomFieldDefinition>,
}

/// One change of a customer's marketing consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentEvent {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub purpose: ConsentPurpose,
    /// Granted (`true`) or withdrawn.
    pub granted: bool,
    /// Who recorded it; `null` when the customer did themselves (a public form).
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// A customer's consent changes, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentHistory {
    pub items: Vec<ConsentEvent>,
}

wire_enum!(
    /// What an admin-defined custom field holds, and so how the app edits it.
    CustomFieldKind {
        /// A line of text.
        Text => "text",
        /// A JSON number.
        Number => "number",
        /// A date as `YYYY-MM-DD`.
        Date => "date",
        /// One of the field's `choices`.
        Choice => "choice",
    }
);

wire_enum!(
    /// What a customer agrees to be contacted by for marketing.
    ConsentPurpose {
        Email => "email",
        Sms => "sms",
        Phone => "phone",
    }
);
