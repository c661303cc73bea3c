//! Value rules at their edges: zero and negative inputs, the SQL the
//! database runs for the same scores, and every limit of the settings.

use chrono::{Duration, TimeZone};

use crate::validate::MONEY_MAX;

use super::*;

fn fields(errors: Errors) -> Vec<(String, String)> {
    errors.0.into_iter().map(|e| (e.field, e.code)).collect()
}

fn one(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

#[test]
fn the_sql_score_is_the_rank_formula() {
    assert_eq!(score_sql("total_spent"), "1 + (5 * (RANK() OVER (ORDER BY total_spent) - 1)) / COUNT(*) OVER ()");
    // The same formula evaluated here, with RANK() = values strictly lower + 1.
    let values = [3, 1, 4, 1, 5, 9, 2, 6];
    let n = values.len() as i64;
    let by_rank: Vec<u8> = values
        .iter()
        .map(|v| {
            let rank = values.iter().filter(|w| *w < v).count() as i64 + 1;
            (1 + (5 * (rank - 1)) / n) as u8
        })
        .collect();
    assert_eq!(quintile_scores(&values), by_rank);
}

#[test]
fn the_sql_case_spells_each_row_of_the_table() {
    let sql = segment_sql();
    assert!(sql.starts_with(
        "CASE WHEN r_score BETWEEN 4 AND 5 AND ((f_score + m_score + 1) / 2) BETWEEN 4 AND 5 THEN 'champions' WHEN"
    ));
    assert!(
        sql.contains(" WHEN r_score BETWEEN 1 AND 2 AND ((f_score + m_score + 1) / 2) BETWEEN 3 AND 3 THEN 'at_risk'")
    );
    assert!(sql.ends_with(" THEN 'lost' ELSE 'lost' END"), "{sql}");
}

#[test]
fn each_segment_at_the_edges_of_its_scores() {
    let table = [
        ((4, 4, 4), RfmSegment::Champions),
        ((5, 4, 3), RfmSegment::Champions),
        ((3, 3, 3), RfmSegment::LoyalCustomers),
        ((5, 3, 2), RfmSegment::LoyalCustomers),
        ((2, 4, 4), RfmSegment::CantLose),
        ((1, 3, 3), RfmSegment::AtRisk),
        ((3, 2, 2), RfmSegment::PotentialLoyalists),
        // The mean of 2 and 1 rounds up to 2.
        ((3, 2, 1), RfmSegment::PotentialLoyalists),
        ((5, 1, 1), RfmSegment::NewCustomers),
        ((4, 1, 1), RfmSegment::Promising),
        ((3, 1, 1), RfmSegment::NeedAttention),
        ((2, 1, 1), RfmSegment::Hibernating),
        ((2, 1, 2), RfmSegment::Hibernating),
        ((1, 2, 2), RfmSegment::Lost),
        ((1, 1, 1), RfmSegment::Lost),
    ];
    for ((r, f, m), segment) in table {
        assert_eq!(rfm_segment(r, f, m), segment, "r{r} f{f} m{m}");
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).single().unwrap_or_default()
}

fn three_years() -> ValueSettings {
    ValueSettings { expected_lifetime_months: 36, ..Default::default() }
}

#[test]
fn no_paid_orders_or_no_spend_predicts_nothing() {
    let a_year_ago = Some(now() - Duration::days(365));
    let value = |orders, spent| predicted_lifetime_value(orders, spent, a_year_ago, false, &three_years(), now());
    assert_eq!(value(4, 730), 1460);
    assert_eq!(value(0, 730), 0);
    assert_eq!(value(-1, 730), 0);
    assert_eq!(value(4, 0), 0);
    assert_eq!(value(4, -730), 0);
    assert_eq!(value(1, 1), 2);
}

#[test]
fn tenure_is_counted_in_whole_days_from_the_first_purchase() {
    let value = |first| predicted_lifetime_value(2, 365, Some(first), false, &three_years(), now());
    // A first purchase in the future counts as today: three years ahead.
    assert_eq!(value(now() + Duration::days(10)), 1095);
    // Under a day is no day; a year and a half observed over 548 days.
    assert_eq!(value(now() - Duration::hours(23)), 1095);
    assert_eq!(value(now() - Duration::days(548)), 365 * (1095 - 548) / 548);
    // The expected lifetime reached exactly leaves nothing.
    assert_eq!(value(now() - Duration::days(1095)), 0);
    assert_eq!(value(now() - Duration::days(1094)), 0);
    assert_eq!(
        predicted_lifetime_value(2, 1094 * 1000, Some(now() - Duration::days(1094)), false, &three_years(), now()),
        1000
    );
    let one_year = ValueSettings { expected_lifetime_months: 12, ..Default::default() };
    assert_eq!(predicted_lifetime_value(1, 365, Some(now()), false, &one_year, now()), 365);
}

#[test]
fn cost_to_serve_is_tickets_times_their_cost_plus_compensation() {
    let settings = ValueSettings { cost_per_ticket: 3_000, ..Default::default() };
    let business = settings.currency.clone();
    let cost = |tickets, given| cost_to_serve(tickets, given, &business, &settings);
    assert_eq!(cost(3, 500), 9_500);
    assert_eq!(cost(0, 0), 0);
    assert_eq!(cost(2, 0), 6_000);
    assert_eq!(cost(0, 700), 700);
    assert_eq!(cost(i64::MAX, 1), i64::MAX);
    assert_eq!(cost(1, i64::MAX), i64::MAX);
    // In another currency than the business's the ticket cost has no rate to apply.
    let other = if business == "USD" { "EUR" } else { "USD" };
    assert_eq!(cost_to_serve(3, 500, other, &settings), 500);
}

fn lifecycle(at_risk: i64, new_at_risk: i64, churned: i64) -> LifecycleSettings {
    LifecycleSettings {
        loyal_min_orders: 5,
        loyal_min_spend_12m: 0,
        at_risk_after_days: at_risk,
        new_at_risk_after_days: new_at_risk,
        churned_after_days: churned,
        manual_stage_holds: true,
    }
}

#[test]
fn lifecycle_settings_at_every_limit() {
    let ok = [
        lifecycle(1, 1, 2),
        lifecycle(90, 60, 91),
        lifecycle(60, 90, 91),
        lifecycle(3649, 1, 3650),
        LifecycleSettings { loyal_min_orders: 2, loyal_min_spend_12m: MONEY_MAX, ..lifecycle(90, 60, 180) },
        LifecycleSettings { loyal_min_orders: 1000, ..lifecycle(90, 60, 180) },
    ];
    for settings in ok {
        assert!(check_lifecycle_settings(&settings).0.is_empty(), "{settings:?}");
    }
    let churned = one("churned_after_days", fc::OUT_OF_RANGE);
    let table = [
        (
            LifecycleSettings { loyal_min_orders: 1, ..lifecycle(90, 60, 180) },
            one("loyal_min_orders", fc::OUT_OF_RANGE),
        ),
        (
            LifecycleSettings { loyal_min_orders: 1001, ..lifecycle(90, 60, 180) },
            one("loyal_min_orders", fc::OUT_OF_RANGE),
        ),
        (
            LifecycleSettings { loyal_min_spend_12m: MONEY_MAX + 1, ..lifecycle(90, 60, 180) },
            one("loyal_min_spend_12m", fc::OUT_OF_RANGE),
        ),
        (lifecycle(0, 60, 180), one("at_risk_after_days", fc::OUT_OF_RANGE)),
        (lifecycle(90, 0, 180), one("new_at_risk_after_days", fc::OUT_OF_RANGE)),
        (lifecycle(90, 60, 90), churned.clone()),
        (lifecycle(60, 90, 90), churned.clone()),
        (lifecycle(90, 60, 3651), churned.clone()),
        (lifecycle(3650, 60, 3650), churned.clone()),
        (
            lifecycle(3651, 60, 3650),
            vec![
                ("at_risk_after_days".to_owned(), fc::OUT_OF_RANGE.to_owned()),
                ("churned_after_days".to_owned(), fc::OUT_OF_RANGE.to_owned()),
            ],
        ),
        (
            lifecycle(90, 3651, 3650),
            vec![
                ("new_at_risk_after_days".to_owned(), fc::OUT_OF_RANGE.to_owned()),
                ("churned_after_days".to_owned(), fc::OUT_OF_RANGE.to_owned()),
            ],
        ),
    ];
    for (settings, expected) in table {
        assert_eq!(fields(check_lifecycle_settings(&settings)), expected, "{settings:?}");
    }
}

#[test]
fn value_settings_at_every_limit() {
    let value = |cost_per_ticket, expected_lifetime_months, currency: &str| ValueSettings {
        cost_per_ticket,
        expected_lifetime_months,
        currency: currency.into(),
    };
    for settings in [value(0, 1, "CNY"), value(MONEY_MAX, 600, "USD")] {
        assert!(check_value_settings(&settings).0.is_empty(), "{settings:?}");
    }
    let table = [
        (value(-1, 36, "CNY"), one("cost_per_ticket", fc::OUT_OF_RANGE)),
        (value(MONEY_MAX + 1, 36, "CNY"), one("cost_per_ticket", fc::OUT_OF_RANGE)),
        (value(0, 0, "CNY"), one("expected_lifetime_months", fc::OUT_OF_RANGE)),
        (value(0, 601, "CNY"), one("expected_lifetime_months", fc::OUT_OF_RANGE)),
        // Lower case is raised elsewhere but must be stored upper case: one error each.
        (value(0, 36, "cny"), one("currency", fc::INVALID_FORMAT)),
        (value(0, 36, " CNY"), one("currency", fc::INVALID_FORMAT)),
        (value(0, 36, "yuan"), one("currency", fc::INVALID_FORMAT)),
    ];
    for (settings, expected) in table {
        assert_eq!(fields(check_value_settings(&settings)), expected, "{settings:?}");
    }
    // An earlier error elsewhere does not hide a lower-case currency.
    assert_eq!(fields(check_value_settings(&value(-1, 36, "cny"))).len(), 2);
}
