//! One writer at a time: an exclusive lock on `INDEX/newsdex.lock`, held for the whole run.
//! The operating system releases it when the process ends, however it ends, so a lock left by a
//! killed run is never in the way; the file also names the process that holds it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock file inside an index directory.
pub const LOCK_FILE: &str = "newsdex.lock";

/// The writer lock of an index, released when dropped.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
    /// The run that held the lock last and ended without releasing it in order (it was killed
    /// or crashed), as the lock file names it (`pid 4242 (newsdex index corpus)`).
    pub interrupted_holder: Option<String>,
}

impl WriterLock {
    /// Takes the lock of the index at `index_path` (creating the directory), or fails at once
    /// with [`Error::Locked`] naming the process that holds it.
    pub fn acquire(index_path: &Path) -> Result<WriterLock> {
        std::fs::create_dir_all(index_path).map_err(|e| Error::io(index_path, e))?;
        let path = index_path.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(Error::Locked {
                    path,
                    holder: holder.trim().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        let mut previous = String::new();
        let _ = file.read_to_string(&mut previous);
        let previous = previous.trim();
        let interrupted_holder = (!previous.is_empty()).then(|| previous.to_string());
        write_holder(&mut file, &path)?;
        Ok(WriterLock {
            _file: file,
            interrupted_holder,
        })
    }
}

impl Drop for WriterLock {
    /// Empties the file, so that the next run knows the lock was released in order.
    fn drop(&mut self) {
        let _ = self._file.set_len(0);
    }
}

fn write_holder(file: &mut File, path: &PathBuf) -> Result<()> {
    let holder = format!(
        "pid {} ({})",
        std::process::id(),
        std::env::args().collect::<Vec<_>>().join(" ")
    );
    file.set_len(0)
        .and_then(|()| file.seek(SeekFrom::Start(0)))
        .and_then(|_| file.write_all(holder.as_bytes()))
        .and_then(|()| file.flush())
        .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_and_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriterLock::acquire(dir.path()).unwrap();
        assert_eq!(first.interrupted_holder, None);
        let err = WriterLock::acquire(dir.path()).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("newsdex.lock is held by another newsdex run"),
            "{message}"
        );
        assert!(
            message.contains(&format!("pid {}", std::process::id())),
            "{message}"
        );
        drop(first);
        let again = WriterLock::acquire(dir.path()).unwrap();
        assert_eq!(again.interrupted_holder, None, "released in order");
    }

    #[test]
    fn a_lock_file_left_by_a_killed_run_is_recovered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(LOCK_FILE),
            "pid 999999 (newsdex index corpus)",
        )
        .unwrap();
        let lock = WriterLock::acquire(dir.path()).unwrap();
        assert_eq!(
            lock.interrupted_holder.as_deref(),
            Some("pid 999999 (newsdex index corpus)")
        );
    }
}
