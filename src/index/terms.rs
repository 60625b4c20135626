//! Counting the distinct terms of a field across the segments of a searcher.

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermMerger;
use tantivy::{DocSet, Searcher, TERMINATED};

use crate::error::Result;

/// Counts the distinct terms of a field over all segments, calling `visit` on each. A term
/// counts only when a live (not deleted) document holds it.
pub(crate) fn distinct_terms(
    searcher: &Searcher,
    field: Field,
    mut visit: impl FnMut(&[u8]),
) -> Result<usize> {
    let segments = searcher.segment_readers();
    let inverted = segments
        .iter()
        .map(|s| s.inverted_index(field))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let streams = inverted
        .iter()
        .map(|i| i.terms().stream())
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(tantivy::TantivyError::from)?;
    let mut merger = TermMerger::new(streams);
    let mut count = 0;
    while merger.advance() {
        let mut alive = false;
        for (segment, info) in merger.current_segment_ords_and_term_infos() {
            let Some(bitset) = segments[segment].alive_bitset() else {
                alive = true;
                break;
            };
            let mut postings = inverted[segment]
                .read_postings_from_terminfo(&info, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?;
            let mut doc = postings.doc();
            while doc != TERMINATED && !bitset.is_alive(doc) {
                doc = postings.advance();
            }
            if doc != TERMINATED {
                alive = true;
                break;
            }
        }
        if alive {
            count += 1;
            visit(merger.key());
        }
    }
    Ok(count)
}
