//! Checking an index whole: every file of its committed segments is read and compared with the
//! checksum in its footer. Searching does not do this (it would read the whole index), so a
//! change of bytes in place can go unnoticed by a search; `newsdex check` finds it.

use std::path::Path;

use super::reader::{segments_checked, NewsIndex};
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

/// Checks the index at `path` whole: reads every file of its committed segments and compares
/// it with its checksum, then opens it for searching. Fails with [`Error::Damaged`] naming the
/// files whose checksums differ, or saying what else is wrong.
pub fn verify(path: &Path) -> Result<Verification> {
    let index = NewsIndex::open_unread(path)?;
    let checked = index.guarded(|| {
        let metas = index.index.load_metas()?;
        let mut damaged: Vec<String> = index
            .index
            .validate_checksum()?
            .iter()
            .map(|file| file.display().to_string())
            .collect();
        if !damaged.is_empty() {
            damaged.sort_unstable();
            return Err(Error::Damaged {
                path: path.to_path_buf(),
                detail: format!("checksums differ in {}", damaged.join(", ")),
            });
        }
        let sizes: Vec<u64> = metas
            .list_segment_files()
            .iter()
            .filter_map(|file| std::fs::metadata(path.join(file)).ok())
            .map(|metadata| metadata.len())
            .collect();
        Ok(Verification {
            segments: metas.segments.len(),
            files: sizes.len(),
            bytes: sizes.iter().sum(),
        })
    })?;
    segments_checked(index)?;
    Ok(checked)
}
