//! The reader's time zone: the one chosen in their settings, else the
//! browser's. Dates and times are shown in it and "today" is its date.
//!
//! The browser's `Intl.DateTimeFormat` does the zone arithmetic, so the app
//! carries no time-zone database of its own (chrono-tz would add hundreds of
//! kilobytes to the download). Every call into it is fallible, so a zone the
//! browser does not know falls back to the browser's own instead of failing.

use std::cell::RefCell;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

pub use wall::Local;

/// The wall-clock reading, apart from the zone arithmetic that produces it
/// (`browser`), which both this module and that one use.
mod wall {
    use chrono::{NaiveDate, NaiveDateTime};

    /// A moment's wall-clock reading in the reader's zone.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Local {
        pub year: i32,
        pub month: u32,
        pub day: u32,
        pub hour: u32,
        pub minute: u32,
    }

    impl Local {
        pub fn date(self) -> Option<NaiveDate> {
            NaiveDate::from_ymd_opt(self.year, self.month, self.day)
        }

        pub(super) fn naive(self) -> Option<NaiveDateTime> {
            self.date()?.and_hms_opt(self.hour, self.minute, 0)
        }
    }
}

thread_local! {
    /// The zone chosen in the user's settings; `None` follows the browser.
    static CHOSEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Follow `zone` from now on (`None`: the browser's).
pub fn choose(zone: Option<String>) {
    CHOSEN.with(|chosen| *chosen.borrow_mut() = zone.filter(|z| !z.is_empty()));
}

/// The zone chosen in the settings, if any.
pub fn chosen() -> Option<String> {
    CHOSEN.with(|chosen| chosen.borrow().clone())
}

/// `at` as read on a clock in the reader's zone.
pub fn local(at: DateTime<Utc>) -> Local {
    chosen().and_then(|zone| browser::parts(at, Some(&zone))).or_else(|| browser::parts(at, None)).unwrap_or_else(
        || {
            let at = at.with_timezone(&chrono::Local);
            Local { year: at.year(), month: at.month(), day: at.day(), hour: at.hour(), minute: at.minute() }
        },
    )
}

/// `at` as read on a clock in `zone` (an IANA name such as a calendar's);
/// the reader's zone when the browser does not know it.
pub fn local_in(at: DateTime<Utc>, zone: &str) -> Local {
    browser::parts(at, Some(zone)).unwrap_or_else(|| local(at))
}

/// The zone times are shown in: the one chosen in the settings, else the
/// browser's.
pub fn reader_zone() -> Option<String> {
    chosen().or_else(browser_zone)
}

/// Today's date in the reader's zone.
pub fn today() -> NaiveDate {
    local(Utc::now()).date().unwrap_or_else(|| Utc::now().date_naive())
}

/// The instant a wall-clock time in the reader's zone names (a time typed
/// into a `datetime-local` field). Two rounds find the zone's offset at that
/// instant, daylight-saving changes included.
pub fn from_local(wall: NaiveDateTime) -> Option<DateTime<Utc>> {
    from_wall(wall, local)
}

/// The instant a wall-clock time in `zone` names (see `from_local`).
pub fn from_local_in(wall: NaiveDateTime, zone: &str) -> Option<DateTime<Utc>> {
    from_wall(wall, |at| local_in(at, zone))
}

fn from_wall(wall: NaiveDateTime, read: impl Fn(DateTime<Utc>) -> Local) -> Option<DateTime<Utc>> {
    let mut guess = wall.and_utc();
    for _ in 0..2 {
        let offset = read(guess).naive()? - guess.naive_utc();
        guess = (wall - offset).and_utc();
    }
    Some(guess)
}

/// The browser's own zone, e.g. `Asia/Shanghai`.
pub fn browser_zone() -> Option<String> {
    browser::zone()
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use chrono::{DateTime, Utc};
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    use super::wall::Local;

    fn formatter(options: &Object) -> Option<JsValue> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
        let args = Array::of2(&"en-US".into(), options);
        Reflect::construct(&constructor, &args).ok()
    }

    fn call(target: &JsValue, method: &str, arg: Option<&JsValue>) -> Option<JsValue> {
        let function: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
        match arg {
            Some(arg) => function.call1(target, arg).ok(),
            None => function.call0(target).ok(),
        }
    }

    pub fn parts(at: DateTime<Utc>, zone: Option<&str>) -> Option<Local> {
        let options = Object::new();
        for (key, value) in [
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "numeric"),
            ("hourCycle", "h23"),
        ] {
            Reflect::set(&options, &key.into(), &value.into()).ok()?;
        }
        if let Some(zone) = zone {
            Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
        }
        let format = formatter(&options)?;
        let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
        let list: Array = call(&format, "formatToParts", Some(&date))?.dyn_into().ok()?;
        let mut found = Local { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
        for part in list.iter() {
            let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
            let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
            let number = || value.parse::<u32>().ok();
            match kind.as_str() {
                "year" => found.year = value.parse().ok()?,
                "month" => found.month = number()?,
                "day" => found.day = number()?,
                // Some engines say 24 for midnight even with h23.
                "hour" => found.hour = number()? % 24,
                "minute" => found.minute = number()?,
                _ => {}
            }
        }
        (found.year != 0).then_some(found)
    }

    pub fn zone() -> Option<String> {
        let format = formatter(&Object::new())?;
        let resolved = call(&format, "resolvedOptions", None)?;
        Reflect::get(&resolved, &"timeZone".into()).ok()?.as_string()
    }
}

/// Off the browser (the host's unit tests) there is no `Intl`: the host's
/// local time stands in.
#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use chrono::{DateTime, Utc};

    use super::wall::Local;

    pub fn parts(_: DateTime<Utc>, _: Option<&str>) -> Option<Local> {
        None
    }

    pub fn zone() -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_wall_time_round_trips_through_the_readers_zone() {
        let wall = NaiveDate::from_ymd_opt(2027, 9, 30).and_then(|d| d.and_hms_opt(17, 0, 0)).unwrap_or_default();
        let at = from_local(wall).unwrap_or_default();
        let back = local(at);
        assert_eq!((back.year, back.month, back.day, back.hour, back.minute), (2027, 9, 30, 17, 0));
        let noon = Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).single().unwrap_or_default();
        assert!(local(noon).date().is_some());
    }
}
