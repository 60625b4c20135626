//! Timelines and facet tables on Sphinx: the matching passages grouped by an attribute on every
//! node (`GROUP BY day`, `source` or `language`), articles counted with
//! `COUNT(DISTINCT article_hash)`, the nodes' groups summed. An article's passages all live on
//! one node, so the sums are exact.

use std::collections::BTreeMap;

use time::Date;

use super::sphinx::{condition, Sphinx};
use super::sphinxql::Translated;
use super::Answered;
use crate::search::views::sort_by_articles;
use crate::search::SearchOptions;
use crate::views::{Facet, FacetCount, FacetCounts, Granularity, Period, Timeline};
use crate::{Error, Result};

/// Most groups (days, sources) one node returns.
const MAX_GROUPS: usize = 100_000;

/// Matching passages and articles of one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Group {
    passages: usize,
    articles: usize,
}

impl Sphinx {
    /// The articles each query matches per day, bucketed into periods of `by` as locally.
    pub(super) fn day_timeline(
        &self,
        queries: &[String],
        options: &SearchOptions,
        by: Granularity,
    ) -> Result<Answered<Timeline>> {
        let mut series = Vec::with_capacity(queries.len());
        let mut warnings = Vec::new();
        for query in queries {
            let translated = self.translated(query, options)?;
            let (groups, more) = self.groups(&translated, "day")?;
            merge_warnings(&mut warnings, more);
            let days = groups
                .into_iter()
                .map(|(day, group)| (julian_day(&day), group.articles))
                .collect();
            series.push((query.clone(), translated.matching, days));
        }
        Ok(Answered {
            value: Timeline::of_day_counts(by, series),
            warnings,
        })
    }

    /// The passages and articles `query` matches per source, language, year or month.
    pub(super) fn facet_groups(
        &self,
        query: &str,
        options: &SearchOptions,
        facet: Facet,
    ) -> Result<Answered<FacetCounts>> {
        let translated = self.translated(query, options)?;
        let (rows, warnings) = match facet {
            Facet::Source | Facet::Language => {
                let key = if facet == Facet::Source {
                    "source"
                } else {
                    "language"
                };
                let (groups, warnings) = self.groups(&translated, key)?;
                let rows = groups
                    .into_iter()
                    .map(|(source, group)| ((!source.is_empty()).then_some(source), group));
                (by_articles(rows), warnings)
            }
            Facet::Year | Facet::Month => {
                let by = if facet == Facet::Year {
                    Granularity::Year
                } else {
                    Granularity::Month
                };
                let (groups, warnings) = self.groups(&translated, "day")?;
                let mut periods: BTreeMap<(bool, Option<String>), Group> = BTreeMap::new();
                for (day, group) in groups {
                    let period = julian_day(&day).map(|d| Period::of(d, by).to_string());
                    let sum = periods.entry((period.is_none(), period)).or_default();
                    sum.passages += group.passages;
                    sum.articles += group.articles;
                }
                let rows = periods
                    .into_iter()
                    .map(|((_, value), group)| row(value, group))
                    .collect();
                (rows, warnings)
            }
            Facet::Author | Facet::Entity => {
                return Err(Error::Engine(format!(
                    "count --by {} is not supported with --engine (source, language, year and \
                     month are)",
                    facet.name()
                )))
            }
        };
        Ok(Answered {
            value: FacetCounts { facet, rows },
            warnings,
        })
    }

    /// The matching passages and articles per value of the attribute `key`, summed over the
    /// nodes that answered.
    fn groups(
        &self,
        translated: &Translated,
        key: &str,
    ) -> Result<(BTreeMap<String, Group>, Vec<String>)> {
        let statement = format!(
            "SELECT {key}, COUNT(*), COUNT(DISTINCT article_hash) FROM {{shard}} WHERE {} \
             GROUP BY {key} LIMIT {MAX_GROUPS} OPTION max_matches={MAX_GROUPS}",
            condition(translated)
        );
        let (answers, warnings) = self.on_every_node(&[statement])?;
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        for answer in answers.iter().flatten() {
            for values in &answer.rows {
                let number = |i: usize| {
                    values
                        .get(i)
                        .and_then(|v| v.as_deref()?.parse::<usize>().ok())
                        .unwrap_or(0)
                };
                let key = values.first().cloned().flatten().unwrap_or_default();
                let group = groups.entry(key).or_default();
                group.passages += number(1);
                group.articles += number(2);
            }
        }
        Ok((groups, warnings))
    }
}

/// The day a `day` attribute holds (a Julian day; 0 for undated articles).
fn julian_day(value: &str) -> Option<Date> {
    match value.parse::<i32>() {
        Ok(0) | Err(_) => None,
        Ok(day) => Date::from_julian_day(day).ok(),
    }
}

fn row(value: Option<String>, group: Group) -> FacetCount {
    FacetCount {
        value,
        passages: group.passages,
        articles: group.articles,
        // Stories are not kept on an engine (see `count`).
        stories: group.articles,
    }
}

/// Rows ordered as locally: most articles first, then most passages, then by value; the
/// articles without a value last.
fn by_articles(groups: impl Iterator<Item = (Option<String>, Group)>) -> Vec<FacetCount> {
    let mut rows: Vec<FacetCount> = groups.map(|(value, group)| row(value, group)).collect();
    sort_by_articles(&mut rows);
    rows
}

fn merge_warnings(warnings: &mut Vec<String>, more: Vec<String>) {
    for warning in more {
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn julian_days_and_the_undated() {
        assert_eq!(julian_day("0"), None);
        assert_eq!(julian_day("x"), None);
        let day = time::macros::date!(2026 - 01 - 05);
        assert_eq!(julian_day(&day.to_julian_day().to_string()), Some(day));
    }

    #[test]
    fn facet_rows_most_articles_first_without_value_last() {
        let group = |passages, articles| Group { passages, articles };
        let rows = by_articles(
            [
                (None, group(9, 9)),
                (Some("B".to_string()), group(2, 1)),
                (Some("A".to_string()), group(3, 2)),
                (Some("C".to_string()), group(3, 2)),
            ]
            .into_iter(),
        );
        let values: Vec<Option<&str>> = rows.iter().map(|r| r.value.as_deref()).collect();
        assert_eq!(values, [Some("A"), Some("C"), Some("B"), None]);
    }
}
