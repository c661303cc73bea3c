//! Commerce: products and the catalogue sync of shop systems, orders and
//! refunds, and the bulk import of orders.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::patch::double_option;
use crate::wire::wire_enum;

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

/// One line of an order, with the product as it was when ordered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderItem {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub category: Option<String>,
    pub quantity: i32,
    /// Minor units of the order's currency.
    pub unit_price: i64,
    /// The product's unit cost when ordered; `null` when unknown.
    pub unit_cost: Option<i64>,
}

/// A purchase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: Uuid,
    pub customer_id: Uuid,
    /// The customer's display name, for lists of orders.
    pub customer_name: String,
    /// The order number in its source system; unique per source.
    pub number: String,
    /// Which system the order came from (`manual` when entered here).
    pub source: String,
    pub items: Vec<OrderItem>,
    pub currency: String,
    /// Sum of quantity × unit price, in minor units.
    pub total: i64,
    /// How much of `total` was refunded so far.
    pub refunded: i64,
    pub status: crate::OrderStatus,
    pub channel: Option<crate::Channel>,
    pub ordered_at: DateTime<Utc>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

/// One line of `CreateOrder`: a product by id or SKU.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderItemInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// 1 – 100 000.
    pub quantity: i32,
    /// Minor units; default the product's list price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<i64>,
}

impl OrderItemInput {
    /// `quantity` of the product with `sku` at its list price.
    pub fn sku(sku: impl Into<String>, quantity: i32) -> Self {
        Self { product_id: None, sku: Some(sku.into()), quantity, unit_price: None }
    }
}

/// Body of `POST /api/v1/orders`. Sending an order whose `source` and `number`
/// are already recorded returns the recorded order (200) instead of counting
/// it twice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateOrder {
    /// Kehu's id of the customer; or name them by `customer` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<Uuid>,
    /// The customer by their id in another system, instead of `customer_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<crate::ExternalCustomerRef>,
    /// 1–64 characters.
    pub number: String,
    /// Default `manual`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// 1–200 lines.
    pub items: Vec<OrderItemInput>,
    /// ISO 4217; a customer's orders all use one currency.
    pub currency: String,
    /// `paid` (default) or `cancelled`; refunds come later as their own step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::OrderStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<crate::Channel>,
    /// Default now; not in the future.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordered_at: Option<DateTime<Utc>>,
}

/// Filters and paging of `GET /api/v1/orders`, newest order first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct OrderQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::OrderStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Body of `POST /api/v1/orders/{id}/refunds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateRefund {
    /// Minor units; default everything not yet refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// 1–1000 characters.
    pub reason: String,
}

/// Money given back on an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderRefund {
    pub id: Uuid,
    pub order_id: Uuid,
    pub order_number: String,
    pub customer_id: Uuid,
    pub amount: i64,
    pub currency: String,
    pub reason: String,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// Body of `POST /api/v1/orders/bulk`: up to 500 orders, recorded all or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderBatch {
    pub items: Vec<CreateOrder>,
}

/// What a bulk order import did, with every order as recorded, in request order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderBatchResult {
    pub created: u32,
    /// Orders already recorded (same source and number), counted once.
    pub unchanged: u32,
    pub items: Vec<Order>,
}

wire_enum!(
    /// Where an order stands. Only paid value counts towards a customer's value.
    OrderStatus {
        Paid => "paid",
        PartiallyRefunded => "partially_refunded",
        Refunded => "refunded",
        Cancelled => "cancelled",
    }
);
