//! Figures about a whole index: articles, passages, copies, sources, dates, vocabulary, files,
//! size on disk and when it was last written.

use std::collections::{BTreeSet, HashMap};

use rustc_hash::FxHashMap;
use std::path::Path;

use tantivy::query::{AllQuery, RegexQuery};
use time::{Date, OffsetDateTime};

use crate::error::{Error, Result};
use crate::index::distinct_terms;
use crate::search::views::census::census;
use crate::search::Session;

/// The file in which tantivy records each commit.
const TANTIVY_META: &str = "meta.json";

/// Figures about a whole index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexStats {
    /// Articles (exact copies included).
    pub articles: usize,
    /// Passages, the documents of the index.
    pub passages: usize,
    /// Articles marked as exact copies of another.
    pub copies: usize,
    /// The outlets with the most articles (at most the number asked for), most articles first.
    pub sources: Vec<SourceCount>,
    /// Distinct outlets.
    pub sources_total: usize,
    /// Articles per language (ISO 639-1), most articles first.
    pub languages: Vec<(String, usize)>,
    /// The earliest publication day (UTC).
    pub date_min: Option<Date>,
    /// The latest publication day (UTC).
    pub date_max: Option<Date>,
    /// Articles without a date.
    pub undated: usize,
    /// Distinct terms (after analysis) of the passage text, over all segments.
    pub terms: usize,
    /// Files whose articles the index holds.
    pub files: usize,
    /// Folders holding those files.
    pub folders: usize,
    /// Bytes the index directory takes on disk.
    pub size_bytes: u64,
    /// When the index was last committed (the modification time of tantivy's `meta.json`).
    pub last_indexed: Option<OffsetDateTime>,
}

/// How many articles one outlet has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCount {
    /// The outlet.
    pub source: String,
    /// Its articles.
    pub articles: usize,
}

impl Session<'_> {
    /// Figures about the index, listing the `top` outlets with the most articles.
    pub fn stats(&self, top: usize) -> Result<IndexStats> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let schema = searcher.schema();
            let source = schema.get_field_name(self.index.fields().source);
            let language = schema.get_field_name(self.index.fields().language);
            let all = census(&searcher, &AllQuery, source, language)?;
            let copied = RegexQuery::from_pattern(".+", self.index.fields().copy_of)?;
            let copies = census(&searcher, &copied, source, language)?;
            let mut per_source: FxHashMap<u32, usize> = FxHashMap::default();
            let mut per_language: FxHashMap<Option<u32>, usize> = FxHashMap::default();
            for counted in all.articles.values() {
                if let Some(source) = counted.source {
                    *per_source.entry(source).or_default() += 1;
                }
                *per_language.entry(counted.language).or_default() += 1;
            }
            let name = |n: u32| all.names[n as usize].as_str();
            let mut sources: Vec<SourceCount> = per_source
                .into_iter()
                .map(|(source, articles)| SourceCount {
                    source: name(source).to_string(),
                    articles,
                })
                .collect();
            sources.sort_by(|a, b| (b.articles, &a.source).cmp(&(a.articles, &b.source)));
            let sources_total = sources.len();
            sources.truncate(top);
            let mut by_code: HashMap<&str, usize> = HashMap::new();
            for (language, articles) in per_language {
                *by_code.entry(language.map_or("en", name)).or_default() += articles;
            }
            let mut languages: Vec<(String, usize)> = by_code
                .into_iter()
                .map(|(code, articles)| (code.to_string(), articles))
                .collect();
            languages.sort_by(|a, b| (b.1, &a.0).cmp(&(a.1, &b.0)));
            let days = || all.articles.values().filter_map(|f| f.day);
            let mut folders = BTreeSet::new();
            let files = distinct_terms(&searcher, self.index.fields().file_key, |key| {
                let key = String::from_utf8_lossy(key);
                if let Some(parent) = Path::new(key.as_ref()).parent() {
                    folders.insert(parent.to_path_buf());
                }
            })?;
            Ok(IndexStats {
                articles: all.articles.len(),
                passages: all.passages,
                copies: copies.articles.len(),
                sources,
                sources_total,
                languages,
                date_min: days().min(),
                date_max: days().max(),
                undated: all.articles.values().filter(|f| f.day.is_none()).count(),
                terms: distinct_terms(&searcher, self.index.fields().text, |_| {})?,
                files,
                folders: folders.len(),
                size_bytes: size_on_disk(self.index.path())?,
                last_indexed: last_commit(self.index.path()),
            })
        })
    }
}

/// The bytes of every file under the index directory.
fn size_on_disk(path: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in walkdir::WalkDir::new(path) {
        let entry = entry.map_err(|e| {
            let at = e.path().unwrap_or(path).to_path_buf();
            Error::io(at, e.into())
        })?;
        if entry.file_type().is_file() {
            let meta = entry
                .metadata()
                .map_err(|e| Error::io(entry.path(), e.into()))?;
            total += meta.len();
        }
    }
    Ok(total)
}

/// When tantivy last recorded a commit in the index directory.
fn last_commit(path: &Path) -> Option<OffsetDateTime> {
    let modified = std::fs::metadata(path.join(TANTIVY_META))
        .and_then(|m| m.modified())
        .ok()?;
    Some(OffsetDateTime::from(modified))
}
