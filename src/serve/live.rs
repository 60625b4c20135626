//! The index a server shares between its workers, opened once and opened again when an
//! indexing run commits (or changes a file beside the index: mined acronyms, the stored
//! glossary), so that what `newsdex index` adds shows without a restart.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use crate::error::Result;
use crate::index::NewsIndex;

/// The files whose change means the index changed: tantivy's record of its committed
/// segments (written last by every commit), the format marker, and the side files that
/// searching reads.
const WATCHED: [&str; 4] = [
    "meta.json",
    "newsdex.json",
    "acronyms.json",
    "glossary.toml",
];

/// The size and modification time of each watched file (`None` when missing).
type Stamp = [Option<(u64, SystemTime)>; WATCHED.len()];

fn stamp(path: &Path) -> Stamp {
    WATCHED.map(|name| {
        let meta = std::fs::metadata(path.join(name)).ok()?;
        Some((meta.len(), meta.modified().ok()?))
    })
}

/// An open index, replaced by a fresh one when its files change.
pub struct LiveIndex {
    path: PathBuf,
    current: RwLock<(Arc<NewsIndex>, Stamp)>,
    reopening: Mutex<()>,
}

impl LiveIndex {
    /// Opens the index at `path`.
    pub fn open(path: &Path) -> Result<LiveIndex> {
        let before = stamp(path);
        let index = NewsIndex::open(path)?;
        Ok(LiveIndex {
            path: path.to_path_buf(),
            current: RwLock::new((Arc::new(index), before)),
            reopening: Mutex::new(()),
        })
    }

    /// The index as last committed: the one open, or, when its files changed since it was
    /// opened, a fresh one (one worker opens it; the others wait for it). When the fresh one
    /// cannot be opened (an indexing run half-way through swapping in a rebuilt index), the
    /// one open is kept and tried again at the next request.
    pub fn get(&self) -> Arc<NewsIndex> {
        let now = stamp(&self.path);
        if let Some(index) = self.current_if(&now) {
            return index;
        }
        let _one_at_a_time = self.reopening.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(index) = self.current_if(&now) {
            return index;
        }
        match NewsIndex::open(&self.path) {
            Ok(fresh) => {
                let fresh = Arc::new(fresh);
                let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
                *current = (Arc::clone(&fresh), now);
                fresh
            }
            Err(_) => self.read().0.clone(),
        }
    }

    fn current_if(&self, now: &Stamp) -> Option<Arc<NewsIndex>> {
        let current = self.read();
        (current.1 == *now).then(|| Arc::clone(&current.0))
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, (Arc<NewsIndex>, Stamp)> {
        self.current.read().unwrap_or_else(|e| e.into_inner())
    }
}
