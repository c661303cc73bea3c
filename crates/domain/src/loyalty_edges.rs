//! Loyalty rules at their edges: exact multiples and halves when rounding,
//! thresholds reached exactly, and every limit of the program's settings.

use kehu_types::Tier;

use super::*;

fn program(points_per_unit: i64, rounding: PointsRounding) -> LoyaltySettings {
    LoyaltySettings { points_per_unit, rounding, ..LoyaltySettings::default() }
}

fn tier(name: &str, threshold: i64) -> Tier {
    Tier { name: name.into(), threshold, benefits: String::new() }
}

fn fields(settings: &LoyaltySettings) -> Vec<(String, String)> {
    check_settings(settings).0.into_iter().map(|e| (e.field, e.code)).collect()
}

fn one(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

#[test]
fn rounding_at_exact_multiples_and_halves() {
    let table = [
        // (amount in fen, rounding, points at one point per yuan)
        (12_300, PointsRounding::Down, 123),
        (12_300, PointsRounding::Nearest, 123),
        (12_300, PointsRounding::Up, 123),
        (12_349, PointsRounding::Nearest, 123),
        (12_350, PointsRounding::Nearest, 124),
        (12_399, PointsRounding::Down, 123),
        (12_301, PointsRounding::Up, 124),
        (1, PointsRounding::Up, 1),
        (1, PointsRounding::Nearest, 0),
        (50, PointsRounding::Nearest, 1),
        (0, PointsRounding::Up, 0),
    ];
    for (amount, rounding, points) in table {
        assert_eq!(points_for(amount, "CNY", &program(1, rounding)), points, "{amount} {rounding:?}");
    }
}

#[test]
fn whole_currencies_earn_per_unit_and_huge_amounts_saturate() {
    for currency in ["JPY", "KRW", "VND"] {
        assert_eq!(points_for(1_001, currency, &program(3, PointsRounding::Down)), 3_003, "{currency}");
    }
    assert_eq!(points_for(1_001, "USD", &program(3, PointsRounding::Down)), 30);
    assert_eq!(points_for(1_001, "KWD", &program(3, PointsRounding::Down)), 3, "a dinar is 1000 fils");
    assert_eq!(points_for(1_000, "XXX", &program(1, PointsRounding::Down)), 10, "an unknown code counts cents");
    let most = program(POINTS_PER_UNIT_MAX, PointsRounding::Up);
    assert_eq!(points_for(i64::MAX, "JPY", &most), i64::MAX);
    assert_eq!(points_for(i64::MAX, "CNY", &most), i64::MAX);
}

#[test]
fn a_tier_is_reached_at_its_threshold_exactly() {
    let tiers = LoyaltySettings::default().tiers;
    let name = |measure| tier_for(measure, &tiers).map(|t| t.name.as_str());
    assert_eq!(name(99_999), Some("bronze"));
    assert_eq!(name(100_000), Some("silver"));
    assert_eq!(name(1_999_999), Some("gold"));
    assert_eq!(name(2_000_000), Some("platinum"));
    assert_eq!(name(i64::MAX), Some("platinum"));
    assert_eq!(tier_for(5, &[]), None);
    let next = |current| next_tier(current, &tiers).map(|t| t.name.as_str());
    assert_eq!(next(Some("bronze")), Some("silver"));
    assert_eq!(next(Some("silver")), Some("gold"));
    assert_eq!(next(Some("unknown")), None);
    assert_eq!(next_tier(None, &[]), None);
}

#[test]
fn points_are_taken_from_the_oldest_lots_that_hold_any() {
    assert_eq!(take_oldest_first(&[0, 5, -3, 10], 8), [(1, 5), (3, 3)]);
    assert_eq!(take_oldest_first(&[5, 10], 5), [(0, 5)]);
    assert_eq!(take_oldest_first(&[5, 10], 20), [(0, 5), (1, 10)]);
    assert_eq!(take_oldest_first(&[5, 10], 0), Vec::<(usize, i64)>::new());
    assert_eq!(take_oldest_first(&[5, 10], -4), Vec::<(usize, i64)>::new());
    assert_eq!(take_oldest_first(&[], 4), Vec::<(usize, i64)>::new());
}

#[test]
fn points_per_unit_and_expiry_are_checked_at_both_ends() {
    for (points_per_unit, expiry_months) in [(0, 0), (POINTS_PER_UNIT_MAX, 120)] {
        let settings = LoyaltySettings { points_per_unit, expiry_months, ..LoyaltySettings::default() };
        assert!(fields(&settings).is_empty(), "{points_per_unit} {expiry_months}");
    }
    for points_per_unit in [-1, POINTS_PER_UNIT_MAX + 1] {
        let settings = LoyaltySettings { points_per_unit, ..LoyaltySettings::default() };
        assert_eq!(fields(&settings), one("points_per_unit", fc::OUT_OF_RANGE), "{points_per_unit}");
    }
    for expiry_months in [-1, 121] {
        let settings = LoyaltySettings { expiry_months, ..LoyaltySettings::default() };
        assert_eq!(fields(&settings), one("expiry_months", fc::OUT_OF_RANGE), "{expiry_months}");
    }
}

#[test]
fn ten_tiers_with_unique_names_and_ascending_thresholds() {
    let tiers = |n: i64| (0..n).map(|i| tier(&format!("t{i}"), i * 10)).collect::<Vec<_>>();
    let with = |tiers: Vec<Tier>| LoyaltySettings { tiers, ..LoyaltySettings::default() };
    assert!(fields(&with(tiers(10))).is_empty());
    assert!(fields(&with(Vec::new())).is_empty());
    assert_eq!(fields(&with(tiers(11))), one("tiers", fc::TOO_MANY));
    // Thresholds run from 0 to the money limit and strictly ascend.
    assert!(fields(&with(vec![tier("a", 0), tier("b", 1), tier("c", MONEY_MAX)])).is_empty());
    assert_eq!(fields(&with(vec![tier("a", -1)])), one("tiers[0].threshold", fc::OUT_OF_RANGE));
    assert_eq!(fields(&with(vec![tier("a", MONEY_MAX + 1)])), one("tiers[0].threshold", fc::OUT_OF_RANGE));
    assert_eq!(fields(&with(vec![tier("a", 5), tier("b", 5)])), one("tiers[1].threshold", fc::OUT_OF_RANGE));
    assert_eq!(fields(&with(vec![tier("a", 5), tier("b", 4)])), one("tiers[1].threshold", fc::OUT_OF_RANGE));
    // Names: 1 to 50 characters once trimmed, each once.
    assert!(fields(&with(vec![tier(&"金".repeat(50), 0), tier(" 银 ", 1)])).is_empty());
    assert_eq!(fields(&with(vec![tier(&"金".repeat(51), 0)])), one("tiers[0].name", fc::OUT_OF_RANGE));
    assert_eq!(fields(&with(vec![tier("  ", 0)])), one("tiers[0].name", fc::OUT_OF_RANGE));
    assert_eq!(fields(&with(vec![tier("金", 0), tier(" 金", 1)])), one("tiers[1].name", fc::DUPLICATE));
    assert_eq!(fields(&with(vec![tier("a", 0), tier("b", 1), tier("a", 2)])), one("tiers[2].name", fc::DUPLICATE));
    // Benefits: at most 1000 characters.
    let benefits = |n: usize| vec![Tier { benefits: "益".repeat(n), ..tier("a", 0) }];
    assert!(fields(&with(benefits(1000))).is_empty());
    assert_eq!(fields(&with(benefits(1001))), one("tiers[0].benefits", fc::TOO_LONG));
}
