//! Ticket categories, kept by admins.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::patch::double_option;

/// An admin-managed ticket category (product quality, delivery, billing…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketCategory {
    pub id: Uuid,
    /// The name (Chinese in the shipped defaults).
    pub name: String,
    /// The English name, shown to English readers when set.
    pub name_en: Option<String>,
    /// Inactive categories stay on old tickets but are not offered for new ones.
    pub active: bool,
    pub position: i32,
}

/// Body of `POST /api/v1/ticket-categories` (admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTicketCategory {
    /// 1–100 characters, unique.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Default: after the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i32>,
}

/// Body of `PATCH /api/v1/ticket-categories/{id}` (admin).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTicketCategory {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub name_en: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i32>,
}

/// Every category, in display order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketCategoryList {
    pub items: Vec<TicketCategory>,
}
