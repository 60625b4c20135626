//! Matching articles per period (day, ISO week, month or year) for one or several queries, on a
//! continuous axis: every period between the first and the last dated match is listed.

use std::collections::HashMap;
use std::fmt;

use time::{Date, Duration, Month, Weekday};

use super::matches::Matches;
use crate::error::Result;
use crate::search::SearchOptions;
use crate::search::Session;

/// The length of the periods of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    /// Calendar days.
    Day,
    /// ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday).
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl Granularity {
    /// The name of one period: `day`, `week`, `month` or `year`.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Year => "year",
        }
    }
}

/// One period of a timeline. Periods of one granularity order chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A day, written `2026-01-05`.
    Day(Date),
    /// An ISO week of an ISO week-numbering year, written `2026-W03`.
    Week {
        /// The ISO week-numbering year (may differ from the calendar year near 1 January).
        year: i32,
        /// The week, 1 to 53.
        week: u8,
    },
    /// A month, written `2026-01`.
    Month {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u8,
    },
    /// A year, written `2026`.
    Year(i32),
}

impl Period {
    /// The period of the given granularity that holds a day.
    pub fn of(day: Date, by: Granularity) -> Period {
        match by {
            Granularity::Day => Period::Day(day),
            Granularity::Week => {
                let (year, week, _) = day.to_iso_week_date();
                Period::Week { year, week }
            }
            Granularity::Month => Period::Month {
                year: day.year(),
                month: u8::from(day.month()),
            },
            Granularity::Year => Period::Year(day.year()),
        }
    }

    /// The first day of the period.
    pub fn first_day(self) -> Option<Date> {
        match self {
            Period::Day(day) => Some(day),
            Period::Week { year, week } => {
                Date::from_iso_week_date(year, week, Weekday::Monday).ok()
            }
            Period::Month { year, month } => {
                Date::from_calendar_date(year, Month::try_from(month).ok()?, 1).ok()
            }
            Period::Year(year) => Date::from_calendar_date(year, Month::January, 1).ok(),
        }
    }

    /// The period right after this one (`None` past the last representable day).
    pub fn next(self) -> Option<Period> {
        let first_of_next = match self {
            Period::Day(day) => day.next_day()?,
            Period::Week { .. } => self.first_day()?.checked_add(Duration::weeks(1))?,
            Period::Month { year, month } if month >= 12 => {
                Date::from_calendar_date(year.checked_add(1)?, Month::January, 1).ok()?
            }
            Period::Month { year, month } => {
                Date::from_calendar_date(year, Month::try_from(month + 1).ok()?, 1).ok()?
            }
            Period::Year(year) => {
                Date::from_calendar_date(year.checked_add(1)?, Month::January, 1).ok()?
            }
        };
        Some(Period::of(first_of_next, self.granularity()))
    }

    /// The granularity of the period.
    pub fn granularity(self) -> Granularity {
        match self {
            Period::Day(_) => Granularity::Day,
            Period::Week { .. } => Granularity::Week,
            Period::Month { .. } => Granularity::Month,
            Period::Year(_) => Granularity::Year,
        }
    }
}

/// `2026-01-05`, `2026-W03`, `2026-01`, `2026`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Day(day) => write!(
                f,
                "{:04}-{:02}-{:02}",
                day.year(),
                u8::from(day.month()),
                day.day()
            ),
            Period::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// Matching articles per period, one series per query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The length of the periods.
    pub by: Granularity,
    /// Whether stories are counted instead of articles (see [`Session::story_timeline`]).
    pub stories: bool,
    /// Every period from the first to the last dated match, in order (empty when nothing
    /// dated matches).
    pub periods: Vec<Period>,
    /// One series per query, in the order given.
    pub series: Vec<Series>,
    /// With [`Session::normalize`]: all the articles (or stories) published in each period,
    /// aligned with [`Timeline::periods`].
    pub totals: Option<Vec<usize>>,
}

impl Timeline {
    /// A series' matches in the period at `i` as a share (0 to 1) of everything published in
    /// it; `None` before [`Session::normalize`] or when nothing was published in the period.
    pub fn share(&self, series: &Series, i: usize) -> Option<f64> {
        let total = *self.totals.as_ref()?.get(i)?;
        let count = *series.counts.get(i)?;
        (total > 0).then(|| (count as f64 / total as f64).min(1.0))
    }
}

/// One query's matching articles counted per day elsewhere (by an engine): the query as typed,
/// as run, and how many articles each day holds (`None`: undated).
pub type DayCounts = (String, String, Vec<(Option<Date>, usize)>);

impl Timeline {
    /// A timeline of articles counted elsewhere, one series per [`DayCounts`].
    pub fn of_day_counts(by: Granularity, series: Vec<DayCounts>) -> Timeline {
        let dated = series
            .into_iter()
            .map(|(query, executed_query, days)| Dated {
                query,
                executed_query,
                days: days
                    .into_iter()
                    .flat_map(|(day, n)| std::iter::repeat_n(day, n))
                    .collect(),
            })
            .collect();
        bucket(by, dated)
    }
}

/// The matching articles of one query per period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The query as typed.
    pub query: String,
    /// The query as run, after analysis and glossary expansion.
    pub executed_query: String,
    /// Matching articles per period, aligned with [`Timeline::periods`].
    pub counts: Vec<usize>,
    /// Matching articles without a date (in no period).
    pub undated: usize,
}

/// The days of the articles one query matches, before bucketing.
struct Dated {
    query: String,
    executed_query: String,
    days: Vec<Option<Date>>,
}

impl Session<'_> {
    /// Counts the articles each query matches (strict reading, date filters of `options`
    /// applied) per period.
    pub fn timeline(
        &self,
        queries: &[String],
        options: &SearchOptions,
        by: Granularity,
    ) -> Result<Timeline> {
        self.dated_matches(queries, options, by, false)
    }

    /// Like [`Session::timeline`], counting stories instead of articles: each story once, in
    /// the period of its earliest matching version, so that reprints do not inflate a period.
    pub fn story_timeline(
        &self,
        queries: &[String],
        options: &SearchOptions,
        by: Granularity,
    ) -> Result<Timeline> {
        self.dated_matches(queries, options, by, true)
    }

    fn dated_matches(
        &self,
        queries: &[String],
        options: &SearchOptions,
        by: Granularity,
        stories: bool,
    ) -> Result<Timeline> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let mut dated = Vec::with_capacity(queries.len());
            for query in queries {
                let prepared = self.prepare(query, options)?;
                let matches = self.matching(&searcher, prepared.query())?;
                dated.push(Dated {
                    query: query.clone(),
                    executed_query: prepared.executed().to_string(),
                    days: if stories {
                        story_days(&matches)
                    } else {
                        matches.articles.values().map(|facts| facts.day).collect()
                    },
                });
            }
            Ok(Timeline {
                stories,
                ..bucket(by, dated)
            })
        })
    }
}

impl Session<'_> {
    /// Adds to a timeline the articles (with `stories`, the stories) published in each of its
    /// periods, counted once from the index's date fast field (within the `since`/`until` of
    /// `options`), so that each count can be read as a share of everything published then.
    /// With `stories`, a story counts in the period of its earliest version.
    pub fn normalize(
        &self,
        timeline: &mut Timeline,
        options: &SearchOptions,
        stories: bool,
    ) -> Result<()> {
        let totals = self.day_totals(stories)?;
        let position: HashMap<Period, usize> = timeline
            .periods
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, i))
            .collect();
        let mut per_period = vec![0; timeline.periods.len()];
        for (day, n) in totals.days {
            let inside = options.since.is_none_or(|since| day >= since)
                && options.until.is_none_or(|until| day <= until);
            if let Some(&i) = position
                .get(&Period::of(day, timeline.by))
                .filter(|_| inside)
            {
                per_period[i] += n;
            }
        }
        timeline.totals = Some(per_period);
        Ok(())
    }
}

/// The day of each story's earliest matching version (undated when none of them is dated).
fn story_days(matches: &Matches) -> Vec<Option<Date>> {
    let mut first: HashMap<&str, Option<Date>> = HashMap::new();
    for (id, facts) in &matches.articles {
        let story = facts.story.as_deref().unwrap_or(id);
        let day = first.entry(story).or_insert(facts.day);
        *day = match (*day, facts.day) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    first.into_values().collect()
}

/// Puts each series' days into periods on one continuous axis.
fn bucket(by: Granularity, dated: Vec<Dated>) -> Timeline {
    let all_days = || dated.iter().flat_map(|d| d.days.iter().flatten().copied());
    let mut periods = Vec::new();
    if let (Some(first), Some(last)) = (all_days().min(), all_days().max()) {
        let last = Period::of(last, by);
        let mut period = Some(Period::of(first, by));
        while let Some(p) = period.filter(|p| *p <= last) {
            periods.push(p);
            period = p.next();
        }
    }
    let position: HashMap<Period, usize> =
        periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let series = dated
        .into_iter()
        .map(|d| {
            let mut counts = vec![0; periods.len()];
            let mut undated = 0;
            for day in d.days {
                match day.and_then(|day| position.get(&Period::of(day, by))) {
                    Some(&i) => counts[i] += 1,
                    None => undated += 1,
                }
            }
            Series {
                query: d.query,
                executed_query: d.executed_query,
                counts,
                undated,
            }
        })
        .collect();
    Timeline {
        by,
        stories: false,
        periods,
        series,
        totals: None,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn label(day: Date, by: Granularity) -> String {
        Period::of(day, by).to_string()
    }

    #[test]
    fn iso_weeks_across_year_boundaries() {
        // 2026-01-01 is a Thursday: week 1 of 2026 starts on Monday 2025-12-29.
        assert_eq!(label(date!(2025 - 12 - 28), Granularity::Week), "2025-W52");
        assert_eq!(label(date!(2025 - 12 - 29), Granularity::Week), "2026-W01");
        assert_eq!(label(date!(2026 - 01 - 04), Granularity::Week), "2026-W01");
        assert_eq!(label(date!(2026 - 01 - 05), Granularity::Week), "2026-W02");
        // 2021-01-01 is a Friday: it belongs to the last week of 2020, which has 53 weeks.
        assert_eq!(label(date!(2021 - 01 - 01), Granularity::Week), "2020-W53");
        assert_eq!(label(date!(2021 - 01 - 03), Granularity::Week), "2020-W53");
        assert_eq!(label(date!(2021 - 01 - 04), Granularity::Week), "2021-W01");
        let w53 = Period::of(date!(2020 - 12 - 31), Granularity::Week);
        assert_eq!(
            w53.next().map(|p| p.to_string()).as_deref(),
            Some("2021-W01")
        );
        assert_eq!(w53.first_day(), Some(date!(2020 - 12 - 28)));
        let w52 = Period::of(date!(2025 - 12 - 24), Granularity::Week);
        assert_eq!(
            w52.next().map(|p| p.to_string()).as_deref(),
            Some("2026-W01")
        );
    }

    #[test]
    fn labels_and_successors() {
        let day = date!(2025 - 12 - 31);
        assert_eq!(label(day, Granularity::Day), "2025-12-31");
        assert_eq!(label(day, Granularity::Month), "2025-12");
        assert_eq!(label(day, Granularity::Year), "2025");
        for (by, next) in [
            (Granularity::Day, "2026-01-01"),
            (Granularity::Month, "2026-01"),
            (Granularity::Year, "2026"),
        ] {
            let period = Period::of(day, by);
            assert_eq!(period.granularity(), by);
            assert_eq!(period.next().map(|p| p.to_string()).as_deref(), Some(next));
        }
        assert_eq!(Period::Day(Date::MAX).next(), None);
        assert_eq!(
            Period::Month {
                year: 2026,
                month: 13
            }
            .first_day(),
            None
        );
    }

    #[test]
    fn buckets_on_a_continuous_axis_with_the_undated_apart() {
        let dated = vec![
            Dated {
                query: "a".into(),
                executed_query: "a".into(),
                days: vec![
                    Some(date!(2025 - 11 - 03)),
                    Some(date!(2025 - 11 - 30)),
                    Some(date!(2026 - 02 - 01)),
                    None,
                ],
            },
            Dated {
                query: "b".into(),
                executed_query: "b".into(),
                days: vec![Some(date!(2025 - 12 - 15))],
            },
        ];
        let timeline = bucket(Granularity::Month, dated);
        let labels: Vec<String> = timeline.periods.iter().map(|p| p.to_string()).collect();
        assert_eq!(labels, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(timeline.series[0].counts, [2, 0, 0, 1]);
        assert_eq!(timeline.series[0].undated, 1);
        assert_eq!(timeline.series[1].counts, [0, 1, 0, 0]);
        assert_eq!(timeline.series[1].undated, 0);
    }

    #[test]
    fn nothing_dated_gives_no_periods() {
        let dated = vec![Dated {
            query: "a".into(),
            executed_query: "a".into(),
            days: vec![None],
        }];
        let timeline = bucket(Granularity::Week, dated);
        assert!(timeline.periods.is_empty());
        assert_eq!(timeline.series[0].undated, 1);
    }
}
