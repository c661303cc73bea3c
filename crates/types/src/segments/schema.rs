//! The OpenAPI schema of [`SegmentFilter`], written by hand.
//!
//! Derived, the enum becomes a `oneOf` whose branches refer back to the
//! `oneOf` itself, and common generators (openapi-python-client among them)
//! give up on it and on every operation that carries a filter. Here the same
//! JSON is described as one recursive object whose `op` says which other
//! properties it carries. The wire format does not change: serde still reads
//! and writes the enum, and rejects a node whose properties do not fit its
//! `op` (a 422 with the offending field).

use std::borrow::Cow;

use serde_json::json;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, ObjectBuilder, Ref, RefBuilder, Schema, SchemaType, Type,
};
use utoipa::{PartialSchema, ToSchema};

use super::{FilterValue, SegmentFilter};
use crate::{Comparison, SegmentField};

/// Every `op`, in the order of the enum's variants.
pub(super) const OPERATORS: [&str; 4] = ["and", "or", "not", "compare"];

const DESCRIPTION: &str = "\
A node of a segment filter. `op` says which other properties the node has; \
any other property is refused with a 422:

- `and`: `items` (required) — every item holds (an empty list holds for everyone).
- `or`: `items` (required) — at least one item holds (an empty list holds for no one).
- `not`: `item` (required) — the item does not hold.
- `compare`: `field`, `cmp` and `value` (required), and `key` — the customer's \
field compared with the value; `key` names the custom field when `field` is \
`custom` (and only then).

At most 6 levels deep and 50 nodes in all.";

/// A property that is another schema, with what it means here.
fn reference<T: ToSchema>(description: &str) -> RefBuilder {
    Ref::builder().ref_location_from_schema_name(T::name()).description(Some(description))
}

impl PartialSchema for SegmentFilter {
    fn schema() -> RefOr<Schema> {
        let op = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(OPERATORS))
            .description(Some("What the node does; it decides which other properties the node has."));
        let items = ArrayBuilder::new()
            .items(Ref::from_schema_name(SegmentFilter::name()))
            .description(Some("With `and` and `or` (required there): the filters combined."));
        let key = ObjectBuilder::new()
            .schema_type([Type::String, Type::Null].into_iter().collect::<SchemaType>())
            .description(Some(
                "With `compare` when `field` is `custom` (required then, refused otherwise): the custom field's key.",
            ));
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(DESCRIPTION))
            .property("op", op)
            .required("op")
            .property("items", items)
            .property("item", reference::<SegmentFilter>("With `not` (required there): the filter negated."))
            .property("field", reference::<SegmentField>("With `compare` (required there)."))
            .property("cmp", reference::<Comparison>("With `compare` (required there)."))
            .property("value", reference::<FilterValue>("With `compare` (required there)."))
            .property("key", key)
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .examples([json!({"op": "and", "items": [
                {"op": "compare", "field": "stage", "cmp": "eq", "value": "loyal"},
                {"op": "or", "items": [
                    {"op": "compare", "field": "order_count", "cmp": "gte", "value": 3},
                    {"op": "not", "item": {"op": "compare", "field": "tag", "cmp": "eq", "value": "lapsed"}}
                ]}
            ]})])
            .into()
    }
}

impl ToSchema for SegmentFilter {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("SegmentFilter")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((SegmentField::name().into(), SegmentField::schema()));
        schemas.push((Comparison::name().into(), Comparison::schema()));
        schemas.push((FilterValue::name().into(), FilterValue::schema()));
        <FilterValue as ToSchema>::schemas(schemas);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn json(value: impl serde::Serialize) -> Value {
        serde_json::to_value(value).unwrap_or_else(|e| panic!("{e}"))
    }

    fn op(filter: &SegmentFilter) -> &'static str {
        // Exhaustive on purpose: a new kind of node must be added to the schema.
        match filter {
            SegmentFilter::And { .. } => OPERATORS[0],
            SegmentFilter::Or { .. } => OPERATORS[1],
            SegmentFilter::Not { .. } => OPERATORS[2],
            SegmentFilter::Compare { .. } => OPERATORS[3],
        }
    }

    #[test]
    fn every_node_the_server_writes_fits_the_schema() {
        let schema = json(SegmentFilter::schema());
        let Some(properties) = schema["properties"].as_object() else { panic!("no properties: {schema}") };
        assert_eq!(schema["properties"]["op"]["enum"], serde_json::json!(OPERATORS));
        assert_eq!(schema["required"], serde_json::json!(["op"]));
        assert_eq!(schema["additionalProperties"], Value::Bool(false));

        let leaf = SegmentFilter::Compare {
            field: SegmentField::Custom,
            cmp: Comparison::Eq,
            value: FilterValue::Text("north".into()),
            key: Some("team".into()),
        };
        let nodes = [
            SegmentFilter::And { items: vec![leaf.clone()] },
            SegmentFilter::Or { items: vec![] },
            SegmentFilter::Not { item: Box::new(leaf.clone()) },
            leaf,
        ];
        for node in &nodes {
            let wire = json(node);
            assert_eq!(wire["op"], op(node));
            for name in wire.as_object().into_iter().flat_map(|object| object.keys()) {
                assert!(properties.contains_key(name), "{name} of {wire} is not in the schema");
            }
        }
        let written: Vec<&str> = nodes.iter().map(op).collect();
        assert_eq!(written, OPERATORS, "one sample of every op");
    }

    #[test]
    fn the_schema_refers_to_itself_and_brings_what_it_refers_to() {
        let schema = json(SegmentFilter::schema());
        let own = "#/components/schemas/SegmentFilter";
        assert_eq!(schema["properties"]["items"]["items"]["$ref"], own);
        assert_eq!(schema["properties"]["item"]["$ref"], own);
        let mut brought = Vec::new();
        <SegmentFilter as ToSchema>::schemas(&mut brought);
        let names: Vec<&str> = brought.iter().map(|(name, _)| name.as_str()).collect();
        for referred in ["SegmentField", "Comparison", "FilterValue"] {
            assert!(names.contains(&referred), "{referred} missing from {names:?}");
        }
    }
}
