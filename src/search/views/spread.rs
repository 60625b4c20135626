//! Which stories spread, and how far: the stories of the articles a query matches (or of the
//! whole index), by the number of outlets and versions that carried them.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::query::AllQuery;
use time::Date;

use super::matches::Matches;
use crate::error::Result;
use crate::search::PreparedQuery;
use crate::search::Session;

/// One story and how far it was carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySpread {
    /// The story's id (its earliest article's).
    pub story: String,
    /// The headline of its earliest version.
    pub title: String,
    /// Its versions among the articles counted.
    pub versions: usize,
    /// The outlets that carried them, in name order.
    pub outlets: Vec<String>,
    /// The first and last publication days of those versions.
    pub first: Option<Date>,
    /// See `first`.
    pub last: Option<Date>,
}

/// The stories carried by more than one article, most outlets first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spread {
    /// Stories of several versions among the articles counted (the list may show fewer).
    pub total: usize,
    /// The widest `top` of them: most outlets, then most versions, then story id.
    pub stories: Vec<StorySpread>,
}

impl Session<'_> {
    /// The stories of the articles `query` matches (every article without one) that more than
    /// one article carries, the `top` widest first.
    pub fn spread(&self, query: Option<&PreparedQuery>, top: usize) -> Result<Spread> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let matches = match query {
                Some(prepared) => self.matching(&searcher, prepared.query())?,
                None => self.matching(&searcher, &AllQuery)?,
            };
            let mut spread = widest(&matches, top);
            for story in &mut spread.stories {
                story.title = self.story_headline(&story.story)?.unwrap_or_default();
            }
            Ok(spread)
        })
    }
}

/// The stories of several versions among `matches`, the `top` widest (titles left empty).
fn widest(matches: &Matches, top: usize) -> Spread {
    struct Seen<'a> {
        versions: usize,
        outlets: BTreeSet<&'a str>,
        days: Vec<Date>,
    }
    let mut stories: BTreeMap<&str, Seen> = BTreeMap::new();
    for (id, facts) in &matches.articles {
        let story = facts.story.as_deref().unwrap_or(id);
        let seen = stories.entry(story).or_insert_with(|| Seen {
            versions: 0,
            outlets: BTreeSet::new(),
            days: Vec::new(),
        });
        seen.versions += 1;
        seen.outlets.extend(facts.source.as_deref());
        seen.days.extend(facts.day);
    }
    let mut several: Vec<StorySpread> = stories
        .into_iter()
        .filter(|(_, seen)| seen.versions > 1)
        .map(|(story, seen)| StorySpread {
            story: story.to_string(),
            title: String::new(),
            versions: seen.versions,
            outlets: seen.outlets.into_iter().map(str::to_string).collect(),
            first: seen.days.iter().min().copied(),
            last: seen.days.iter().max().copied(),
        })
        .collect();
    several.sort_by(|a, b| {
        (b.outlets.len(), b.versions, &a.story).cmp(&(a.outlets.len(), a.versions, &b.story))
    });
    let total = several.len();
    several.truncate(top);
    Spread {
        total,
        stories: several,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::ArticleFacts;

    fn facts(source: &str, day: u8, story: &str) -> ArticleFacts {
        ArticleFacts {
            source: Some(source.to_string()),
            day: Date::from_calendar_date(2026, time::Month::January, day).ok(),
            passages: 1,
            story: Some(story.to_string()),
            language: None,
        }
    }

    #[test]
    fn stories_rank_by_outlets_then_versions_and_singles_are_left_out() {
        let mut matches = Matches::default();
        for (id, f) in [
            ("a1", facts("Post", 3, "a1")),
            ("a2", facts("Times", 5, "a1")),
            ("a3", facts("Herald", 4, "a1")),
            ("b1", facts("Post", 1, "b1")),
            ("b2", facts("Post", 2, "b1")),
            ("b3", facts("Post", 9, "b1")),
            ("c1", facts("Post", 1, "c1")),
        ] {
            matches.articles.insert(id.to_string(), f);
        }
        let spread = widest(&matches, 10);
        assert_eq!(spread.total, 2);
        let ids: Vec<&str> = spread.stories.iter().map(|s| s.story.as_str()).collect();
        assert_eq!(ids, ["a1", "b1"]);
        assert_eq!(spread.stories[0].outlets, ["Herald", "Post", "Times"]);
        assert_eq!(spread.stories[0].versions, 3);
        assert_eq!(spread.stories[1].first.map(|d| d.day()), Some(1));
        assert_eq!(spread.stories[1].last.map(|d| d.day()), Some(9));
        assert_eq!(widest(&matches, 1).stories.len(), 1);
        assert_eq!(widest(&matches, 1).total, 2);
    }
}
