//! The yearly holiday schedule as a small text file, so an admin can import
//! the mainland public holidays (and their 调休 make-up working days) into a
//! business calendar each year, written from the State Council's notice.
//!
//! ```text
//! # Lines starting with # are comments; blank lines are ignored.
//! # A date or an inclusive range, then an optional name: a holiday.
//! 2027-10-01..2027-10-07 国庆节
//! # A leading + marks a make-up working day (调休上班).
//! +2027-10-09 国庆节调休上班
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use kehu_types::{FieldError, field_codes};

/// The longest range one line may hold, in days.
pub const RANGE_DAYS_MAX: i64 = 31;
/// The longest name one line may give, in characters.
pub const NAME_MAX: usize = 50;

/// What a schedule file says: closed dates and make-up working days, each
/// with the name its line gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    pub holidays: BTreeMap<NaiveDate, String>,
    pub workdays: BTreeMap<NaiveDate, String>,
}

/// Why a line of a schedule was refused; `line` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub reason: LineProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    /// Not `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`.
    BadDate,
    /// The range ends before it starts, or is longer than `RANGE_DAYS_MAX`.
    BadRange,
    /// The date is both a holiday and a make-up working day.
    Contradiction,
    /// The name is longer than `NAME_MAX` characters.
    LongName,
}

impl LineProblem {
    /// The field code an API error about the line carries.
    pub fn code(self) -> &'static str {
        match self {
            Self::BadDate => field_codes::INVALID_FORMAT,
            Self::BadRange => field_codes::OUT_OF_RANGE,
            Self::Contradiction => field_codes::DUPLICATE,
            Self::LongName => field_codes::TOO_LONG,
        }
    }

    fn message(self) -> String {
        match self {
            Self::BadDate => "dates are YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD".to_owned(),
            Self::BadRange => format!("the range runs backwards or is longer than {RANGE_DAYS_MAX} days"),
            Self::Contradiction => "a date cannot be both a holiday and a make-up working day".to_owned(),
            Self::LongName => format!("a name is at most {NAME_MAX} characters"),
        }
    }
}

/// The errors of a schedule as API field errors, one per line: field
/// `lines[N]` (N counting from 1, as editors number lines).
pub fn field_errors(errors: &[LineError]) -> Vec<FieldError> {
    errors
        .iter()
        .map(|e| {
            FieldError::new(
                format!("lines[{}]", e.line),
                e.reason.code(),
                format!("line {}: {}", e.line, e.reason.message()),
            )
        })
        .collect()
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The dates of `spec` (a date or `start..end`).
fn dates(spec: &str) -> Result<Vec<NaiveDate>, LineProblem> {
    let (start, end) = match spec.split_once("..") {
        Some((start, end)) => (date(start), date(end)),
        None => (date(spec), date(spec)),
    };
    let (Some(start), Some(end)) = (start, end) else { return Err(LineProblem::BadDate) };
    let days = (end - start).num_days();
    if !(0..RANGE_DAYS_MAX).contains(&days) {
        return Err(LineProblem::BadRange);
    }
    Ok((0..=days).filter_map(|n| start.checked_add_signed(chrono::Duration::days(n))).collect())
}

/// Read a schedule; every faulty line is reported, and nothing is returned
/// unless all lines are good.
pub fn parse(text: &str) -> Result<Schedule, Vec<LineError>> {
    let mut schedule = Schedule::default();
    let mut errors = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (workday, rest) = match line.strip_prefix('+') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, line),
        };
        let (spec, name) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let name = name.trim();
        let problem = match dates(spec) {
            Ok(_) if name.chars().count() > NAME_MAX => Some(LineProblem::LongName),
            Ok(found) => {
                let (target, other) = if workday {
                    (&mut schedule.workdays, &schedule.holidays)
                } else {
                    (&mut schedule.holidays, &schedule.workdays)
                };
                if found.iter().any(|day| other.contains_key(day)) {
                    Some(LineProblem::Contradiction)
                } else {
                    target.extend(found.into_iter().map(|day| (day, name.to_owned())));
                    None
                }
            }
            Err(problem) => Some(problem),
        };
        if let Some(reason) = problem {
            errors.push(LineError { line: index + 1, reason });
        }
    }
    if errors.is_empty() { Ok(schedule) } else { Err(errors) }
}

/// A calendar's dated entries: closed dates and make-up working days, and
/// the names of those that have one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Days {
    pub holidays: BTreeSet<NaiveDate>,
    pub workdays: BTreeSet<NaiveDate>,
    /// Only dates listed above, only non-empty names.
    pub names: BTreeMap<NaiveDate, String>,
}

impl Days {
    fn name(&self, day: &NaiveDate) -> String {
        self.names.get(day).cloned().unwrap_or_default()
    }
}

/// What importing a schedule changes, each date with its name (the new one
/// when added, the one it had when removed; empty when it has none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub holidays_added: BTreeMap<NaiveDate, String>,
    pub holidays_removed: BTreeMap<NaiveDate, String>,
    pub workdays_added: BTreeMap<NaiveDate, String>,
    pub workdays_removed: BTreeMap<NaiveDate, String>,
    /// Dates that stay in their list under another name: (before, after).
    pub renamed: BTreeMap<NaiveDate, (String, String)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.holidays_added.is_empty()
            && self.holidays_removed.is_empty()
            && self.workdays_added.is_empty()
            && self.workdays_removed.is_empty()
            && self.renamed.is_empty()
    }
}

/// `days` with `schedule` imported, and what changed. The schedule's
/// holidays and make-up days join the calendar's (a date listed in the other
/// list moves), and a name a line gives replaces the date's old one; a line
/// without a name keeps it. With `replace_years`, the calendar's entries in
/// the years the schedule covers that it does not list are removed, so a
/// corrected notice replaces the year's schedule instead of adding to it.
pub fn import(days: &Days, schedule: &Schedule, replace_years: bool) -> (Days, Changes) {
    let mut next = days.clone();
    if replace_years {
        let years: BTreeSet<i32> = schedule.holidays.keys().chain(schedule.workdays.keys()).map(|d| d.year()).collect();
        next.holidays.retain(|d| !years.contains(&d.year()) || schedule.holidays.contains_key(d));
        next.workdays.retain(|d| !years.contains(&d.year()) || schedule.workdays.contains_key(d));
    }
    for day in schedule.holidays.keys() {
        next.workdays.remove(day);
        next.holidays.insert(*day);
    }
    for day in schedule.workdays.keys() {
        next.holidays.remove(day);
        next.workdays.insert(*day);
    }
    for (day, name) in schedule.holidays.iter().chain(&schedule.workdays) {
        if !name.is_empty() {
            next.names.insert(*day, name.clone());
        }
    }
    next.names.retain(|day, _| next.holidays.contains(day) || next.workdays.contains(day));

    let mut changes = Changes::default();
    for (before, after, added, removed) in [
        (&days.holidays, &next.holidays, &mut changes.holidays_added, &mut changes.holidays_removed),
        (&days.workdays, &next.workdays, &mut changes.workdays_added, &mut changes.workdays_removed),
    ] {
        added.extend(after.difference(before).map(|d| (*d, next.name(d))));
        removed.extend(before.difference(after).map(|d| (*d, days.name(d))));
        for day in before.intersection(after) {
            let (old, new) = (days.name(day), next.name(day));
            if old != new {
                changes.renamed.insert(*day, (old, new));
            }
        }
    }
    (next, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_default()
    }

    #[test]
    fn holidays_ranges_and_make_up_days_are_read() {
        let text = "\u{feff}# 2027\n\n2027-01-01 元旦\n2027-10-01..2027-10-07 国庆节\n+ 2027-10-09 国庆节调休上班\n+2027-09-26\n";
        let schedule = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(schedule.holidays.len(), 8);
        assert_eq!(schedule.holidays.get(&day(10, 3)).map(String::as_str), Some("国庆节"));
        assert_eq!(schedule.workdays.keys().copied().collect::<Vec<_>>(), [day(9, 26), day(10, 9)]);
        assert_eq!(schedule.workdays.get(&day(9, 26)).map(String::as_str), Some(""));
    }

    #[test]
    fn every_faulty_line_is_named() {
        let text = "2027-02-30 无此日\n2027-10-07..2027-10-01 倒序\n2027-01-01..2027-03-01 太长\n2027-05-01 劳动节\n+2027-05-01 矛盾\nfoo\n";
        let errors = parse(text).err().unwrap_or_default();
        let found: Vec<_> = errors.iter().map(|e| (e.line, e.reason)).collect();
        assert_eq!(
            found,
            [
                (1, LineProblem::BadDate),
                (2, LineProblem::BadRange),
                (3, LineProblem::BadRange),
                (5, LineProblem::Contradiction),
                (6, LineProblem::BadDate),
            ]
        );
        let long = format!("2027-05-02 {}", "长".repeat(NAME_MAX + 1));
        let errors = parse(&format!("# 注释\n{long}\n")).err().unwrap_or_default();
        let fields = field_errors(&errors);
        assert_eq!(
            fields.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect::<Vec<_>>(),
            [("lines[2]", "too_long")]
        );
        assert!(fields[0].message.starts_with("line 2: "));
        assert!(parse(&format!("2027-05-02 {}", "长".repeat(NAME_MAX))).is_ok(), "exactly the longest name");
    }

    fn days(holidays: &[(u32, u32, &str)], workdays: &[(u32, u32, &str)]) -> Days {
        let mut found = Days::default();
        for (list, entries) in [(&mut found.holidays, holidays), (&mut found.workdays, workdays)] {
            for (m, d, name) in entries {
                list.insert(day(*m, *d));
                if !name.is_empty() {
                    found.names.insert(day(*m, *d), (*name).to_owned());
                }
            }
        }
        found
    }

    #[test]
    fn an_import_adds_moves_and_renames_and_says_so() {
        let calendar = days(&[(1, 1, "元旦"), (10, 9, "旧"), (5, 1, "")], &[(9, 26, ""), (2, 7, "春节调休")]);
        let schedule =
            parse("2027-10-01..2027-10-02 国庆节\n+2027-10-09 国庆节调休上班\n2027-05-01 劳动节\n2027-01-01\n")
                .unwrap_or_default();
        let (next, changes) = import(&calendar, &schedule, false);
        assert_eq!(next.holidays, [day(1, 1), day(5, 1), day(10, 1), day(10, 2)].into_iter().collect());
        assert_eq!(next.workdays, [day(2, 7), day(9, 26), day(10, 9)].into_iter().collect());
        assert_eq!(next.names.get(&day(1, 1)).map(String::as_str), Some("元旦"), "a line without a name keeps it");
        assert_eq!(next.names.get(&day(10, 9)).map(String::as_str), Some("国庆节调休上班"));
        let named = |list: &[(u32, u32, &str)]| list.iter().map(|(m, d, n)| (day(*m, *d), (*n).to_owned())).collect();
        assert_eq!(changes.holidays_added, named(&[(10, 1, "国庆节"), (10, 2, "国庆节")]));
        assert_eq!(changes.holidays_removed, named(&[(10, 9, "旧")]));
        assert_eq!(changes.workdays_added, named(&[(10, 9, "国庆节调休上班")]));
        assert!(changes.workdays_removed.is_empty());
        assert_eq!(changes.renamed, [(day(5, 1), (String::new(), "劳动节".to_owned()))].into_iter().collect());
        let (again, none) = import(&next, &schedule, false);
        assert_eq!((again, none.is_empty()), (next, true), "importing twice changes nothing");
    }

    #[test]
    fn replacing_the_years_drops_what_the_schedule_no_longer_lists() {
        let other_year = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
        let mut calendar = days(&[(10, 8, "旧安排")], &[(9, 26, "")]);
        calendar.holidays.insert(other_year);
        let schedule = parse("2027-10-01..2027-10-07 国庆节\n+2027-10-09\n").unwrap_or_default();
        let (next, changes) = import(&calendar, &schedule, true);
        assert!(next.holidays.contains(&other_year), "another year is left alone");
        assert!(!next.holidays.contains(&day(10, 8)) && !next.names.contains_key(&day(10, 8)));
        assert_eq!(next.workdays, [day(10, 9)].into_iter().collect());
        assert_eq!(changes.holidays_removed.keys().copied().collect::<Vec<_>>(), [day(10, 8)]);
        assert_eq!(changes.workdays_removed.keys().copied().collect::<Vec<_>>(), [day(9, 26)]);
        assert_eq!(changes.holidays_added.len(), 7);
    }

    #[test]
    fn a_range_holds_at_most_thirty_one_days() {
        let schedule = parse("2027-01-01..2027-01-31 一月").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(schedule.holidays.len(), 31);
        assert_eq!(schedule.holidays.keys().last(), Some(&day(1, 31)));
        let errors = parse("2027-01-01..2027-02-01 太长").err().unwrap_or_default();
        assert_eq!(errors, [LineError { line: 1, reason: LineProblem::BadRange }]);
        let single = parse("2027-05-01..2027-05-01").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(single.holidays.keys().copied().collect::<Vec<_>>(), [day(5, 1)]);
        assert_eq!(parse("2027-05-01..").err().unwrap_or_default()[0].reason, LineProblem::BadDate);
    }

    #[test]
    fn a_make_up_day_before_its_holiday_is_a_contradiction_too() {
        let errors = parse("+2027-10-09 调休\n# 注释\n2027-10-08..2027-10-10 假期\n").err().unwrap_or_default();
        assert_eq!(errors, [LineError { line: 3, reason: LineProblem::Contradiction }]);
        let schedule = parse("  # 只有注释\n\n   \n").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(schedule, Schedule::default());
        let named = parse("2027-06-01   儿童节  \n").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(named.holidays.get(&day(6, 1)).map(String::as_str), Some("儿童节"));
        assert!(named.workdays.is_empty());
    }

    #[test]
    fn each_problem_says_what_a_line_must_look_like() {
        let errors = parse("2027-02-30 无此日\n2027-10-07..2027-10-01 倒序\n2027-05-01\n+2027-05-01\n")
            .err()
            .unwrap_or_default();
        let fields = field_errors(&errors);
        let said: Vec<(&str, &str)> = fields.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        assert_eq!(said[0], ("lines[1]", "line 1: dates are YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD"));
        assert!(said[1].1.starts_with("line 2: the range runs backwards"), "{said:?}");
        assert!(said[1].1.contains(&RANGE_DAYS_MAX.to_string()), "{said:?}");
        assert_eq!(said[2], ("lines[4]", "line 4: a date cannot be both a holiday and a make-up working day"));
        let long = format!("2027-05-02 {}", "长".repeat(NAME_MAX + 1));
        let long = field_errors(&parse(&long).err().unwrap_or_default());
        assert_eq!(long[0].message, format!("line 1: a name is at most {NAME_MAX} characters"));
    }

    #[test]
    fn changes_are_empty_only_when_every_list_is() {
        assert!(Changes::default().is_empty());
        let one = || BTreeMap::from([(day(1, 1), "元旦".to_owned())]);
        let each = [
            Changes { holidays_added: one(), ..Default::default() },
            Changes { holidays_removed: one(), ..Default::default() },
            Changes { workdays_added: one(), ..Default::default() },
            Changes { workdays_removed: one(), ..Default::default() },
            Changes {
                renamed: BTreeMap::from([(day(1, 1), ("元旦".into(), "新年".into()))]), ..Default::default()
            },
        ];
        for changes in each {
            assert!(!changes.is_empty(), "{changes:?}");
        }
    }

    #[test]
    fn replacing_a_year_keeps_other_years_and_the_dates_still_listed() {
        let before = Days {
            holidays: BTreeSet::from([day(5, 1), day(5, 2), NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default()]),
            workdays: BTreeSet::from([day(4, 25), NaiveDate::from_ymd_opt(2026, 4, 26).unwrap_or_default()]),
            names: BTreeMap::new(),
        };
        let schedule = parse("2027-05-01 劳动节\n+2027-04-25 调休\n").unwrap_or_else(|e| panic!("{e:?}"));
        let (after, changes) = import(&before, &schedule, true);
        let last_year = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        assert_eq!(after.holidays, BTreeSet::from([day(5, 1), last_year(5, 1)]));
        assert_eq!(after.workdays, BTreeSet::from([day(4, 25), last_year(4, 26)]));
        assert_eq!(changes.holidays_removed.keys().copied().collect::<Vec<_>>(), [day(5, 2)]);
        let (kept, _) = import(&before, &schedule, false);
        assert!(kept.holidays.contains(&day(5, 2)), "without replacing, nothing is removed");
    }
}
