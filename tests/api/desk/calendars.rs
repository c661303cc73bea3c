//! The holiday schedule imported through the API: dry run, apply with its
//! audit row, faulty lines named by number, names kept, admins only.

use chrono::NaiveDate;
use kehu_tests::kehu_types::*;
use kehu_tests::{TestApp, assert_problem, must, on_both_databases};

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_default()
}

fn named(list: &[NamedDate]) -> Vec<(NaiveDate, &str)> {
    list.iter().map(|entry| (entry.date, entry.name.as_str())).collect()
}

fn import(text: &str, dry_run: bool) -> HolidayImport {
    HolidayImport { text: text.into(), dry_run, replace_years: false }
}

const NATIONAL_DAY: &str =
    "# 2027 国庆节（示例）\n2027-10-01..2027-10-03 国庆节\n+2027-10-09 国庆节调休上班\n2027-05-01 劳动节\n";

pub async fn holiday_schedules_import_with_a_dry_run_an_audit_and_their_names(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = app.user(Role::Agent, None).await;
    let calendar = must(admin.list_business_calendars().await).items.remove(0);
    assert!(calendar.holidays.is_empty() && calendar.names.is_empty());

    // An agent may not, not even a dry run.
    assert_problem!(
        agent.import_business_calendar_holidays(calendar.id, &import(NATIONAL_DAY, true)).await,
        403,
        codes::FORBIDDEN
    );

    // The dry run says what would change and changes nothing.
    let preview = must(admin.import_business_calendar_holidays(calendar.id, &import(NATIONAL_DAY, true)).await);
    assert!(preview.dry_run);
    let holidays = [(date(5, 1), "劳动节"), (date(10, 1), "国庆节"), (date(10, 2), "国庆节"), (date(10, 3), "国庆节")];
    assert_eq!(named(&preview.holidays_added), holidays);
    assert_eq!(named(&preview.workdays_added), [(date(10, 9), "国庆节调休上班")]);
    assert!(preview.holidays_removed.is_empty() && preview.workdays_removed.is_empty() && preview.renamed.is_empty());
    assert_eq!(preview.calendar, calendar, "the answer shows the calendar as it still is");
    assert_eq!(must(admin.list_business_calendars().await).items[0], calendar, "nothing saved");
    let audited = || async {
        let query = AuditQuery { entity_id: Some(calendar.id), ..Default::default() };
        must(admin.list_audit_entries(&query).await).items
    };
    assert!(audited().await.is_empty(), "a dry run leaves no audit row");

    // Applied: saved with the names, and audited in the same write.
    let applied = must(admin.import_business_calendar_holidays(calendar.id, &import(NATIONAL_DAY, false)).await);
    assert!(!applied.dry_run);
    assert_eq!(named(&applied.holidays_added), holidays);
    let saved = must(admin.list_business_calendars().await).items.remove(0);
    assert_eq!(saved, applied.calendar);
    assert_eq!(saved.holidays, [date(5, 1), date(10, 1), date(10, 2), date(10, 3)]);
    assert_eq!(saved.workdays, [date(10, 9)]);
    assert_eq!(saved.names.get(&date(10, 9)).map(String::as_str), Some("国庆节调休上班"));
    assert_eq!(saved.names.get(&date(5, 1)).map(String::as_str), Some("劳动节"));
    let entries = audited().await;
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["business_calendar.import_holidays"]);
    assert_eq!(entries[0].changes["workdays_added"][0]["name"], "国庆节调休上班");

    // Importing the same file again changes nothing and writes nothing.
    let again = must(admin.import_business_calendar_holidays(calendar.id, &import(NATIONAL_DAY, false)).await);
    assert!(again.holidays_added.is_empty() && again.workdays_added.is_empty() && again.renamed.is_empty());
    assert_eq!(audited().await.len(), 1);

    // A corrected notice: 10-03 worked instead, 05-01 renamed, the rest of 2027 replaced.
    let corrected = HolidayImport {
        text: "2027-10-01..2027-10-02 国庆节\n+2027-10-03 调休\n2027-05-01 国际劳动节\n".into(),
        dry_run: false,
        replace_years: true,
    };
    let changed = must(admin.import_business_calendar_holidays(calendar.id, &corrected).await);
    assert_eq!(named(&changed.holidays_removed), [(date(10, 3), "国庆节")]);
    assert_eq!(named(&changed.workdays_added), [(date(10, 3), "调休")]);
    assert_eq!(named(&changed.workdays_removed), [(date(10, 9), "国庆节调休上班")]);
    let renamed: Vec<_> = changed.renamed.iter().map(|r| (r.date, r.before.as_str(), r.after.as_str())).collect();
    assert_eq!(renamed, [(date(5, 1), "劳动节", "国际劳动节")]);

    // Names survive a round trip through the calendar editor's save: sent
    // back as read, or left out of an older client's body.
    let read = must(admin.list_business_calendars().await).items.remove(0);
    let input = |names| BusinessCalendarInput {
        name: read.name.clone(),
        time_zone: read.time_zone.clone(),
        week: read.week.clone(),
        holidays: read.holidays.clone(),
        workdays: read.workdays.clone(),
        names,
    };
    assert_eq!(must(admin.replace_business_calendar(read.id, &input(Some(read.names.clone()))).await), read);
    assert_eq!(must(admin.replace_business_calendar(read.id, &input(None)).await), read, "kept when left out");
    let stray = input(Some([(date(12, 25), "圣诞节".to_owned())].into_iter().collect()));
    let error = assert_problem!(admin.replace_business_calendar(read.id, &stray).await, 422, codes::VALIDATION_FAILED);
    let fields: Vec<_> = error.problem().map(|p| p.errors.clone()).unwrap_or_default();
    assert_eq!(fields[0].field, "names[2027-12-25]");
    app.assert_invariants().await;
}

pub async fn a_faulty_schedule_line_is_refused_with_its_number(app: TestApp) {
    let admin = app.admin().await;
    let calendar = must(admin.list_business_calendars().await).items.remove(0);
    let text = "# 2027\n2027-10-01..2027-10-07 国庆节\n\n2027-02-30 无此日\n+2027-10-02 矛盾\n";
    for dry_run in [true, false] {
        let error = assert_problem!(
            admin.import_business_calendar_holidays(calendar.id, &import(text, dry_run)).await,
            422,
            codes::VALIDATION_FAILED
        );
        let errors = error.problem().map(|p| p.errors.clone()).unwrap_or_default();
        let found: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(found, [("lines[4]", field_codes::INVALID_FORMAT), ("lines[5]", field_codes::DUPLICATE)]);
        assert!(errors[0].message.starts_with("line 4: "), "a human reason: {}", errors[0].message);
    }
    assert_eq!(must(admin.list_business_calendars().await).items[0], calendar, "nothing saved");
    let empty = assert_problem!(
        admin.import_business_calendar_holidays(calendar.id, &import("# 只有注释\n", false)).await,
        422,
        codes::VALIDATION_FAILED
    );
    assert_eq!(empty.problem().map(|p| p.errors[0].field.clone()).as_deref(), Some("text"));
    assert_problem!(
        admin.import_business_calendar_holidays(uuid::Uuid::now_v7(), &import(NATIONAL_DAY, true)).await,
        404,
        codes::NOT_FOUND
    );
}

pub async fn simultaneous_imports_into_one_calendar_both_land(app: TestApp) {
    let admin = app.admin().await;
    let calendar = must(admin.list_business_calendars().await).items.remove(0);
    let (spring, autumn) = (import("2027-02-10..2027-02-16 春节\n", false), import(NATIONAL_DAY, false));
    let (a, b) = tokio::join!(
        admin.import_business_calendar_holidays(calendar.id, &spring),
        admin.import_business_calendar_holidays(calendar.id, &autumn)
    );
    must(a);
    must(b);
    let saved = must(admin.list_business_calendars().await).items.remove(0);
    assert_eq!(saved.holidays.len(), 7 + 4, "neither import lost the other's dates");
    assert_eq!(saved.names.get(&date(2, 12)).map(String::as_str), Some("春节"));
    assert_eq!(saved.names.get(&date(10, 9)).map(String::as_str), Some("国庆节调休上班"));
}

on_both_databases!(
    holiday_schedules_import_with_a_dry_run_an_audit_and_their_names,
    a_faulty_schedule_line_is_refused_with_its_number,
    simultaneous_imports_into_one_calendar_both_land,
);
