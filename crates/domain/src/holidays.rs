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

use std::collections::BTreeMap;

use chrono::NaiveDate;

/// The longest range one line may hold, in days.
pub const RANGE_DAYS_MAX: i64 = 31;

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
        let problem = match dates(spec) {
            Ok(found) => {
                let (target, other) = if workday {
                    (&mut schedule.workdays, &schedule.holidays)
                } else {
                    (&mut schedule.holidays, &schedule.workdays)
                };
                if found.iter().any(|day| other.contains_key(day)) {
                    Some(LineProblem::Contradiction)
                } else {
                    target.extend(found.into_iter().map(|day| (day, name.trim().to_owned())));
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
}
