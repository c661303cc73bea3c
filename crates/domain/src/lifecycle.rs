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
/// any purchase wins back one who was `at_risk` or `churned`. Active and loyal
/// customers stay where they are (loyalty thresholds are a separate rule).
/// `paid_before` counts the customer's paid orders before this one.
pub fn after_purchase(current: LifecycleStage, paid_before: i64) -> Option<LifecycleStage> {
    let next = match current {
        Prospect => New,
        New if paid_before >= 1 => Active,
        AtRisk | Churned => Active,
        New | Active | Loyal => return None,
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
            (Prospect, 0, Some(New)),
            // Orders recorded before the customer file existed still only make it new.
            (Prospect, 3, Some(New)),
            (New, 0, None),
            (New, 1, Some(Active)),
            (Active, 5, None),
            (Loyal, 9, None),
            (AtRisk, 4, Some(Active)),
            (Churned, 4, Some(Active)),
        ];
        for (current, before, expected) in table {
            assert_eq!(after_purchase(current, before), expected, "{current} after {before} orders");
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
