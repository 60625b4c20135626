//! The directory an index is opened through: tantivy's memory-mapped directory, except that
//! searching never needs write access.
//!
//! Opening a searcher takes tantivy's meta lock (`.tantivy-meta.lock`) so that a writer's
//! garbage collection cannot delete segment files while they are being opened. Tantivy opens
//! that file for writing, which fails on a read-only file system or without permission. There
//! the lock is taken on a read-only handle instead (a file lock needs no write access), and when
//! the file does not exist no writer has ever run there, so there is nothing to wait for.

use std::fs::{File, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index directory that can be searched without write access.
#[derive(Clone, Debug)]
pub(crate) struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl IndexDirectory {
    /// Opens the directory at `root`, which must exist.
    pub(crate) fn open(root: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(error)) if cannot_write(error.kind()) => {
                lock_read_only(&self.root.join(&lock.filepath), lock.is_blocking)
            }
            other => other,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

/// Whether an error says that the place cannot be written, as opposed to any other failure.
fn cannot_write(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied
    )
}

/// Takes the lock at `path` through a read-only handle; the lock is released when the handle
/// is dropped. No file means no writer has ever locked it: nothing to hold.
fn lock_read_only(path: &Path, blocking: bool) -> Result<DirectoryLock, LockError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(DirectoryLock::from(Box::new(()))),
        Err(e) => return Err(LockError::IoError(Arc::new(e))),
    };
    if blocking {
        file.lock().map_err(|e| LockError::IoError(Arc::new(e)))?;
    } else {
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(LockError::LockBusy),
            Err(TryLockError::Error(e)) => return Err(LockError::IoError(Arc::new(e))),
        }
    }
    Ok(DirectoryLock::from(Box::new(file)))
}

/// A hidden directory beside the index, `.NAME.SUFFIX`.
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_taken_read_only_excludes_a_writer_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".lock");
        std::fs::write(&path, b"").unwrap();
        let held = lock_read_only(&path, true).unwrap();
        let other = File::options().write(true).open(&path).unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(held);
        assert!(other.try_lock().is_ok());
    }

    #[test]
    fn a_missing_lock_file_is_nothing_to_wait_for() {
        let dir = tempfile::tempdir().unwrap();
        assert!(lock_read_only(&dir.path().join(".lock"), true).is_ok());
        assert!(!dir.path().join(".lock").exists(), "nothing is created");
    }
}
