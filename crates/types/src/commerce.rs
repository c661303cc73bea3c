//! Products and the catalogue sync of shop systems.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::patch::double_option;

/// Most items one bulk request may carry.
pub const BULK_MAX: usize = 500;

/// Something the business sells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    pub id: Uuid,
    /// Unique stock-keeping unit, as the shop system names the product.
    pub sku: String,
    pub name: String,
    pub category: Option<String>,
    /// List price in minor units of `currency`.
    pub list_price: i64,
    /// ISO 4217, e.g. `CNY`.
    pub currency: String,
    /// What one unit costs the business, in minor units; `null` when unknown
    /// (margins are then left out rather than guessed).
    pub unit_cost: Option<i64>,
    /// Inactive products stay on old orders but are not offered for new ones.
    pub active: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/products`, and one item of a bulk sync.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductInput {
    /// 1–64 characters, no spaces; unique.
    pub sku: String,
    /// 1–200 characters.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Minor units, 0 – 10 000 000 000.
    pub list_price: i64,
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<i64>,
    /// Default `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

impl ProductInput {
    /// A product with only the required fields set.
    pub fn new(sku: impl Into<String>, name: impl Into<String>, list_price: i64, currency: &str) -> Self {
        Self {
            sku: sku.into(),
            name: name.into(),
            category: None,
            list_price,
            currency: currency.to_owned(),
            unit_cost: None,
            active: None,
        }
    }
}

/// Body of `PATCH /api/v1/products/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateProduct {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub category: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_price: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, nullable))]
    pub unit_cost: Option<Option<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// Filters and paging of `GET /api/v1/products`, ordered by SKU.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ProductQuery {
    /// Part of the SKU or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Body of `POST /api/v1/products/bulk`: up to 500 products, created or
/// updated by SKU, all or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductBatch {
    pub items: Vec<ProductInput>,
}

/// What a bulk sync did, with every product as it now stands, in request order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductBatchResult {
    pub created: u32,
    pub updated: u32,
    /// Products sent that were already exactly so.
    pub unchanged: u32,
    pub items: Vec<Product>,
}
