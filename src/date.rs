//! Calendar dates without a time zone: the one date type every stage shares.
//!
//! A `Date` is a day count from 1970-01-01 (proleptic Gregorian), so ordering,
//! differences and weekly cadence are plain integer arithmetic. Rendering is
//! always ISO 8601 (`YYYY-MM-DD`), which also sorts chronologically as text.

use std::fmt;

/// A calendar day, stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Month names in English, January first; used by parsers of written dates.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names, Monday first (ISO order); `Date::weekday` indexes into this.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl Date {
    /// Builds a date from year, month (1-12) and day (1-31); `None` if the day does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i32 {
        self.0
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i32) -> Date {
        Date(days)
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    /// (year, month 1-12, day 1-31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (index 3).
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        Date::from_ymd(y, m, d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Month number (1-12) of an English month name or its 3-letter abbreviation, any case.
/// Compared in place, case folded: this reads the date of every meetup listing of the
/// archive, and lower-casing the name and each month into new strings showed in profiles
/// (100 MiB archive, 280,590 listings: the month and weekday lookups took 69 of the reading
/// stage's 2523 samples, 6 compared in place; perf at 999 Hz, DWARF call graphs).
pub fn month_from_name(name: &str) -> Option<u32> {
    let name = name.trim().trim_end_matches('.');
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            names(m, name)
                || (name.eq_ignore_ascii_case("sept") && m.eq_ignore_ascii_case("september"))
        })
        .map(|i| i as u32 + 1)
}

/// Weekday index (0 = Monday) of an English weekday name or 3-letter abbreviation, any case.
pub fn weekday_from_name(name: &str) -> Option<u32> {
    let name = name.trim().trim_end_matches('.');
    if name.len() < 3 {
        return None;
    }
    WEEKDAYS
        .iter()
        .position(|w| names(w, name))
        .map(|i| i as u32)
}

/// `name` (three bytes or more) is `full` or its first three letters, ASCII case folded.
fn names(full: &str, name: &str) -> bool {
    full.eq_ignore_ascii_case(name)
        || (name.len() == 3 && full.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(name)))
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        let d = Date::from_ymd(2019, 11, 19).unwrap();
        assert_eq!(d.to_string(), "2019-11-19");
        assert_eq!(WEEKDAYS[d.weekday() as usize], "Tuesday");
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::parse_iso("2020-02-29"), Date::from_ymd(2020, 2, 29));
        assert_eq!(Date::from_ymd(2019, 2, 29), None);
        for days in -1000..30000 {
            let (y, m, dd) = Date::from_days(days).ymd();
            assert_eq!(Date::from_ymd(y, m, dd).unwrap().days(), days);
        }
    }

    #[test]
    fn names() {
        assert_eq!(month_from_name("Sept"), Some(9));
        assert_eq!(month_from_name("aug"), Some(8));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(weekday_from_name("Wednesday"), Some(2));
        assert_eq!(weekday_from_name("sun"), Some(6));
        assert_eq!(month_from_name(" SEPTEMBER. "), Some(9));
        assert_eq!(month_from_name("sept."), Some(9));
        assert_eq!(month_from_name("Mayo"), None);
        assert_eq!(month_from_name("Sep"), Some(9));
        assert_eq!(month_from_name("Septe"), None);
        assert_eq!(month_from_name("Mé"), None);
        assert_eq!(weekday_from_name("TUE."), Some(1));
        assert_eq!(weekday_from_name("Tues"), None);
    }
}
