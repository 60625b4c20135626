//! What an indexing run that fails leaves behind: a full disk or a place that cannot be written
//! is said so, with the index path; files half written are removed, so that a failed run
//! neither leaves a half-made index where there was none nor fills the disk with segments that
//! no commit names.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::Path;

use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::schema::TantivyDocument;
use tantivy::{Index, IndexWriter, TantivyError};

use super::directory::{sibling, IndexDirectory};
use super::lock::{WriterLock, LOCK_FILE};
use super::manifest::Manifest;
use super::reader::MARKER_FILE;
use super::signatures::remove_others;
use crate::error::{Error, Left};

/// Memory of the writer opened only to remove unused files: tantivy's minimum.
const SWEEP_WRITER_BYTES: usize = 15_000_000;

/// The index's place as it was before a run wrote to it.
pub(crate) struct Before {
    /// Whether the directory existed.
    existed: bool,
    /// The names it held, when it held no index yet (it was missing or empty); `None` when it
    /// held an index.
    fresh: Option<HashSet<OsString>>,
}

impl Before {
    /// Looks at the place at `index_path`, known to be missing, empty or a newsdex index.
    pub(crate) fn survey(index_path: &Path) -> Before {
        let existed = index_path.exists();
        let fresh = (!index_path.join(MARKER_FILE).is_file()).then(|| {
            std::fs::read_dir(index_path)
                .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
                .unwrap_or_default()
        });
        Before { existed, fresh }
    }

    /// What a failed run leaves: the last commit, or no index when there was none.
    pub(crate) fn left(&self) -> Left {
        match self.fresh {
            Some(_) => Left::Nothing,
            None => Left::LastCommit,
        }
    }

    /// Handles the failure of a run on the index at `index_path` that holds `lock` (`None` when
    /// taking the lock itself failed for a reason other than another holder): the error is
    /// explained, the files half written into an index on a full disk are swept, and what the
    /// run made in a place that held no index is removed. Returns the explained error.
    pub(crate) fn fail(self, index_path: &Path, error: Error, lock: Option<WriterLock>) -> Error {
        let error = explain(error, index_path, self.left());
        if lock.is_some() && self.fresh.is_none() && matches!(error, Error::DiskFull { .. }) {
            sweep(index_path);
        }
        self.undo(index_path, lock);
        error
    }

    /// Removes what a failed run made in a place that held no index, best effort: the entries
    /// that were not there before (the lock file last, once released), and the directory when it
    /// did not exist.
    fn undo(&self, index_path: &Path, lock: Option<WriterLock>) {
        let Some(names) = &self.fresh else {
            return;
        };
        if let Ok(entries) = std::fs::read_dir(index_path) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                if names.contains(&name) || name == LOCK_FILE {
                    continue;
                }
                let _ = match entry.file_type() {
                    Ok(t) if t.is_dir() => std::fs::remove_dir_all(entry.path()),
                    _ => std::fs::remove_file(entry.path()),
                };
            }
        }
        drop(lock);
        if !names.contains(&OsString::from(LOCK_FILE)) {
            let _ = std::fs::remove_file(index_path.join(LOCK_FILE));
        }
        if !self.existed {
            let _ = std::fs::remove_dir(index_path);
        }
    }
}

/// The error a writer thread failed with (a full disk, say), in place of the "index writer was
/// killed" that the documents added after it get: it comes back when the writer's threads are
/// joined. Other errors are returned as they are.
pub(crate) fn writer_thread_error(
    writer: &mut IndexWriter<TantivyDocument>,
    error: Error,
) -> Error {
    if !matches!(error, Error::Index(TantivyError::ErrorInThread(_))) {
        return error;
    }
    match writer.prepare_commit() {
        Err(cause) => Error::Index(cause),
        Ok(_) => error,
    }
}

/// Handles the failure of merging the segments of the index at `index_path` after its run
/// committed: the error is explained (the index keeps that commit), and on a full disk the
/// merged segment half written is swept.
pub(crate) fn merge_failed(index_path: &Path, error: Error) -> Error {
    let error = explain(error, index_path, Left::LastCommit);
    if matches!(error, Error::DiskFull { .. }) {
        sweep(index_path);
    }
    error
}

/// The error of a failed run on the index at `index_path`, told as a full disk or as a place
/// that cannot be written when it is one of these; other errors are returned as they are.
fn explain(error: Error, index_path: &Path, left: Left) -> Error {
    let path = index_path.to_path_buf();
    match io_kind(&error, index_path) {
        Some(ErrorKind::StorageFull | ErrorKind::QuotaExceeded) => Error::DiskFull { path, left },
        Some(ErrorKind::ReadOnlyFilesystem) => Error::NotWritable {
            path,
            reason: "read-only file system".to_string(),
            left,
        },
        Some(ErrorKind::PermissionDenied) => Error::NotWritable {
            path,
            reason: "permission denied".to_string(),
            left,
        },
        _ => error,
    }
}

/// Removes the files of the index at `index_path` that no commit names (segments and story
/// signatures a failed run half wrote) and an unfinished rebuild beside it, to give their space back. Best effort: the
/// index is whole without this, and the next commit removes them too.
fn sweep(index_path: &Path) {
    let _ = std::fs::remove_dir_all(sibling(index_path, "rebuild"));
    let Ok(index) = IndexDirectory::open(index_path)
        .map_err(TantivyError::from)
        .and_then(Index::open)
    else {
        return;
    };
    if let Ok(writer) = index.writer_with_num_threads::<TantivyDocument>(1, SWEEP_WRITER_BYTES) {
        let _ = writer.garbage_collect_files().wait();
    }
    if let Ok(manifest) = Manifest::load(&index, index_path) {
        remove_others(
            index_path,
            manifest.signatures.as_deref().unwrap_or_default(),
        );
    }
}

/// The kind of the I/O failure behind an error about the index, when it is one.
fn io_kind(error: &Error, index_path: &Path) -> Option<ErrorKind> {
    match error {
        Error::Io { path, cause }
            if path.starts_with(index_path) || path.starts_with(sibling(index_path, "rebuild")) =>
        {
            Some(cause.kind())
        }
        Error::Index(error) => tantivy_io_kind(error),
        Error::Damaged { detail, .. } => quoted_os_error(detail),
        _ => None,
    }
}

/// The kind of a tantivy I/O error; when tantivy gives none, or wrapped the operating system's
/// error in one of its own (kind `Other`), the error quoted in its text.
fn tantivy_io_kind(error: &TantivyError) -> Option<ErrorKind> {
    let kind = match error {
        TantivyError::IoError(e) | TantivyError::LockFailure(LockError::IoError(e), _) => {
            Some(e.kind())
        }
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. })
        | TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. })
        | TantivyError::OpenDirectoryError(OpenDirectoryError::IoError { io_error, .. }) => {
            Some(io_error.kind())
        }
        _ => None,
    };
    kind.filter(|k| *k != ErrorKind::Other)
        .or_else(|| quoted_os_error(&error.to_string()))
}

/// The kind of the operating-system error quoted at the end of a message, as in
/// "No space left on device (os error 28)".
fn quoted_os_error(message: &str) -> Option<ErrorKind> {
    let (_, rest) = message.rsplit_once("(os error ")?;
    let code = rest.split(')').next()?.parse().ok()?;
    Some(std::io::Error::from_raw_os_error(code).kind())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io(kind: ErrorKind) -> std::io::Error {
        std::io::Error::new(kind, "test")
    }

    #[test]
    fn errors_of_the_writer_threads_are_read_from_their_text() {
        let full = std::io::Error::from_raw_os_error(28).to_string();
        let error = Error::Index(TantivyError::InternalError(full.clone()));
        let explained = explain(error, Path::new("/x/index"), Left::LastCommit);
        assert!(matches!(explained, Error::DiskFull { .. }), "{explained}");
        let message = explained.to_string();
        assert!(message.contains("/x/index"), "{message}");
        assert!(
            message.contains("keeps its last complete commit"),
            "{message}"
        );
        let wrapped = std::io::Error::other(full);
        let error = Error::Index(TantivyError::IoError(wrapped.into()));
        let explained = explain(error, Path::new("/x/index"), Left::LastCommit);
        assert!(matches!(explained, Error::DiskFull { .. }), "{explained}");
    }

    #[test]
    fn io_errors_count_only_when_they_concern_the_index() {
        let index = Path::new("/x/index");
        let inside = Error::io("/x/index/newsdex.lock", io(ErrorKind::ReadOnlyFilesystem));
        assert!(matches!(
            explain(inside, index, Left::Nothing),
            Error::NotWritable { .. }
        ));
        let input = Error::io("/x/corpus/a.txt", io(ErrorKind::PermissionDenied));
        assert!(matches!(
            explain(input, index, Left::Nothing),
            Error::Io { .. }
        ));
    }

    #[test]
    fn messages_without_an_os_error_are_left_alone() {
        assert_eq!(quoted_os_error("Internal error: 'boom'"), None);
        assert_eq!(quoted_os_error("(os error x)"), None);
        assert_eq!(
            quoted_os_error("IO: Read-only file system (os error 30)"),
            Some(std::io::Error::from_raw_os_error(30).kind())
        );
    }

    #[test]
    fn a_failed_run_in_an_empty_place_removes_only_what_it_made() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".keep"), b"").unwrap();
        let before = Before::survey(dir.path());
        assert_eq!(before.left(), Left::Nothing);
        std::fs::write(dir.path().join(MARKER_FILE), b"{}").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), b"").unwrap();
        let error = before.fail(dir.path(), Error::Interrupted, None);
        assert!(matches!(error, Error::Interrupted));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [".keep"]);
    }
}
