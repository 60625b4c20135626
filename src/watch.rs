//! Saved searches (`newsdex watch`): queries kept beside the index in `watches.json`, each with
//! the ids of the articles it has already shown, so that a check lists exactly the matching
//! articles that arrived since the last one.
//!
//! An article is new to a saved search when its id matches the query and was not among the
//! matches of the previous check (or, before any check, when the search was saved). Re-indexing
//! a changed file keeps its articles' ids, so an edited article is not new again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::search::{SearchOptions, Session};

/// The file, in the index directory, that holds the saved searches.
pub const WATCH_FILE: &str = "watches.json";
/// The version of the file's layout.
const FILE_VERSION: u32 = 1;
/// The longest name a saved search takes.
const MAX_NAME_CHARS: usize = 100;

/// One saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    /// The name it is listed and removed by.
    pub name: String,
    /// The query, as typed.
    pub query: String,
    /// Match surface forms only (`--exact`).
    #[serde(default)]
    pub exact: bool,
    /// No glossary expansion (`--no-expand`).
    #[serde(default)]
    pub no_expand: bool,
    /// Only articles published on or after this day (ISO 8601).
    #[serde(default)]
    pub since: Option<String>,
    /// Only articles published on or before this day (ISO 8601).
    #[serde(default)]
    pub until: Option<String>,
    /// When it was saved (RFC 3339, UTC).
    pub created: String,
    /// When it was last checked (RFC 3339, UTC), if ever.
    #[serde(default)]
    pub checked: Option<String>,
    /// The ids of the articles it matched at its last check (or when saved).
    #[serde(default)]
    pub seen: BTreeSet<String>,
}

impl SavedSearch {
    /// A new saved search, not yet run: see [`Watches::add`].
    pub fn new(name: &str, query: &str) -> SavedSearch {
        SavedSearch {
            name: name.to_string(),
            query: query.to_string(),
            exact: false,
            no_expand: false,
            since: None,
            until: None,
            created: now(),
            checked: None,
            seen: BTreeSet::new(),
        }
    }

    /// The options its query runs with.
    pub fn options(&self) -> SearchOptions {
        let day = |d: &Option<String>| d.as_deref().and_then(|d| crate::search::period(d, false));
        SearchOptions {
            exact: self.exact,
            expand: !self.no_expand,
            since: day(&self.since),
            until: day(&self.until),
            ..SearchOptions::default()
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct WatchFile {
    version: u32,
    searches: Vec<SavedSearch>,
}

/// The saved searches of one index.
#[derive(Debug)]
pub struct Watches {
    path: PathBuf,
    searches: Vec<SavedSearch>,
}

/// An article a saved search had not shown before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    /// Its id.
    pub article_id: String,
    /// Its headline.
    pub title: String,
    /// Its outlet.
    pub source: Option<String>,
    /// Its date (ISO 8601 as precise as the source states it).
    pub date: Option<String>,
}

/// What a check of one saved search found.
#[derive(Debug, Clone)]
pub struct WatchReport {
    /// The saved search as it was before the check.
    pub search: SavedSearch,
    /// The query as run.
    pub executed_query: String,
    /// The articles it matches now.
    pub matching: usize,
    /// The matching articles it had not shown before, newest first (undated last).
    pub new: Vec<NewArticle>,
    /// The ids it matches now, to remember as seen.
    pub now_seen: BTreeSet<String>,
}

impl Watches {
    /// The saved searches of the index at `index` (none when the file does not exist).
    pub fn load(index: &Path) -> Result<Watches> {
        let path = index.join(WATCH_FILE);
        let searches = match std::fs::read(&path) {
            Ok(bytes) => {
                let file: WatchFile =
                    serde_json::from_slice(&bytes).map_err(|e| Error::Config {
                        path: path.clone(),
                        detail: e.to_string(),
                    })?;
                if file.version != FILE_VERSION {
                    return Err(Error::Config {
                        path,
                        detail: format!(
                            "written in layout {}, this newsdex reads layout {FILE_VERSION}",
                            file.version
                        ),
                    });
                }
                file.searches
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        Ok(Watches { path, searches })
    }

    /// Writes them back, atomically (a sibling file renamed over the old one).
    pub fn save(&self) -> Result<()> {
        let file = WatchFile {
            version: FILE_VERSION,
            searches: self.searches.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).expect("saved searches serialise");
        bytes.push(b'\n');
        crate::index::write_file_atomically(&self.path, &bytes)
    }

    /// The saved searches, in the order they were added.
    pub fn searches(&self) -> &[SavedSearch] {
        &self.searches
    }

    /// Saves a search; its current matches are taken as seen, so that its first check lists
    /// only what arrives later. Fails when the name is taken, unfit, or the query cannot run.
    pub fn add(&mut self, session: &Session<'_>, mut search: SavedSearch) -> Result<usize> {
        check_name(&search.name)?;
        if self.searches.iter().any(|s| s.name == search.name) {
            return Err(Error::Watch(format!(
                "a saved search is already named \"{}\"; remove it first (`newsdex watch rm {}`)",
                search.name, search.name
            )));
        }
        let report = check(session, &search)?;
        search.seen = report.now_seen;
        self.searches.push(search);
        Ok(report.matching)
    }

    /// Removes the search named `name`; whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.searches.len();
        self.searches.retain(|s| s.name != name);
        self.searches.len() != before
    }

    /// Checks every saved search; with `mark`, remembers what each matches now and when, so
    /// that the next check lists only what arrives after this one (the caller saves).
    pub fn check_all(&mut self, session: &Session<'_>, mark: bool) -> Result<Vec<WatchReport>> {
        let at = now();
        let mut reports = Vec::with_capacity(self.searches.len());
        for search in &mut self.searches {
            let report = check(session, search)?;
            if mark {
                search.seen.clone_from(&report.now_seen);
                search.checked = Some(at.clone());
            }
            reports.push(report);
        }
        Ok(reports)
    }
}

/// Runs one saved search and finds the matching articles it has not shown before.
pub fn check(session: &Session<'_>, search: &SavedSearch) -> Result<WatchReport> {
    let prepared = session.prepare(&search.query, &search.options())?;
    let matches = session.matches(&prepared)?;
    let now_seen: BTreeSet<String> = matches.articles.keys().cloned().collect();
    let mut new = Vec::new();
    for id in now_seen.difference(&search.seen) {
        let found = session.article(id)?;
        new.push(NewArticle {
            article_id: id.clone(),
            title: found.as_ref().map(|a| a.title.clone()).unwrap_or_default(),
            source: found.as_ref().and_then(|a| a.source.clone()),
            date: found.as_ref().and_then(|a| a.date.map(|d| d.to_iso())),
        });
    }
    // Newest first, undated last, then by id.
    new.sort_by(|a, b| {
        b.date
            .is_some()
            .cmp(&a.date.is_some())
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.article_id.cmp(&b.article_id))
    });
    Ok(WatchReport {
        search: search.clone(),
        executed_query: prepared.executed().to_string(),
        matching: now_seen.len(),
        new,
        now_seen,
    })
}

fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(Error::Watch(format!(
            "\"{name}\" cannot name a saved search: give 1 to {MAX_NAME_CHARS} characters, no control characters"
        )));
    }
    Ok(())
}

fn now() -> String {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| OffsetDateTime::now_utc())
        .format(&Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_no_saved_search_and_a_bad_one_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Watches::load(dir.path()).unwrap().searches().is_empty());
        std::fs::write(dir.path().join(WATCH_FILE), "{not json").unwrap();
        let err = Watches::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains(WATCH_FILE), "{err}");
    }

    #[test]
    fn saved_searches_survive_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut watches = Watches::load(dir.path()).unwrap();
        let mut search = SavedSearch::new("ferries", "ferry fares");
        search.since = Some("2026-01-01".into());
        search.seen.insert("a.txt".into());
        watches.searches.push(search.clone());
        watches.save().unwrap();
        assert_eq!(Watches::load(dir.path()).unwrap().searches(), [search]);
        assert!(watches.remove("ferries"));
        assert!(!watches.remove("ferries"));
    }

    #[test]
    fn names_must_be_short_printable_and_not_blank() {
        assert!(check_name("gaza troops").is_ok());
        assert!(check_name(" ").is_err());
        assert!(check_name("a\nb").is_err());
        assert!(check_name(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
    }
}
