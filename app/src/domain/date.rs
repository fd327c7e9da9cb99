//! Dates as people read them, the same on the server and in the browser.

use crate::i18n::Locale;

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

/// "23 November 2026" / "23 Tachwedd 2026".
pub fn format_date(unix_secs: i64, locale: Locale) -> String {
    let (year, month, day) = civil_date(unix_secs);
    let key = format!("month.{month}");
    let month_name = rust_i18n::t!(&key, locale = locale.code());
    format!("{day} {month_name} {year}")
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
    fn dates_are_written_in_the_page_language() {
        assert_eq!(format_date(1_795_392_000, Locale::En), "23 November 2026");
        assert_eq!(format_date(1_795_392_000, Locale::Cy), "23 Tachwedd 2026");
    }
}
