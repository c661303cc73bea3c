//! The segment filter language at its edges: key and text lengths, list
//! sizes, number bounds, the deepest and the largest tree allowed.

use super::*;

fn compare(field: SegmentField, cmp: Comparison, value: FilterValue) -> SegmentFilter {
    SegmentFilter::Compare { field, cmp, value, key: None }
}

fn text(field: SegmentField, value: &str) -> SegmentFilter {
    compare(field, Comparison::Eq, FilterValue::Text(value.into()))
}

fn number(field: SegmentField, cmp: Comparison, n: i64) -> SegmentFilter {
    compare(field, cmp, FilterValue::Number(n))
}

fn list(field: SegmentField, values: &[String]) -> SegmentFilter {
    compare(field, Comparison::In, FilterValue::List(values.to_vec()))
}

/// `(path, code)` of each error.
fn errors(filter: &SegmentFilter) -> Vec<(String, String)> {
    check(filter).0.into_iter().map(|e| (e.field, e.code)).collect()
}

fn one(path: &str, code: &str) -> Vec<(String, String)> {
    vec![(path.to_owned(), code.to_owned())]
}

#[test]
fn filter_keys_have_one_to_sixty_four_plain_characters() {
    let table = [
        ("a".to_owned(), true),
        ("会员 等级-1".to_owned(), true),
        ("键".repeat(64), true),
        ("键".repeat(65), false),
        (String::new(), false),
        ("a\"b".to_owned(), false),
        ("a\\b".to_owned(), false),
        ("a\u{1}b".to_owned(), false),
        ("a\nb".to_owned(), false),
    ];
    for (key, ok) in table {
        assert_eq!(is_filter_key(&key), ok, "{key:?}");
    }
}

#[test]
fn numeric_fields_and_their_comparisons() {
    use Comparison::*;
    for field in SegmentField::ALL {
        let numeric = matches!(
            field,
            SegmentField::OrderCount
                | SegmentField::TotalSpent
                | SegmentField::LastPurchaseDays
                | SegmentField::LastContactDays
                | SegmentField::RecencyScore
                | SegmentField::FrequencyScore
                | SegmentField::MonetaryScore
                | SegmentField::PointsBalance
        );
        assert_eq!(is_numeric(*field), numeric, "{field}");
        let expected: &[Comparison] = match field {
            SegmentField::Custom => &[Eq, Ne, Lt, Lte, Gt, Gte, In],
            _ if numeric => &[Eq, Ne, Lt, Lte, Gt, Gte],
            _ => &[Eq, Ne, In],
        };
        assert_eq!(comparisons(*field), expected, "{field}");
    }
    assert_eq!(
        errors(&compare(SegmentField::Tag, Gt, FilterValue::Text("x".into()))),
        one("filter.cmp", fc::NOT_ALLOWED)
    );
}

#[test]
fn closed_vocabularies_take_only_their_words() {
    let accepted = [
        text(SegmentField::Stage, "at_risk"),
        text(SegmentField::RfmSegment, "champions"),
        text(SegmentField::Kind, "company"),
        text(SegmentField::Tier, "金卡"),
        list(SegmentField::Kind, &["person".into(), "company".into()]),
    ];
    for filter in accepted {
        assert!(errors(&filter).is_empty(), "{filter:?}");
    }
    let refused = [
        text(SegmentField::Stage, "Active"),
        text(SegmentField::RfmSegment, "winners"),
        text(SegmentField::Kind, "robot"),
        list(SegmentField::Stage, &["active".into(), "vip".into()]),
        list(SegmentField::RfmSegment, &["lost".into(), "".into()]),
    ];
    for filter in refused {
        assert_eq!(errors(&filter), one("filter.value", fc::INVALID_FORMAT), "{filter:?}");
    }
}

#[test]
fn free_texts_have_one_to_a_hundred_characters_without_nul() {
    assert!(errors(&text(SegmentField::Tag, &"标".repeat(100))).is_empty());
    assert!(errors(&text(SegmentField::Region, " 华东 ")).is_empty());
    for bad in ["标".repeat(101), String::new(), " \t ".into(), "a\0b".into()] {
        assert_eq!(errors(&text(SegmentField::Region, &bad)), one("filter.value", fc::INVALID_FORMAT), "{bad:?}");
    }
    let ne = compare(SegmentField::Tag, Comparison::Ne, FilterValue::Text("x".into()));
    assert!(errors(&ne).is_empty());
}

#[test]
fn lists_hold_one_to_fifty_known_texts() {
    let tags: Vec<String> = (0..=LIST_MAX).map(|n| format!("t{n}")).collect();
    assert!(errors(&list(SegmentField::Tag, &tags[..1])).is_empty());
    assert!(errors(&list(SegmentField::Tag, &tags[..LIST_MAX])).is_empty());
    assert_eq!(errors(&list(SegmentField::Tag, &tags)), one("filter.value", fc::INVALID_FORMAT));
    assert_eq!(errors(&list(SegmentField::Tag, &[])), one("filter.value", fc::INVALID_FORMAT));
    assert_eq!(errors(&list(SegmentField::Tag, &["x".repeat(101)])), one("filter.value", fc::INVALID_FORMAT));
    let custom_list = SegmentFilter::Compare {
        field: SegmentField::Custom,
        cmp: Comparison::In,
        value: FilterValue::List(tags[..LIST_MAX].to_vec()),
        key: Some("city".into()),
    };
    assert!(errors(&custom_list).is_empty());
    let ne_list = compare(SegmentField::Tag, Comparison::Ne, FilterValue::List(vec!["a".into()]));
    assert_eq!(errors(&ne_list), one("filter.value", fc::INVALID_FORMAT));
}

#[test]
fn numbers_stay_within_the_money_limit() {
    for n in [MONEY_MAX, -MONEY_MAX, 0] {
        assert!(errors(&number(SegmentField::TotalSpent, Comparison::Lte, n)).is_empty(), "{n}");
    }
    for n in [MONEY_MAX + 1, -MONEY_MAX - 1, i64::MIN] {
        assert_eq!(
            errors(&number(SegmentField::TotalSpent, Comparison::Lte, n)),
            one("filter.value", fc::INVALID_FORMAT),
            "{n}"
        );
    }
    assert_eq!(errors(&number(SegmentField::Stage, Comparison::Eq, 1)), one("filter.value", fc::INVALID_FORMAT));
    assert_eq!(errors(&number(SegmentField::Region, Comparison::Ne, 1)), one("filter.value", fc::INVALID_FORMAT));
    let custom = SegmentFilter::Compare {
        field: SegmentField::Custom,
        cmp: Comparison::Lt,
        value: FilterValue::Number(MONEY_MAX + 1),
        key: Some("level".into()),
    };
    assert_eq!(errors(&custom), one("filter.value", fc::INVALID_FORMAT));
}

#[test]
fn keys_are_checked_before_anything_else() {
    let keyed = |field, key: Option<&str>| SegmentFilter::Compare {
        field,
        cmp: Comparison::Gt,
        value: FilterValue::List(vec![]),
        key: key.map(str::to_owned),
    };
    assert_eq!(errors(&keyed(SegmentField::Custom, None)), one("filter.key", fc::INVALID_FORMAT));
    assert_eq!(errors(&keyed(SegmentField::Custom, Some(""))), one("filter.key", fc::INVALID_FORMAT));
    assert_eq!(errors(&keyed(SegmentField::Tag, Some("k"))), one("filter.key", fc::NOT_ALLOWED));
    assert_eq!(errors(&keyed(SegmentField::Custom, Some("k"))), one("filter.value", fc::INVALID_FORMAT));
}

fn leaf() -> SegmentFilter {
    number(SegmentField::OrderCount, Comparison::Gt, 0)
}

fn nested(levels: usize) -> SegmentFilter {
    (0..levels).fold(leaf(), |item, _| SegmentFilter::Not { item: Box::new(item) })
}

#[test]
fn six_levels_and_no_deeper() {
    assert!(errors(&nested(DEPTH_MAX - 1)).is_empty());
    let path = format!("filter{}", ".item".repeat(DEPTH_MAX));
    assert_eq!(errors(&nested(DEPTH_MAX)), one(&path, fc::OUT_OF_RANGE));
    let deep_in_a_group = SegmentFilter::And { items: vec![leaf(), nested(DEPTH_MAX - 1)] };
    let path = format!("filter.items[1]{}", ".item".repeat(DEPTH_MAX - 1));
    assert_eq!(errors(&deep_in_a_group), one(&path, fc::OUT_OF_RANGE));
    // A node too deep still counts towards the size.
    let mut items = vec![nested(DEPTH_MAX)];
    items.extend(std::iter::repeat_n(leaf(), NODES_MAX - DEPTH_MAX - 1));
    let path = format!("filter.items[0]{}", ".item".repeat(DEPTH_MAX - 1));
    assert_eq!(errors(&SegmentFilter::Or { items: items.clone() }), one(&path, fc::OUT_OF_RANGE));
    items.push(leaf());
    let found = errors(&SegmentFilter::Or { items });
    assert_eq!(found.last(), Some(&("filter".to_owned(), fc::TOO_MANY.to_owned())));
}

#[test]
fn fifty_nodes_and_no_more_counting_every_group() {
    let group = |leaves: usize| SegmentFilter::And { items: vec![leaf(); leaves] };
    assert!(errors(&group(NODES_MAX - 1)).is_empty());
    assert_eq!(errors(&group(NODES_MAX)), one("filter", fc::TOO_MANY));
    // The root, six groups of seven nodes, one more group and its leaves.
    let groups = |leaves: usize| {
        let mut items = vec![group(6); 6];
        items.push(SegmentFilter::Or { items: vec![leaf(); leaves] });
        SegmentFilter::Or { items }
    };
    assert!(errors(&groups(6)).is_empty());
    assert_eq!(errors(&groups(7)), one("filter", fc::TOO_MANY));
}

#[test]
fn every_bad_node_is_named_by_its_path() {
    let filter = SegmentFilter::Or {
        items: vec![
            SegmentFilter::Not { item: Box::new(text(SegmentField::Stage, "vip")) },
            SegmentFilter::And { items: vec![leaf(), list(SegmentField::TotalSpent, &["1".into()])] },
            leaf(),
        ],
    };
    assert_eq!(
        errors(&filter),
        [
            ("filter.items[0].item.value".to_owned(), fc::INVALID_FORMAT.to_owned()),
            ("filter.items[1].items[1].cmp".to_owned(), fc::NOT_ALLOWED.to_owned()),
        ]
    );
}
