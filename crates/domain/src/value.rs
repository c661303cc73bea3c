//! Customer value rules: RFM scores and segments, lifetime value, cost to
//! serve, and the checks on the value and lifecycle settings.

use chrono::{DateTime, Utc};
use kehu_types::{LifecycleSettings, RfmSegment, ValueSettings, field_codes as fc};

use crate::validate::Errors;

/// The score (1–5) of each value among `values`, by fifths of the ranking:
/// `1 + 5 × (values strictly lower) / n`. Equal values always get the same
/// score, so ties never straddle an edge; higher values never score lower.
/// The database computes the same with `RANK()` (see `score_sql`).
pub fn quintile_scores(values: &[i64]) -> Vec<u8> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = values.len() as i64;
    values
        .iter()
        .map(|value| {
            let lower = sorted.partition_point(|v| v < value) as i64;
            (1 + 5 * lower / n) as u8
        })
        .collect()
}

/// The SQL expression for the score `quintile_scores` gives, over the rows
/// the query selects, ordered by `column`: `RANK()` counts the rows strictly
/// lower plus one, and integer division rounds down on both databases.
pub fn score_sql(column: &str) -> String {
    format!("1 + (5 * (RANK() OVER (ORDER BY {column}) - 1)) / COUNT(*) OVER ()")
}

/// Scores from the first to the second, both included.
type ScoreRange = (u8, u8);

/// The segments, first match wins, by recency score and the mean of the
/// frequency and monetary scores (`fm`, rounded half up). Every pair of
/// scores from 1 to 5 matches one row.
const SEGMENTS: &[(RfmSegment, ScoreRange, ScoreRange)] = &[
    (RfmSegment::Champions, (4, 5), (4, 5)),
    (RfmSegment::LoyalCustomers, (3, 5), (3, 5)),
    (RfmSegment::CantLose, (1, 2), (4, 5)),
    (RfmSegment::AtRisk, (1, 2), (3, 3)),
    (RfmSegment::PotentialLoyalists, (3, 5), (2, 2)),
    (RfmSegment::NewCustomers, (5, 5), (1, 1)),
    (RfmSegment::Promising, (4, 4), (1, 1)),
    (RfmSegment::NeedAttention, (3, 3), (1, 1)),
    (RfmSegment::Hibernating, (2, 2), (1, 2)),
    (RfmSegment::Lost, (1, 1), (1, 2)),
];

/// The mean of the frequency and monetary scores, rounded half up.
fn fm(frequency: u8, monetary: u8) -> u8 {
    (frequency + monetary).div_ceil(2)
}

/// The segment of a customer with these scores (each 1–5).
pub fn rfm_segment(recency: u8, frequency: u8, monetary: u8) -> RfmSegment {
    let fm = fm(frequency, monetary);
    SEGMENTS
        .iter()
        .find(|(_, r, f)| (r.0..=r.1).contains(&recency) && (f.0..=f.1).contains(&fm))
        .map_or(RfmSegment::Lost, |(segment, _, _)| *segment)
}

/// The SQL `CASE` that names the segment from the `r_score`, `f_score` and
/// `m_score` columns, built from the same table as `rfm_segment`.
pub fn segment_sql() -> String {
    let fm = "((f_score + m_score + 1) / 2)";
    let arms: String = SEGMENTS
        .iter()
        .map(|(segment, r, f)| {
            format!(
                " WHEN r_score BETWEEN {} AND {} AND {fm} BETWEEN {} AND {} THEN '{}'",
                r.0,
                r.1,
                f.0,
                f.1,
                segment.as_str()
            )
        })
        .collect();
    format!("CASE{arms} ELSE '{}' END", RfmSegment::Lost.as_str())
}

const DAY_SECONDS: i64 = 86_400;
const YEAR_DAYS: i64 = 365;

/// What a customer's purchases are expected to be worth from `now` on:
/// average order value × paid orders per year × remaining years. Orders per
/// year are counted over the time since the first purchase, at least one
/// year (so a first order yesterday does not extrapolate to 365 a year); the
/// remaining years are the expected lifetime less the time already a
/// customer, never below zero. Churned customers and customers without paid
/// orders are worth 0.
pub fn predicted_lifetime_value(
    order_count: i64,
    total_spent: i64,
    first_purchase_at: Option<DateTime<Utc>>,
    churned: bool,
    settings: &ValueSettings,
    now: DateTime<Utc>,
) -> i64 {
    let Some(first) = first_purchase_at else { return 0 };
    if churned || order_count <= 0 || total_spent <= 0 {
        return 0;
    }
    let tenure_days = ((now - first).num_seconds() / DAY_SECONDS).max(0);
    let lifetime_days = settings.expected_lifetime_months * YEAR_DAYS / 12;
    let remaining_days = (lifetime_days - tenure_days).max(0);
    let observed_days = tenure_days.max(YEAR_DAYS);
    // spend per day × remaining days = (total / count) × (count / observed) × remaining
    let value = i128::from(total_spent) * i128::from(remaining_days) / i128::from(observed_days);
    value.min(i128::from(i64::MAX)) as i64
}

/// Tickets × cost per ticket + compensation given, in `currency` (the
/// customer's): the cost per ticket is in the business currency and counts
/// only when the two are the same, as there is no exchange rate to apply.
pub fn cost_to_serve(ticket_count: i64, compensation_given: i64, currency: &str, settings: &ValueSettings) -> i64 {
    let tickets = if currency == settings.currency { ticket_count.saturating_mul(settings.cost_per_ticket) } else { 0 };
    tickets.saturating_add(compensation_given)
}

/// The part of `amount` that `part` of `whole` stands for, rounded toward
/// zero: what refunding `part` of an order's `whole` total takes back of its
/// revenue, its cost or its points. An empty whole gives nothing.
pub fn share(amount: i64, part: i64, whole: i64) -> i64 {
    if whole == 0 { 0 } else { (i128::from(amount) * i128::from(part) / i128::from(whole)) as i64 }
}

/// Field errors of lifecycle settings.
pub fn check_lifecycle_settings(settings: &LifecycleSettings) -> Errors {
    let mut errors = Errors::default();
    if !(2..=1000).contains(&settings.loyal_min_orders) {
        errors.add("loyal_min_orders", fc::OUT_OF_RANGE, "must be 2 to 1000");
    }
    errors.money("loyal_min_spend_12m", settings.loyal_min_spend_12m, 0);
    if !(1..=3650).contains(&settings.at_risk_after_days) {
        errors.add("at_risk_after_days", fc::OUT_OF_RANGE, "must be 1 to 3650 days");
    }
    if !(1..=3650).contains(&settings.new_at_risk_after_days) {
        errors.add("new_at_risk_after_days", fc::OUT_OF_RANGE, "must be 1 to 3650 days");
    }
    // Saturating: any number may arrive here, and the range check refuses the huge ones.
    let latest_at_risk = settings.at_risk_after_days.max(settings.new_at_risk_after_days);
    if !(latest_at_risk.saturating_add(1)..=3650).contains(&settings.churned_after_days) {
        errors.add("churned_after_days", fc::OUT_OF_RANGE, "must be more than both at-risk thresholds, at most 3650");
    }
    errors
}

/// Field errors of value settings.
pub fn check_value_settings(settings: &ValueSettings) -> Errors {
    let mut errors = Errors::default();
    errors.money("cost_per_ticket", settings.cost_per_ticket, 0);
    if !(1..=600).contains(&settings.expected_lifetime_months) {
        errors.add("expected_lifetime_months", fc::OUT_OF_RANGE, "must be 1 to 600 months");
    }
    let reported = errors.0.len();
    if errors.currency("currency", &settings.currency) != settings.currency && errors.0.len() == reported {
        errors.add("currency", fc::INVALID_FORMAT, "must be an upper-case ISO 4217 code, e.g. CNY");
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refund_takes_back_its_share_rounded_toward_zero() {
        assert_eq!(share(100, 1, 3), 33);
        assert_eq!(share(100, 2, 3), 66);
        assert_eq!(share(-100, 1, 3), -33);
        assert_eq!(share(250, 4, 4), 250, "all of it");
        assert_eq!(share(250, 0, 4), 0, "none of it");
        assert_eq!(share(250, 3, 0), 0, "an empty whole");
        assert_eq!(share(i64::MAX, 6, 8), i64::MAX / 4 * 3 + 2, "no overflow on the way");
    }

    #[test]
    fn huge_lifecycle_days_are_refused_not_overflowed() {
        let settings = LifecycleSettings { at_risk_after_days: i64::MAX, ..Default::default() };
        let fields: Vec<_> = check_lifecycle_settings(&settings).0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["at_risk_after_days", "churned_after_days"]);
    }
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn fifths_of_a_plain_ranking() {
        let values: Vec<i64> = (1..=10).collect();
        assert_eq!(quintile_scores(&values), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quintile_scores(&[7]), [1]);
        assert_eq!(quintile_scores(&[]), Vec::<u8>::new());
    }

    #[test]
    fn ties_take_the_score_of_their_first_place() {
        // Six of ten customers bought once: all score 1, the rest rank above them.
        let values = [1, 1, 1, 1, 1, 1, 2, 2, 3, 9];
        assert_eq!(quintile_scores(&values), [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
        assert_eq!(quintile_scores(&[4, 4, 4]), [1, 1, 1]);
    }

    proptest! {
        #[test]
        fn scores_are_in_range_monotone_and_equal_for_ties(values in prop::collection::vec(0i64..50, 1..200)) {
            let scores = quintile_scores(&values);
            for (i, a) in values.iter().enumerate() {
                prop_assert!((1..=5).contains(&scores[i]));
                for (j, b) in values.iter().enumerate() {
                    if a == b { prop_assert_eq!(scores[i], scores[j]); }
                    if a < b { prop_assert!(scores[i] <= scores[j]); }
                }
            }
            // The lowest value always scores 1.
            let lowest = values.iter().zip(&scores).min_by_key(|(value, _)| **value).map(|(_, score)| *score);
            prop_assert_eq!(lowest, Some(1));
        }

        #[test]
        fn distinct_values_fill_each_fifth_evenly(n in 5usize..300) {
            let values: Vec<i64> = (0..n as i64).collect();
            let scores = quintile_scores(&values);
            for score in 1..=5u8 {
                let count = scores.iter().filter(|s| **s == score).count();
                prop_assert!(count.abs_diff(n / 5) <= 1, "score {} has {} of {}", score, count, n);
            }
        }
    }

    #[test]
    fn every_score_combination_names_one_segment() {
        for r in 1..=5 {
            for f in 1..=5 {
                for m in 1..=5 {
                    let fm = fm(f, m);
                    let hits = SEGMENTS
                        .iter()
                        .filter(|(_, rr, ff)| (rr.0..=rr.1).contains(&r) && (ff.0..=ff.1).contains(&fm))
                        .count();
                    assert!(hits >= 1, "r{r} f{f} m{m} matches no segment");
                }
            }
        }
        assert_eq!(rfm_segment(5, 5, 5), RfmSegment::Champions);
        assert_eq!(rfm_segment(5, 1, 1), RfmSegment::NewCustomers);
        assert_eq!(rfm_segment(1, 5, 5), RfmSegment::CantLose);
        assert_eq!(rfm_segment(2, 3, 3), RfmSegment::AtRisk);
        assert_eq!(rfm_segment(1, 1, 1), RfmSegment::Lost);
        assert_eq!(rfm_segment(3, 4, 2), RfmSegment::LoyalCustomers);
    }

    #[test]
    fn the_sql_case_lists_every_segment_in_table_order() {
        let sql = segment_sql();
        let positions: Vec<Option<usize>> =
            SEGMENTS.iter().map(|(segment, _, _)| sql.find(&format!("THEN '{}'", segment.as_str()))).collect();
        assert!(positions.iter().all(Option::is_some), "{sql}");
        assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "in table order: {sql}");
    }

    fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn predicted_value_follows_the_documented_formula() {
        let settings = ValueSettings { expected_lifetime_months: 36, cost_per_ticket: 0, ..Default::default() };
        let now = day(2026, 1, 1);
        // A customer of two years, 8 orders of 100: 4 a year, one year left → 400.
        let two_years = now - chrono::Duration::days(730);
        assert_eq!(predicted_lifetime_value(8, 800, Some(two_years), false, &settings, now), 400);
        // A first order last month counts as one order a year, for the 35 months left.
        let last_month = now - chrono::Duration::days(30);
        assert_eq!(predicted_lifetime_value(1, 365, Some(last_month), false, &settings, now), 1065);
        // Past the expected lifetime, churned, or no orders: nothing more is expected.
        let long_ago = now - chrono::Duration::days(2000);
        assert_eq!(predicted_lifetime_value(20, 5000, Some(long_ago), false, &settings, now), 0);
        assert_eq!(predicted_lifetime_value(8, 800, Some(two_years), true, &settings, now), 0);
        assert_eq!(predicted_lifetime_value(0, 0, None, false, &settings, now), 0);
        assert_eq!(predicted_lifetime_value(3, i64::MAX, Some(last_month), false, &settings, now), i64::MAX);
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        assert!(check_lifecycle_settings(&LifecycleSettings::default()).0.is_empty());
        assert!(check_value_settings(&ValueSettings::default()).0.is_empty());
        let bad = LifecycleSettings {
            loyal_min_orders: 1,
            loyal_min_spend_12m: -1,
            at_risk_after_days: 0,
            new_at_risk_after_days: 0,
            churned_after_days: 0,
            manual_stage_holds: false,
        };
        let fields: Vec<_> = check_lifecycle_settings(&bad).0.into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "loyal_min_orders",
                "loyal_min_spend_12m",
                "at_risk_after_days",
                "new_at_risk_after_days",
                "churned_after_days"
            ]
        );
        let inverted = LifecycleSettings { at_risk_after_days: 100, churned_after_days: 100, ..Default::default() };
        assert_eq!(check_lifecycle_settings(&inverted).0[0].field, "churned_after_days");
        // The churned days follow whichever at-risk threshold comes later.
        let late_new = LifecycleSettings { new_at_risk_after_days: 200, churned_after_days: 180, ..Default::default() };
        assert_eq!(check_lifecycle_settings(&late_new).0[0].field, "churned_after_days");
        let value = ValueSettings { cost_per_ticket: -5, expected_lifetime_months: 0, currency: "yuan".into() };
        assert_eq!(check_value_settings(&value).0.len(), 3);
    }
}

#[cfg(test)]
#[path = "value_edges.rs"]
mod edges;
