//! Loyalty rules: points for an amount, the tier for a measure, spending from
//! the oldest points first, and the checks on the program's settings.

use kehu_types::{LoyaltySettings, PointsRounding, Tier, field_codes as fc};

use crate::validate::{Errors, MONEY_MAX};

/// Most points one whole currency unit may earn.
pub const POINTS_PER_UNIT_MAX: i64 = 1000;

/// The points an amount (in minor units of `currency`) earns, rounded as the
/// program says; never negative.
pub fn points_for(amount: i64, currency: &str, settings: &LoyaltySettings) -> i64 {
    // Minor units per whole unit: 1 for yen, 100 for yuan, 1000 for dinar.
    let per_unit: i64 = 10i64.pow(kehu_types::minor_units(currency).unwrap_or(2));
    let scaled = i128::from(amount.max(0)) * i128::from(settings.points_per_unit);
    let divisor = i128::from(per_unit);
    let points = match settings.rounding {
        PointsRounding::Down => scaled / divisor,
        PointsRounding::Nearest => (scaled + divisor / 2) / divisor,
        PointsRounding::Up => (scaled + divisor - 1) / divisor,
    };
    points.min(i128::from(i64::MAX)) as i64
}

/// The highest tier whose threshold `measure` reaches, if any (thresholds ascend).
pub fn tier_for(measure: i64, tiers: &[Tier]) -> Option<&Tier> {
    tiers.iter().rev().find(|tier| measure >= tier.threshold)
}

/// The tier after `current` (the first one when there is none).
pub fn next_tier<'a>(current: Option<&str>, tiers: &'a [Tier]) -> Option<&'a Tier> {
    match current {
        None => tiers.first(),
        Some(name) => tiers.iter().skip_while(|tier| tier.name != name).nth(1),
    }
}

/// How to take `amount` points from lots of unspent points, oldest first:
/// `(index, points)` pairs. Takes at most what the lots hold.
pub fn take_oldest_first(remaining: &[i64], amount: i64) -> Vec<(usize, i64)> {
    let mut left = amount.max(0);
    let mut plan = Vec::new();
    for (index, available) in remaining.iter().enumerate() {
        if left == 0 {
            break;
        }
        let take = left.min((*available).max(0));
        if take > 0 {
            plan.push((index, take));
            left -= take;
        }
    }
    plan
}

/// Field errors of the program's settings.
pub fn check_settings(settings: &LoyaltySettings) -> Errors {
    let mut errors = Errors::default();
    if !(0..=POINTS_PER_UNIT_MAX).contains(&settings.points_per_unit) {
        errors.add("points_per_unit", fc::OUT_OF_RANGE, format!("must be 0 to {POINTS_PER_UNIT_MAX}"));
    }
    if !(0..=120).contains(&settings.expiry_months) {
        errors.add("expiry_months", fc::OUT_OF_RANGE, "must be 0 (never) to 120 months");
    }
    if settings.tiers.len() > 10 {
        errors.add("tiers", fc::TOO_MANY, "at most 10 tiers");
    }
    for (i, tier) in settings.tiers.iter().enumerate() {
        let name = tier.name.trim();
        if name.is_empty() || name.chars().count() > 50 {
            errors.add(format!("tiers[{i}].name"), fc::OUT_OF_RANGE, "1 to 50 characters");
        } else if settings.tiers[..i].iter().any(|other| other.name.trim() == name) {
            errors.add(format!("tiers[{i}].name"), fc::DUPLICATE, "tier names are unique");
        }
        if !(0..=MONEY_MAX).contains(&tier.threshold) {
            errors.add(format!("tiers[{i}].threshold"), fc::OUT_OF_RANGE, format!("must be 0 to {MONEY_MAX}"));
        } else if i > 0 && tier.threshold <= settings.tiers[i - 1].threshold {
            errors.add(format!("tiers[{i}].threshold"), fc::OUT_OF_RANGE, "thresholds must ascend");
        }
        if tier.benefits.chars().count() > 1000 {
            errors.add(format!("tiers[{i}].benefits"), fc::TOO_LONG, "at most 1000 characters");
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn program(points_per_unit: i64, rounding: PointsRounding) -> LoyaltySettings {
        LoyaltySettings { points_per_unit, rounding, ..LoyaltySettings::default() }
    }

    #[test]
    fn points_follow_the_unit_and_the_rounding() {
        assert_eq!(points_for(12_345, "CNY", &program(1, PointsRounding::Down)), 123);
        assert_eq!(points_for(12_350, "CNY", &program(1, PointsRounding::Nearest)), 124);
        assert_eq!(points_for(12_301, "CNY", &program(1, PointsRounding::Up)), 124);
        assert_eq!(points_for(12_345, "CNY", &program(10, PointsRounding::Down)), 1234);
        assert_eq!(points_for(500, "JPY", &program(2, PointsRounding::Down)), 1000);
        assert_eq!(points_for(1_234, "KWD", &program(1, PointsRounding::Down)), 1, "a dinar is 1000 fils");
        assert_eq!(points_for(-500, "CNY", &program(2, PointsRounding::Up)), 0);
        assert_eq!(points_for(999, "CNY", &program(0, PointsRounding::Up)), 0);
    }

    #[test]
    fn tiers_are_the_highest_reached() {
        let tiers = LoyaltySettings::default().tiers;
        assert_eq!(tier_for(0, &tiers).map(|t| t.name.as_str()), Some("bronze"));
        assert_eq!(tier_for(499_999, &tiers).map(|t| t.name.as_str()), Some("silver"));
        assert_eq!(tier_for(500_000, &tiers).map(|t| t.name.as_str()), Some("gold"));
        assert_eq!(tier_for(-1, &tiers), None);
        assert_eq!(next_tier(Some("gold"), &tiers).map(|t| t.name.as_str()), Some("platinum"));
        assert_eq!(next_tier(Some("platinum"), &tiers), None);
        assert_eq!(next_tier(None, &tiers).map(|t| t.name.as_str()), Some("bronze"));
    }

    proptest! {
        #[test]
        fn taking_never_overdraws_and_takes_oldest_first(
            lots in prop::collection::vec(0i64..500, 0..20),
            amount in 0i64..5000,
        ) {
            let plan = take_oldest_first(&lots, amount);
            let taken: i64 = plan.iter().map(|(_, points)| points).sum();
            let held: i64 = lots.iter().sum();
            prop_assert_eq!(taken, amount.min(held));
            for (index, points) in &plan {
                prop_assert!(*points > 0 && *points <= lots[*index]);
            }
            // Every lot before the last one touched is emptied.
            if let Some((last, _)) = plan.last() {
                for (index, points) in &plan[..plan.len() - 1] {
                    prop_assert_eq!(*points, lots[*index]);
                    prop_assert!(index < last);
                }
            }
        }

        #[test]
        fn rounding_brackets_the_exact_share(amount in 0i64..10_000_000, per_unit in 0i64..50) {
            let down = points_for(amount, "CNY", &program(per_unit, PointsRounding::Down));
            let near = points_for(amount, "CNY", &program(per_unit, PointsRounding::Nearest));
            let up = points_for(amount, "CNY", &program(per_unit, PointsRounding::Up));
            prop_assert!(down <= near && near <= up && up - down <= 1);
            prop_assert!(down * 100 <= amount * per_unit && amount * per_unit <= up * 100);
        }
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        assert!(check_settings(&LoyaltySettings::default()).0.is_empty());
        let mut bad = LoyaltySettings { points_per_unit: -1, expiry_months: 500, ..LoyaltySettings::default() };
        bad.tiers[1].threshold = 0;
        bad.tiers[2].name = "bronze".into();
        let fields: Vec<_> = check_settings(&bad).0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["points_per_unit", "expiry_months", "tiers[1].threshold", "tiers[2].name"]);
    }
}

#[cfg(test)]
#[path = "loyalty_edges.rs"]
mod edges;
