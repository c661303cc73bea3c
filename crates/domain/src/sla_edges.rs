//! The SLA clock at its edges: the first and last minute of a working period,
//! zero and negative targets, daylight-saving gaps and repeats, make-up days
//! and metrics resumed after a pause.

use super::*;
use chrono_tz::{America::New_York, Asia::Shanghai, Tz};

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

fn at(zone: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    zone.with_ymd_and_hms(y, mo, d, h, mi, 0).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_default()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap_or_default()
}

/// 09:00–18:00 in Shanghai, Monday to Friday.
fn office() -> Calendar<Tz> {
    Calendar::office_hours(Shanghai, time(9, 0), time(18, 0), true).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Monday 23 November 2026 in Shanghai.
fn monday(h: u32, m: u32) -> DateTime<Utc> {
    at(Shanghai, 2026, 11, 23, h, m)
}

fn tuesday(h: u32, m: u32) -> DateTime<Utc> {
    at(Shanghai, 2026, 11, 24, h, m)
}

#[test]
fn open_from_the_first_minute_to_just_before_closing() {
    let calendar = office();
    let table = [
        (monday(8, 59), false),
        (monday(9, 0), true),
        (monday(12, 0), true),
        (monday(17, 59), true),
        (monday(18, 0), false),
        (monday(23, 59), false),
        (at(Shanghai, 2026, 11, 28, 12, 0), false),
        (at(Shanghai, 2026, 11, 29, 12, 0), false),
    ];
    for (instant, open) in table {
        assert_eq!(calendar.is_open(instant), open, "{instant}");
    }
}

#[test]
fn office_hours_every_day_include_the_weekend() {
    let every_day =
        Calendar::office_hours(Shanghai, time(9, 0), time(18, 0), false).unwrap_or_else(|e| panic!("{e:?}"));
    // Saturday 28 and Sunday 29 November 2026.
    assert!(every_day.is_open(at(Shanghai, 2026, 11, 28, 9, 0)));
    assert!(every_day.is_open(at(Shanghai, 2026, 11, 29, 17, 59)));
    assert!(!every_day.is_open(at(Shanghai, 2026, 11, 29, 18, 0)));
    // Friday 27 November is a weekday either way.
    assert!(office().is_open(at(Shanghai, 2026, 11, 27, 17, 59)));
}

#[test]
fn adding_nothing_gives_the_first_open_instant() {
    let calendar = office();
    assert_eq!(calendar.add_minutes(monday(9, 0), 0), Some(monday(9, 0)));
    assert_eq!(calendar.add_minutes(monday(12, 34), 0), Some(monday(12, 34)));
    assert_eq!(calendar.add_minutes(monday(7, 0), 0), Some(monday(9, 0)));
    // At closing time the calendar is already shut: the next opening.
    assert_eq!(calendar.add_minutes(monday(18, 0), 0), Some(tuesday(9, 0)));
    // A negative target counts as none.
    assert_eq!(calendar.add_minutes(monday(18, 0), -30), Some(tuesday(9, 0)));
    assert_eq!(calendar.add_minutes(monday(10, 0), -1), Some(monday(10, 0)));
}

#[test]
fn the_last_minute_of_a_day_ends_at_closing() {
    let calendar = office();
    assert_eq!(calendar.add_minutes(monday(17, 59), 1), Some(monday(18, 0)));
    assert_eq!(calendar.add_minutes(monday(17, 59), 2), Some(tuesday(9, 1)));
    // A whole working day, exactly.
    assert_eq!(calendar.add_minutes(monday(9, 0), 540), Some(monday(18, 0)));
    assert_eq!(calendar.add_minutes(monday(9, 0), 541), Some(tuesday(9, 1)));
    assert_eq!(calendar.add_minutes(monday(9, 0), 1080), Some(tuesday(18, 0)));
}

#[test]
fn minutes_between_count_only_open_time() {
    let calendar = office();
    let table = [
        (monday(10, 0), monday(10, 0), 0),
        (monday(11, 0), monday(10, 0), 0),
        (monday(8, 0), monday(9, 30), 30),
        (monday(17, 30), monday(19, 0), 30),
        (monday(0, 0), tuesday(0, 0), 540),
        (monday(9, 0), monday(9, 1), 1),
        (monday(17, 59), tuesday(9, 1), 2),
        // Friday noon to Monday noon: the weekend does not count.
        (at(Shanghai, 2026, 11, 27, 12, 0), at(Shanghai, 2026, 11, 30, 12, 0), 540),
    ];
    for (from, to, minutes) in table {
        assert_eq!(calendar.minutes_between(from, to), minutes, "{from} → {to}");
    }
}

#[test]
fn the_wall_clock_counts_every_minute_and_never_backwards() {
    let wall = Clock::<Tz>::WallClock;
    assert_eq!(wall.add_minutes(monday(10, 0), 90), Some(monday(11, 30)));
    assert_eq!(wall.add_minutes(monday(10, 0), -90), Some(monday(10, 0)));
    assert_eq!(wall.minutes_between(monday(10, 0), tuesday(10, 0)), 1440);
    assert_eq!(wall.minutes_between(tuesday(10, 0), monday(10, 0)), 0);
    let calendar = office();
    let business = Clock::Business(&calendar);
    assert_eq!(business.add_minutes(monday(17, 0), 90), Some(tuesday(9, 30)));
    assert_eq!(business.minutes_between(monday(10, 0), tuesday(10, 0)), 540);
}

#[test]
fn a_warning_after_a_pause_counts_what_was_consumed() {
    let calendar = office();
    let clock = Clock::Business(&calendar);
    // 60 of 240 minutes used before a pause; resumed Tuesday 15:00.
    let resumed = Metric::resume(240, 60, tuesday(15, 0));
    // 75 % is 180 minutes: 120 are left after the pause.
    assert_eq!(resumed.warn_at(&clock, 0.75), Some(tuesday(17, 0)));
    assert_eq!(resumed.due(&clock), Some(tuesday(18, 0)));
    // A warning share above one is the due time, below zero is now.
    assert_eq!(resumed.warn_at(&clock, 2.0), resumed.due(&clock));
    assert_eq!(resumed.warn_at(&clock, -1.0), Some(tuesday(15, 0)));
    // A warning already passed before the pause is due at once.
    assert_eq!(Metric::resume(240, 200, tuesday(15, 0)).warn_at(&clock, 0.5), Some(tuesday(15, 0)));
    // Shares round up to the next whole minute: 75 % of 10 is 8.
    assert_eq!(Metric::start(10, monday(9, 0)).warn_at(&clock, 0.75), Some(monday(9, 8)));
}

#[test]
fn an_overrun_metric_is_due_at_once_and_pauses_add_up() {
    let calendar = office();
    let clock = Clock::Business(&calendar);
    assert_eq!(Metric::resume(240, 300, tuesday(15, 0)).due(&clock), Some(tuesday(15, 0)));
    // Resumed with 60 consumed at 09:00, paused again at 10:00: 120 in all.
    let resumed = Metric::resume(240, 60, monday(9, 0));
    assert_eq!(resumed.pause(&clock, monday(10, 0)), 120);
    assert_eq!(resumed.pause(&clock, monday(9, 0)), 60);
    let fresh = Metric::start(30, monday(9, 0));
    assert_eq!(fresh, Metric { target: 30, consumed: 0, running_since: monday(9, 0) });
}

#[test]
fn a_range_starting_in_the_spring_forward_gap_opens_when_clocks_resume() {
    // New York skips 02:00–03:00 on Sunday 8 March 2026.
    let calendar = Calendar::office_hours(New_York, time(2, 30), time(4, 0), false).unwrap_or_else(|e| panic!("{e:?}"));
    // 02:30 does not exist that night: the range opens at 03:00 EDT (07:00 UTC).
    assert!(!calendar.is_open(utc(2026, 3, 8, 6, 59)));
    assert!(calendar.is_open(utc(2026, 3, 8, 7, 0)));
    assert_eq!(calendar.add_minutes(utc(2026, 3, 8, 5, 0), 0), Some(utc(2026, 3, 8, 7, 0)));
    assert_eq!(calendar.minutes_between(utc(2026, 3, 8, 0, 0), utc(2026, 3, 9, 0, 0)), 60);
    // The day before, 02:30 EST is 07:30 UTC and the range lasts 90 minutes.
    assert!(!calendar.is_open(utc(2026, 3, 7, 7, 29)));
    assert!(calendar.is_open(utc(2026, 3, 7, 7, 30)));
    assert_eq!(calendar.minutes_between(utc(2026, 3, 7, 0, 0), utc(2026, 3, 8, 0, 0)), 90);
}

#[test]
fn a_range_starting_in_the_repeated_hour_opens_at_its_first_occurrence() {
    // New York repeats 01:00–02:00 on Sunday 1 November 2026: 01:30 EDT is
    // 05:30 UTC, 01:30 EST an hour later; 03:00 EST is 08:00 UTC.
    let calendar = Calendar::office_hours(New_York, time(1, 30), time(3, 0), false).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(!calendar.is_open(utc(2026, 11, 1, 5, 29)));
    assert!(calendar.is_open(utc(2026, 11, 1, 5, 30)));
    assert!(calendar.is_open(utc(2026, 11, 1, 7, 59)));
    assert!(!calendar.is_open(utc(2026, 11, 1, 8, 0)));
    assert_eq!(calendar.minutes_between(utc(2026, 11, 1, 0, 0), utc(2026, 11, 2, 0, 0)), 150);
}

#[test]
fn a_make_up_day_takes_the_first_weekday_that_has_hours() {
    // Closed on Mondays; Tuesday to Friday 10:00–12:00.
    let week = std::array::from_fn(|n| {
        if (1..5).contains(&n) { vec![OpenRange::new(time(10, 0), time(12, 0))] } else { Vec::new() }
    });
    let saturday = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
    let calendar = Calendar::new(Shanghai, week, BTreeSet::new())
        .unwrap_or_else(|e| panic!("{e:?}"))
        .with_workdays([saturday].into());
    assert!(!calendar.is_open(at(Shanghai, 2026, 11, 28, 9, 59)));
    assert!(calendar.is_open(at(Shanghai, 2026, 11, 28, 10, 0)));
    assert!(!calendar.is_open(at(Shanghai, 2026, 11, 28, 12, 0)));
    assert!(!calendar.is_open(monday(11, 0)), "Mondays stay closed");
    assert!(calendar.is_open(tuesday(11, 0)));
}

#[test]
fn ten_years_of_holidays_leave_nothing_due() {
    let first = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let holidays: BTreeSet<_> = (0..SEARCH_DAYS + 2).map(|n| first + Duration::days(n)).collect();
    let week = std::array::from_fn(|_| vec![OpenRange::new(time(9, 0), time(18, 0))]);
    let calendar = Calendar::new(Shanghai, week, holidays).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(calendar.add_minutes(monday(10, 0), 1), None);
    assert_eq!(calendar.minutes_between(monday(10, 0), tuesday(10, 0)), 0);
    assert!(!calendar.is_open(monday(10, 0)));
}
