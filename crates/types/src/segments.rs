//! Segments: customers chosen by a filter written as a typed JSON tree.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire::wire_enum;

#[cfg(feature = "openapi")]
mod schema;

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
///
/// Its OpenAPI schema is written by hand (see `schema`): one recursive object
/// rather than the derived recursive `oneOf`, for the generators' sake.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

wire_enum!(
    /// What a segment condition looks at.
    SegmentField {
        /// Lifecycle stage (text).
        Stage => "stage",
        /// One of the customer's tags (text).
        Tag => "tag",
        Region => "region",
        /// Acquisition source (text).
        Source => "source",
        /// `person` or `company`.
        Kind => "kind",
        /// Paid orders (number; 0 without orders).
        OrderCount => "order_count",
        /// Net spend in minor units (number; 0 without orders).
        TotalSpent => "total_spent",
        /// Days since the last purchase (number; never bought matches nothing).
        LastPurchaseDays => "last_purchase_days",
        /// Days since the last recorded interaction — call, message, visit…
        /// (number; never contacted matches nothing).
        LastContactDays => "last_contact_days",
        /// RFM scores 1–5 (numbers; unscored matches nothing).
        RecencyScore => "recency_score",
        FrequencyScore => "frequency_score",
        MonetaryScore => "monetary_score",
        /// RFM segment name (text; unscored matches nothing).
        RfmSegment => "rfm_segment",
        /// Loyalty tier name (text; no tier matches nothing).
        Tier => "tier",
        /// Points balance (number; 0 without points).
        PointsBalance => "points_balance",
        /// The custom field named by the condition's `key`: texts compare
        /// with `eq`/`ne`/`in`, numbers with any comparison (a customer
        /// without the field matches only `ne`).
        Custom => "custom",
    }
);

wire_enum!(
    /// How a condition compares the field with its value.
    Comparison {
        Eq => "eq",
        Ne => "ne",
        Lt => "lt",
        Lte => "lte",
        Gt => "gt",
        Gte => "gte",
        /// One of a list of texts.
        In => "in",
    }
);

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn read(json: Value) -> SegmentFilter {
        serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Saved segments hold this JSON in the database and older clients send it:
    /// it must keep reading, and writing back, byte for byte the same.
    #[test]
    fn the_wire_format_of_every_node_stays_as_stored() {
        let stored = json!({"op": "and", "items": [
            {"op": "or", "items": []},
            {"op": "not", "item": {"op": "compare", "field": "stage", "cmp": "eq", "value": "loyal"}},
            {"op": "compare", "field": "custom", "cmp": "in", "value": ["a", "b"], "key": "team"},
            {"op": "compare", "field": "order_count", "cmp": "gte", "value": 3}
        ]});
        let filter = read(stored.clone());
        let SegmentFilter::And { items } = &filter else { panic!("not an and: {filter:?}") };
        assert_eq!(items[0], SegmentFilter::Or { items: vec![] });
        assert!(matches!(&items[1], SegmentFilter::Not { item } if matches!(**item, SegmentFilter::Compare { .. })));
        assert_eq!(
            items[2],
            SegmentFilter::Compare {
                field: SegmentField::Custom,
                cmp: Comparison::In,
                value: FilterValue::List(vec!["a".into(), "b".into()]),
                key: Some("team".into()),
            }
        );
        assert_eq!(serde_json::to_value(&filter).ok(), Some(stored));
    }

    #[test]
    fn a_null_key_reads_as_no_key() {
        let filter = read(json!({"op": "compare", "field": "tier", "cmp": "eq", "value": "gold", "key": null}));
        assert!(matches!(filter, SegmentFilter::Compare { key: None, .. }));
    }

    /// The OpenAPI schema lists every property as optional; serde is what
    /// holds each `op` to its own properties.
    #[test]
    fn a_node_with_properties_that_do_not_fit_its_op_is_refused() {
        let refused = |node: Value, because: &str| {
            let Err(error) = serde_json::from_value::<SegmentFilter>(node.clone()) else { panic!("{node} was read") };
            let error = error.to_string();
            assert!(error.contains(because), "{node}: {error}");
        };
        refused(json!({"op": "and"}), "missing field `items`");
        refused(json!({"op": "or", "item": {"op": "and", "items": []}}), "unknown field `item`");
        refused(json!({"op": "not", "items": []}), "unknown field `items`");
        refused(json!({"op": "and", "items": [], "field": "stage"}), "unknown field `field`");
        refused(json!({"op": "compare", "field": "stage", "cmp": "eq"}), "missing field `value`");
        refused(json!({"op": "compare", "field": "stage", "cmp": "eq", "value": "x", "items": []}), "unknown field");
        refused(json!({"op": "xor", "items": []}), "unknown variant `xor`");
        refused(json!({"items": []}), "missing field `op`");
    }
}
