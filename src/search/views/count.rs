//! How many passages and articles a query matches, in all and per outlet.

use std::collections::{BTreeMap, HashSet};

use super::matches::Matches;

/// Passages and articles matching a query, in all and per outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchCount {
    /// Matching passages.
    pub passages: usize,
    /// Articles with at least one matching passage.
    pub articles: usize,
    /// Stories of those articles (an article and its versions count once).
    pub stories: usize,
    /// The same per outlet, most articles first (articles without a source last).
    pub by_source: Vec<SourceMatches>,
    /// The same per language, most articles first.
    pub by_language: Vec<LanguageMatches>,
}

/// Passages and articles in one language matching a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageMatches {
    /// ISO 639-1 code.
    pub language: String,
    /// Its matching passages.
    pub passages: usize,
    /// Its articles with at least one matching passage.
    pub articles: usize,
    /// The stories of those articles.
    pub stories: usize,
}

/// Passages and articles of one outlet matching a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMatches {
    /// The outlet; `None` for articles without one.
    pub source: Option<String>,
    /// Its matching passages.
    pub passages: usize,
    /// Its articles with at least one matching passage.
    pub articles: usize,
    /// The stories of those articles.
    pub stories: usize,
}

impl MatchCount {
    /// Counts what the matches hold.
    pub fn of(matches: &Matches) -> MatchCount {
        let mut per_source: BTreeMap<Option<&str>, (usize, usize, HashSet<&str>)> = BTreeMap::new();
        let mut stories: HashSet<&str> = HashSet::new();
        for (id, facts) in &matches.articles {
            let story = facts.story.as_deref().unwrap_or(id);
            stories.insert(story);
            let entry = per_source.entry(facts.source.as_deref()).or_default();
            entry.0 += facts.passages;
            entry.1 += 1;
            entry.2.insert(story);
        }
        let mut by_source: Vec<SourceMatches> = per_source
            .into_iter()
            .map(|(source, (passages, articles, stories))| SourceMatches {
                source: source.map(str::to_string),
                passages,
                articles,
                stories: stories.len(),
            })
            .collect();
        by_source.sort_by(|a, b| {
            (a.source.is_none(), b.articles, b.passages, &a.source).cmp(&(
                b.source.is_none(),
                a.articles,
                a.passages,
                &b.source,
            ))
        });
        MatchCount {
            passages: matches.passages,
            articles: matches.articles.len(),
            stories: stories.len(),
            by_source,
            by_language: by_language(matches),
        }
    }
}

/// The counts per language, most articles first, then by code.
fn by_language(matches: &Matches) -> Vec<LanguageMatches> {
    let mut per: BTreeMap<&str, (usize, usize, HashSet<&str>)> = BTreeMap::new();
    for (id, facts) in &matches.articles {
        let entry = per
            .entry(facts.language.as_deref().unwrap_or("en"))
            .or_default();
        entry.0 += facts.passages;
        entry.1 += 1;
        entry.2.insert(facts.story.as_deref().unwrap_or(id));
    }
    let mut rows: Vec<LanguageMatches> = per
        .into_iter()
        .map(
            |(language, (passages, articles, stories))| LanguageMatches {
                language: language.to_string(),
                passages,
                articles,
                stories: stories.len(),
            },
        )
        .collect();
    rows.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(a.language.cmp(&b.language))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::ArticleFacts;

    #[test]
    fn counts_per_source_with_the_unsourced_last() {
        let mut matches = Matches {
            passages: 6,
            ..Matches::default()
        };
        for (id, source, passages, story) in [
            ("a", Some("B Times"), 1, Some("a")),
            ("b", Some("A Post"), 2, None),
            ("c", None, 1, None),
            ("d", Some("B Times"), 2, Some("a")),
        ] {
            matches.articles.insert(
                id.to_string(),
                ArticleFacts {
                    source: source.map(str::to_string),
                    day: None,
                    passages,
                    story: story.map(str::to_string),
                    language: None,
                },
            );
        }
        let count = MatchCount::of(&matches);
        assert_eq!((count.passages, count.articles, count.stories), (6, 4, 3));
        assert_eq!(
            count.by_source[0].stories, 1,
            "B Times carried one story twice"
        );
        let rows: Vec<(Option<&str>, usize, usize)> = count
            .by_source
            .iter()
            .map(|s| (s.source.as_deref(), s.passages, s.articles))
            .collect();
        assert_eq!(
            rows,
            [
                (Some("B Times"), 3, 2),
                (Some("A Post"), 2, 1),
                (None, 1, 1)
            ]
        );
    }
}
