//! When the daily work runs: the settings' local time, in the zone they pin
//! or else the default business calendar's.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use kehu_domain::sla::parse_time;
use kehu_store::entities::business_calendar;
use kehu_types::{DailyJobSettings, field_codes};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::http::error::{ApiError, ApiResult};
use crate::platform::settings;

/// The zone used when nothing names one: no zone pinned and no business
/// calendar at all. It is the standard calendar's zone.
const FALLBACK_ZONE: Tz = chrono_tz::Asia::Shanghai;

/// The default business calendar: the first one created, which is the
/// standard calendar installed with the database (calendars are never
/// deleted). Its zone is the business's zone for work that belongs to no
/// ticket, such as the daily job. `None` only on a database without any.
pub async fn default_calendar(conn: &impl ConnectionTrait) -> ApiResult<Option<business_calendar::Model>> {
    Ok(business_calendar::Entity::find()
        .order_by_asc(business_calendar::Column::CreatedAt)
        .order_by_asc(business_calendar::Column::Id)
        .one(conn)
        .await?)
}

/// The zone of the default business calendar, if one exists and its zone is known.
async fn calendar_zone(conn: &impl ConnectionTrait) -> ApiResult<Option<String>> {
    Ok(default_calendar(conn).await?.map(|row| row.time_zone).filter(|zone| zone.parse::<Tz>().is_ok()))
}

/// The settings as answered (the zone in use filled in, and whether it is
/// the calendar's), with their version.
pub async fn load(conn: &impl ConnectionTrait) -> ApiResult<(DailyJobSettings, i64)> {
    let (mut stored, version) = settings::load::<DailyJobSettings>(conn).await?;
    if stored.time_zone.is_none() {
        let zone = calendar_zone(conn).await?.unwrap_or_else(|| FALLBACK_ZONE.name().to_owned());
        stored.time_zone = Some(zone);
        stored.follows_calendar = true;
    } else {
        stored.follows_calendar = false;
    }
    Ok((stored, version))
}

/// Settings as they are stored: a pinned zone, or none (follow the default
/// calendar). Refuses `follows_calendar` with a zone other than the calendar's.
pub async fn to_store(conn: &impl ConnectionTrait, input: &DailyJobSettings) -> ApiResult<DailyJobSettings> {
    let run_at = input.run_at.trim().to_owned();
    let zone = input.time_zone.as_deref().map(str::trim).filter(|zone| !zone.is_empty());
    let pinned = match (input.follows_calendar, zone) {
        (_, None) => None,
        (false, Some(zone)) => Some(zone.to_owned()),
        (true, Some(zone)) => {
            if calendar_zone(conn).await?.as_deref() != Some(zone) {
                return Err(ApiError::field(
                    "time_zone",
                    field_codes::INVALID_FORMAT,
                    "follows_calendar is true: leave the zone out, or set follows_calendar to false to pin it",
                ));
            }
            None
        }
    };
    let follows_calendar = pinned.is_none();
    Ok(DailyJobSettings { run_at, time_zone: pinned, follows_calendar })
}

/// The next daily run after `at`: `settings.run_at` in `settings.time_zone`
/// (as `load` answers them; no zone reads as Asia/Shanghai), on the first day
/// it is still ahead. A local time that a daylight-saving change skips runs
/// at the first instant after it; one that happens twice runs the first time.
pub fn next_daily_run(at: DateTime<Utc>, settings: &DailyJobSettings) -> DateTime<Utc> {
    let zone: Tz = settings.time_zone.as_deref().and_then(|zone| zone.parse().ok()).unwrap_or(FALLBACK_ZONE);
    let time = parse_time(&settings.run_at).unwrap_or(NaiveTime::MIN);
    let today = at.with_timezone(&zone).date_naive();
    (0..3)
        .filter_map(|n| today.checked_add_signed(Duration::days(n)))
        .filter_map(|day| local_instant(&zone, day.and_time(time)))
        .find(|run| *run > at)
        .unwrap_or(at + Duration::days(1))
}

fn local_instant(zone: &Tz, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
    (0..8).find_map(|quarter| {
        zone.from_local_datetime(&(local + Duration::minutes(15 * quarter))).earliest().map(|at| at.to_utc())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap_or_default()
    }

    fn at(run_at: &str, zone: Option<&str>) -> DailyJobSettings {
        DailyJobSettings { run_at: run_at.into(), time_zone: zone.map(str::to_owned), follows_calendar: false }
    }

    #[test]
    fn the_daily_run_is_the_configured_local_time() {
        let shanghai = at("03:00", Some("Asia/Shanghai"));
        // 03:00 in Shanghai is 19:00 UTC the day before.
        assert_eq!(next_daily_run(utc(2026, 12, 6, 12, 0), &shanghai), utc(2026, 12, 6, 19, 0));
        assert_eq!(next_daily_run(utc(2026, 12, 6, 19, 0), &shanghai), utc(2026, 12, 7, 19, 0), "strictly after");
        assert_eq!(next_daily_run(utc(2026, 12, 6, 12, 0), &at("03:00", None)), utc(2026, 12, 6, 19, 0));
        let berlin = at("02:30", Some("Europe/Berlin"));
        // Winter: UTC+1; summer: UTC+2; 29 March 2026 has no 02:30 at all.
        assert_eq!(next_daily_run(utc(2026, 12, 6, 12, 0), &berlin), utc(2026, 12, 7, 1, 30));
        assert_eq!(next_daily_run(utc(2026, 7, 1, 12, 0), &berlin), utc(2026, 7, 2, 0, 30));
        assert_eq!(
            next_daily_run(utc(2026, 3, 28, 12, 0), &berlin),
            utc(2026, 3, 29, 1, 0),
            "skipped: the first instant after"
        );
    }
}
