//! Dates written as numbers, as structured records and research collections give them:
//! compact calendar days (`20260105`, and TREC's six-digit `870226`) and Unix timestamps in
//! seconds or milliseconds.
//!
//! A number cannot say which unit it is in, so its magnitude decides:
//!
//! | magnitude              | read as                                        |
//! |------------------------|------------------------------------------------|
//! | 8 digits `YYYYMMDD`    | that calendar day, when it is one              |
//! | 6 digits `YYMMDD`      | that calendar day, when it is one              |
//! | below 10^7             | no date: a year, a code or a count, not a time |
//! | 10^7 up to 10^11       | seconds since 1970-01-01T00:00:00Z             |
//! | 10^11 up to 10^14      | milliseconds since the same instant            |
//! | 10^14 and above        | no date                                        |
//!
//! Seconds of any date up to the year 2200 stay below 10^11, and milliseconds of any date
//! after March 1973 are above it, so the two ranges do not meet for news. Negative timestamps
//! (before 1970) follow the same rule by their absolute value. Two-digit years are read as
//! POSIX `%y` reads them: 69–99 are 1969–1999, 00–68 are 2000–2068. Fractions of a second are
//! dropped, and every result must fall in the years news dates may have (1800–2200).

use time::{OffsetDateTime, UtcOffset};

use super::{ymd, NewsDate, YEARS};

/// Magnitudes below this are not timestamps.
const MIN_TIMESTAMP: f64 = 1e7;
/// Magnitudes from here on are milliseconds.
const MIN_MILLISECONDS: f64 = 1e11;
/// Magnitudes from here on are not timestamps.
const MAX_MILLISECONDS: f64 = 1e14;

impl NewsDate {
    /// A date written as a number (see the [module documentation](self)): a compact day
    /// (`20260105`, `870226`) or a Unix timestamp in seconds or milliseconds (`1767607200`,
    /// `1767607200000`, `1767607200.5`). Surrounding whitespace is ignored; anything that is not
    /// a plain decimal number gives `None`.
    pub fn from_number(text: &str) -> Option<NewsDate> {
        let text = text.trim();
        NewsDate::from_compact(text).or_else(|| timestamp(decimal(text)?))
    }

    /// A calendar day written as `YYYYMMDD` or `YYMMDD` (as TREC collections date their
    /// documents): exactly 8 or 6 ASCII digits that make a real day.
    pub fn from_compact(digits: &str) -> Option<NewsDate> {
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number = |range: std::ops::Range<usize>| digits.get(range)?.parse::<u32>().ok();
        let (year, rest) = match digits.len() {
            8 => (number(0..4)?, 4),
            6 => (two_digit_year(number(0..2)?), 2),
            _ => return None,
        };
        let date = ymd(year, number(rest..rest + 2)?, number(rest + 2..rest + 4)?)?;
        Some(NewsDate::Day(date))
    }
}

/// `%y`: 69–99 are the 1900s, 00–68 the 2000s.
fn two_digit_year(yy: u32) -> u32 {
    if yy >= 69 {
        1900 + yy
    } else {
        2000 + yy
    }
}

/// The value of a plain decimal number: an optional minus, digits, an optional fraction and an
/// optional exponent (`1.7676e9`, as JSON writers may give large numbers).
fn decimal(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let plain = unsigned.starts_with(|c: char| c.is_ascii_digit())
        && unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !plain {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A Unix timestamp, its unit told by its magnitude.
fn timestamp(value: f64) -> Option<NewsDate> {
    let magnitude = value.abs();
    let seconds = if !(MIN_TIMESTAMP..MAX_MILLISECONDS).contains(&magnitude) {
        return None;
    } else if magnitude < MIN_MILLISECONDS {
        value
    } else {
        value / 1000.0
    };
    // Within ±10^11, so the conversion neither saturates nor loses whole seconds.
    let at = OffsetDateTime::from_unix_timestamp(seconds.floor() as i64).ok()?;
    let at = at.to_offset(UtcOffset::UTC);
    YEARS.contains(&at.year()).then_some(NewsDate::Instant(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn iso(text: &str) -> Option<String> {
        NewsDate::from_number(text).map(|d| d.to_iso())
    }

    #[test]
    fn seconds_and_milliseconds_are_told_apart_by_magnitude() {
        assert_eq!(iso("1767607200").as_deref(), Some("2026-01-05T10:00:00Z"));
        assert_eq!(
            iso("1767607200000").as_deref(),
            Some("2026-01-05T10:00:00Z")
        );
        assert_eq!(
            iso("1767607200.75").as_deref(),
            Some("2026-01-05T10:00:00Z")
        );
        assert_eq!(
            iso("1767607200123").as_deref(),
            Some("2026-01-05T10:00:00Z")
        );
        assert_eq!(iso("1.7676072e9").as_deref(), Some("2026-01-05T10:00:00Z"));
        assert_eq!(iso("541350061").as_deref(), Some("1987-02-26T15:01:01Z"));
        assert_eq!(iso("-86400").as_deref(), None, "below 10^7: not a time");
        assert_eq!(iso("-100000000").as_deref(), Some("1966-10-31T14:13:20Z"));
        assert_eq!(
            iso(" 1767607200\n").as_deref(),
            Some("2026-01-05T10:00:00Z")
        );
    }

    #[test]
    fn compact_days_come_before_timestamps() {
        assert_eq!(iso("20260105").as_deref(), Some("2026-01-05"));
        assert_eq!(iso("870226").as_deref(), Some("1987-02-26"));
        assert_eq!(iso("010105").as_deref(), Some("2001-01-05"));
        assert_eq!(
            NewsDate::from_compact("19870226"),
            Some(NewsDate::Day(date!(1987 - 02 - 26)))
        );
        assert_eq!(
            NewsDate::from_compact("690101"),
            Some(NewsDate::Day(date!(1969 - 01 - 01)))
        );
        assert_eq!(
            NewsDate::from_compact("681231"),
            Some(NewsDate::Day(date!(2068 - 12 - 31)))
        );
        // Eight digits that are no calendar day are seconds of 1970-1973.
        assert_eq!(iso("20261399").as_deref(), Some("1970-08-23T12:09:59Z"));
    }

    #[test]
    fn what_is_not_a_number_date() {
        for text in [
            "",
            "-",
            ".",
            "2026",
            "99999",
            "1e3",
            "870231",
            "871326",
            "1e14",
            "1e20",
            "NaN",
            "inf",
            "+1767607200",
            "1767607200Z",
            "0x10",
            "2026-01-05",
            "17676 07200",
            "12345678901234567890123",
            "٣٤٥٦٧٨٩٠١٢",
            "-1e100",
        ] {
            assert_eq!(iso(text), None, "{text:?}");
        }
        for text in ["1987022", "8702261", "87022", "abcdef", "87-02-26"] {
            assert_eq!(NewsDate::from_compact(text), None, "{text:?}");
        }
    }

    #[test]
    fn results_stay_in_the_years_of_news() {
        assert_eq!(iso("7258118400"), Some("2200-01-01T00:00:00Z".into()));
        assert_eq!(iso("7289654400"), None, "2201");
        assert_eq!(iso("-5364662400"), Some("1800-01-01T00:00:00Z".into()));
        assert_eq!(iso("-5364662401"), None, "1799");
        assert_eq!(iso("99999999999999"), None, "ms of the year 5138");
        assert_eq!(iso("99999999999"), None, "seconds of the year 5138");
    }

    proptest! {
        #[test]
        fn any_text_is_safe(text in "\\PC{0,24}") {
            let _ = NewsDate::from_number(&text);
            let _ = NewsDate::from_compact(&text);
        }

        #[test]
        fn any_number_is_safe(n: i64, f: f64) {
            let _ = NewsDate::from_number(&n.to_string());
            let _ = NewsDate::from_number(&f.to_string());
        }

        #[test]
        fn seconds_and_milliseconds_of_one_instant_agree(
            seconds in 100_000_000i64..7_258_118_400,
            millis in 0i64..1000,
        ) {
            let at = NewsDate::Instant(OffsetDateTime::from_unix_timestamp(seconds).unwrap());
            prop_assert_eq!(NewsDate::from_number(&seconds.to_string()), Some(at));
            let ms = (seconds * 1000 + millis).to_string();
            prop_assert_eq!(NewsDate::from_number(&ms), Some(at));
        }

        #[test]
        fn compact_days_round_trip(days in 0i64..146_000) {
            let day = date!(1800 - 01 - 01) + time::Duration::days(days);
            prop_assume!(day.year() <= 2200);
            let yyyymmdd = format!("{:04}{:02}{:02}", day.year(), u8::from(day.month()), day.day());
            prop_assert_eq!(NewsDate::from_compact(&yyyymmdd), Some(NewsDate::Day(day)));
            let yymmdd = &yyyymmdd[2..];
            let read = NewsDate::from_compact(yymmdd).map(|d| d.day());
            let century_read = (1969..=2068).contains(&day.year());
            prop_assert_eq!(read == Some(day), century_read);
        }
    }
}
