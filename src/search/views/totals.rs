//! All the articles (or stories) published per day, counted in one pass over the fast fields
//! of the index: the denominators of a normalised timeline.

use std::collections::HashMap;

use time::Date;

use crate::error::Result;
use crate::index::{ARTICLE_ID_FIELD, DATE_FIELD, PASSAGE_FIELD, STORY_FIELD};
use crate::search::Session;

/// Seconds in a day.
const DAY_SECONDS: i64 = 86_400;

/// The articles (or stories) of the index per publication day (UTC), and those without a date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayTotals {
    /// Articles (stories) per day.
    pub days: HashMap<Date, usize>,
    /// Articles (stories) without a date.
    pub undated: usize,
}

impl Session<'_> {
    /// Counts every live article once (by its first passage), per publication day; with
    /// `stories`, only the article each story is named after (its earliest version), so that
    /// each story counts once, on the day of its earliest version. No query is run: the
    /// passage, date, id and story columns are read straight from each segment.
    pub fn day_totals(&self, stories: bool) -> Result<DayTotals> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let mut by_day: HashMap<i64, usize> = HashMap::new();
            let mut undated = 0;
            for segment in searcher.segment_readers() {
                let fast = segment.fast_fields();
                let passages = fast.u64(PASSAGE_FIELD)?;
                let dates = fast.column_opt::<tantivy::DateTime>(DATE_FIELD)?;
                let (ids, names) = if stories {
                    (fast.str(ARTICLE_ID_FIELD)?, fast.str(STORY_FIELD)?)
                } else {
                    (None, None)
                };
                // The article-id ordinal of each story's name, to tell the article a story is
                // named after without reading any string per article.
                let named = match (&ids, &names) {
                    (Some(ids), Some(names)) => Some(super::ordinals::same_terms(ids, names)?),
                    _ => None,
                };
                for doc in segment.doc_ids_alive() {
                    if passages.first(doc) != Some(0) {
                        continue;
                    }
                    if let (Some(ids), Some(names), Some(named)) = (&ids, &names, &named) {
                        let id = ids.term_ords(doc).next();
                        let story = names.term_ords(doc).next();
                        if let (Some(id), Some(story)) = (id, story) {
                            let namesake = usize::try_from(story)
                                .ok()
                                .and_then(|s| named.get(s).copied().flatten());
                            if namesake != Some(id) {
                                continue;
                            }
                        }
                    }
                    match dates.as_ref().and_then(|d| d.first(doc)) {
                        Some(at) => {
                            let day = at.into_timestamp_secs().div_euclid(DAY_SECONDS);
                            *by_day.entry(day).or_default() += 1;
                        }
                        None => undated += 1,
                    }
                }
            }
            let days = by_day
                .into_iter()
                .filter_map(|(day, n)| Some((day_of(day)?, n)))
                .collect();
            Ok(DayTotals { days, undated })
        })
    }
}

/// The calendar day `day` days after 1970-01-01.
fn day_of(day: i64) -> Option<Date> {
    time::OffsetDateTime::from_unix_timestamp(day.checked_mul(DAY_SECONDS)?)
        .ok()
        .map(|at| at.date())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn day_numbers_are_calendar_days() {
        assert_eq!(day_of(0), Some(date!(1970 - 01 - 01)));
        assert_eq!(day_of(-1), Some(date!(1969 - 12 - 31)));
        assert_eq!(day_of(20_458), Some(date!(2026 - 01 - 05)));
        assert_eq!(day_of(i64::MAX), None);
    }
}
