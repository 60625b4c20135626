//! Publication dates as news sources write them.
//!
//! A [`NewsDate`] keeps the precision its source states: a bare calendar day stays a
//! [`NewsDate::Day`] and is never shifted by a time zone, while a date with a time of day
//! becomes a [`NewsDate::Instant`] normalised to UTC.
//!
//! Accepted forms (month and weekday names case-insensitive, in full or abbreviated to at
//! least three letters with an optional dot, so `Sept.` works):
//!
//! - RFC 3339 / ISO 8601: `2026-01-05T10:00:00Z`, `2026-01-05T10:00:00+04:00`,
//!   `2026-01-05T10:00:00.123Z`, `2026-01-05T10:00Z`, `2026-01-05 10:00:00`;
//!   plain days `2026-01-05` and `2026/01/05`.
//! - RFC 2822: `Mon, 05 Jan 2026 10:00:00 GMT`, `5 Jan 2026 10:00:00 +0000`.
//! - Written dates: `January 5, 2026`, `Jan. 5 2026`, `January 5th, 2026`, `5 January 2026`,
//!   `5th Jan. 2026`, with an optional leading weekday and an optional time afterwards
//!   (`5 January 2026 10:00 GMT`, `January 5, 2026 at 3:45 pm ET`, `January 5, 2026, 10:00 UTC`).
//! - Reuters-21578: `26-FEB-1987 15:01:01.79`.
//! - All-numeric `05/01/2026`, `5.1.2026`, `05-01-2026`, read with the caller's [`DateOrder`].
//!   An explicit order is applied strictly; with [`DateOrder::Unknown`] a date is accepted only
//!   when it reads the same either way or one component is above 12.
//!
//! Time zones: `Z`, `UT`, `UTC`, `GMT`, the US zones `EST`/`EDT`, `CST`/`CDT`, `MST`/`MDT`,
//! `PST`/`PDT`, and numeric `±hhmm` / `±hh:mm`. The generic US zones `ET`, `CT`, `MT` and `PT`
//! are approximated by their standard-time offsets (`ET` = America/New_York as `-05:00`), as no
//! daylight-saving rules are applied. A time with no zone is taken as UTC. Fractional seconds
//! are dropped, a leap second (`:60`) is read as `:59`, and a leading weekday is skipped without
//! being checked against the date. Years must lie in 1800..=2200 (for instants, also after
//! conversion to UTC).
//!
//! Dates written as numbers (Unix timestamps, `20260105`, TREC's `870226`) are read by
//! [`NewsDate::from_number`] and [`NewsDate::from_compact`], never by [`NewsDate::parse`], since a
//! number in running text is rarely a date.
//!
//! Parsing works on tokens (digit runs, letter runs, single symbols), never on byte offsets, so
//! it cannot panic on arbitrary text.

mod number;

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use serde::{Serialize, Serializer};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Years a news date may fall in.
const YEARS: RangeInclusive<i32> = 1800..=2200;
/// Longer lines are never treated as datelines.
const MAX_LINE_CHARS: usize = 80;
/// Characters a dateline may hold besides its label, date, time and separators.
const MAX_LEFTOVER_CHARS: usize = 3;

#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];
#[rustfmt::skip]
const WEEKDAYS: [&str; 7] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];
/// Zone abbreviations and their offsets in hours.
#[rustfmt::skip]
const ZONES: [(&str, i8); 16] = [
    ("z", 0), ("ut", 0), ("utc", 0), ("gmt", 0),
    ("est", -5), ("edt", -4), ("cst", -6), ("cdt", -5),
    ("mst", -7), ("mdt", -6), ("pst", -8), ("pdt", -7),
    ("et", -5), ("ct", -6), ("mt", -7), ("pt", -8),
];

/// A publication date as precise as the source states it.
///
/// The derived ordering compares the variant first (every `Day` sorts before every `Instant`);
/// sort by [`NewsDate::unix_seconds`] for chronological order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NewsDate {
    /// A calendar day with no time of day; never shifted by a time zone.
    Day(Date),
    /// An instant, normalised to UTC.
    Instant(OffsetDateTime),
}

/// How to read ambiguous all-numeric dates such as `05/01/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// The convention is not known: only unambiguous numeric dates are accepted.
    #[default]
    Unknown,
    /// `05/01/2026` is 5 January 2026.
    DayMonthYear,
    /// `05/01/2026` is 1 May 2026.
    MonthDayYear,
}

impl NewsDate {
    /// Parses a string that is a date (surrounding whitespace ignored).
    pub fn parse(text: &str, order: DateOrder) -> Option<NewsDate> {
        let toks = tokenize(text);
        let mut c = Cursor::at(&toks, 0);
        news_date(&mut c, order).filter(|_| c.pos == toks.len())
    }

    /// Finds a date in a short dateline such as `Published: 5 January 2026, 10:00 GMT`,
    /// `Updated Jan. 5, 2026`, `Date: 2026-01-14`, `Monday 5 January 2026`, or a line that is
    /// only a date.
    ///
    /// Returns `None` for ordinary sentences that merely contain a date: after removing an
    /// optional leading label (`published`, `updated`, `posted`, `date`, `first published`,
    /// `last updated`, case-insensitive, with an optional colon or dash), the date with its
    /// optional weekday, time and zone, and separators such as `|`, `—` and `,`, at most three
    /// characters (such as `on` or brackets) may remain. Lines longer than 80 characters never
    /// qualify.
    pub fn find_in_line(line: &str, order: DateOrder) -> Option<NewsDate> {
        if line.chars().count() > MAX_LINE_CHARS {
            return None;
        }
        let toks = tokenize(line);
        let mut c = Cursor::at(&toks, 0);
        c.attempt(label);
        let start = c.pos;
        (start..toks.len()).find_map(|pos| {
            let mut c = Cursor::at(&toks, pos);
            let date = news_date(&mut c, order)?;
            let leftover: usize = toks[start..pos]
                .iter()
                .chain(&toks[c.pos..])
                .map(Tok::weight)
                .sum();
            (leftover <= MAX_LEFTOVER_CHARS).then_some(date)
        })
    }

    /// ISO 8601: `2026-01-05` for a day, `2026-01-05T10:00:00Z` for an instant (seconds
    /// precision; fractional seconds are left out).
    pub fn to_iso(&self) -> String {
        match self {
            NewsDate::Day(date) => iso_day(*date),
            NewsDate::Instant(at) => {
                let at = at.to_offset(UtcOffset::UTC);
                format!(
                    "{}T{:02}:{:02}:{:02}Z",
                    iso_day(at.date()),
                    at.hour(),
                    at.minute(),
                    at.second()
                )
            }
        }
    }

    /// Seconds since the Unix epoch (a day counts from its midnight UTC), for filtering and
    /// bucketing.
    pub fn unix_seconds(&self) -> i64 {
        match self {
            NewsDate::Day(date) => date.midnight().assume_utc().unix_timestamp(),
            NewsDate::Instant(at) => at.unix_timestamp(),
        }
    }

    /// The calendar day (UTC for instants).
    pub fn day(&self) -> Date {
        match self {
            NewsDate::Day(date) => *date,
            NewsDate::Instant(at) => at.to_offset(UtcOffset::UTC).date(),
        }
    }
}

/// The error returned when text is not a recognised date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseNewsDateError {
    text: String,
}

impl fmt::Display for ParseNewsDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a recognised date", self.text)
    }
}

impl std::error::Error for ParseNewsDateError {}

/// Accepts what [`NewsDate::to_iso`] writes and anything [`NewsDate::parse`] accepts with
/// [`DateOrder::Unknown`].
impl FromStr for NewsDate {
    type Err = ParseNewsDateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        NewsDate::parse(text, DateOrder::Unknown).ok_or_else(|| ParseNewsDateError {
            text: text.to_owned(),
        })
    }
}

/// Writes [`NewsDate::to_iso`].
impl fmt::Display for NewsDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// Serialises as the [`NewsDate::to_iso`] string.
impl Serialize for NewsDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A day as ISO 8601 (`2026-01-05`), years padded to four digits.
pub fn iso_day(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A piece of input: a run of ASCII digits, a lowercased run of letters, or any other
/// non-space character.
#[derive(Debug)]
enum Tok {
    Num { value: u32, len: usize },
    Word(String),
    Sym(char),
}

impl Tok {
    /// How many characters this token counts for when judging a dateline's leftovers.
    fn weight(&self) -> usize {
        match self {
            Tok::Num { len, .. } => *len,
            Tok::Word(word) => word.chars().count(),
            Tok::Sym(c) => usize::from(!is_separator(*c)),
        }
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(digit) = c.to_digit(10) {
            let (mut value, mut len) = (digit, 1);
            while let Some(digit) = chars.peek().and_then(|c| c.to_digit(10)) {
                chars.next();
                value = value.saturating_mul(10).saturating_add(digit);
                len += 1;
            }
            toks.push(Tok::Num { value, len });
        } else if c.is_alphabetic() {
            let mut word: String = c.to_lowercase().collect();
            while let Some(c) = chars.next_if(|c| c.is_alphabetic()) {
                word.extend(c.to_lowercase());
            }
            toks.push(Tok::Word(word));
        } else if !c.is_whitespace() {
            toks.push(Tok::Sym(c));
        }
    }
    toks
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | '|' | '-' | '–' | '—' | '·' | '•')
}

fn is_date_separator(c: char) -> bool {
    matches!(c, '/' | '.' | '-')
}

/// `word` names `full` or abbreviates it to at least three letters.
fn abbreviates(word: &str, full: &str) -> bool {
    word.len() >= 3 && full.starts_with(word)
}

/// A position in a token list. Each method consumes one matching token or nothing.
#[derive(Clone, Copy)]
struct Cursor<'t> {
    toks: &'t [Tok],
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn at(toks: &'t [Tok], pos: usize) -> Self {
        Cursor { toks, pos }
    }

    fn next_if<T>(&mut self, f: impl FnOnce(&Tok) -> Option<T>) -> Option<T> {
        let value = self.toks.get(self.pos).and_then(f)?;
        self.pos += 1;
        Some(value)
    }

    fn num(&mut self, lens: RangeInclusive<usize>) -> Option<u32> {
        self.next_if(|t| match t {
            Tok::Num { value, len } if lens.contains(len) => Some(*value),
            _ => None,
        })
    }

    fn word<T>(&mut self, f: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        self.next_if(|t| match t {
            Tok::Word(word) => f(word),
            _ => None,
        })
    }

    fn keyword(&mut self, words: &[&str]) -> Option<()> {
        self.word(|w| words.contains(&w).then_some(()))
    }

    fn lookup<T: Copy>(&mut self, table: &[(&str, T)]) -> Option<T> {
        self.word(|w| {
            table
                .iter()
                .find(|(key, _)| *key == w)
                .map(|&(_, value)| value)
        })
    }

    fn sym(&mut self, accept: impl FnOnce(char) -> bool) -> Option<char> {
        self.next_if(|t| match t {
            Tok::Sym(c) if accept(*c) => Some(*c),
            _ => None,
        })
    }

    fn sym_eq(&mut self, wanted: char) -> Option<char> {
        self.sym(|c| c == wanted)
    }

    /// Runs `f`, keeping its progress only if it succeeds.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let mut trial = *self;
        let result = f(&mut trial);
        if result.is_some() {
            *self = trial;
        }
        result
    }
}

/// An optional dateline label such as `Published:` or `Last updated -`.
fn label(c: &mut Cursor) -> Option<()> {
    c.keyword(&["first", "last"]);
    c.keyword(&["published", "updated", "posted", "date"])?;
    c.sym(|s| matches!(s, ':' | '-' | '–' | '—'));
    Some(())
}

/// An optional weekday, a calendar date, then an optional time of day with zone.
fn news_date(c: &mut Cursor, order: DateOrder) -> Option<NewsDate> {
    c.attempt(|c| {
        weekday(c);
        let date = calendar_date(c, order)?;
        let result = match c.attempt(time_of_day) {
            Some((time, offset)) => NewsDate::Instant(
                PrimitiveDateTime::new(date, time)
                    .assume_offset(offset)
                    .to_offset(UtcOffset::UTC),
            ),
            None => NewsDate::Day(date),
        };
        YEARS.contains(&result.day().year()).then_some(result)
    })
}

/// An optional weekday name, skipped with a following comma or dot.
fn weekday(c: &mut Cursor) {
    if c.word(|w| WEEKDAYS.iter().find(|day| abbreviates(w, day)))
        .is_some()
    {
        c.sym(|s| s == ',' || s == '.');
    }
}

fn calendar_date(c: &mut Cursor, order: DateOrder) -> Option<Date> {
    c.attempt(year_first)
        .or_else(|| c.attempt(|c| numeric(c, order)))
        .or_else(|| c.attempt(day_first))
        .or_else(|| c.attempt(month_first))
}

/// `2026-01-05`, `2026/01/05`.
fn year_first(c: &mut Cursor) -> Option<Date> {
    let year = c.num(4..=4)?;
    let sep = c.sym(is_date_separator)?;
    let month = c.num(1..=2)?;
    c.sym_eq(sep)?;
    ymd(year, month, c.num(1..=2)?)
}

/// `05/01/2026`, `5.1.2026`, `05-01-2026`.
fn numeric(c: &mut Cursor, order: DateOrder) -> Option<Date> {
    let first = c.num(1..=2)?;
    let sep = c.sym(is_date_separator)?;
    let second = c.num(1..=2)?;
    c.sym_eq(sep)?;
    let year = c.num(4..=4)?;
    let (day, month) = match order {
        DateOrder::DayMonthYear => (first, second),
        DateOrder::MonthDayYear => (second, first),
        DateOrder::Unknown if first > 12 || first == second => (first, second),
        DateOrder::Unknown if second > 12 => (second, first),
        DateOrder::Unknown => return None,
    };
    ymd(year, month, day)
}

/// `5 January 2026`, `5th Jan. 2026`, `26-FEB-1987`.
fn day_first(c: &mut Cursor) -> Option<Date> {
    let day = c.num(1..=2)?;
    ordinal_suffix(c);
    c.sym(|s| s == '.' || s == '-');
    let month = month(c)?;
    c.sym(|s| s == ',' || s == '-');
    ymd(c.num(4..=4)?, month, day)
}

/// `January 5, 2026`, `Jan. 5th 2026`.
fn month_first(c: &mut Cursor) -> Option<Date> {
    let month = month(c)?;
    let day = c.num(1..=2)?;
    ordinal_suffix(c);
    c.sym_eq(',');
    ymd(c.num(4..=4)?, month, day)
}

/// A month name with an optional dot, as its number.
fn month(c: &mut Cursor) -> Option<u32> {
    let index = c.word(|w| MONTHS.iter().position(|name| abbreviates(w, name)))?;
    c.sym_eq('.');
    Some(index as u32 + 1)
}

fn ordinal_suffix(c: &mut Cursor) {
    c.keyword(&["st", "nd", "rd", "th"]);
}

fn ymd(year: u32, month: u32, day: u32) -> Option<Date> {
    let year = i32::try_from(year).ok().filter(|y| YEARS.contains(y))?;
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// A time after a date: optional separators or `at`/`T`, then `10:00`, `10:00:00.79`, `3:45 pm`
/// or `3 pm`, then an optional zone (UTC when absent).
fn time_of_day(c: &mut Cursor) -> Option<(Time, UtcOffset)> {
    while c.sym(is_separator).is_some() {}
    c.keyword(&["at", "t"]);
    let hour = c.num(1..=2)?;
    let minutes = c.attempt(|c| {
        c.sym_eq(':')?;
        Some((c.num(2..=2)?, c.attempt(seconds).unwrap_or(0)))
    });
    let hour = match (c.attempt(meridiem), minutes) {
        (Some(pm), _) => twelve_hour(hour, pm)?,
        (None, Some(_)) => hour,
        (None, None) => return None,
    };
    let (minute, second) = minutes.unwrap_or((0, 0));
    let offset = c.attempt(zone).unwrap_or(UtcOffset::UTC);
    let time = Time::from_hms(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second.min(59)).ok()?,
    );
    Some((time.ok()?, offset))
}

/// `:05`, with optional fractional digits that are dropped.
fn seconds(c: &mut Cursor) -> Option<u32> {
    c.sym_eq(':')?;
    let second = c.num(2..=2)?;
    c.attempt(|c| {
        c.sym_eq('.')?;
        c.num(1..=usize::MAX)
    });
    Some(second)
}

/// `am`, `pm`, `a.m.` or `p.m.`; true for afternoon.
fn meridiem(c: &mut Cursor) -> Option<bool> {
    c.lookup(&[("am", false), ("pm", true)]).or_else(|| {
        c.attempt(|c| {
            let pm = c.lookup(&[("a", false), ("p", true)])?;
            c.sym_eq('.')?;
            c.keyword(&["m"])?;
            c.sym_eq('.');
            Some(pm)
        })
    })
}

fn twelve_hour(hour: u32, pm: bool) -> Option<u32> {
    (1..=12)
        .contains(&hour)
        .then_some(hour % 12 + if pm { 12 } else { 0 })
}

/// A zone name or a numeric offset: `+0400`, `-05:00`, `+04`.
fn zone(c: &mut Cursor) -> Option<UtcOffset> {
    if let Some(hours) = c.lookup(&ZONES) {
        return UtcOffset::from_hms(hours, 0, 0).ok();
    }
    let sign = match c.sym(|s| s == '+' || s == '-')? {
        '+' => 1,
        _ => -1,
    };
    let (hours, minutes) = match c.num(4..=4) {
        Some(hhmm) => (hhmm / 100, hhmm % 100),
        None => {
            let hours = c.num(2..=2)?;
            (
                hours,
                c.attempt(|c| c.sym_eq(':').and_then(|_| c.num(2..=2)))
                    .unwrap_or(0),
            )
        }
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    UtcOffset::from_hms(sign * hours as i8, sign * minutes as i8, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    /// Parses every input with `order` and compares its ISO form with the expected one.
    fn check(order: DateOrder, cases: &[(&str, Option<&str>)]) {
        for (input, expected) in cases {
            let got = NewsDate::parse(input, order).map(|d| d.to_iso());
            assert_eq!(got.as_deref(), *expected, "parse({input:?}, {order:?})");
        }
    }

    fn accepts(cases: &[(&str, &str)]) {
        let cases: Vec<_> = cases
            .iter()
            .map(|&(input, iso)| (input, Some(iso)))
            .collect();
        check(DateOrder::Unknown, &cases);
    }

    fn rejects(order: DateOrder, inputs: &[&str]) {
        let cases: Vec<_> = inputs.iter().map(|&input| (input, None)).collect();
        check(order, &cases);
    }

    fn find(line: &str) -> Option<String> {
        NewsDate::find_in_line(line, DateOrder::Unknown).map(|d| d.to_iso())
    }

    #[test]
    fn rfc3339_and_iso_date_times() {
        accepts(&[
            ("2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z"),
            ("2026-01-05T10:00:00+04:00", "2026-01-05T06:00:00Z"),
            ("2026-01-05T01:30:00-05:30", "2026-01-05T07:00:00Z"),
            ("2026-01-05T10:00:00.123Z", "2026-01-05T10:00:00Z"),
            ("2026-01-05T10:00Z", "2026-01-05T10:00:00Z"),
            ("2026-01-05t10:00:00z", "2026-01-05T10:00:00Z"),
            ("2026-01-05 10:00:00", "2026-01-05T10:00:00Z"),
            ("2026-01-05T23:30:00-02:00", "2026-01-06T01:30:00Z"),
            ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
        ]);
    }

    #[test]
    fn iso_days() {
        accepts(&[
            ("2026-01-05", "2026-01-05"),
            ("2026/01/05", "2026-01-05"),
            ("  2026-1-5\n", "2026-01-05"),
        ]);
        assert_eq!(
            NewsDate::parse("2026-01-05", DateOrder::Unknown),
            Some(NewsDate::Day(date!(2026 - 01 - 05)))
        );
    }

    #[test]
    fn rfc2822() {
        accepts(&[
            ("Mon, 05 Jan 2026 10:00:00 GMT", "2026-01-05T10:00:00Z"),
            ("5 Jan 2026 10:00:00 +0000", "2026-01-05T10:00:00Z"),
            ("5 Jan 2026 10:00:00 +0130", "2026-01-05T08:30:00Z"),
            ("5 Jan 2026 10:00:00 -0800", "2026-01-05T18:00:00Z"),
            ("5 Jan 2026 10:00 UTC", "2026-01-05T10:00:00Z"),
            ("5 Jan 2026 10:00 UT", "2026-01-05T10:00:00Z"),
            ("5 Jan 2026 10:00 Z", "2026-01-05T10:00:00Z"),
            ("5 Jan 2026 10:00 EST", "2026-01-05T15:00:00Z"),
            ("5 Jan 2026 10:00 EDT", "2026-01-05T14:00:00Z"),
            ("5 Jan 2026 10:00 CST", "2026-01-05T16:00:00Z"),
            ("5 Jan 2026 10:00 CDT", "2026-01-05T15:00:00Z"),
            ("5 Jan 2026 10:00 MST", "2026-01-05T17:00:00Z"),
            ("5 Jan 2026 10:00 MDT", "2026-01-05T16:00:00Z"),
            ("5 Jan 2026 10:00 PST", "2026-01-05T18:00:00Z"),
            ("5 Jan 2026 10:00 PDT", "2026-01-05T17:00:00Z"),
        ]);
        rejects(
            DateOrder::Unknown,
            &[
                "5 Jan 2026 10:00 +2400",
                "5 Jan 2026 10:00 +0060",
                "5 Jan 2026 10:00 XYZ",
            ],
        );
    }

    #[test]
    fn written_days() {
        accepts(&[
            ("January 5, 2026", "2026-01-05"),
            ("Jan. 5, 2026", "2026-01-05"),
            ("Jan 5 2026", "2026-01-05"),
            ("January 5th, 2026", "2026-01-05"),
            ("5 January 2026", "2026-01-05"),
            ("5th January 2026", "2026-01-05"),
            ("5 Jan. 2026", "2026-01-05"),
            ("JANUARY 1ST, 2026", "2026-01-01"),
            ("22nd Feb 2026", "2026-02-22"),
            ("Sept. 3, 2026", "2026-09-03"),
            ("3 Sep 2026", "2026-09-03"),
            ("December 31, 1999", "1999-12-31"),
        ]);
    }

    #[test]
    fn leading_weekday() {
        accepts(&[
            ("Monday, 5 January 2026", "2026-01-05"),
            ("Mon 5 Jan 2026", "2026-01-05"),
            ("Monday, January 5, 2026", "2026-01-05"),
            ("Tues. 6 Jan 2026", "2026-01-06"),
            ("Thurs, Jan 8, 2026", "2026-01-08"),
        ]);
    }

    #[test]
    fn written_dates_with_times() {
        accepts(&[
            ("5 January 2026 10:00 GMT", "2026-01-05T10:00:00Z"),
            ("January 5, 2026 at 3:45 pm ET", "2026-01-05T20:45:00Z"),
            ("January 5, 2026, 10:00 UTC", "2026-01-05T10:00:00Z"),
            ("Jan 5, 2026 3:45 p.m. PT", "2026-01-05T23:45:00Z"),
            ("Jan 5, 2026 at 9 am", "2026-01-05T09:00:00Z"),
            ("Jan 5, 2026 12:15 am", "2026-01-05T00:15:00Z"),
            ("Jan 5, 2026 12:15 PM", "2026-01-05T12:15:00Z"),
            ("5 January 2026 10:00", "2026-01-05T10:00:00Z"),
        ]);
        rejects(
            DateOrder::Unknown,
            &[
                "Jan 5, 2026 13:00 pm",
                "Jan 5, 2026 10",
                "Jan 5, 2026 25:00",
                "Jan 5, 2026 10:61",
            ],
        );
    }

    #[test]
    fn reuters() {
        let expected = Some(NewsDate::Instant(datetime!(1987-02-26 15:01:01 UTC)));
        assert_eq!(
            NewsDate::parse("26-FEB-1987 15:01:01.79", DateOrder::Unknown),
            expected
        );
        assert_eq!(
            NewsDate::parse("    26-FEB-1987 15:01:01.79", DateOrder::Unknown),
            expected
        );
        assert_eq!(
            NewsDate::parse(" 3-MAR-1987 09:12:44.33", DateOrder::Unknown)
                .unwrap()
                .to_iso(),
            "1987-03-03T09:12:44Z"
        );
    }

    #[test]
    fn numeric_day_month_year() {
        check(
            DateOrder::DayMonthYear,
            &[
                ("05/01/2026", Some("2026-01-05")),
                ("5.1.2026", Some("2026-01-05")),
                ("05-01-2026", Some("2026-01-05")),
                ("25/12/2026", Some("2026-12-25")),
                ("12/25/2026", None),
                ("05/01/2026 10:00", Some("2026-01-05T10:00:00Z")),
            ],
        );
    }

    #[test]
    fn numeric_month_day_year() {
        check(
            DateOrder::MonthDayYear,
            &[
                ("05/01/2026", Some("2026-05-01")),
                ("5.1.2026", Some("2026-05-01")),
                ("05-01-2026", Some("2026-05-01")),
                ("12/25/2026", Some("2026-12-25")),
                ("25/12/2026", None),
            ],
        );
    }

    #[test]
    fn numeric_with_unknown_order() {
        check(
            DateOrder::Unknown,
            &[
                ("05/01/2026", None),
                ("5.1.2026", None),
                ("05-01-2026", None),
                ("25/12/2026", Some("2026-12-25")),
                ("12/25/2026", Some("2026-12-25")),
                ("07/07/2026", Some("2026-07-07")),
                ("13/14/2026", None),
            ],
        );
    }

    #[test]
    fn invalid_dates() {
        for order in [
            DateOrder::Unknown,
            DateOrder::DayMonthYear,
            DateOrder::MonthDayYear,
        ] {
            rejects(
                order,
                &[
                    "",
                    "   ",
                    "garbage",
                    "31 February 2026",
                    "February 29, 2026",
                    "2026-13-01",
                    "2026-00-10",
                    "2026-01-32",
                    "31/02/2026",
                    "1799-12-31",
                    "2201-01-01",
                    "5 Jan 0026",
                    "January 2026",
                    "5 Smarch 2026",
                    "2026-01-05 junk",
                    "2026-01-05T",
                    "2026-01-05-06",
                    "2026-01/05",
                    "05/01-2026",
                    "Jan 5, 26",
                    "20260105",
                    "1800-01-01T00:00:00+01:00",
                    "5 ğ 2026",
                    "—",
                ],
            );
        }
        accepts(&[
            ("February 29, 2028", "2028-02-29"),
            ("1800-01-01", "1800-01-01"),
            ("2200-12-31", "2200-12-31"),
        ]);
    }

    #[test]
    fn finds_datelines() {
        let cases = [
            (
                "Published: 5 January 2026, 10:00 GMT",
                "2026-01-05T10:00:00Z",
            ),
            ("Updated Jan. 5, 2026", "2026-01-05"),
            ("Date: 2026-01-14", "2026-01-14"),
            ("Monday 5 January 2026", "2026-01-05"),
            ("5 January 2026", "2026-01-05"),
            (
                "POSTED - January 5, 2026 at 3:45 pm ET",
                "2026-01-05T20:45:00Z",
            ),
            (
                "First published: Mon 5 Jan 2026 10:00 GMT",
                "2026-01-05T10:00:00Z",
            ),
            ("Last updated — 5 January 2026 |", "2026-01-05"),
            ("Posted on 5 Jan 2026", "2026-01-05"),
            ("(5 January 2026)", "2026-01-05"),
            ("  5 January 2026 | 10:00 GMT  ", "2026-01-05T10:00:00Z"),
        ];
        for (line, expected) in cases {
            assert_eq!(find(line).as_deref(), Some(expected), "{line:?}");
        }
        assert_eq!(
            NewsDate::find_in_line("Date: 05/01/2026", DateOrder::MonthDayYear),
            Some(NewsDate::Day(date!(2026 - 05 - 01)))
        );
    }

    #[test]
    fn ignores_sentences_and_long_lines() {
        for line in [
            "The ceasefire signed on 5 January 2026 collapsed within days.",
            "By Jane Smith, 5 January 2026",
            "By AP | January 5, 2026",
            "5 January 2026 | Politics",
            "Updated: sometime",
            "",
            "Date: 05/01/2026",
            "Published: 5 January 2026 and 6 January 2026",
        ] {
            assert_eq!(find(line), None, "{line:?}");
        }
        let long = format!("5 January 2026{}", " ".repeat(MAX_LINE_CHARS - 13));
        assert_eq!(long.chars().count(), MAX_LINE_CHARS + 1);
        assert_eq!(find(&long), None);
        assert_eq!(find(long.trim_end()).as_deref(), Some("2026-01-05"));
    }

    #[test]
    fn iso_round_trip() {
        for date in [
            NewsDate::Day(date!(2026 - 01 - 05)),
            NewsDate::Instant(datetime!(2026-01-05 10:00:00 UTC)),
            NewsDate::Instant(datetime!(1987-02-26 15:01:01 UTC)),
        ] {
            assert_eq!(date.to_iso().parse::<NewsDate>(), Ok(date));
            assert_eq!(date.to_string(), date.to_iso());
        }
        let offset = NewsDate::Instant(datetime!(2026-01-05 10:00:00.5 +04:00));
        assert_eq!(offset.to_iso(), "2026-01-05T06:00:00Z");
        assert_eq!(
            "January 5, 2026".parse::<NewsDate>(),
            Ok(NewsDate::Day(date!(2026 - 01 - 05)))
        );
    }

    #[test]
    fn from_str_error() {
        let err = "05/01/2026".parse::<NewsDate>().unwrap_err();
        assert_eq!(err.to_string(), "\"05/01/2026\" is not a recognised date");
    }

    #[test]
    fn serialises_as_iso_string() {
        let day = NewsDate::Day(date!(2026 - 01 - 05));
        let instant = NewsDate::Instant(datetime!(2026-01-05 10:00 +01:00));
        assert_eq!(serde_json::to_string(&day).unwrap(), "\"2026-01-05\"");
        assert_eq!(
            serde_json::to_string(&instant).unwrap(),
            "\"2026-01-05T09:00:00Z\""
        );
    }

    #[test]
    fn unix_seconds_and_day() {
        let day = NewsDate::Day(date!(2026 - 01 - 05));
        assert_eq!(day.unix_seconds(), 1_767_571_200);
        assert_eq!(day.day(), date!(2026 - 01 - 05));
        let instant = NewsDate::parse("2026-01-05T23:30:00-02:00", DateOrder::Unknown).unwrap();
        assert_eq!(instant.unix_seconds(), 1_767_571_200 + 86_400 + 5_400);
        assert_eq!(instant.day(), date!(2026 - 01 - 06));
        assert_eq!(NewsDate::Day(date!(1970 - 01 - 01)).unix_seconds(), 0);
    }

    #[test]
    fn random_input_never_panics() {
        const PIECES: [&str; 36] = [
            "0",
            "1",
            "5",
            "12",
            "13",
            "31",
            "2026",
            "1987",
            "99999999999",
            "Jan",
            "january",
            "Sept.",
            "Feb",
            "Mon",
            "GMT",
            "ET",
            "pm",
            "a.m.",
            "T",
            "Z",
            "at",
            "th",
            "Published:",
            " ",
            ",",
            ".",
            "-",
            "/",
            ":",
            "+",
            "|",
            "ğ",
            "—",
            "…",
            "日",
            "İ",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut parsed = 0;
        for _ in 0..10_000 {
            let len = next() % 12;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            for order in [
                DateOrder::Unknown,
                DateOrder::DayMonthYear,
                DateOrder::MonthDayYear,
            ] {
                NewsDate::find_in_line(&text, order);
                if let Some(date) = NewsDate::parse(&text, order) {
                    parsed += 1;
                    assert_eq!(date.to_iso().parse::<NewsDate>(), Ok(date), "{text:?}");
                }
            }
            let _ = text.parse::<NewsDate>();
        }
        assert!(parsed > 0);
    }
}
