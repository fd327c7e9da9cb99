//! Dates as people read them, the same on the server and in the browser.

use crate::error::FieldError;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

const SECS_PER_DAY: i64 = 86_400;

/// `(year, month 1-12, day)` of a Unix time, in UTC (Howard Hinnant's civil-from-days).
pub fn civil_date(unix_secs: i64) -> (i64, u32, u32) {
    let z = unix_secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a calendar date (the inverse of [`civil_date`]).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "23 November 2026" / "23 Tachwedd 2026".
pub fn format_date(unix_secs: i64, locale: Locale) -> String {
    let (year, month, day) = civil_date(unix_secs);
    let key = format!("month.{month}");
    let month_name = rust_i18n::t!(&key, locale = locale.code());
    format!("{day} {month_name} {year}")
}

/// "14:02", UTC like every time the app shows.
pub fn format_time(unix_secs: i64) -> String {
    let secs = unix_secs.rem_euclid(86_400);
    format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

/// A calendar day (a due date, a review date), as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day(i64);

impl Day {
    /// The day a Unix time falls on.
    pub fn of(unix_secs: i64) -> Self {
        Self(unix_secs.div_euclid(SECS_PER_DAY))
    }

    pub fn from_days(days: i64) -> Self {
        Self(days)
    }

    pub fn days(self) -> i64 {
        self.0
    }

    /// Parses `YYYY-MM-DD`, what a date input sends. Years outside 2000-2200 are refused: they
    /// are typing slips, not plans.
    pub fn parse_iso(field: &str, raw: &str) -> Result<Self, FieldError> {
        let bad = || FieldError::new(field, "error.date_invalid");
        let parts: Vec<&str> = raw.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else { return Err(bad()) };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day): (i64, u32, u32) =
            (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        if !(2000..=2200).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return Err(bad());
        }
        let days = days_from_civil(year, month, day);
        // A day past the month's end comes back as another date.
        if civil_date(days * SECS_PER_DAY) != (year, month, day) {
            return Err(bad());
        }
        Ok(Self(days))
    }

    /// An optional date that must not be before `today`: empty input is `None`.
    pub fn parse_future(field: &str, raw: &str, today: Day) -> Result<Option<Self>, FieldError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let day = Self::parse_iso(field, raw)?;
        if day < today {
            return Err(FieldError::new(field, "error.date_past"));
        }
        Ok(Some(day))
    }

    /// `YYYY-MM-DD`, for a date input's value.
    pub fn iso(self) -> String {
        let (year, month, day) = civil_date(self.0 * SECS_PER_DAY);
        format!("{year:04}-{month:02}-{day:02}")
    }

    pub fn format(self, locale: Locale) -> String {
        format_date(self.0 * SECS_PER_DAY, locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_known_days() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(951_782_400), (2000, 2, 29));
        assert_eq!(civil_date(1_795_392_000), (2026, 11, 23));
        assert_eq!(civil_date(-86_400), (1969, 12, 31));
    }

    #[test]
    fn iso_days_round_trip_and_impossible_dates_are_refused() {
        for raw in ["2026-11-23", "2028-02-29", "2000-01-01", "2199-12-31"] {
            assert_eq!(Day::parse_iso("due", raw).unwrap().iso(), raw);
        }
        assert_eq!(Day::parse_iso("due", "2026-11-23").unwrap(), Day::of(1_795_392_000));
        for raw in ["2026-02-29", "2026-13-01", "2026-00-10", "26-11-23", "1999-12-31", "tomorrow", "", "2026-1-5"] {
            assert_eq!(Day::parse_iso("due", raw).unwrap_err().key, "error.date_invalid", "{raw}");
        }
    }

    #[test]
    fn a_future_date_may_be_today_but_not_yesterday() {
        let today = Day::parse_iso("d", "2026-11-23").unwrap();
        assert_eq!(Day::parse_future("d", "2026-11-23", today).unwrap(), Some(today));
        assert_eq!(Day::parse_future("d", " ", today).unwrap(), None);
        assert_eq!(Day::parse_future("d", "2026-11-22", today).unwrap_err().key, "error.date_past");
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert_eq!(format_time(1_795_392_000 + 14 * 3600 + 2 * 60 + 59), "14:02");
        assert_eq!(format_time(0), "00:00");
    }

    #[test]
    fn dates_are_written_in_the_page_language() {
        assert_eq!(format_date(1_795_392_000, Locale::En), "23 November 2026");
        assert_eq!(format_date(1_795_392_000, Locale::Cy), "23 Tachwedd 2026");
        // Polish names the month in the genitive after a day.
        assert_eq!(format_date(1_795_392_000, Locale::Pl), "23 listopada 2026");
        assert_eq!(format_date(1_795_392_000, Locale::Ur), "23 نومبر 2026");
    }
}
