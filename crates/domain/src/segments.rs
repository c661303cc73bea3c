//! The segment filter language: which comparisons each field takes, and the
//! checks that turn a bad tree into field errors naming the faulty node.

use kehu_types::{
    Comparison, CustomerKind, FilterValue, LifecycleStage, RfmSegment, SegmentField, SegmentFilter, field_codes as fc,
};

use crate::validate::{Errors, MONEY_MAX};

/// Deepest nesting of groups.
pub const DEPTH_MAX: usize = 6;
/// Most nodes in one filter.
pub const NODES_MAX: usize = 50;
/// Most texts in one `in` list.
pub const LIST_MAX: usize = 50;

/// Whether a field holds numbers (else texts).
pub fn is_numeric(field: SegmentField) -> bool {
    use SegmentField::*;
    matches!(
        field,
        OrderCount
            | TotalSpent
            | LastPurchaseDays
            | LastContactDays
            | RecencyScore
            | FrequencyScore
            | MonetaryScore
            | PointsBalance
    )
}

/// The comparisons a field takes (a custom field: all of them, ordering
/// ones with a number).
pub fn comparisons(field: SegmentField) -> &'static [Comparison] {
    use Comparison::*;
    match field {
        SegmentField::Custom => &[Eq, Ne, Lt, Lte, Gt, Gte, In],
        field if is_numeric(field) => &[Eq, Ne, Lt, Lte, Gt, Gte],
        _ => &[Eq, Ne, In],
    }
}

/// Whether `key` can name a custom field in a filter: 1–64 characters,
/// none of them a quote, a backslash or a control character (so it can be
/// spelled inside a JSON path on every database).
pub fn is_filter_key(key: &str) -> bool {
    (1..=64).contains(&key.chars().count()) && !key.chars().any(|c| c == '"' || c == '\\' || c.is_control())
}

/// Whether `text` is a value `field` can hold (closed vocabularies are checked).
fn known_text(field: SegmentField, text: &str) -> bool {
    match field {
        SegmentField::Stage => LifecycleStage::parse(text).is_some(),
        SegmentField::RfmSegment => RfmSegment::parse(text).is_some(),
        SegmentField::Kind => CustomerKind::parse(text).is_some(),
        _ => !text.trim().is_empty() && text.chars().count() <= 100 && !text.contains('\0'),
    }
}

/// Field errors of a filter, each at the path of its node (`filter.items[1].value`).
pub fn check(filter: &SegmentFilter) -> Errors {
    let mut errors = Errors::default();
    let mut nodes = 0;
    walk(filter, "filter", 1, &mut nodes, &mut errors);
    if nodes > NODES_MAX {
        errors.add("filter", fc::TOO_MANY, format!("at most {NODES_MAX} nodes"));
    }
    errors
}

fn walk(node: &SegmentFilter, path: &str, depth: usize, nodes: &mut usize, errors: &mut Errors) {
    *nodes += 1;
    if depth > DEPTH_MAX {
        errors.add(path, fc::OUT_OF_RANGE, format!("at most {DEPTH_MAX} levels deep"));
        return;
    }
    match node {
        SegmentFilter::And { items } | SegmentFilter::Or { items } => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}.items[{i}]"), depth + 1, nodes, errors);
            }
        }
        SegmentFilter::Not { item } => walk(item, &format!("{path}.item"), depth + 1, nodes, errors),
        SegmentFilter::Compare { field, cmp, value, key } => {
            match (field, key) {
                (SegmentField::Custom, Some(key)) if is_filter_key(key) => {}
                (SegmentField::Custom, _) => {
                    errors.add(format!("{path}.key"), fc::INVALID_FORMAT, "a custom field's name: 1–64 characters");
                    return;
                }
                (_, Some(_)) => {
                    errors.add(format!("{path}.key"), fc::NOT_ALLOWED, "only custom fields take a key");
                    return;
                }
                (_, None) => {}
            }
            if !comparisons(*field).contains(cmp) {
                errors.add(format!("{path}.cmp"), fc::NOT_ALLOWED, format!("{field} does not take {cmp}"));
                return;
            }
            let custom = *field == SegmentField::Custom;
            let fits = match (value, *cmp) {
                (FilterValue::Number(_), Comparison::In) => false,
                (FilterValue::Number(n), _) => (custom || is_numeric(*field)) && (-MONEY_MAX..=MONEY_MAX).contains(n),
                (FilterValue::Text(text), cmp) => {
                    !is_numeric(*field) && matches!(cmp, Comparison::Eq | Comparison::Ne) && known_text(*field, text)
                }
                (FilterValue::List(texts), Comparison::In) => {
                    !is_numeric(*field)
                        && (1..=LIST_MAX).contains(&texts.len())
                        && texts.iter().all(|t| known_text(*field, t))
                }
                (FilterValue::List(_), _) => false,
            };
            if !fits {
                let expected = match (is_numeric(*field), *cmp) {
                    (true, _) => "a number",
                    (false, Comparison::In) => "a list of known values",
                    (false, Comparison::Eq | Comparison::Ne) => "a known text value",
                    (false, _) => "a number",
                };
                errors.add(format!("{path}.value"), fc::INVALID_FORMAT, format!("{field} {cmp} needs {expected}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn compare(field: SegmentField, cmp: Comparison, value: FilterValue) -> SegmentFilter {
        SegmentFilter::Compare { field, cmp, value, key: None }
    }

    fn custom(key: &str, cmp: Comparison, value: FilterValue) -> SegmentFilter {
        SegmentFilter::Compare { field: SegmentField::Custom, cmp, value, key: Some(key.into()) }
    }

    fn valid_leaf() -> impl Strategy<Value = SegmentFilter> {
        prop_oneof![
            (
                prop::sample::select(LifecycleStage::ALL.to_vec()),
                prop::sample::select(vec![Comparison::Eq, Comparison::Ne])
            )
                .prop_map(|(stage, cmp)| compare(
                    SegmentField::Stage,
                    cmp,
                    FilterValue::Text(stage.as_str().into())
                )),
            (
                prop::sample::select(vec![
                    SegmentField::OrderCount,
                    SegmentField::TotalSpent,
                    SegmentField::PointsBalance
                ]),
                prop::sample::select(vec![Comparison::Lt, Comparison::Gte, Comparison::Eq]),
                0i64..1_000_000,
            )
                .prop_map(|(field, cmp, n)| compare(field, cmp, FilterValue::Number(n))),
            prop::collection::vec("[a-z客户]{1,8}", 1..4).prop_map(|tags| compare(
                SegmentField::Tag,
                Comparison::In,
                FilterValue::List(tags)
            )),
        ]
    }

    fn valid_tree() -> impl Strategy<Value = SegmentFilter> {
        valid_leaf().prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(|items| SegmentFilter::And { items }),
                prop::collection::vec(inner.clone(), 0..4).prop_map(|items| SegmentFilter::Or { items }),
                inner.prop_map(|item| SegmentFilter::Not { item: Box::new(item) }),
            ]
        })
    }

    proptest! {
        #[test]
        fn valid_trees_round_trip_and_pass(tree in valid_tree()) {
            let json = serde_json::to_value(&tree).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let back: SegmentFilter = serde_json::from_value(json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&back, &tree);
            prop_assert!(check(&tree).0.is_empty(), "{:?}", check(&tree).0);
        }

        #[test]
        fn a_bad_leaf_is_reported_at_its_path(tree in valid_tree(), index in 0usize..3) {
            let bad = compare(SegmentField::Stage, Comparison::Gt, FilterValue::Number(3));
            let mut items = vec![tree.clone(), tree.clone()];
            items.insert(index.min(2), bad);
            let errors = check(&SegmentFilter::Or { items }).0;
            prop_assert_eq!(errors.len(), 1);
            prop_assert_eq!(errors[0].field.clone(), format!("filter.items[{}].cmp", index.min(2)));
        }
    }

    #[test]
    fn values_must_fit_the_field() {
        let cases = [
            (compare(SegmentField::Stage, Comparison::Eq, FilterValue::Text("vip".into())), "filter.value"),
            (compare(SegmentField::OrderCount, Comparison::Gte, FilterValue::Text("3".into())), "filter.value"),
            (compare(SegmentField::Tag, Comparison::In, FilterValue::List(vec![])), "filter.value"),
            (compare(SegmentField::Tag, Comparison::Eq, FilterValue::List(vec!["a".into()])), "filter.value"),
            (compare(SegmentField::TotalSpent, Comparison::In, FilterValue::Number(1)), "filter.cmp"),
            (compare(SegmentField::Custom, Comparison::Eq, FilterValue::Text("x".into())), "filter.key"),
            (custom("", Comparison::Eq, FilterValue::Text("x".into())), "filter.key"),
            (custom("a\"b", Comparison::Eq, FilterValue::Text("x".into())), "filter.key"),
            (custom("level", Comparison::Gt, FilterValue::Text("x".into())), "filter.value"),
            (custom("level", Comparison::In, FilterValue::Number(3)), "filter.value"),
            (
                SegmentFilter::Compare {
                    field: SegmentField::Tag,
                    cmp: Comparison::Eq,
                    value: FilterValue::Text("x".into()),
                    key: Some("level".into()),
                },
                "filter.key",
            ),
        ];
        for (filter, path) in cases {
            let errors = check(&filter).0;
            assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), [path], "{filter:?}");
        }
    }

    #[test]
    fn custom_fields_compare_texts_numbers_and_lists() {
        for filter in [
            custom("会员卡", Comparison::Eq, FilterValue::Text("金卡".into())),
            custom("level", Comparison::Gte, FilterValue::Number(3)),
            custom("level", Comparison::Ne, FilterValue::Number(3)),
            custom("city", Comparison::In, FilterValue::List(vec!["上海".into(), "杭州".into()])),
        ] {
            assert!(check(&filter).0.is_empty(), "{filter:?}");
        }
    }

    #[test]
    fn depth_and_size_are_bounded() {
        let mut deep = compare(SegmentField::OrderCount, Comparison::Gt, FilterValue::Number(0));
        for _ in 0..DEPTH_MAX {
            deep = SegmentFilter::Not { item: Box::new(deep) };
        }
        assert_eq!(check(&deep).0.len(), 1);
        let leaf = compare(SegmentField::OrderCount, Comparison::Gt, FilterValue::Number(0));
        let wide = SegmentFilter::And { items: vec![leaf; NODES_MAX] };
        assert_eq!(check(&wide).0[0].code, fc::TOO_MANY);
    }
}

#[cfg(test)]
#[path = "segments_edges.rs"]
mod edges;
