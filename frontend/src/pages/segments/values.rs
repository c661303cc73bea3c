//! A condition's value as the segment builder reads and shows it: the
//! choices of a closed vocabulary, lists typed with Latin or Chinese commas,
//! numbers, and spend in the business currency's units.

use kehu_types::{AcquisitionSource, Comparison, CustomerKind, FilterValue, LifecycleStage, RfmSegment, SegmentField};

use crate::i18n::{format_amount, parse_money};

/// The texts a field can hold when its vocabulary is closed.
pub fn choices(field: SegmentField) -> Option<Vec<&'static str>> {
    match field {
        SegmentField::Stage => Some(LifecycleStage::ALL.iter().map(|s| s.as_str()).collect()),
        SegmentField::RfmSegment => Some(RfmSegment::ALL.iter().map(|s| s.as_str()).collect()),
        SegmentField::Kind => Some(CustomerKind::ALL.iter().map(|s| s.as_str()).collect()),
        SegmentField::Source => Some(AcquisitionSource::ALL.iter().map(|s| s.as_str()).collect()),
        _ => None,
    }
}

/// Texts of an `in` list, separated by Latin or Chinese commas.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', '，', '、']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// The value a condition's typed text stands for, if it is complete.
pub(super) fn value_of(field: SegmentField, cmp: Comparison, text: &str, currency: &str) -> Option<FilterValue> {
    let text = text.trim();
    if field == SegmentField::Custom {
        // A custom field compares numbers as numbers: ordering needs one,
        // and "is" takes a whole number as a number.
        return match cmp {
            Comparison::In => Some(split_list(text)).filter(|list| !list.is_empty()).map(FilterValue::List),
            Comparison::Eq | Comparison::Ne => match text.parse() {
                Ok(n) => Some(FilterValue::Number(n)),
                Err(_) => (!text.is_empty()).then(|| FilterValue::Text(text.to_owned())),
            },
            _ => text.parse().ok().map(FilterValue::Number),
        };
    }
    if kehu_domain::segments::is_numeric(field) {
        let number = if field == SegmentField::TotalSpent {
            parse_money(text, Some(Some(currency).filter(|c| !c.is_empty())?)).ok()?
        } else {
            text.parse().ok()?
        };
        return Some(FilterValue::Number(number));
    }
    if cmp == Comparison::In {
        let list = split_list(text);
        return (!list.is_empty()).then_some(FilterValue::List(list));
    }
    (!text.is_empty()).then(|| FilterValue::Text(text.to_owned()))
}

/// How a stored value is shown for editing.
pub(super) fn typed(field: SegmentField, value: &FilterValue, currency: &str) -> String {
    match value {
        FilterValue::Number(n) if field == SegmentField::TotalSpent => format_amount(*n, Some(currency)),
        FilterValue::Number(n) => n.to_string(),
        FilterValue::Text(text) => text.clone(),
        FilterValue::List(list) => list.join(", "),
    }
}

/// A new condition's value: the first choice of a closed vocabulary, else empty.
pub(super) fn default_value(field: SegmentField) -> String {
    choices(field).and_then(|c| c.first().map(|s| (*s).to_owned())).unwrap_or_default()
}
