//! The segment builder's working copy of a filter: groups of conditions that
//! can be edited in place while the user types. Every node has a stable id,
//! so the page re-renders only the part that changed and inputs keep focus.
//! Values are kept as typed; a condition that does not yet make sense simply
//! leaves the filter incomplete instead of being refused.

use kehu_types::{Comparison, SegmentField, SegmentFilter};

use crate::pages::segments::values::{choices, default_value, split_list, typed, value_of};

/// How a group combines its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every item holds.
    All,
    /// At least one item holds.
    Any,
    /// No item holds.
    None,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::All, Mode::Any, Mode::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::All => "all",
            Mode::Any => "any",
            Mode::None => "none",
        }
    }

    pub fn parse(text: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: SegmentField,
    /// The custom field's name (custom fields only).
    pub key: String,
    pub cmp: Comparison,
    /// As typed: a number, money with cents, a text, or texts separated by commas.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Group { mode: Mode, items: Vec<Entry> },
    Condition(Condition),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: u32,
    pub node: Node,
}

/// Why a tree does not stand for a filter yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfinished {
    /// A condition's value is missing or does not fit its field.
    Incomplete,
    /// Too deeply nested or too many conditions.
    TooComplex,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub root: Entry,
    next_id: u32,
    /// Spend is typed in the business currency, with its decimals; until it
    /// is known (empty) a spend condition is incomplete.
    currency: String,
}

impl Default for Tree {
    /// An empty "all of" group: everyone, until conditions are added.
    fn default() -> Self {
        let root = Entry { id: 0, node: Node::Group { mode: Mode::All, items: Vec::new() } };
        Tree { root, next_id: 1, currency: String::new() }
    }
}

impl Tree {
    /// The working copy of a saved filter, its spend in `currency` (the
    /// business's). The root is always a group.
    pub fn from_filter(filter: &SegmentFilter, currency: &str) -> Tree {
        let mut tree = Tree { currency: currency.to_owned(), ..Tree::default() };
        let root = tree.entry(filter);
        tree.root = match root.node {
            Node::Group { .. } => root,
            Node::Condition(_) => {
                Entry { id: tree.fresh_id(), node: Node::Group { mode: Mode::All, items: vec![root] } }
            }
        };
        tree
    }

    /// Read spend in the business currency, once it is known.
    pub fn set_currency(&mut self, currency: &str) {
        currency.clone_into(&mut self.currency);
    }

    fn fresh_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    fn entry(&mut self, filter: &SegmentFilter) -> Entry {
        let group = |tree: &mut Tree, mode, items: &[SegmentFilter]| Node::Group {
            mode,
            items: items.iter().map(|item| tree.entry(item)).collect(),
        };
        let node = match filter {
            SegmentFilter::And { items } => group(self, Mode::All, items),
            SegmentFilter::Or { items } => group(self, Mode::Any, items),
            SegmentFilter::Not { item } => match item.as_ref() {
                SegmentFilter::Or { items } => group(self, Mode::None, items),
                other => group(self, Mode::None, std::slice::from_ref(other)),
            },
            SegmentFilter::Compare { field, cmp, value, key } => Node::Condition(Condition {
                field: *field,
                key: key.clone().unwrap_or_default(),
                cmp: *cmp,
                value: typed(*field, value, &self.currency),
            }),
        };
        Entry { id: self.fresh_id(), node }
    }

    /// The filter this tree stands for, unless a condition is incomplete or
    /// the tree breaks the language's limits (depth, size).
    pub fn to_filter(&self) -> Result<SegmentFilter, Unfinished> {
        let filter = filter_of(&self.root, &self.currency).ok_or(Unfinished::Incomplete)?;
        let errors = kehu_domain::segments::check(&filter).0;
        if errors.is_empty() {
            Ok(filter)
        } else if errors.iter().any(|error| error.field.ends_with(".value") || error.field.ends_with(".key")) {
            Err(Unfinished::Incomplete)
        } else {
            Err(Unfinished::TooComplex)
        }
    }

    pub fn find(&self, id: u32) -> Option<&Node> {
        find_in(&self.root, id)
    }

    fn find_mut(&mut self, id: u32) -> Option<&mut Node> {
        find_mut_in(&mut self.root, id)
    }

    /// The ids of a group's items, in order.
    pub fn children(&self, id: u32) -> Vec<u32> {
        match self.find(id) {
            Some(Node::Group { items, .. }) => items.iter().map(|entry| entry.id).collect(),
            _ => Vec::new(),
        }
    }

    /// How many groups enclose the node (the root is at depth 1).
    pub fn depth(&self, id: u32) -> usize {
        depth_in(&self.root, id, 1).unwrap_or(0)
    }

    pub fn condition(&self, id: u32) -> Option<&Condition> {
        match self.find(id) {
            Some(Node::Condition(condition)) => Some(condition),
            _ => None,
        }
    }

    pub fn mode(&self, id: u32) -> Option<Mode> {
        match self.find(id) {
            Some(Node::Group { mode, .. }) => Some(*mode),
            _ => None,
        }
    }

    pub fn set_mode(&mut self, id: u32, new_mode: Mode) {
        if let Some(Node::Group { mode, .. }) = self.find_mut(id) {
            *mode = new_mode;
        }
    }

    /// Add a condition (or, with `group`, an empty "all of" group) at the end of a group.
    pub fn add(&mut self, group_id: u32, group: bool) {
        let id = self.fresh_id();
        let node = if group {
            Node::Group { mode: Mode::All, items: Vec::new() }
        } else {
            let field = SegmentField::Stage;
            Node::Condition(Condition { field, key: String::new(), cmp: Comparison::Eq, value: default_value(field) })
        };
        if let Some(Node::Group { items, .. }) = self.find_mut(group_id) {
            items.push(Entry { id, node });
        }
    }

    /// Remove a node and everything under it; the root stays.
    pub fn remove(&mut self, id: u32) {
        remove_in(&mut self.root, id);
    }

    /// Change a condition's field, keeping the comparison where the field takes it.
    pub fn set_field(&mut self, id: u32, field: SegmentField) {
        if let Some(Node::Condition(condition)) = self.find_mut(id) {
            let allowed = kehu_domain::segments::comparisons(field);
            if !allowed.contains(&condition.cmp) {
                condition.cmp = allowed[0];
            }
            if choices(field) != choices(condition.field) || kehu_domain::segments::is_numeric(field) {
                condition.value = default_value(field);
            }
            condition.field = field;
        }
    }

    pub fn set_cmp(&mut self, id: u32, cmp: Comparison) {
        if let Some(Node::Condition(condition)) = self.find_mut(id) {
            if condition.cmp == Comparison::In && cmp != Comparison::In {
                // Keep the first of a list when going back to one value.
                condition.value = split_list(&condition.value).into_iter().next().unwrap_or_default();
            }
            condition.cmp = cmp;
        }
    }

    pub fn set_key(&mut self, id: u32, key: String) {
        if let Some(Node::Condition(condition)) = self.find_mut(id) {
            condition.key = key;
        }
    }

    pub fn set_value(&mut self, id: u32, value: String) {
        if let Some(Node::Condition(condition)) = self.find_mut(id) {
            condition.value = value;
        }
    }
}

fn filter_of(entry: &Entry, currency: &str) -> Option<SegmentFilter> {
    match &entry.node {
        Node::Condition(condition) => Some(SegmentFilter::Compare {
            field: condition.field,
            cmp: condition.cmp,
            value: value_of(condition.field, condition.cmp, &condition.value, currency)?,
            key: (condition.field == SegmentField::Custom).then(|| condition.key.trim().to_owned()),
        }),
        Node::Group { mode, items } => {
            let items = items.iter().map(|item| filter_of(item, currency)).collect::<Option<Vec<_>>>()?;
            Some(match mode {
                Mode::All => SegmentFilter::And { items },
                Mode::Any => SegmentFilter::Or { items },
                Mode::None => SegmentFilter::Not { item: Box::new(SegmentFilter::Or { items }) },
            })
        }
    }
}

fn find_in(entry: &Entry, id: u32) -> Option<&Node> {
    if entry.id == id {
        return Some(&entry.node);
    }
    match &entry.node {
        Node::Group { items, .. } => items.iter().find_map(|item| find_in(item, id)),
        Node::Condition(_) => None,
    }
}

fn find_mut_in(entry: &mut Entry, id: u32) -> Option<&mut Node> {
    if entry.id == id {
        return Some(&mut entry.node);
    }
    match &mut entry.node {
        Node::Group { items, .. } => items.iter_mut().find_map(|item| find_mut_in(item, id)),
        Node::Condition(_) => None,
    }
}

fn depth_in(entry: &Entry, id: u32, depth: usize) -> Option<usize> {
    if entry.id == id {
        return Some(depth);
    }
    match &entry.node {
        Node::Group { items, .. } => items.iter().find_map(|item| depth_in(item, id, depth + 1)),
        Node::Condition(_) => None,
    }
}

fn remove_in(entry: &mut Entry, id: u32) -> bool {
    let Node::Group { items, .. } = &mut entry.node else { return false };
    if let Some(index) = items.iter().position(|item| item.id == id) {
        items.remove(index);
        return true;
    }
    items.iter_mut().any(|item| remove_in(item, id))
}

#[cfg(test)]
mod tests {
    use kehu_types::FilterValue;

    use super::*;

    fn compare(field: SegmentField, cmp: Comparison, value: FilterValue) -> SegmentFilter {
        SegmentFilter::Compare { field, cmp, value, key: None }
    }

    #[test]
    fn saved_filters_round_trip_through_the_working_copy() {
        let filter = SegmentFilter::And {
            items: vec![
                compare(SegmentField::Stage, Comparison::Eq, FilterValue::Text("loyal".into())),
                SegmentFilter::Or {
                    items: vec![
                        compare(SegmentField::TotalSpent, Comparison::Gte, FilterValue::Number(100_050)),
                        compare(
                            SegmentField::Tag,
                            Comparison::In,
                            FilterValue::List(vec!["VIP".into(), "大客户".into()]),
                        ),
                    ],
                },
                SegmentFilter::Not {
                    item: Box::new(SegmentFilter::Or {
                        items: vec![compare(SegmentField::OrderCount, Comparison::Lt, FilterValue::Number(2))],
                    }),
                },
            ],
        };
        let tree = Tree::from_filter(&filter, "CNY");
        assert_eq!(tree.to_filter(), Ok(filter));
        let Some(Node::Group { items, .. }) = tree.find(tree.root.id) else { panic!("the root is a group") };
        assert_eq!(tree.condition(items[0].id).map(|c| c.value.as_str()), Some("loyal"));
    }

    #[test]
    fn a_bare_condition_or_negation_becomes_a_group() {
        let leaf = compare(SegmentField::PointsBalance, Comparison::Gt, FilterValue::Number(0));
        let tree = Tree::from_filter(&leaf, "CNY");
        assert_eq!(tree.to_filter(), Ok(SegmentFilter::And { items: vec![leaf.clone()] }));
        let tree = Tree::from_filter(&SegmentFilter::Not { item: Box::new(leaf.clone()) }, "CNY");
        let expected = SegmentFilter::Not { item: Box::new(SegmentFilter::Or { items: vec![leaf] }) };
        assert_eq!(tree.to_filter(), Ok(expected));
    }

    #[test]
    fn editing_adds_changes_and_removes_conditions_and_groups() {
        let mut tree = Tree::default();
        tree.set_currency("CNY");
        assert_eq!(tree.to_filter(), Ok(SegmentFilter::And { items: vec![] }), "everyone at first");
        let root = tree.root.id;
        tree.add(root, false);
        tree.add(root, true);
        let [condition, group] = tree.children(root)[..] else { panic!("two items") };
        assert_eq!(tree.depth(group), 2);
        tree.set_field(condition, SegmentField::TotalSpent);
        assert_eq!(tree.condition(condition).map(|c| (c.cmp, c.value.as_str())), Some((Comparison::Eq, "")));
        assert_eq!(tree.to_filter(), Err(Unfinished::Incomplete), "an amount is still missing");
        tree.set_cmp(condition, Comparison::Gte);
        tree.set_value(condition, "1000.5".into());
        tree.set_mode(group, Mode::None);
        tree.add(group, false);
        let expected = SegmentFilter::And {
            items: vec![
                compare(SegmentField::TotalSpent, Comparison::Gte, FilterValue::Number(100_050)),
                SegmentFilter::Not {
                    item: Box::new(SegmentFilter::Or {
                        items: vec![compare(SegmentField::Stage, Comparison::Eq, FilterValue::Text("prospect".into()))],
                    }),
                },
            ],
        };
        assert_eq!(tree.to_filter(), Ok(expected));
        tree.remove(group);
        assert_eq!(tree.children(root), [condition]);
        tree.remove(root);
        assert_eq!(tree.children(root), [condition], "the root stays");
        for _ in 0..kehu_domain::segments::NODES_MAX {
            tree.add(root, true);
        }
        assert_eq!(tree.to_filter(), Err(Unfinished::TooComplex));
    }

    #[test]
    fn spend_is_typed_in_the_business_currency() {
        let mut tree = Tree::default();
        let root = tree.root.id;
        tree.add(root, false);
        let id = tree.children(root)[0];
        tree.set_field(id, SegmentField::TotalSpent);
        tree.set_cmp(id, Comparison::Gte);
        tree.set_value(id, "500".into());
        assert_eq!(tree.to_filter(), Err(Unfinished::Incomplete), "the currency is not known yet");
        let spend = |n| Ok(SegmentFilter::And { items: vec![compare(SegmentField::TotalSpent, Comparison::Gte, n)] });
        for (currency, minor) in [("JPY", 500), ("CNY", 50_000), ("KWD", 500_000)] {
            tree.set_currency(currency);
            assert_eq!(tree.to_filter(), spend(FilterValue::Number(minor)), "{currency}");
        }
        tree.set_currency("JPY");
        tree.set_value(id, "500.5".into());
        assert_eq!(tree.to_filter(), Err(Unfinished::Incomplete), "yen have no decimals");
        let saved = Tree::from_filter(
            &SegmentFilter::And {
                items: vec![compare(SegmentField::TotalSpent, Comparison::Gte, FilterValue::Number(1_234))],
            },
            "KWD",
        );
        let Some(Node::Group { items, .. }) = saved.find(saved.root.id) else { panic!("the root is a group") };
        assert_eq!(saved.condition(items[0].id).map(|c| c.value.as_str()), Some("1.234"));
    }

    #[test]
    fn values_are_read_as_the_field_needs() {
        let mut tree = Tree::default();
        let root = tree.root.id;
        tree.add(root, false);
        let id = tree.children(root)[0];
        tree.set_field(id, SegmentField::Tag);
        tree.set_cmp(id, Comparison::In);
        tree.set_value(id, "VIP，大客户、 新品 ,".into());
        let tags = FilterValue::List(vec!["VIP".into(), "大客户".into(), "新品".into()]);
        assert_eq!(
            tree.to_filter(),
            Ok(SegmentFilter::And { items: vec![compare(SegmentField::Tag, Comparison::In, tags)] })
        );
        tree.set_cmp(id, Comparison::Eq);
        assert_eq!(tree.condition(id).map(|c| c.value.as_str()), Some("VIP"), "the first of the list stays");
        tree.set_field(id, SegmentField::OrderCount);
        tree.set_value(id, "三".into());
        assert_eq!(tree.to_filter(), Err(Unfinished::Incomplete), "not a number");
        tree.set_value(id, " 3 ".into());
        assert!(tree.to_filter().is_ok());
        tree.set_field(id, SegmentField::Stage);
        tree.set_value(id, "vip".into());
        assert_eq!(tree.to_filter(), Err(Unfinished::Incomplete), "not a stage");
    }

    #[test]
    fn custom_fields_need_a_name_and_compare_numbers_as_numbers() {
        let mut tree = Tree::default();
        let root = tree.root.id;
        tree.add(root, false);
        let id = tree.children(root)[0];
        tree.set_field(id, SegmentField::Custom);
        tree.set_value(id, "金卡".into());
        assert_eq!(tree.to_filter(), Err(Unfinished::Incomplete), "a custom field without its name");
        tree.set_key(id, " 会员卡 ".into());
        let custom =
            |cmp, value| SegmentFilter::Compare {
                field: SegmentField::Custom, cmp, value, key: Some("会员卡".into())
            };
        let only = |filter| Ok(SegmentFilter::And { items: vec![filter] });
        assert_eq!(tree.to_filter(), only(custom(Comparison::Eq, FilterValue::Text("金卡".into()))));
        tree.set_value(id, "3".into());
        assert_eq!(tree.to_filter(), only(custom(Comparison::Eq, FilterValue::Number(3))));
        tree.set_cmp(id, Comparison::Gte);
        tree.set_value(id, "high".into());
        assert_eq!(tree.to_filter(), Err(Unfinished::Incomplete), "ordering needs a number");
        let saved = custom(Comparison::Lt, FilterValue::Number(7));
        assert_eq!(Tree::from_filter(&saved, "CNY").to_filter(), only(saved));
    }
}
