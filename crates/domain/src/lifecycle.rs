//! The lifecycle stage graph (DESIGN §2).
//!
//! ```text
//! prospect → new → active → loyal
//! new | active | loyal → at_risk → churned
//! at_risk | churned → active          (won back)
//! ```
//! `loyal → active` is also allowed: a loyal customer whose spending drops back
//! is simply active again, without passing through at-risk. `new → at_risk`
//! is the one-time buyer who never came back.

use kehu_types::LifecycleStage::{self, *};
use kehu_types::{LifecycleRule, LifecycleSettings};

/// The stages a customer may move to from `from`, in display order.
pub fn allowed_next(from: LifecycleStage) -> &'static [LifecycleStage] {
    match from {
        Prospect => &[New],
        New => &[Active, AtRisk],
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

/// What a paid order tells the lifecycle rules about its customer.
#[derive(Debug, Clone, Copy)]
pub struct Purchase {
    /// Paid orders before this one.
    pub paid_before: i64,
    /// Whether the order was placed after the customer entered their current
    /// stage, so that history recorded late (an old order synced today) does
    /// not read as a win-back.
    pub after_stage_began: bool,
    /// Net spend over the 12 months before now, this order included.
    pub spend_12m: i64,
}

/// The moves a paid order makes, in order (each one a legal step of the
/// graph, each recorded with its rule): the first purchase makes a prospect
/// `new` (and only that); a repeat purchase makes a new customer `active`; a purchase made
/// after a customer became `at_risk` or `churned` wins them back to
/// `active`; and an active customer whose paid orders and 12-month spend
/// reach the thresholds becomes `loyal`, in the same event.
pub fn after_purchase(
    current: LifecycleStage,
    purchase: &Purchase,
    settings: &LifecycleSettings,
) -> Vec<(LifecycleStage, LifecycleRule)> {
    let paid = purchase.paid_before + 1;
    let mut moves = Vec::new();
    let mut stage = current;
    loop {
        let step = match stage {
            Prospect => (New, LifecycleRule::FirstPurchase),
            New if purchase.paid_before >= 1 => (Active, LifecycleRule::RepeatPurchase),
            AtRisk | Churned if purchase.after_stage_began => (Active, LifecycleRule::WonBack),
            Active if paid >= settings.loyal_min_orders && purchase.spend_12m >= settings.loyal_min_spend_12m => {
                (Loyal, LifecycleRule::LoyaltyThreshold)
            }
            New | Active | Loyal | AtRisk | Churned => break,
        };
        debug_assert!(can_move(stage, step.0));
        stage = step.0;
        moves.push(step);
        // A first purchase makes a customer new and nothing more, whatever
        // was recorded before their file existed.
        if step.1 == LifecycleRule::FirstPurchase {
            break;
        }
    }
    moves
}

/// The moves a long time without a purchase makes: `at_risk_after_days` turn
/// an active or loyal customer at-risk, `new_at_risk_after_days` a new
/// customer whose one purchase was never followed by another, and
/// `churned_after_days` an at-risk one churned (both at once after a long
/// enough silence).
pub fn after_inactivity(
    current: LifecycleStage,
    days_without_purchase: i64,
    settings: &LifecycleSettings,
) -> Vec<(LifecycleStage, LifecycleRule)> {
    let mut moves = Vec::new();
    let mut stage = current;
    loop {
        let step = match stage {
            Active | Loyal if days_without_purchase >= settings.at_risk_after_days => (AtRisk, LifecycleRule::Inactive),
            New if days_without_purchase >= settings.new_at_risk_after_days => {
                (AtRisk, LifecycleRule::NoRepeatPurchase)
            }
            AtRisk if days_without_purchase >= settings.churned_after_days => (Churned, LifecycleRule::Lapsed),
            _ => break,
        };
        debug_assert!(can_move(stage, step.0));
        stage = step.0;
        moves.push(step);
    }
    moves
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purchase(paid_before: i64, after_stage_began: bool, spend_12m: i64) -> Purchase {
        Purchase { paid_before, after_stage_began, spend_12m }
    }

    fn stages(moves: &[(LifecycleStage, LifecycleRule)]) -> Vec<LifecycleStage> {
        moves.iter().map(|(stage, _)| *stage).collect()
    }

    #[test]
    fn purchases_move_customers_along_the_graph() {
        let settings = LifecycleSettings { loyal_min_orders: 3, loyal_min_spend_12m: 1000, ..Default::default() };
        let table: &[(LifecycleStage, Purchase, &[LifecycleStage])] = &[
            (Prospect, purchase(0, true, 10), &[New]),
            // Orders recorded before the customer file existed still only make it new.
            (Prospect, purchase(3, false, 5000), &[New]),
            (New, purchase(0, true, 10), &[]),
            (New, purchase(1, true, 10), &[Active]),
            // The loyal thresholds wait for an active customer's next purchase.
            (New, purchase(5, true, 5000), &[Active, Loyal]),
            (Active, purchase(1, true, 5000), &[]),
            (Active, purchase(2, true, 999), &[]),
            (Active, purchase(2, true, 1000), &[Loyal]),
            (Loyal, purchase(9, true, 9000), &[]),
            (AtRisk, purchase(4, true, 10), &[Active]),
            (Churned, purchase(4, true, 10), &[Active]),
            (Churned, purchase(4, true, 1000), &[Active, Loyal]),
            // An old order synced late is history, not a win-back.
            (AtRisk, purchase(4, false, 5000), &[]),
            (Churned, purchase(4, false, 5000), &[]),
        ];
        for (current, purchase, expected) in table {
            let moves = after_purchase(*current, purchase, &settings);
            assert_eq!(stages(&moves), *expected, "{current} after {purchase:?}");
            let mut from = *current;
            for (to, _) in moves {
                assert!(can_move(from, to), "{from} → {to}");
                from = to;
            }
        }
    }

    #[test]
    fn each_purchase_move_names_its_rule() {
        let settings = LifecycleSettings { loyal_min_orders: 2, loyal_min_spend_12m: 0, ..Default::default() };
        let rules = |stage, p| after_purchase(stage, &p, &settings).into_iter().map(|m| m.1).collect::<Vec<_>>();
        assert_eq!(rules(Prospect, purchase(0, true, 0)), [LifecycleRule::FirstPurchase]);
        assert_eq!(rules(New, purchase(1, true, 0)), [LifecycleRule::RepeatPurchase, LifecycleRule::LoyaltyThreshold]);
        assert_eq!(rules(Churned, purchase(0, true, 0)), [LifecycleRule::WonBack]);
    }

    #[test]
    fn inactivity_moves_customers_towards_churn() {
        let settings = LifecycleSettings {
            at_risk_after_days: 90,
            new_at_risk_after_days: 60,
            churned_after_days: 180,
            ..Default::default()
        };
        let table: &[(LifecycleStage, i64, &[LifecycleStage])] = &[
            // One-time buyers have their own, here shorter, silence.
            (New, 59, &[]),
            (New, 60, &[AtRisk]),
            (New, 179, &[AtRisk]),
            (New, 180, &[AtRisk, Churned]),
            (Active, 89, &[]),
            (Active, 90, &[AtRisk]),
            (Loyal, 120, &[AtRisk]),
            (Active, 400, &[AtRisk, Churned]),
            (AtRisk, 179, &[]),
            (AtRisk, 180, &[Churned]),
            (Churned, 900, &[]),
            (Prospect, 900, &[]),
        ];
        for (current, days, expected) in table {
            assert_eq!(stages(&after_inactivity(*current, *days, &settings)), *expected, "{current} after {days} days");
        }
    }

    #[test]
    fn each_inactivity_move_names_its_rule() {
        let settings = LifecycleSettings::default();
        let rules = |stage, days| after_inactivity(stage, days, &settings).into_iter().map(|m| m.1).collect::<Vec<_>>();
        assert_eq!(rules(New, 400), [LifecycleRule::NoRepeatPurchase, LifecycleRule::Lapsed]);
        assert_eq!(rules(Active, 100), [LifecycleRule::Inactive]);
        assert_eq!(rules(Loyal, 400), [LifecycleRule::Inactive, LifecycleRule::Lapsed]);
    }

    #[test]
    fn every_stage_and_event_gives_legal_moves() {
        let settings = LifecycleSettings::default();
        for stage in LifecycleStage::ALL {
            for (before, recent, spend) in [(0, true, 0), (1, false, 10), (7, true, 10_000_000)] {
                let mut from = *stage;
                for (to, _) in after_purchase(*stage, &purchase(before, recent, spend), &settings) {
                    assert!(can_move(from, to), "{from} → {to}");
                    from = to;
                }
            }
            for days in [0, 89, 90, 179, 180, 10_000] {
                let mut from = *stage;
                for (to, _) in after_inactivity(*stage, days, &settings) {
                    assert!(can_move(from, to), "{from} → {to}");
                    from = to;
                }
            }
        }
    }

    #[test]
    fn the_documented_edges_are_allowed() {
        for (from, to) in [
            (Prospect, New),
            (New, Active),
            (New, AtRisk),
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
