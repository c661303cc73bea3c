//! The SLA clock (DESIGN §7): business-hours calendars and the arithmetic of
//! due times, free of I/O so every edge (weekends, holidays, ranges across
//! midnight, daylight-saving changes, pauses) is tested here.
//!
//! A target is a number of minutes counted either on the wall clock or only
//! while the calendar is open. A running metric is described by the instant it
//! (re)started and the minutes it had already consumed before its last pause,
//! so a pause never needs more than two numbers to resume from.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// A local time of day written `HH:MM`, as opening hours and schedules are.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// Open hours on one day, in local time. A range whose end is not after its
/// start runs past midnight and ends on the next day (22:00–06:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenRange {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl OpenRange {
    pub fn new(start: NaiveTime, end: NaiveTime) -> Self {
        Self { start, end }
    }

    fn spans_midnight(self) -> bool {
        self.end <= self.start
    }
}

/// When a team works: a time zone, open ranges per weekday, holidays, and
/// make-up working days (调休: a Saturday or Sunday worked in exchange for a
/// longer holiday). A range that starts on a holiday is closed, even the part
/// after midnight. A make-up day keeps the hours of the first weekday that
/// has any (normally Monday), whatever weekday it falls on.
#[derive(Debug, Clone)]
pub struct Calendar<Z: TimeZone> {
    zone: Z,
    /// Monday first.
    week: [Vec<OpenRange>; 7],
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

/// Why a calendar cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// No open hours on any weekday: no due time could ever be reached.
    NeverOpen,
}

/// How many days ahead a due time is searched before giving up; only a
/// calendar whose holidays cover this whole span can hit it.
const SEARCH_DAYS: i64 = 3660;

impl<Z: TimeZone> Calendar<Z> {
    pub fn new(zone: Z, week: [Vec<OpenRange>; 7], holidays: BTreeSet<NaiveDate>) -> Result<Self, CalendarError> {
        if week.iter().all(Vec::is_empty) {
            return Err(CalendarError::NeverOpen);
        }
        let mut week = week;
        for day in &mut week {
            day.sort_by_key(|range| range.start);
        }
        Ok(Self { zone, week, holidays, workdays: BTreeSet::new() })
    }

    /// The same calendar with these make-up working days; a date that is
    /// both a holiday and a make-up day stays a holiday.
    pub fn with_workdays(mut self, workdays: BTreeSet<NaiveDate>) -> Self {
        self.workdays = workdays;
        self
    }

    /// The open ranges of a local date.
    fn ranges_on(&self, date: NaiveDate) -> &[OpenRange] {
        if self.holidays.contains(&date) {
            return &[];
        }
        if self.workdays.contains(&date) {
            return self.week.iter().find(|day| !day.is_empty()).map_or(&[], Vec::as_slice);
        }
        self.week[date.weekday().num_days_from_monday() as usize].as_slice()
    }

    /// The same hours every weekday (Monday–Friday when `weekdays_only`).
    pub fn office_hours(zone: Z, start: NaiveTime, end: NaiveTime, weekdays_only: bool) -> Result<Self, CalendarError> {
        let day = |n: usize| if weekdays_only && n >= 5 { Vec::new() } else { vec![OpenRange::new(start, end)] };
        Self::new(zone, std::array::from_fn(day), BTreeSet::new())
    }

    /// The UTC instant of a local time; in a daylight-saving gap, the first
    /// valid instant after it; when clocks go back, the earlier of the two.
    fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let mut probe = local;
        for _ in 0..16 {
            match self.zone.from_local_datetime(&probe) {
                LocalResult::Single(at) => return at.with_timezone(&Utc),
                LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
                LocalResult::None => probe += Duration::minutes(15),
            }
        }
        // No real zone has a gap of four hours; fall back to reading it as UTC.
        Utc.from_utc_datetime(&local)
    }

    /// The open intervals (UTC, start-ordered) of the local days from `from`.
    fn intervals(&self, from: NaiveDate) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + '_ {
        (0..SEARCH_DAYS).filter_map(move |n| from.checked_add_signed(Duration::days(n))).flat_map(move |date| {
            self.ranges_on(date).iter().filter_map(move |range| {
                let end_date = if range.spans_midnight() { date.succ_opt()? } else { date };
                let start = self.instant(date.and_time(range.start));
                let end = self.instant(end_date.and_time(range.end));
                (end > start).then_some((start, end))
            })
        })
    }

    /// The local date of `at`, less one so that a range spanning the previous
    /// midnight is seen.
    fn first_day(&self, at: DateTime<Utc>) -> NaiveDate {
        let local = at.with_timezone(&self.zone).date_naive();
        local.pred_opt().unwrap_or(local)
    }

    /// Whether the calendar is open at `at`.
    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        self.intervals(self.first_day(at))
            .take_while(|(start, _)| *start <= at)
            .any(|(start, end)| start <= at && at < end)
    }

    /// The instant when `minutes` of open time have passed after `from`
    /// (with 0: the first open instant at or after `from`). `None` only if
    /// holidays close the calendar for the next ten years.
    pub fn add_minutes(&self, from: DateTime<Utc>, minutes: i64) -> Option<DateTime<Utc>> {
        let mut remaining = Duration::minutes(minutes.max(0));
        let mut position = from;
        for (start, end) in self.intervals(self.first_day(from)) {
            let start = start.max(position);
            if end <= start {
                continue;
            }
            let available = end - start;
            if remaining <= available {
                return Some(start + remaining);
            }
            remaining -= available;
            position = end;
        }
        None
    }

    /// Whole minutes of open time in `[from, to)`.
    pub fn minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        let mut total = Duration::zero();
        let mut position = from;
        for (start, end) in self.intervals(self.first_day(from)) {
            if start >= to {
                break;
            }
            let (start, end) = (start.max(position), end.min(to));
            if end > start {
                total += end - start;
                position = end;
            }
        }
        total.num_minutes()
    }
}

/// How a policy counts its targets.
#[derive(Debug, Clone, Copy)]
pub enum Clock<'a, Z: TimeZone> {
    /// Every minute counts (24/7).
    WallClock,
    /// Only minutes when the calendar is open.
    Business(&'a Calendar<Z>),
}

impl<Z: TimeZone> Clock<'_, Z> {
    pub fn add_minutes(&self, from: DateTime<Utc>, minutes: i64) -> Option<DateTime<Utc>> {
        match self {
            Clock::WallClock => from.checked_add_signed(Duration::minutes(minutes.max(0))),
            Clock::Business(calendar) => calendar.add_minutes(from, minutes),
        }
    }

    pub fn minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        match self {
            Clock::WallClock => (to - from).num_minutes().max(0),
            Clock::Business(calendar) => calendar.minutes_between(from, to),
        }
    }
}

/// A metric being timed: it has consumed `consumed` minutes before it last
/// (re)started at `running_since`, and must be fulfilled within `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metric {
    pub target: i64,
    pub consumed: i64,
    pub running_since: DateTime<Utc>,
}

impl Metric {
    pub fn start(target: i64, at: DateTime<Utc>) -> Self {
        Self { target, consumed: 0, running_since: at }
    }

    /// When it is due.
    pub fn due<Z: TimeZone>(&self, clock: &Clock<'_, Z>) -> Option<DateTime<Utc>> {
        clock.add_minutes(self.running_since, (self.target - self.consumed).max(0))
    }

    /// When a warning is due: after `share` (e.g. 0.8) of the target.
    pub fn warn_at<Z: TimeZone>(&self, clock: &Clock<'_, Z>, share: f64) -> Option<DateTime<Utc>> {
        let threshold = ((self.target as f64) * share.clamp(0.0, 1.0)).ceil() as i64;
        clock.add_minutes(self.running_since, (threshold - self.consumed).max(0))
    }

    /// The minutes consumed when it pauses at `at`; resume with [`Metric::resume`].
    pub fn pause<Z: TimeZone>(&self, clock: &Clock<'_, Z>, at: DateTime<Utc>) -> i64 {
        self.consumed + clock.minutes_between(self.running_since, at)
    }

    pub fn resume(target: i64, consumed: i64, at: DateTime<Utc>) -> Self {
        Self { target, consumed, running_since: at }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Asia::Shanghai, Tz};
    use proptest::prelude::*;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    fn local(zone: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        zone.with_ymd_and_hms(y, mo, d, h, mi, 0).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    fn shanghai_office() -> Calendar<Tz> {
        Calendar::office_hours(Shanghai, time(9, 0), time(18, 0), true).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn times_of_day_are_hours_and_minutes() {
        assert_eq!(parse_time(" 09:30 "), Some(time(9, 30)));
        assert_eq!(parse_time("00:00"), Some(time(0, 0)));
        for wrong in ["9", "24:00", "09:60", "09:30:00", "nine", ""] {
            assert_eq!(parse_time(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_calendar_without_hours_is_refused() {
        assert_eq!(Calendar::new(Shanghai, Default::default(), BTreeSet::new()).err(), Some(CalendarError::NeverOpen));
    }

    #[test]
    fn friday_afternoon_plus_two_hours_is_monday_morning() {
        let calendar = shanghai_office();
        // 2026-11-27 is a Friday.
        let due = calendar.add_minutes(local(Shanghai, 2026, 11, 27, 17, 0), 120);
        assert_eq!(due, Some(local(Shanghai, 2026, 11, 30, 10, 0)));
        assert_eq!(
            calendar.minutes_between(local(Shanghai, 2026, 11, 27, 17, 0), local(Shanghai, 2026, 11, 30, 10, 0)),
            120
        );
    }

    #[test]
    fn holidays_are_skipped() {
        let mut holidays = BTreeSet::new();
        holidays.insert(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default());
        let week =
            std::array::from_fn(|n| if n < 5 { vec![OpenRange::new(time(9, 0), time(18, 0))] } else { Vec::new() });
        let calendar = Calendar::new(Shanghai, week, holidays).unwrap_or_else(|e| panic!("{e:?}"));
        let due = calendar.add_minutes(local(Shanghai, 2026, 11, 27, 17, 0), 120);
        assert_eq!(due, Some(local(Shanghai, 2026, 12, 1, 10, 0)));
    }

    #[test]
    fn a_make_up_saturday_is_worked_with_monday_hours() {
        let date = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_default();
        // National Day: 1–7 October closed, Saturday 9 October worked instead.
        let holidays: BTreeSet<_> = (1..=7).map(|d| date(10, d)).collect();
        let week =
            std::array::from_fn(|n| if n < 5 { vec![OpenRange::new(time(9, 0), time(18, 0))] } else { Vec::new() });
        let plain = Calendar::new(Shanghai, week, holidays).unwrap_or_else(|e| panic!("{e:?}"));
        let with_makeup = plain.clone().with_workdays([date(10, 9)].into());
        // Thursday 30 September 17:00 + 11 open hours: one on Thursday, nine on
        // Friday 8 October, and the last on the make-up Saturday.
        let from = local(Shanghai, 2027, 9, 30, 17, 0);
        assert_eq!(with_makeup.add_minutes(from, 660), Some(local(Shanghai, 2027, 10, 9, 10, 0)));
        assert_eq!(plain.add_minutes(from, 660), Some(local(Shanghai, 2027, 10, 11, 10, 0)));
        assert!(with_makeup.is_open(local(Shanghai, 2027, 10, 9, 12, 0)));
        assert!(!with_makeup.is_open(local(Shanghai, 2027, 10, 16, 12, 0)), "other Saturdays stay closed");
        // A holiday wins over a make-up day on the same date.
        let both = plain.with_workdays([date(10, 4)].into());
        assert!(!both.is_open(local(Shanghai, 2027, 10, 4, 12, 0)));
    }

    #[test]
    fn a_night_shift_runs_past_midnight_and_a_day_can_have_two_ranges() {
        let week = std::array::from_fn(|_| {
            vec![
                OpenRange::new(time(13, 0), time(17, 0)),
                OpenRange::new(time(8, 0), time(12, 0)),
                OpenRange::new(time(22, 0), time(2, 0)),
            ]
        });
        let calendar = Calendar::new(Shanghai, week, BTreeSet::new()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            calendar.add_minutes(local(Shanghai, 2026, 11, 23, 23, 0), 120),
            Some(local(Shanghai, 2026, 11, 24, 1, 0))
        );
        assert_eq!(
            calendar.add_minutes(local(Shanghai, 2026, 11, 24, 1, 0), 120),
            Some(local(Shanghai, 2026, 11, 24, 9, 0))
        );
        assert_eq!(
            calendar.add_minutes(local(Shanghai, 2026, 11, 23, 11, 30), 60),
            Some(local(Shanghai, 2026, 11, 23, 13, 30))
        );
        assert!(calendar.is_open(local(Shanghai, 2026, 11, 24, 1, 0)), "the night shift of the day before");
        assert!(!calendar.is_open(local(Shanghai, 2026, 11, 24, 3, 0)));
    }

    #[test]
    fn daylight_saving_changes_do_not_shift_office_hours() {
        let calendar =
            Calendar::office_hours(New_York, time(9, 0), time(17, 0), true).unwrap_or_else(|e| panic!("{e:?}"));
        // Clocks go back on Sunday 2026-11-01: Friday 16:00 + 2 h is Monday 10:00 local, EST.
        let due = calendar.add_minutes(local(New_York, 2026, 10, 30, 16, 0), 120);
        assert_eq!(due, Some(local(New_York, 2026, 11, 2, 10, 0)));
        // A 24/7 calendar across the spring-forward night counts real minutes: 23 hours that day.
        let always =
            Calendar::office_hours(New_York, time(0, 0), time(0, 0), false).unwrap_or_else(|e| panic!("{e:?}"));
        let minutes = always.minutes_between(local(New_York, 2026, 3, 8, 0, 0), local(New_York, 2026, 3, 9, 0, 0));
        assert_eq!(minutes, 23 * 60);
    }

    #[test]
    fn a_paused_metric_resumes_with_what_it_had_left() {
        let calendar = shanghai_office();
        let clock = Clock::Business(&calendar);
        let metric = Metric::start(240, local(Shanghai, 2026, 11, 23, 9, 0));
        assert_eq!(metric.due(&clock), Some(local(Shanghai, 2026, 11, 23, 13, 0)));
        assert_eq!(metric.warn_at(&clock, 0.75), Some(local(Shanghai, 2026, 11, 23, 12, 0)));
        let consumed = metric.pause(&clock, local(Shanghai, 2026, 11, 23, 10, 0));
        assert_eq!(consumed, 60);
        // Paused for a day; resumed Tuesday 15:00 with 180 minutes left, exactly until closing.
        let resumed = Metric::resume(240, consumed, local(Shanghai, 2026, 11, 24, 15, 0));
        assert_eq!(resumed.due(&clock), Some(local(Shanghai, 2026, 11, 24, 18, 0)));
        let wall = Clock::<Tz>::WallClock;
        assert_eq!(
            Metric::start(90, local(Shanghai, 2026, 11, 28, 23, 0)).due(&wall),
            Some(local(Shanghai, 2026, 11, 29, 0, 30))
        );
    }

    fn calendars() -> impl Strategy<Value = Calendar<Tz>> {
        let range = (0u32..24, 0u32..4, 1u32..20).prop_map(|(h, q, len)| {
            let start = time(h, q * 15);
            OpenRange::new(start, start + Duration::minutes(i64::from(len) * 45))
        });
        let day = proptest::collection::vec(range, 0..3);
        let zone = proptest::sample::select(vec![Shanghai, New_York, chrono_tz::Europe::Berlin]);
        let holidays = proptest::collection::btree_set(
            (0i64..400).prop_map(|n| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default() + Duration::days(n)),
            0..40,
        );
        // Ranges may overlap and run past midnight: overlapping time counts once.
        (zone, proptest::array::uniform7(day), holidays)
            .prop_filter_map("needs open hours", |(zone, week, holidays)| Calendar::new(zone, week, holidays).ok())
    }

    fn instants() -> impl Strategy<Value = DateTime<Utc>> {
        (0i64..(365 * 24 * 60)).prop_map(|m| local(Shanghai, 2026, 1, 1, 0, 0) + Duration::minutes(m))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Counting back the minutes added gives the same number, the due time
        /// is inside open hours, and adding in two steps equals adding at once.
        #[test]
        fn adding_and_counting_agree(calendar in calendars(), from in instants(), a in 1i64..6000, b in 1i64..6000) {
            let due = calendar.add_minutes(from, a);
            prop_assume!(due.is_some());
            let due = due.unwrap_or_default();
            prop_assert!(due > from);
            prop_assert_eq!(calendar.minutes_between(from, due), a);
            prop_assert!(calendar.is_open(due - Duration::minutes(1)));
            prop_assert_eq!(calendar.add_minutes(due, b), calendar.add_minutes(from, a + b));
        }

        /// More minutes never make something due sooner.
        #[test]
        fn due_times_grow_with_the_target(calendar in calendars(), from in instants(), a in 0i64..5000, extra in 1i64..500) {
            let (first, second) = (calendar.add_minutes(from, a), calendar.add_minutes(from, a + extra));
            prop_assume!(first.is_some() && second.is_some());
            prop_assert!(first < second);
        }

        /// Pausing and resuming at once changes nothing.
        #[test]
        fn a_pause_of_no_time_changes_nothing(calendar in calendars(), from in instants(), target in 1i64..3000, after in 0i64..3000) {
            let clock = Clock::Business(&calendar);
            let metric = Metric::start(target, from);
            let at = from + Duration::minutes(after);
            let resumed = Metric::resume(target, metric.pause(&clock, at), at);
            let (before, after) = (metric.due(&clock), resumed.due(&clock));
            prop_assume!(before.is_some());
            if before.is_some_and(|due| due > at) {
                prop_assert_eq!(before, after);
            }
        }
    }
}

#[cfg(test)]
#[path = "sla_edges.rs"]
mod edges;
