//! The texts of business calendars and SLA policies in both languages.

use kehu_types::field_codes;

use crate::i18n::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendars {
    CalendarsTab,
    NewCalendar,
    EditCalendar,
    NoCalendars,
    CalendarName,
    TimeZone,
    WeeklyHours,
    AddRange,
    Closed,
    Holidays,
    Workdays,
    WorkdaysHint,
    AddDate,
    NoDates,
    ImportSchedule,
    ImportHint,
    ImportPreview,
    ImportApply,
    ImportDone,
    ImportNothing,
    ImportSaveFirst,
    ImportReplaceYears,
    HolidaysAdded,
    HolidaysRemoved,
    WorkdaysAdded,
    WorkdaysRemoved,
    Renamed,
    YourTime,
    DuePreview,
    DuePreviewHint,
    From,
    Minutes,
    DueAt,
    NoDue,
    Ask,
    NewPolicy,
    EditPolicy,
    PolicyName,
    Position,
    MatchPriorities,
    MatchTypes,
    MatchTiers,
    MatchTiersHint,
    NextResponseMinutes,
    WarnPercent,
    EscalateOnBreach,
    AroundTheClock,
}

impl Calendars {
    pub fn text(self, locale: Locale) -> &'static str {
        use Calendars::*;
        let (zh, en) = match self {
            CalendarsTab => ("营业日历", "Business calendars"),
            NewCalendar => ("新建日历", "New calendar"),
            EditCalendar => ("编辑日历", "Edit calendar"),
            NoCalendars => {
                ("还没有营业日历。SLA 按全天候计时。", "No calendars yet: SLA clocks count around the clock.")
            }
            CalendarName => ("日历名称", "Calendar name"),
            TimeZone => ("时区", "Time zone"),
            WeeklyHours => ("每周营业时间", "Weekly hours"),
            AddRange => ("添加时段", "Add hours"),
            Closed => ("休息", "Closed"),
            Holidays => ("节假日（休息）", "Holidays (closed)"),
            Workdays => ("调休上班日", "Make-up working days"),
            WorkdaysHint => (
                "周末调休上班的日期，按第一个营业日的时间营业。",
                "Weekend dates worked instead, with the hours of the first open weekday.",
            ),
            AddDate => ("添加日期", "Add date"),
            NoDates => ("无", "None"),
            ImportSchedule => ("导入全年节假日安排", "Import a year's holiday schedule"),
            ImportHint => (
                "每行一个日期或日期范围，后接名称；以 + 开头的是调休上班日。例如：2027-10-01..2027-10-07 国庆节、+2027-10-09 国庆节调休上班。以 # 开头的行为注释。先预览变更，确认后导入并直接保存到日历。",
                "One date or range per line, then a name; a line starting with + is a make-up working day. For example: 2027-10-01..2027-10-07 National Day, +2027-10-09 make-up day. Lines starting with # are comments. Preview the changes, then import: the calendar is saved at once.",
            ),
            ImportPreview => ("预览变更", "Preview the changes"),
            ImportApply => ("导入并保存", "Import and save"),
            ImportDone => ("已导入并保存到日历", "Imported and saved to the calendar"),
            ImportNothing => ("日历已包含这些安排，没有变化", "The calendar already has all of it: nothing changes"),
            ImportSaveFirst => {
                ("请先保存日历，再导入节假日安排。", "Save the calendar first, then import its holidays.")
            }
            ImportReplaceYears => (
                "替换文件所涉年份的原有安排（用于更正后的通知）",
                "Replace those years' existing entries (for a corrected notice)",
            ),
            HolidaysAdded => ("新增节假日", "Holidays added"),
            HolidaysRemoved => ("移除的节假日", "Holidays removed"),
            WorkdaysAdded => ("新增调休上班日", "Make-up days added"),
            WorkdaysRemoved => ("移除的调休上班日", "Make-up days removed"),
            Renamed => ("名称变更", "Renamed"),
            YourTime => ("你的时区", "your time"),
            DuePreview => ("到期时间预览", "Due-time preview"),
            DuePreviewHint => (
                "按已保存的日历计算，与工单 SLA 的算法一致。开始时间和到期时间均为日历的时区。",
                "Computed on the saved calendar, exactly as ticket SLAs are. The start and the due time are in the calendar's time zone.",
            ),
            From => ("开始时间", "Starting at"),
            Minutes => ("营业分钟数", "Open minutes"),
            DueAt => ("到期", "Due"),
            NoDue => ("十年内无营业时间", "Never open within ten years"),
            Ask => ("计算", "Compute"),
            NewPolicy => ("新建 SLA 策略", "New SLA policy"),
            EditPolicy => ("编辑 SLA 策略", "Edit SLA policy"),
            PolicyName => ("策略名称", "Policy name"),
            Position => ("匹配顺序", "Match order"),
            MatchPriorities => ("适用优先级（不选为全部）", "Priorities (none: all)"),
            MatchTypes => ("适用工单类型（不选为全部）", "Ticket types (none: all)"),
            MatchTiers => ("适用会员等级", "Loyalty tiers"),
            MatchTiersHint => ("用逗号分隔，留空为全部", "Comma-separated; blank for all"),
            NextResponseMinutes => ("再次响应（分钟）", "Next response (minutes)"),
            WarnPercent => ("预警比例（%）", "Warn at (%)"),
            EscalateOnBreach => ("超时自动升级", "Escalate on breach"),
            AroundTheClock => ("全天候（24/7）", "Around the clock (24/7)"),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

/// Weekday names, Monday first.
pub fn weekday_label(day: usize, locale: Locale) -> &'static str {
    const ZH: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];
    const EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let names = if locale == Locale::Zh { ZH } else { EN };
    names[day % 7]
}

/// A faulty line of a holiday schedule, with its number, from the code the
/// server gave it.
pub fn schedule_line_error(line: usize, code: &str, locale: Locale) -> String {
    let (zh, en) = match code {
        field_codes::INVALID_FORMAT => {
            ("日期应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD", "dates are YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD")
        }
        field_codes::OUT_OF_RANGE => ("日期范围倒序或超过 31 天", "the range runs backwards or is longer than 31 days"),
        field_codes::DUPLICATE => ("同一天不能既放假又上班", "a date cannot be both a holiday and a working day"),
        field_codes::TOO_LONG => ("名称最多 50 个字", "a name is at most 50 characters"),
        _ => ("无法识别", "not understood"),
    };
    match locale {
        Locale::Zh => format!("第 {line} 行：{zh}"),
        Locale::En => format!("Line {line}: {en}"),
    }
}

/// Which zone the due-time preview shows.
pub fn due_zone_note(zone: &str, locale: Locale) -> String {
    match locale {
        Locale::Zh => format!("时间按日历时区 {zone} 显示"),
        Locale::En => format!("Times in the calendar's zone, {zone}"),
    }
}
