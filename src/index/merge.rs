//! Merging an index's segments into one (`newsdex index --merge`). A search opens the files of
//! every segment and looks each of its terms up in every segment, so that one segment answers a
//! short-lived search sooner; merging rewrites the whole index once, and drops the documents
//! that later runs deleted.

use std::path::Path;
use std::time::{Duration, Instant};

use tantivy::schema::TantivyDocument;
use tantivy::IndexWriter;

use super::reader::NewsIndex;
use crate::error::Result;
use crate::ingest::Progress;

/// Memory of the writer opened to merge: tantivy's minimum (merging does not draw on it).
const MERGE_WRITER_BYTES: usize = 15_000_000;

/// What merging an index's segments did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    /// The segments there were.
    pub segments: usize,
    /// Whether they were rewritten: not when the index was one segment with nothing deleted
    /// (or empty).
    pub rewritten: bool,
    /// Wall time of the merge.
    pub elapsed: Duration,
}

/// Merges every segment of the index at `index_path` into one, reporting the start to
/// `progress`. An index of one segment with no deleted documents is left as it is. The merged
/// segment replaces the others in one step: until then searches see the old ones, and a run
/// stopped on the way leaves the index as it was.
pub(crate) fn merge_segments(index_path: &Path, progress: &dyn Progress) -> Result<Merged> {
    let started = Instant::now();
    // Opened without a reader: a segment some reader holds keeps its files from being removed.
    let index = NewsIndex::open_unread(index_path)?;
    let metas = index.index.searchable_segment_metas()?;
    let segments = metas.len();
    let deletes = metas.iter().any(|m| m.has_deletes());
    let ids: Vec<_> = metas.into_iter().map(|m| m.id()).collect();
    if segments == 0 || (segments == 1 && !deletes) {
        return Ok(Merged {
            segments,
            rewritten: false,
            elapsed: started.elapsed(),
        });
    }
    progress.merging(segments);
    let mut writer: IndexWriter<TantivyDocument> =
        index.index.writer_with_num_threads(1, MERGE_WRITER_BYTES)?;
    writer.merge(&ids).wait()?;
    // The merged segments' files, which no commit names any more, give their space back now.
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()?;
    Ok(Merged {
        segments,
        rewritten: true,
        elapsed: started.elapsed(),
    })
}
