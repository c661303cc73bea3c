//! The lifecycle stage graph (DESIGN §2).
//!
//! ```text
//! prospect → new → active → loyal
//! active | loyal → at_risk → churned
//! at_risk | churned → active          (won back)
//! ```
//! `loyal → active` is also allowed: a loyal customer whose spending drops back
//! is simply active again, without passing through at-risk.

use kehu_types::LifecycleStage::{self, *};

/// The stages a customer may move to from `from`, in display order.
pub fn allowed_next(from: LifecycleStage) -> &'static [LifecycleStage] {
    match from {
        Prospect => &[New],
        New => &[Active],
        Active => &[Loyal, AtRisk],
        Loyal => &[Active, AtRisk],
        AtRisk => &[Active, Churned],
        Churned => &[Active],
    }
}

/// Whether moving from `from` to `to` is a legal step of the graph.
pub fn can_move(from: LifecycleStage, to: LifecycleStage) -> bool {
    allowed_next(from).contains(&to)
}

/// The stage a paid order moves a customer to, if any: the first purchase
/// makes a prospect `new`, a repeat purchase makes a new customer `active`, and
/// a purchase made after a customer became `at_risk` or `churned` wins them
/// back. Active and loyal customers stay where they are (loyalty thresholds
/// are a separate rule). `paid_before` counts the customer's paid orders
/// before this one; `after_stage_began` says whether the order was placed
/// after the customer entered their current stage, so that history recorded
/// late (an old order synced today) does not read as a win-back.
pub fn after_purchase(current: LifecycleStage, paid_before: i64, after_stage_began: bool) -> Option<LifecycleStage> {
    let next = match current {
        Prospect => New,
        New if paid_before >= 1 => Active,
        AtRisk | Churned if after_stage_began => Active,
        New | Active | Loyal | AtRisk | Churned => return None,
    };
    debug_assert!(can_move(current, next));
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purchases_move_customers_along_the_graph() {
        let table = [
            (Prospect, 0, true, Some(New)),
            // Orders recorded before the customer file existed still only make it new.
            (Prospect, 3, false, Some(New)),
            (New, 0, true, None),
            (New, 1, true, Some(Active)),
            (Active, 5, true, None),
            (Loyal, 9, true, None),
            (AtRisk, 4, true, Some(Active)),
            (Churned, 4, true, Some(Active)),
            // An old order synced late is history, not a win-back.
            (AtRisk, 4, false, None),
            (Churned, 4, false, None),
        ];
        for (current, before, recent, expected) in table {
            assert_eq!(after_purchase(current, before, recent), expected, "{current} after {before} orders");
            if let Some(next) = expected {
                assert!(can_move(current, next));
            }
        }
    }

    #[test]
    fn the_documented_edges_are_allowed() {
        for (from, to) in [
            (Prospect, New),
            (New, Active),
            (Active, Loyal),
            (Active, AtRisk),
            (Loyal, AtRisk),
            (AtRisk, Churned),
            (AtRisk, Active),
            (Churned, Active),
        ] {
            assert!(can_move(from, to), "{from} → {to} should be allowed");
        }
    }

    #[test]
    fn skipping_stages_and_staying_put_are_refused() {
        for (from, to) in [
            (Prospect, Active),
            (Prospect, Churned),
            (New, Loyal),
            (Churned, Loyal),
            (Churned, Prospect),
            (Active, Churned),
        ] {
            assert!(!can_move(from, to), "{from} → {to} should be refused");
        }
        for stage in LifecycleStage::ALL {
            assert!(!can_move(*stage, *stage), "{stage} → itself should be refused");
        }
    }

    #[test]
    fn every_stage_can_be_left_and_every_stage_but_prospect_reached() {
        for stage in LifecycleStage::ALL {
            assert!(!allowed_next(*stage).is_empty());
            let reachable = LifecycleStage::ALL.iter().any(|from| can_move(*from, *stage));
            assert_eq!(reachable, *stage != Prospect, "{stage}");
        }
    }

    #[test]
    fn nothing_leads_back_to_prospect() {
        for stage in LifecycleStage::ALL {
            assert!(!can_move(*stage, Prospect));
        }
    }
}
