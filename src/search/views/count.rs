//! How many passages, articles and stories a query matches, in all and per outlet.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

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
    /// Those of its stories that another outlet carried too (an article of another source,
    /// or of none, matched in the story).
    pub shared_stories: usize,
}

impl MatchCount {
    /// Counts what the matches hold.
    pub fn of(matches: &Matches) -> MatchCount {
        let mut per_source: BTreeMap<Option<&str>, (usize, usize, FxHashSet<&str>)> =
            BTreeMap::new();
        // The first outlet met of each story, and whether another one carried it too.
        let mut stories: FxHashMap<&str, (Option<&str>, bool)> = FxHashMap::default();
        for (id, facts) in &matches.articles {
            let story = facts.story.as_deref().unwrap_or(id);
            let source = facts.source.as_deref();
            let outlets = stories.entry(story).or_insert((source, false));
            outlets.1 |= outlets.0 != source;
            let entry = per_source.entry(source).or_default();
            entry.0 += facts.passages;
            entry.1 += 1;
            entry.2.insert(story);
        }
        let mut by_source: Vec<SourceMatches> = per_source
            .into_iter()
            .map(|(source, (passages, articles, own))| SourceMatches {
                source: source.map(str::to_string),
                passages,
                articles,
                stories: own.len(),
                shared_stories: own.iter().filter(|s| stories[*s].1).count(),
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
        }
    }
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
        assert_eq!(count.by_source[0].shared_stories, 0, "and no one else");
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

    #[test]
    fn a_story_carried_by_two_outlets_is_shared_by_both() {
        let mut matches = Matches::default();
        for (id, source, story) in [
            ("a", Some("Post"), "a"),
            ("b", Some("Times"), "a"),
            ("c", Some("Times"), "c"),
            ("d", None, "c"),
            ("e", Some("Post"), "e"),
        ] {
            matches.articles.insert(
                id.to_string(),
                ArticleFacts {
                    source: source.map(str::to_string),
                    day: None,
                    passages: 1,
                    story: Some(story.to_string()),
                    language: None,
                },
            );
        }
        let count = MatchCount::of(&matches);
        let rows: Vec<(Option<&str>, usize, usize)> = count
            .by_source
            .iter()
            .map(|s| (s.source.as_deref(), s.stories, s.shared_stories))
            .collect();
        assert_eq!(
            rows,
            [(Some("Post"), 2, 1), (Some("Times"), 2, 2), (None, 1, 1)]
        );
    }
}
