//! Checking an index whole: every file of its committed segments is read and compared with the
//! checksum in its footer. Searching does not do this (it would read the whole index), so a
//! change of bytes in place can go unnoticed by a search; `newsdex check` finds it.

use super::reader::NewsIndex;
use crate::error::{Error, Result};

/// What checking an index read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verification {
    /// Committed segments.
    pub segments: usize,
    /// Segment files read.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
}

impl NewsIndex {
    /// Reads every file of the committed segments and compares it with its checksum; fails with
    /// [`Error::Damaged`] naming the files that differ.
    pub fn verify(&self) -> Result<Verification> {
        self.guarded(|| {
            let metas = self.index.load_metas()?;
            let mut damaged: Vec<String> = self
                .index
                .validate_checksum()?
                .iter()
                .map(|file| file.display().to_string())
                .collect();
            if !damaged.is_empty() {
                damaged.sort_unstable();
                return Err(Error::Damaged {
                    path: self.path().to_path_buf(),
                    detail: format!("checksums differ in {}", damaged.join(", ")),
                });
            }
            let sizes: Vec<u64> = metas
                .list_segment_files()
                .iter()
                .filter_map(|file| std::fs::metadata(self.path().join(file)).ok())
                .map(|metadata| metadata.len())
                .collect();
            Ok(Verification {
                segments: metas.segments.len(),
                files: sizes.len(),
                bytes: sizes.iter().sum(),
            })
        })
    }
}
