//! Reading a damaged index without a panic: the search library answers some damaged segment
//! files (bytes changed in place, lengths intact) with a panic rather than an error.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use tantivy::TantivyError;

use super::reader::NewsIndex;
use crate::error::{Error, Result};

impl NewsIndex {
    /// Runs `read` over this index; a panic while it runs becomes [`Error::Damaged`], naming
    /// the index and what failed.
    pub(crate) fn guarded<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        guarded_at(self.path(), read)
    }
}

/// Runs `read` over the index at `path`; a panic while it runs, or a file the search library
/// finds corrupt or cannot read, becomes [`Error::Damaged`].
pub(crate) fn guarded_at<T>(path: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    let damaged = |detail: String| Error::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    match catch_unwind(AssertUnwindSafe(read)) {
        Ok(Err(Error::Index(
            error @ (TantivyError::DataCorruption(_) | TantivyError::IoError(_)),
        ))) => Err(damaged(error.to_string())),
        Ok(result) => result,
        Err(panic) => Err(damaged(format!(
            "reading it failed: {}",
            panic_message(&*panic)
        ))),
    }
}

/// The message a panic was raised with.
pub fn panic_message(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("an unexpected failure")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_reading_becomes_a_damaged_index() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(&dir.path().join("ix")).unwrap();
        let failed = index.guarded(|| -> Result<()> { panic!("index out of bounds") });
        let formatted = index.guarded(|| -> Result<()> { panic!("bad block {}", 7) });
        match failed {
            Err(Error::Damaged { detail, .. }) => {
                assert_eq!(detail, "reading it failed: index out of bounds")
            }
            other => panic!("expected a damaged index, got {other:?}"),
        }
        assert!(formatted.unwrap_err().to_string().contains("bad block 7"));
        assert_eq!(index.guarded(|| Ok(3)).unwrap(), 3);
    }
}
