//! Indexing: read the inputs in parallel, cut articles into passages, replace the articles of
//! every file read, and commit once, atomically.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::indexer::LogMergePolicy;
use tantivy::schema::{Field, TantivyDocument};
use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer, TokenStream};
use tantivy::{DateTime, IndexWriter, Term};

use super::config::IndexConfig;
use super::directory::sibling;
use super::expansions::{refresh_expansions, save_expansions};
use super::failure::{merge_failed, writer_thread_error, Before};
use super::lock::WriterLock;
use super::manifest::{canonical, content_hash, file_key, fingerprint, FileEntry, Manifest};
use super::merge::{merge_segments, Merged};
use super::reader::{check_place, NewsIndex};
use super::schema::Fields;
use super::signatures::{discard, remove_others, StoredSignatures};
use super::store::{install_glossary, save_acronyms};
use crate::analysis::{self, AcronymCounts, Glossary};
use crate::error::{Error, Result};
use crate::ingest::{
    discover, survey, Discovery, Format, Progress, ReadOptions, ReadReport, Skip, SkipReason,
    SourceFile, Surveyed,
};
use crate::language::{self, Language, ENGLISH};
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
    /// The language of every article that does not state its own (`None`: detected).
    pub language: Option<Language>,
    /// Merge the index's segments into one once the run is done (also when it changed
    /// nothing), so that searches start faster.
    pub merge: bool,
}

impl IndexOptions {
    fn check_cancelled(&self) -> Result<()> {
        match &self.cancel {
            Some(flag) if flag.load(Ordering::SeqCst) => Err(Error::Interrupted),
            _ => Ok(()),
        }
    }
}

/// How the files under the inputs compared with what the index remembered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files the index did not know, read.
    pub new: usize,
    /// Known files whose content changed (or that the field mapping asks to read again), read.
    pub changed: usize,
    /// Known files under the inputs that are gone, their articles deleted.
    pub deleted: usize,
    /// Known files whose content is the same, not read.
    pub unchanged: usize,
}

impl Changes {
    /// No file was read and no file's articles were deleted.
    pub fn is_empty(&self) -> bool {
        self.new + self.changed + self.deleted == 0
    }
}

/// What an indexing run did.
#[derive(Debug)]
pub struct IndexReport {
    /// What was read (only new and changed files), with the files passed over.
    pub read: ReadReport,
    /// Passages written.
    pub passages: usize,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// New, changed, deleted and unchanged files.
    pub changes: Changes,
    /// Whether the run committed; a run that found nothing to change leaves the index as it was.
    pub committed: bool,
    /// The inputs synchronised (the remembered roots when none were given).
    pub inputs: Vec<PathBuf>,
    /// The settings the run used (remembered ones with the run's own on top), now remembered.
    pub config: IndexConfig,
    /// The earlier run on this index that ended without finishing (killed or crashed), as its
    /// lock file named it; nothing of it had been committed.
    pub interrupted_run: Option<String>,
    /// What merging the segments did, when the run was asked to ([`IndexOptions::merge`]).
    pub merged: Option<Merged>,
}

impl IndexReport {
    /// Articles written.
    pub fn articles(&self) -> usize {
        self.read.articles
    }

    /// Input throughput in MB/s (10^6 bytes).
    pub fn megabytes_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64().max(1e-6);
        self.read.bytes as f64 / 1e6 / secs
    }
}

/// Memory budget of the writer, shared by its threads. Each thread fills its share before it
/// writes a segment, so a larger budget means fewer, larger segments to search (six for the
/// 1 GB benchmark corpus on two threads, where 512 MB left eight); with the first pass's memory
/// handed back first ([`return_freed_memory`]), a run of that corpus peaks at about 860 MB
/// resident on two threads and 850 MB on one.
const WRITER_MEMORY_BYTES: usize = 640 << 20;
/// Segments with more documents than this are not merged while a run writes: merging the large
/// segments of a bulk load on one core would add a quarter to the run's time (53 s for the ten
/// segments of the 1 GB benchmark corpus, indexed in about 200 s on two), while the small
/// segments that incremental runs leave behind are still merged together. `--merge` merges
/// everything into one segment on request ([`merge_segments`]).
const MAX_DOCS_BEFORE_MERGE: usize = 100_000;

/// Brings the index at `index_path` (created when missing) up to date with the article files
/// under `inputs`, or under every folder it remembers when `inputs` is empty, reporting reading
/// progress to `progress`.
///
/// Only new files and files whose content changed are read (a file of the same size and
/// modification time is taken as unchanged without reading it; otherwise its content hash
/// decides); the articles of remembered files under the inputs that no longer exist are
/// deleted; files under other remembered folders are left alone. When nothing changed, nothing
/// is committed. When the inputs hold no article at all, fails with [`Error::NothingToIndex`]
/// and leaves the index untouched.
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
    let before = Before::survey(index_path);
    let lock = match WriterLock::acquire(index_path) {
        Ok(lock) => lock,
        Err(error @ Error::Locked { .. }) => return Err(error),
        Err(error) => return Err(before.fail(index_path, error, None)),
    };
    let interrupted_run = lock.interrupted_holder.clone();
    let report = match index_locked(index_path, inputs, options, progress, started) {
        Ok(report) => report,
        Err(error) => return Err(before.fail(index_path, error, Some(lock))),
    };
    // The run has committed: a merge that fails leaves the index as that commit made it.
    let merged = if options.merge {
        let merged = merge_segments(index_path, progress)
            .map_err(|error| merge_failed(index_path, error))?;
        Some(merged)
    } else {
        None
    };
    drop(lock);
    Ok(IndexReport {
        interrupted_run,
        merged,
        ..report
    })
}

fn index_locked(
    index_path: &Path,
    inputs: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
    started: Instant,
) -> Result<IndexReport> {
    let remembered_config = IndexConfig::load(index_path)?;
    let options = &IndexOptions {
        read: remembered_config.apply(&options.read),
        ..options.clone()
    };
    let fields_changed = options.read.fields != remembered_config.fields;
    let index = match NewsIndex::open_or_create(index_path) {
        Err(Error::IncompatibleIndex { .. } | Error::Damaged { .. }) if options.rebuild => None,
        other => Some(other?),
    };
    let remembered = match &index {
        Some(index) => Manifest::load(&index.index, index_path)?,
        None => old_manifest(index_path),
    };
    let inputs: Vec<PathBuf> = if inputs.is_empty() {
        if remembered.roots.is_empty() {
            return Err(Error::NoInputs {
                path: index_path.to_path_buf(),
            });
        }
        remembered.roots.iter().cloned().collect()
    } else {
        inputs.to_vec()
    };
    let base = if options.rebuild {
        Manifest::default()
    } else {
        remembered.clone()
    };
    let found = discover(&inputs, &options.read.selection)?;
    let plan = Plan::new(&base, &inputs, found, fields_changed);
    options.check_cancelled()?;
    let signatures = if options.rebuild {
        StoredSignatures::default()
    } else {
        StoredSignatures::load(index_path, base.signatures.as_deref(), &plan.deletes)
    };
    let surveyed = survey(
        plan.discovery,
        &signatures.articles,
        &options.read,
        progress,
    );
    options.check_cancelled()?;
    let changes = plan.changes;
    if surveyed.report().articles == 0 && changes.unchanged + changes.changed + changes.deleted == 0
    {
        return Err(nothing_to_index(&inputs, surveyed.report()));
    }
    let mut report = IndexReport {
        read: ReadReport::default(),
        passages: 0,
        elapsed: Duration::ZERO,
        changes,
        committed: false,
        inputs,
        config: IndexConfig::of(&options.read),
        interrupted_run: None,
        merged: None,
    };
    if changes.is_empty() && plan.manifest == remembered && !options.rebuild {
        report.config.save(index_path)?;
        refresh_expansions(index_path)?;
        report.read = surveyed.into_report();
        report.elapsed = started.elapsed();
        return Ok(report);
    }
    let update = Update {
        deletes: plan.deletes,
        manifest: plan.manifest,
        pending: plan.pending,
        signatures,
    };
    let written = match index {
        Some(index) => {
            let written = write(&index, surveyed, update, options, progress)?;
            finish_side_files(index_path, &written.acronyms, options)?;
            written
        }
        None => rebuild_elsewhere(index_path, surveyed, update, options, progress)?,
    };
    report.read = written.read;
    report.passages = written.passages;
    report.committed = true;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// The manifest of an index that cannot be opened as a newsdex index (one of an incompatible
/// format or a damaged one, about to be rebuilt); empty when it has none that can be read.
fn old_manifest(index_path: &Path) -> Manifest {
    tantivy::Index::open_in_dir(index_path)
        .ok()
        .and_then(|index| Manifest::load(&index, index_path).ok())
        .unwrap_or_default()
}

/// What a run has to do: the files to read, the files whose articles go, and the manifest to
/// commit once the files are read.
struct Plan {
    /// The new and changed files to read, with the files passed over.
    discovery: Discovery,
    /// The manifest, without the files still to read.
    manifest: Manifest,
    /// The key and entry of each file to read, in the order of `discovery.files`, their article
    /// counts still to fill in.
    pending: Vec<(String, FileEntry)>,
    /// Keys whose documents are deleted: the files read and the files gone.
    deletes: Vec<String>,
    changes: Changes,
}

/// Where a file found under the inputs stands against the manifest.
enum Look {
    /// Same content as remembered (the entry, with its modification time brought up to date).
    Unchanged(FileEntry),
    /// New or changed: to read (its entry, articles not yet counted).
    Read(FileEntry),
}

impl Plan {
    /// Compares the files found under `inputs` with `base`, the manifest to start from; when
    /// the field mapping changed, the files it can read differently are read again.
    fn new(base: &Manifest, inputs: &[PathBuf], found: Discovery, fields_changed: bool) -> Plan {
        let roots: Vec<PathBuf> = inputs.iter().map(|p| canonical(p)).collect();
        let mut manifest = base.clone();
        for root in &roots {
            manifest.add_root(root);
        }
        let looked: Vec<_> = found
            .files
            .into_par_iter()
            .map(|file| {
                let key = file_key(&file.path);
                let look = match look(&file.path, base.files.get(&key)) {
                    Ok(Look::Unchanged(entry)) if fields_changed && reads_fields(&file) => {
                        Ok(Look::Read(entry))
                    }
                    other => other,
                };
                (file, key, look)
            })
            .collect();
        let mut plan = Plan {
            discovery: Discovery {
                files: Vec::new(),
                skipped: found.skipped,
            },
            manifest,
            pending: Vec::new(),
            deletes: Vec::new(),
            changes: Changes::default(),
        };
        let mut seen = HashSet::new();
        for (file, key, look) in looked {
            match look {
                Ok(Look::Unchanged(entry)) => {
                    plan.changes.unchanged += 1;
                    plan.manifest.files.insert(key.clone(), entry);
                }
                Ok(Look::Read(entry)) => {
                    if base.files.contains_key(&key) {
                        plan.changes.changed += 1;
                    } else {
                        plan.changes.new += 1;
                    }
                    plan.deletes.push(key.clone());
                    plan.pending.push((key.clone(), entry));
                    plan.discovery.files.push(file);
                }
                Err(e) => {
                    plan.discovery.skipped.push(Skip::new(
                        file.path.display().to_string(),
                        SkipReason::Unreadable(e.to_string()),
                    ));
                    continue;
                }
            }
            seen.insert(key);
        }
        let gone: Vec<String> = base
            .files_under(&roots)
            .filter(|key| !seen.contains(*key))
            .map(str::to_string)
            .collect();
        for key in gone {
            plan.manifest.files.remove(&key);
            plan.deletes.push(key);
            plan.changes.deleted += 1;
        }
        plan
    }
}

/// Whether the field mapping can change what a file gives: JSON, JSON Lines, CSV and TSV files,
/// and files whose name tells no format (their content may be JSON). A `.txt` file holding
/// JSON is not read again for a new mapping.
fn reads_fields(file: &SourceFile) -> bool {
    matches!(
        file.format,
        None | Some(Format::Json | Format::JsonLines | Format::Csv | Format::Tsv)
    )
}

/// Compares a file with its remembered entry: the same size and modification time mean the
/// same content without reading it; otherwise the content hash decides.
fn look(path: &Path, known: Option<&FileEntry>) -> std::io::Result<Look> {
    let (size, mtime_ns) = fingerprint(path)?;
    if let Some(known) = known {
        if known.size == size && known.mtime_ns == mtime_ns {
            return Ok(Look::Unchanged(*known));
        }
    }
    let entry = FileEntry {
        size,
        mtime_ns,
        hash: content_hash(path)?,
        articles: 0,
    };
    Ok(match known {
        Some(known) if known.size == size && known.hash == entry.hash => {
            Look::Unchanged(FileEntry {
                articles: known.articles,
                ..entry
            })
        }
        _ => Look::Read(entry),
    })
}

/// The manifest with the entries of the files read, their articles counted.
fn finish_manifest(
    mut manifest: Manifest,
    pending: Vec<(String, FileEntry)>,
    read: &ReadReport,
) -> Manifest {
    for ((key, mut entry), (_, articles)) in pending.into_iter().zip(&read.files) {
        entry.articles = *articles;
        manifest.files.insert(key, entry);
    }
    manifest
}

/// An index of an incompatible format, or a damaged one, is rebuilt beside the old one and
/// swapped in, so that the old index stays whole until the new one is committed.
fn rebuild_elsewhere(
    index_path: &Path,
    surveyed: Surveyed,
    update: Update,
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<Written> {
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
    let update = Update {
        deletes: Vec::new(),
        signatures: StoredSignatures::default(),
        ..update
    };
    let index = NewsIndex::open_or_create(&fresh)?;
    let written = write(&index, surveyed, update, &fresh_options, progress)?;
    drop(index);
    finish_side_files(&fresh, &written.acronyms, &fresh_options)?;
    // The saved searches of `newsdex watch` belong to the place, not to the documents.
    let watches = index_path.join(crate::watch::WATCH_FILE);
    if watches.is_file() {
        let kept = fresh.join(crate::watch::WATCH_FILE);
        std::fs::copy(&watches, &kept).map_err(|e| Error::io(&kept, e))?;
    }
    std::fs::rename(index_path, &old).map_err(|e| Error::io(index_path, e))?;
    std::fs::rename(&fresh, index_path).map_err(|e| Error::io(index_path, e))?;
    std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    Ok(written)
}

/// Stores the mined acronyms, the user's glossary, the glossary analysed and the settings of
/// the run beside the committed documents.
fn finish_side_files(
    index_path: &Path,
    mined: &AcronymCounts,
    options: &IndexOptions,
) -> Result<()> {
    IndexConfig::of(&options.read).save(index_path)?;
    save_acronyms(index_path, mined, options.rebuild)?;
    if let Some(glossary) = &options.glossary {
        install_glossary(index_path, glossary)?;
    }
    save_expansions(index_path)
}

/// Hands the memory the first pass freed back to the system before the second fills the
/// writer's budget. The first pass held every article's glimpse, allocated by many threads;
/// freed, it stays with the allocator as scattered holes (about 150 MB after the 1 GB benchmark
/// corpus) that the writer's large buffers do not reuse, so that it added to the run's peak.
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns the allocator's free pages to the system; it takes no
    // pointer and may be called at any time, from any thread.
    #[allow(unsafe_code)]
    unsafe {
        libc::malloc_trim(0);
    }
}

fn nothing_to_index(inputs: &[PathBuf], read: &ReadReport) -> Error {
    let inputs = inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let reason = if read.files_seen == 0 {
        "no files found".to_string()
    } else {
        format!(
            "{} file(s) found, none with a readable article (supported: .txt, .md, .html, .json, .jsonl, .csv, .tsv, .trec, .sgm, and any of them .gz)",
            read.files_seen
        )
    };
    Error::NothingToIndex {
        inputs,
        reason,
        skipped: read.skipped.clone(),
    }
}

/// What a run changes in the index besides adding the articles it reads.
struct Update {
    /// Keys of the files whose documents go: the files read again and the files gone.
    deletes: Vec<String>,
    /// The manifest to commit, without the files being read...
    manifest: Manifest,
    /// ...whose keys and entries (in the order the files are read) are added once their
    /// articles are counted.
    pending: Vec<(String, FileEntry)>,
    /// The story signatures of the articles kept (those of the files read or gone left out).
    signatures: StoredSignatures,
}

/// What writing did.
struct Written {
    read: ReadReport,
    passages: usize,
    /// Acronym definitions found in the articles written (copies left out).
    acronyms: AcronymCounts,
}

/// Deletes the documents of the files keyed in `update.deletes` (or all, on a rebuild), reads
/// the surveyed files a second time and writes every article as it comes, and commits them with
/// the manifest as the payload, the manifest naming the story signatures written after the
/// first pass.
fn write(
    index: &NewsIndex,
    mut surveyed: Surveyed,
    update: Update,
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<Written> {
    // As many writer threads as the rayon pool that reads the files (so that RAYON_NUM_THREADS
    // bounds the whole run), at most 8.
    let threads = rayon::current_num_threads().clamp(1, 8);
    let mut writer: IndexWriter<TantivyDocument> = index
        .index
        .writer_with_num_threads(threads, WRITER_MEMORY_BYTES)?;
    let mut merge_policy = LogMergePolicy::default();
    merge_policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
    writer.set_merge_policy(Box::new(merge_policy));
    let fields = *index.fields();
    if options.rebuild {
        writer.delete_all_documents()?;
    } else {
        for key in &update.deletes {
            writer.delete_term(Term::from_field_text(fields.file_key, key));
        }
    }
    // The stories are settled: their signatures are written now and leave memory.
    let file_keys: Vec<&str> = update.pending.iter().map(|(key, _)| key.as_str()).collect();
    let signatures =
        update
            .signatures
            .save(index.path(), &file_keys, &surveyed.take_signatures())?;
    drop(file_keys);
    drop(update.signatures);
    return_freed_memory();
    let passages = AtomicUsize::new(0);
    let acronyms = Mutex::new(AcronymCounts::default());
    let committed = (|| {
        let keys = &update.pending;
        let read = surveyed.read(&options.read, progress, |file, article| {
            options.check_cancelled()?;
            if article.copy_of.is_none() {
                let mut found = AcronymCounts::default();
                article.paragraphs.iter().for_each(|p| found.add_text(p));
                // Merging cannot panic, so the lock is never poisoned; if it were, the counts stay usable.
                acronyms
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .merge(found);
            }
            let docs = passage_documents(&fields, &article, &keys[file].0, options.language);
            passages.fetch_add(docs.len(), Ordering::Relaxed);
            for doc in docs {
                writer.add_document(doc)?;
            }
            Ok::<_, Error>(())
        });
        let read = read.map_err(|e| writer_thread_error(&mut writer, e))?;
        options.check_cancelled()?;
        let mut commit = writer.prepare_commit()?;
        let mut manifest = finish_manifest(update.manifest, update.pending, &read);
        manifest.signatures = Some(signatures.clone());
        commit.set_payload(&manifest.to_json());
        commit.commit()?;
        Ok::<_, Error>(read)
    })();
    // A run that does not commit leaves no signatures file behind (a killed one leaves it to
    // the next commit to remove).
    let read = committed.inspect_err(|_| discard(index.path(), &signatures))?;
    remove_others(index.path(), &signatures);
    writer.wait_merging_threads()?;
    Ok(Written {
        read,
        passages: passages.into_inner(),
        acronyms: acronyms
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner),
    })
}

/// The language of an article: the one it states, else the run's, else detected.
pub(crate) fn language_of(article: &Article, run: Option<Language>, body: &str) -> Language {
    article
        .language
        .as_deref()
        .and_then(Language::parse)
        .or(run)
        .unwrap_or_else(|| language::detect(&article.title, body))
}

/// Adds `text` to `field`: as it is for English (the field's own chain analyses it), analysed
/// by `chain` beforehand for another language.
fn add_analysed(
    doc: &mut TantivyDocument,
    field: Field,
    text: &str,
    chain: Option<&mut TextAnalyzer>,
) {
    let Some(chain) = chain else {
        doc.add_text(field, text);
        return;
    };
    let mut tokens = Vec::new();
    let mut stream = chain.token_stream(text);
    while stream.advance() {
        tokens.push(stream.token().clone());
    }
    doc.add_pre_tokenized_text(
        field,
        PreTokenizedString {
            text: text.to_string(),
            tokens,
        },
    );
}

/// One document per passage; an article with a title but no body gets one empty passage, so its
/// title stays searchable.
fn passage_documents(
    fields: &Fields,
    article: &Article,
    file_key: &str,
    run_language: Option<Language>,
) -> Vec<TantivyDocument> {
    let body = article.body();
    let language = language_of(article, run_language, &body);
    let mut chain = (language != ENGLISH).then(|| analysis::language_analyzer(language));
    let mut forms = (language != ENGLISH).then(analysis::exact_analyzer);
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
            add_analysed(&mut doc, fields.title, &article.title, chain.as_mut());
            add_analysed(&mut doc, fields.text, text, chain.as_mut());
            doc.add_text(fields.language, language.code);
            // The surface fields of another language keep every form (its terms carry its
            // code and never equal one).
            add_analysed(&mut doc, fields.title_exact, &article.title, forms.as_mut());
            add_analysed(&mut doc, fields.text_exact, text, forms.as_mut());
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
            doc.add_text(
                fields.story,
                article.story.as_deref().unwrap_or(&article.id),
            );
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
