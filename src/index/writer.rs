//! Indexing: read the inputs in parallel, cut articles into passages, replace the articles of
//! every file read, and commit once, atomically.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::schema::TantivyDocument;
use tantivy::{DateTime, IndexWriter, Term};

use super::lock::WriterLock;
use super::reader::{check_place, NewsIndex};
use super::schema::Fields;
use super::store::{install_glossary, save_acronyms};
use crate::analysis::{AcronymCounts, Glossary};
use crate::error::{Error, Result};
use crate::ingest::{read_corpus, Corpus, Progress, ReadOptions};
use crate::model::Article;
use crate::segment::segment;

/// Settings for an indexing run.
#[derive(Debug, Clone, Default)]
pub struct IndexOptions {
    /// Start from an empty index instead of replacing the articles of the files read.
    pub rebuild: bool,
    /// How files are read.
    pub read: ReadOptions,
    /// A glossary file to store with the index (used by every search of it).
    pub glossary: Option<PathBuf>,
    /// Set (e.g. on Ctrl-C) to stop the run before it commits.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl IndexOptions {
    fn check_cancelled(&self) -> Result<()> {
        match &self.cancel {
            Some(flag) if flag.load(Ordering::SeqCst) => Err(Error::Interrupted),
            _ => Ok(()),
        }
    }
}

/// What an indexing run did.
#[derive(Debug)]
pub struct IndexReport {
    /// What was read, with the files passed over.
    pub corpus: Corpus,
    /// Passages written.
    pub passages: usize,
    /// Wall time of the whole run.
    pub elapsed: Duration,
}

impl IndexReport {
    /// Articles written.
    pub fn articles(&self) -> usize {
        self.corpus.articles.len()
    }

    /// Input throughput in MB/s (10^6 bytes).
    pub fn megabytes_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64().max(1e-6);
        self.corpus.bytes as f64 / 1e6 / secs
    }
}

/// Memory budget of the writer, shared by its threads.
const WRITER_MEMORY_BYTES: usize = 256 << 20;

/// Indexes every article file under `inputs` into the index at `index_path` (created when
/// missing), reporting reading progress to `progress`. When the inputs hold no article, fails
/// with [`Error::NothingToIndex`] and leaves the index untouched.
pub fn index_inputs(
    index_path: &Path,
    inputs: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let started = Instant::now();
    if let Some(glossary) = &options.glossary {
        Glossary::from_file(glossary)?;
    }
    check_place(index_path)?;
    let created = !index_path.exists();
    let lock = WriterLock::acquire(index_path)?;
    let result = index_locked(index_path, inputs, options, progress, started);
    if created && result.is_err() {
        drop(lock);
        let _ = std::fs::remove_dir_all(index_path);
    }
    result
}

fn index_locked(
    index_path: &Path,
    inputs: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
    started: Instant,
) -> Result<IndexReport> {
    let corpus = read_corpus(inputs, &options.read, progress)?;
    options.check_cancelled()?;
    if corpus.articles.is_empty() {
        return Err(nothing_to_index(inputs, &corpus));
    }
    let index = match NewsIndex::open_or_create(index_path) {
        Err(Error::IncompatibleIndex { .. }) if options.rebuild => {
            return rebuild_elsewhere(index_path, corpus, options, started);
        }
        other => other?,
    };
    let passages = write(&index, &corpus, options)?;
    finish_side_files(index_path, &corpus, options)?;
    Ok(IndexReport {
        corpus,
        passages,
        elapsed: started.elapsed(),
    })
}

/// An index of an incompatible format is rebuilt beside the old one and swapped in, so that the
/// old index stays whole until the new one is committed.
fn rebuild_elsewhere(
    index_path: &Path,
    corpus: Corpus,
    options: &IndexOptions,
    started: Instant,
) -> Result<IndexReport> {
    let fresh = sibling(index_path, "rebuild");
    let old = sibling(index_path, "old");
    for stale in [&fresh, &old] {
        if stale.exists() {
            std::fs::remove_dir_all(stale).map_err(|e| Error::io(stale, e))?;
        }
    }
    let fresh_options = IndexOptions {
        rebuild: true,
        ..options.clone()
    };
    let passages = write(&NewsIndex::open_or_create(&fresh)?, &corpus, &fresh_options)?;
    finish_side_files(&fresh, &corpus, options)?;
    std::fs::rename(index_path, &old).map_err(|e| Error::io(index_path, e))?;
    std::fs::rename(&fresh, index_path).map_err(|e| Error::io(index_path, e))?;
    std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    Ok(IndexReport {
        corpus,
        passages,
        elapsed: started.elapsed(),
    })
}

/// Stores the mined acronyms and the user's glossary beside the committed documents.
fn finish_side_files(index_path: &Path, corpus: &Corpus, options: &IndexOptions) -> Result<()> {
    let mined = corpus
        .articles
        .par_iter()
        .filter(|a| a.copy_of.is_none())
        .map(|a| {
            let mut counts = AcronymCounts::default();
            a.paragraphs.iter().for_each(|p| counts.add_text(p));
            counts
        })
        .reduce(AcronymCounts::default, |mut a, b| {
            a.merge(b);
            a
        });
    save_acronyms(index_path, &mined, options.rebuild)?;
    if let Some(glossary) = &options.glossary {
        install_glossary(index_path, glossary)?;
    }
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{suffix}"))
}

fn nothing_to_index(inputs: &[PathBuf], corpus: &Corpus) -> Error {
    let inputs = inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let reason = if corpus.files_seen == 0 {
        "no files found".to_string()
    } else {
        format!(
            "{} file(s) found, none with a readable article (supported: .txt, .md, .html, .json, .jsonl, .csv, .tsv, .trec, .sgm, and any of them .gz)",
            corpus.files_seen
        )
    };
    Error::NothingToIndex { inputs, reason }
}

/// Replaces the articles of every file read and commits; returns the passages written.
fn write(index: &NewsIndex, corpus: &Corpus, options: &IndexOptions) -> Result<usize> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let mut writer: IndexWriter<TantivyDocument> = index
        .index
        .writer_with_num_threads(threads, WRITER_MEMORY_BYTES)?;
    let fields = index.fields;
    if options.rebuild {
        writer.delete_all_documents()?;
    } else {
        for file in &corpus.files {
            writer.delete_term(Term::from_field_text(
                fields.file_key,
                &file_key(&file.path),
            ));
        }
    }
    let keys: std::collections::HashMap<String, String> = corpus
        .files
        .iter()
        .map(|f| (f.path.display().to_string(), file_key(&f.path)))
        .collect();
    let passages = corpus
        .articles
        .par_iter()
        .map(|article| {
            options.check_cancelled()?;
            let file = article.path.split('#').next().unwrap_or(&article.path);
            let key = keys.get(file).map_or(file, String::as_str);
            let docs = passage_documents(&fields, article, key);
            let count = docs.len();
            for doc in docs {
                writer.add_document(doc)?;
            }
            Ok(count)
        })
        .sum::<Result<usize>>()?;
    options.check_cancelled()?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(passages)
}

/// The canonical path of a file, the key under which its articles are replaced.
fn file_key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// One document per passage; an article with a title but no body gets one empty passage, so its
/// title stays searchable.
fn passage_documents(fields: &Fields, article: &Article, file_key: &str) -> Vec<TantivyDocument> {
    let body = article.body();
    let mut spans: Vec<_> = segment(article).into_iter().map(|p| p.span).collect();
    if spans.is_empty() {
        spans.push(0..0);
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(ordinal, span)| {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.article_id, &article.id);
            doc.add_text(fields.file_key, file_key);
            doc.add_u64(fields.passage, ordinal as u64);
            let text = &body[span.clone()];
            doc.add_text(fields.title, &article.title);
            doc.add_text(fields.text, text);
            doc.add_text(fields.title_exact, &article.title);
            doc.add_text(fields.text_exact, text);
            doc.add_text(fields.acronyms, &article.title);
            doc.add_text(fields.acronyms, text);
            if let Some(byline) = &article.byline {
                doc.add_text(fields.byline, byline);
            }
            if let Some(source) = &article.source {
                doc.add_text(fields.source, source);
                doc.add_text(fields.source_text, source);
            }
            if let Some(date) = &article.date {
                doc.add_date(
                    fields.date,
                    DateTime::from_timestamp_secs(date.unix_seconds()),
                );
                doc.add_text(fields.date_text, date.to_iso());
            }
            if let Some(url) = &article.url {
                doc.add_text(fields.url, url);
            }
            doc.add_text(fields.path, &article.path);
            doc.add_u64(fields.start, span.start as u64);
            doc.add_u64(fields.end, span.end as u64);
            if let Some(original) = &article.copy_of {
                doc.add_text(fields.copy_of, original);
            }
            doc.add_u64(fields.tiebreak, tiebreak(&article.id, ordinal));
            doc
        })
        .collect()
}

/// A stable hash of an article id and passage ordinal; equal scores are ordered by it.
pub(crate) fn tiebreak(article_id: &str, ordinal: usize) -> u64 {
    let mut hasher = DefaultHasher::new();
    article_id.hash(&mut hasher);
    ordinal.hash(&mut hasher);
    hasher.finish()
}
