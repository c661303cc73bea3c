//! Segments: customers chosen by a filter written as a typed JSON tree.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Comparison, SegmentField};

/// A condition's value: a number, a text, or a list of texts (for `in`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum FilterValue {
    Number(i64),
    Text(String),
    List(Vec<String>),
}

/// A node of a segment filter: `and`/`or` over items, `not` of one item, or
/// a `compare` of a customer field with a value. At most 6 levels deep and
/// 50 nodes in all.
///
/// `{"op":"and","items":[{"op":"compare","field":"stage","cmp":"eq","value":"loyal"},
/// {"op":"compare","field":"order_count","cmp":"gte","value":3}]}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(no_recursion))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum SegmentFilter {
    /// Every item holds (an empty list holds for everyone).
    And { items: Vec<SegmentFilter> },
    /// At least one item holds (an empty list holds for no one).
    Or { items: Vec<SegmentFilter> },
    /// The item does not hold.
    Not { item: Box<SegmentFilter> },
    /// The field compared with the value; `key` names the custom field
    /// when `field` is `custom` (and only then).
    Compare {
        field: SegmentField,
        cmp: Comparison,
        value: FilterValue,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<String>,
    },
}

/// Body of `POST /api/v1/segments/count`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SegmentCountRequest {
    pub filter: SegmentFilter,
}

/// How many customers (that you may see) a filter selects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SegmentCount {
    pub count: u64,
}

/// A saved segment: a named filter, private to its owner or shared with everyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Segment {
    pub id: Uuid,
    pub name: String,
    pub filter: SegmentFilter,
    /// Everyone may use a shared segment; only its owner and admins change it.
    pub shared: bool,
    pub owner_id: Uuid,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/segments`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSegment {
    /// 1–100 characters.
    pub name: String,
    pub filter: SegmentFilter,
    #[serde(default)]
    pub shared: bool,
}

/// Body of `PATCH /api/v1/segments/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSegment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<SegmentFilter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
}
