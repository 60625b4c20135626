//! The library's error type: every failure that stops an operation, with the path or query position it concerns.

use std::path::PathBuf;

use crate::search::QueryError;

/// A failure that stops an operation. Per-file problems during indexing are not errors: they are
/// reported as [`crate::skip::Skip`] records and the run goes on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path given by the user does not exist.
    #[error("{}: no such file or directory", path.display())]
    NotFound {
        /// The missing path.
        path: PathBuf,
    },
    /// An I/O operation on a path failed.
    #[error("{}: {cause}", path.display())]
    Io {
        /// The path that could not be read or written.
        path: PathBuf,
        /// The underlying error (shown in the message, so not also given as its source: a
        /// chain of causes would repeat it).
        cause: std::io::Error,
    },
    /// There is no index at the given location.
    #[error("no index at {}; build one with `newsdex index DIR --index {}` (or name another with --index or NEWSDEX_INDEX)", absolute(path).display(), path.display())]
    NoIndex {
        /// Where an index was expected.
        path: PathBuf,
    },
    /// The place given for an index is a file.
    #[error("{} is a file, not an index; --index names the folder an index lives in", path.display())]
    IndexIsFile {
        /// The file.
        path: PathBuf,
    },
    /// The directory exists and holds something that is not a newsdex index.
    #[error("{} is not a newsdex index (it is a non-empty directory without newsdex.json); choose another --index path", path.display())]
    NotAnIndex {
        /// The directory.
        path: PathBuf,
    },
    /// The index was written by a version of newsdex with another schema or analysis.
    #[error("the index at {} has format {found}, this newsdex reads format {expected}; rebuild it with `newsdex index --rebuild DIR --index {}`", path.display(), path.display())]
    IncompatibleIndex {
        /// The index directory.
        path: PathBuf,
        /// The format version found on disk.
        found: String,
        /// The format version this build reads and writes.
        expected: u32,
    },
    /// The inputs held no article that could be indexed; the existing index is untouched.
    #[error("nothing to index in {inputs}: {reason}")]
    NothingToIndex {
        /// The inputs, as given.
        inputs: String,
        /// Why nothing was found (for example every file was skipped).
        reason: String,
        /// The files and records passed over.
        skipped: Vec<crate::skip::Skip>,
    },
    /// `newsdex index` was given no folder and the index remembers none.
    #[error("no folders to index: give one (`newsdex index DIR --index {}`); the index remembers none yet", path.display())]
    NoInputs {
        /// The index directory.
        path: PathBuf,
    },
    /// The settings an index remembers (`newsdex.toml`) cannot be understood.
    #[error("{}: {detail}; correct the file or delete it (and give the settings again)", path.display())]
    Config {
        /// The settings file.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// A glossary file could not be read.
    #[error(transparent)]
    Glossary(#[from] crate::analysis::GlossaryError),
    /// Another process is writing the index.
    #[error("{} is held by another newsdex run ({holder}); wait for it to finish or stop it", path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who holds it, as the lock file says.
        holder: String,
    },
    /// The run was interrupted (Ctrl-C) before it committed anything.
    #[error("interrupted: nothing was committed; the index is as it was before this run")]
    Interrupted,
    /// The index's files are damaged or missing.
    #[error("the index at {} is damaged ({detail}); rebuild it with `newsdex index --rebuild DIR --index {}`", path.display(), path.display())]
    Damaged {
        /// The index directory.
        path: PathBuf,
        /// What the search library found.
        detail: String,
    },
    /// The query could not be understood.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The device holding the index ran out of space while a run wrote to it. What was half
    /// written is removed; the index is as its last complete commit left it.
    #[error("no space left on the device holding the index at {}; {left}; free some space (or choose another --index path) and run again", path.display())]
    DiskFull {
        /// The index directory.
        path: PathBuf,
        /// What the failed run left.
        left: Left,
    },
    /// The index directory cannot be written: a read-only file system, or no permission.
    #[error("cannot write to the index at {} ({reason}); {left}; make it writable or choose another --index path (searching an index needs no write access)", path.display())]
    NotWritable {
        /// The index directory.
        path: PathBuf,
        /// Why it cannot be written, as the operating system says.
        reason: String,
        /// What the failed run left.
        left: Left,
    },
    /// A saved search cannot be added or run as asked (`newsdex watch`).
    #[error("{0}")]
    Watch(String),
    /// A distributed engine could not be reached or refused a statement.
    #[error("{0}")]
    Engine(String),
    /// The search library reported a failure (a damaged index, a full disk, ...).
    #[error(transparent)]
    Index(#[from] tantivy::TantivyError),
}

/// What an indexing run that failed while writing left in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// The index is as its last complete commit left it.
    LastCommit,
    /// The run was creating the index: nothing of it is left.
    Nothing,
}

impl std::fmt::Display for Left {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Left::LastCommit => "the index keeps its last complete commit",
            Left::Nothing => "no index was created",
        })
    }
}

/// The path made absolute (as given when that fails), so that a message says where it looked.
fn absolute(path: &std::path::Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub(crate) fn io(path: impl Into<PathBuf>, cause: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            cause,
        }
    }
}
