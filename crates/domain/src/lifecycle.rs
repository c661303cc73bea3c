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

#[cfg(test)]
mod tests {
    use super::*;

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
