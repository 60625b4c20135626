//! Opening and creating newsdex indexes, with the format check that keeps an index written by an
//! incompatible version from giving wrong results.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};

use super::columns::{ColumnCache, SegmentColumns};
use super::directory::IndexDirectory;
use super::schema::{build_schema, Fields};
use crate::analysis;
use crate::error::{Error, Result};
use crate::language::{Language, ENGLISH};

/// The version of the schema and analysis. Any change to either bumps it; an index of another
/// version must be rebuilt.
pub const FORMAT_VERSION: u32 = 9;
/// The marker file that identifies a newsdex index and its format.
pub const MARKER_FILE: &str = "newsdex.json";
/// The file in which tantivy records its committed segments.
const TANTIVY_META: &str = "meta.json";

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    format: u32,
    written_by: String,
}

/// An open newsdex index.
pub struct NewsIndex {
    pub(super) index: Index,
    fields: Fields,
    path: PathBuf,
    reader: OnceLock<IndexReader>,
    expander: OnceLock<crate::analysis::Expander>,
    /// Whether a query has read its part of the saved glossary ([`NewsIndex::expander_for_words`]).
    read_part: AtomicBool,
    articles: OnceLock<u64>,
    languages: OnceLock<Vec<Language>>,
    columns: ColumnCache,
}

impl NewsIndex {
    /// Opens an existing index, checking its format.
    pub fn open(path: &Path) -> Result<NewsIndex> {
        segments_checked(NewsIndex::open_unread(path)?)
    }

    /// Opens an existing index, checking its format but not yet its segment files (for
    /// [`crate::index::verify`], which reads them all, and for merging, which must hold no
    /// reader of the segments it replaces).
    pub(crate) fn open_unread(path: &Path) -> Result<NewsIndex> {
        match state(path)? {
            State::Missing | State::Empty => Err(Error::NoIndex {
                path: path.to_path_buf(),
            }),
            State::Foreign => Err(Error::NotAnIndex {
                path: path.to_path_buf(),
            }),
            State::Newsdex => open_format_checked(path),
        }
    }

    /// Opens the index at `path`, creating it when the place is missing or empty.
    pub fn open_or_create(path: &Path) -> Result<NewsIndex> {
        match state(path)? {
            State::Missing | State::Empty => create(path),
            State::Foreign => Err(Error::NotAnIndex {
                path: path.to_path_buf(),
            }),
            State::Newsdex => segments_checked(open_format_checked(path)?),
        }
    }

    /// Where the index lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The handles of the index's fields.
    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The index's glossary (built-in, mined, stored) prepared for expanding queries, loaded
    /// once (analysed at indexing time when the saved analysis is current).
    pub(crate) fn expander(&self) -> Result<&crate::analysis::Expander> {
        if let Some(expander) = self.expander.get() {
            return Ok(expander);
        }
        let expander = super::expansions::load_expansions(self.path())?;
        Ok(self.expander.get_or_init(|| expander))
    }

    /// The part of the glossary expander that a query whose words are `words` can use: the
    /// entries with a form made of the words' terms only, read from the saved analysis alone
    /// (a query then expands as with the whole glossary). The whole expander, loaded once, from
    /// the second query of an open index on (a server or a batch would read the file for
    /// every query), and when the saved analysis is not current.
    pub(crate) fn expander_for_words(
        &self,
        words: &str,
    ) -> Result<Cow<'_, crate::analysis::Expander>> {
        if let Some(expander) = self.expander.get() {
            return Ok(Cow::Borrowed(expander));
        }
        if self.read_part.swap(true, AtomicOrdering::Relaxed) {
            return Ok(Cow::Borrowed(self.expander()?));
        }
        let mut terms = FxHashSet::default();
        for mut chain in [analysis::analyzer(), analysis::analyzer_keeping_scripts()] {
            terms.extend(
                analysis::analyze(&mut chain, words)
                    .into_iter()
                    .map(|t| t.term),
            );
        }
        match super::expansions::saved_expander_for(self.path(), &terms)? {
            Some(part) => Ok(Cow::Owned(part)),
            None => Ok(Cow::Borrowed(self.expander()?)),
        }
    }

    /// How many articles the searcher sees (distinct live article ids), counted once.
    pub(crate) fn article_count(&self) -> Result<u64> {
        if let Some(&count) = self.articles.get() {
            return Ok(count);
        }
        let count = super::distinct_terms(&self.searcher()?, self.fields.article_id, |_| {})?;
        Ok(*self.articles.get_or_init(|| count as u64))
    }

    /// The languages of the articles the searcher sees, English first, then by code.
    pub fn languages(&self) -> Result<Vec<Language>> {
        if let Some(languages) = self.languages.get() {
            return Ok(languages.clone());
        }
        let mut found = Vec::new();
        super::distinct_terms(&self.searcher()?, self.fields.language, |code| {
            if let Some(language) = std::str::from_utf8(code).ok().and_then(Language::parse) {
                found.push(language);
            }
        })?;
        found.sort_by_key(|l| (*l != ENGLISH, l.code));
        Ok(self.languages.get_or_init(|| found).clone())
    }

    /// The fast-field columns of one of the searcher's segments, opened once per open index.
    pub(crate) fn columns(
        &self,
        segment: &tantivy::SegmentReader,
    ) -> std::sync::Arc<SegmentColumns> {
        self.columns.of(segment)
    }

    /// A searcher over the last commit (the reader is opened once per `NewsIndex`).
    pub(crate) fn searcher(&self) -> Result<Searcher> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader.searcher());
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| damaged(&self.path, e))?;
        Ok(self.reader.get_or_init(|| reader).searcher())
    }
}

/// Fails when `path` holds something that is not a newsdex index (a place to write is missing,
/// empty, or a newsdex index).
pub(crate) fn check_place(path: &Path) -> Result<()> {
    match state(path)? {
        State::Foreign => Err(Error::NotAnIndex {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

enum State {
    Missing,
    Empty,
    Foreign,
    Newsdex,
}

fn state(path: &Path) -> Result<State> {
    if !path.exists() {
        return Ok(State::Missing);
    }
    if path.join(MARKER_FILE).is_file() {
        return Ok(State::Newsdex);
    }
    if !path.is_dir() {
        return Err(Error::IndexIsFile {
            path: path.to_path_buf(),
        });
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && name != super::lock::LOCK_FILE {
            return Ok(State::Foreign);
        }
    }
    Ok(State::Empty)
}

/// Creates an index: the marker first, then the tantivy index, so that a crash in between
/// leaves a marked, empty place that the next run completes.
fn create(path: &Path) -> Result<NewsIndex> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
    let marker = Marker {
        format: FORMAT_VERSION,
        written_by: format!("newsdex {}", env!("CARGO_PKG_VERSION")),
    };
    let json = serde_json::to_vec_pretty(&marker).expect("marker serialises");
    write_atomically(&path.join(MARKER_FILE), &json)?;
    create_tantivy(path)
}

fn create_tantivy(path: &Path) -> Result<NewsIndex> {
    let directory = IndexDirectory::open(path).map_err(|e| Error::Index(e.into()))?;
    let index = Index::create(directory, build_schema(), index_settings())?;
    finish(index, path)
}

/// The settings of a new index: the stored passages (most of an index's bytes) are compressed
/// with zstd, which keeps them in about two thirds of what lz4 takes, in blocks small enough
/// that fetching a page of hits stays quick. An index keeps the settings it was created with.
fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        ..tantivy::IndexSettings::default()
    }
}

/// zstd's level for the stored passages: its default, which compresses faster than indexing
/// produces text.
const DOCSTORE_ZSTD_LEVEL: i32 = 3;

/// Opens the index's searcher, which checks every segment file: a damaged index is found here,
/// by every command, rather than half-way through one (or not at all by a run with nothing to do).
pub(crate) fn segments_checked(index: NewsIndex) -> Result<NewsIndex> {
    index.guarded(|| index.searcher())?;
    Ok(index)
}

/// Opens an index after checking its format, without reading its segments.
fn open_format_checked(path: &Path) -> Result<NewsIndex> {
    let marker_path = path.join(MARKER_FILE);
    let bytes = std::fs::read(&marker_path).map_err(|e| Error::io(&marker_path, e))?;
    let found = serde_json::from_slice::<Marker>(&bytes)
        .map(|m| m.format.to_string())
        .unwrap_or_else(|_| "unreadable".to_string());
    if found != FORMAT_VERSION.to_string() {
        return Err(Error::IncompatibleIndex {
            path: path.to_path_buf(),
            found,
            expected: FORMAT_VERSION,
        });
    }
    if !path.join(TANTIVY_META).exists() {
        return create_tantivy(path);
    }
    let index = IndexDirectory::open(path)
        .map_err(tantivy::TantivyError::from)
        .and_then(Index::open)
        .map_err(|e| damaged(path, e))?;
    finish(index, path)
}

fn finish(index: Index, path: &Path) -> Result<NewsIndex> {
    analysis::register(&index);
    let fields = Fields::from_schema(&index.schema()).map_err(|_| Error::IncompatibleIndex {
        path: path.to_path_buf(),
        found: "with another schema".to_string(),
        expected: FORMAT_VERSION,
    })?;
    Ok(NewsIndex {
        index,
        fields,
        path: path.to_path_buf(),
        reader: OnceLock::new(),
        expander: OnceLock::new(),
        read_part: AtomicBool::new(false),
        articles: OnceLock::new(),
        languages: OnceLock::new(),
        columns: ColumnCache::default(),
    })
}

/// A failure to read an index's own files, turned into advice.
pub(crate) fn damaged(path: &Path, error: tantivy::TantivyError) -> Error {
    match error {
        tantivy::TantivyError::LockFailure(..) => Error::Index(error),
        other => Error::Damaged {
            path: path.to_path_buf(),
            detail: other.to_string(),
        },
    }
}

/// Writes a file by writing a sibling and renaming it over the target.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}
