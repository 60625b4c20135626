//! Reading a run's files in two passes, so that memory does not grow with the corpus: the first
//! pass surveys every article (a few hashes each, see [`Survey`]), the second reads them again,
//! cleans each as the survey settled, and hands it on at once. Both passes read files in
//! parallel and every file as a stream.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::clean::{Glimpse, Survey};
use super::story::StorySignature;
use super::{
    discover, read_file, Discovery, FileRead, ReadOptions, Skip, SkipReason, SourceFile,
    TextEncoding,
};
use crate::error::Result;
use crate::model::Article;

/// What reading the inputs did: counts, encodings, cleaning, and what was passed over.
#[derive(Debug, Default)]
pub struct ReadReport {
    /// Files found.
    pub files_seen: usize,
    /// Files that gave at least one article.
    pub files_read: usize,
    /// Articles given.
    pub articles: usize,
    /// Bytes of the files read.
    pub bytes: u64,
    /// Files and records passed over, with reasons.
    pub skipped: Vec<Skip>,
    /// How many files were decoded with each encoding.
    pub encodings: BTreeMap<TextEncoding, usize>,
    /// Articles that are exact copies of an earlier one.
    pub copies: usize,
    /// Stories of more than one article (see [`crate::model::Article::story`]).
    pub stories: usize,
    /// Articles in those stories besides the first of each (exact copies included).
    pub versions: usize,
    /// Boilerplate paragraphs removed.
    pub boilerplate: usize,
    /// Articles whose id was already taken by an earlier article, renamed `ID#2`, `ID#3`, ….
    pub id_collisions: usize,
    /// The files read, in order, with the articles each gave.
    pub files: Vec<(SourceFile, usize)>,
}

/// The articles of a run read into memory, cleaned, in file order.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The articles, copies marked and boilerplate removed.
    pub articles: Vec<Article>,
    /// What reading did.
    pub report: ReadReport,
}

/// The two passes over a run's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// The first: every article is glimpsed, to settle ids, copies and boilerplate.
    Survey,
    /// The second: every article is read again, cleaned, and handed on.
    Read,
}

/// How many articles of one file are read between two [`Progress::advance`] calls, so that
/// progress moves while a large file is read.
pub const PROGRESS_EVERY: usize = 1024;

/// Receives progress while files are read (the library never prints).
pub trait Progress: Sync {
    /// Called at the start of each pass with the number of files and their total size in bytes.
    fn start(&self, _pass: Pass, _files: usize, _bytes: u64) {}
    /// Called with the bytes and articles read since the last call: every [`PROGRESS_EVERY`]
    /// articles of a file, and with the rest of the file when it ends (so every byte of every
    /// file is counted once per pass).
    fn advance(&self, _bytes: u64, _articles: usize) {}
    /// Called after each file is read.
    fn file_done(&self) {}
    /// Called when the index's `segments` start being merged into one (`--merge`).
    fn merging(&self, _segments: usize) {}
}

/// No progress reporting.
impl Progress for () {}

/// A run's files after the first pass: what was passed over, and the survey that cleans the
/// articles in the second.
#[derive(Debug)]
pub struct Surveyed {
    files: Vec<SourceFile>,
    survey: Survey,
    report: ReadReport,
}

/// Reads every file under the inputs, in parallel, into memory (for small corpora and tests;
/// indexing streams instead).
pub fn read_corpus(
    inputs: &[PathBuf],
    options: &ReadOptions,
    progress: &dyn Progress,
) -> Result<Corpus> {
    let surveyed = survey(
        discover(inputs, &options.selection)?,
        &[],
        options,
        progress,
    );
    let articles = Mutex::new(Vec::new());
    let report = surveyed.read(options, progress, |file, article| {
        // Pushing cannot panic, so the lock is never poisoned.
        articles
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((file, article));
        Ok::<_, Infallible>(())
    });
    let Ok(report) = report;
    let mut articles = articles
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    // Articles of one file arrive in order; files in any order.
    articles.sort_by_key(|(file, _)| *file);
    Ok(Corpus {
        articles: articles.into_iter().map(|(_, a)| a).collect(),
        report,
    })
}

/// Articles glimpsed together in the first pass.
const GLIMPSE_BATCH: usize = 256;
/// Batches of one file handed to the thread pool and not yet glimpsed, at most; past this the
/// file's reader glimpses its next batch itself, so that memory stays bounded when glimpsing is
/// slower than reading.
const BATCHES_IN_FLIGHT: usize = 4;

/// Reads one file for the survey and glimpses its articles, in file order. The articles are
/// glimpsed on the thread pool a batch at a time while the reader goes on parsing, so that one
/// large file keeps every core busy.
fn glimpse_file(
    file: &SourceFile,
    options: &ReadOptions,
    progress: &dyn Progress,
) -> (Result<FileRead, SkipReason>, Vec<Glimpse>) {
    let glimpsed: Mutex<Vec<(usize, Vec<Glimpse>)>> = Mutex::new(Vec::new());
    let finished = AtomicUsize::new(0);
    let keep = |number: usize, batch: Vec<Article>| {
        let glimpses = batch.iter().map(Glimpse::of).collect();
        glimpsed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((number, glimpses));
    };
    let read = rayon::scope(|scope| {
        let mut batch = Vec::with_capacity(GLIMPSE_BATCH);
        let mut batches = 0;
        let mut handed = 0;
        let read = read_file(file, options, progress, &mut |article| {
            batch.push(article);
            if batch.len() == GLIMPSE_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(GLIMPSE_BATCH));
                if handed - finished.load(Ordering::Acquire) < BATCHES_IN_FLIGHT {
                    let (keep, finished) = (&keep, &finished);
                    scope.spawn(move |_| {
                        keep(batches, full);
                        finished.fetch_add(1, Ordering::Release);
                    });
                    handed += 1;
                } else {
                    keep(batches, full);
                }
                batches += 1;
            }
            true
        });
        keep(batches, batch);
        read
    });
    let mut glimpsed = glimpsed
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    glimpsed.sort_unstable_by_key(|(number, _)| *number);
    let glimpses = glimpsed.into_iter().flat_map(|(_, g)| g).collect();
    (read, glimpses)
}

/// The first pass over the files of a discovery (possibly a subset of what was found, as
/// incremental indexing chooses): reads every file, in parallel, and settles the ids, copies and
/// boilerplate of their articles. The discovery's skipped files are counted as seen and
/// reported.
///
/// Cleaning only sees the articles of the files given here: exact copies, boilerplate repeated
/// across an outlet's articles, and articles claiming the same id are found among them, not
/// against articles indexed by earlier runs. Stories are found against those too, through
/// their signatures (`known`): an article that is a version of one of them takes its story's
/// id, even when it is earlier than the story's first article, so that story ids stay stable.
pub fn survey(
    discovery: Discovery,
    known: &[StorySignature],
    options: &ReadOptions,
    progress: &dyn Progress,
) -> Surveyed {
    let Discovery { files, skipped } = discovery;
    progress.start(
        Pass::Survey,
        files.len(),
        files.iter().map(|f| f.size).sum(),
    );
    let results: Vec<_> = files
        .par_iter()
        .map(|file| {
            let (read, mut glimpses) = glimpse_file(file, options, progress);
            // A file that fails part-way (a gzip bomb, a broken stream) gives nothing at all.
            if read.is_err() {
                glimpses.clear();
            }
            progress.file_done();
            (read, glimpses)
        })
        .collect();
    let mut report = ReadReport {
        files_seen: files.len() + skipped.len(),
        skipped,
        ..ReadReport::default()
    };
    let mut glimpses = Vec::with_capacity(files.len());
    for (file, (read, glimpsed)) in files.iter().zip(results) {
        report.add_file(file, read);
        glimpses.push(glimpsed);
    }
    let survey = Survey::new(glimpses, known);
    report.articles = survey.articles;
    report.copies = survey.copies;
    report.stories = survey.stories;
    report.versions = survey.versions;
    report.id_collisions = survey.id_collisions;
    Surveyed {
        files,
        survey,
        report,
    }
}

impl ReadReport {
    /// Counts what the first pass made of one file.
    fn add_file(&mut self, file: &SourceFile, read: std::result::Result<FileRead, SkipReason>) {
        match read {
            Ok(read) => {
                if read.articles > 0 {
                    self.files_read += 1;
                }
                self.bytes += read.bytes;
                *self.encodings.entry(read.encoding).or_default() += 1;
                self.skipped.extend(read.skipped);
            }
            Err(reason) => self
                .skipped
                .push(Skip::new(file.path.display().to_string(), reason)),
        }
    }
}

impl Surveyed {
    /// What the first pass found (articles counted, nothing cleaned yet).
    pub fn report(&self) -> &ReadReport {
        &self.report
    }

    /// The signature, date and story of every article surveyed that has a signature, per file
    /// in the order of the discovery (taken: a second call gives none).
    pub fn take_signatures(&mut self) -> Vec<Vec<StorySignature>> {
        self.survey.take_signatures()
    }

    /// What the first pass found, for a run that goes no further.
    pub fn into_report(self) -> ReadReport {
        self.report
    }

    /// The second pass: reads every file again, in parallel, cleans each article and hands it
    /// to `each` as soon as it is read, with the number of its file (from 0, in the order of the
    /// discovery given to [`survey`]). The first error `each` returns stops the reading and is
    /// returned.
    ///
    /// Files that gave no article in the first pass are not read again. An article that is not
    /// the one surveyed at its place (its file changed between the passes) is skipped and
    /// reported, and so is a file that can no longer be read (the articles it gave before
    /// failing stay).
    pub fn read<E: Send>(
        self,
        options: &ReadOptions,
        progress: &dyn Progress,
        each: impl Fn(usize, Article) -> std::result::Result<(), E> + Sync,
    ) -> std::result::Result<ReadReport, E> {
        let Surveyed {
            files,
            survey,
            mut report,
        } = self;
        progress.start(Pass::Read, files.len(), files.iter().map(|f| f.size).sum());
        let outcomes = files
            .par_iter()
            .enumerate()
            .map(|(number, file)| {
                let outcome = read_again(number, file, options, &survey, progress, &each);
                progress.file_done();
                outcome
            })
            .collect::<std::result::Result<Vec<_>, E>>()?;
        report.articles = 0;
        for (file, outcome) in files.into_iter().zip(outcomes) {
            report.articles += outcome.articles;
            report.boilerplate += outcome.boilerplate;
            report.skipped.extend(outcome.skipped);
            report.files.push((file, outcome.articles));
        }
        Ok(report)
    }
}

/// What the second pass made of one file.
struct ReadAgain {
    articles: usize,
    boilerplate: usize,
    /// Only what the first pass did not report already.
    skipped: Vec<Skip>,
}

fn read_again<E>(
    number: usize,
    file: &SourceFile,
    options: &ReadOptions,
    survey: &Survey,
    progress: &dyn Progress,
    each: &(impl Fn(usize, Article) -> std::result::Result<(), E> + Sync),
) -> std::result::Result<ReadAgain, E> {
    let mut outcome = ReadAgain {
        articles: 0,
        boilerplate: 0,
        skipped: Vec::new(),
    };
    if survey.articles_in(number) == 0 {
        progress.advance(file.size, 0);
        return Ok(outcome);
    }
    let mut ordinal = 0;
    let mut failure = None;
    let read = read_file(file, options, progress, &mut |mut article| {
        let cleaned = survey.clean(number, ordinal, &mut article);
        ordinal += 1;
        match cleaned {
            Ok(removed) => match each(number, article) {
                Ok(()) => {
                    outcome.articles += 1;
                    outcome.boilerplate += removed;
                    true
                }
                Err(e) => {
                    failure = Some(e);
                    false
                }
            },
            Err(_) => {
                outcome.skipped.push(Skip {
                    path: file.path.display().to_string(),
                    line: None,
                    record: article.record,
                    reason: SkipReason::ChangedWhileRead,
                });
                true
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    if let Err(reason) = read {
        let path = file.path.display().to_string();
        outcome.skipped.push(Skip::new(path, reason));
    }
    Ok(outcome)
}
