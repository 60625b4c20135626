//! Walking the terms of a field across the segments of a searcher, in order.

use std::sync::Arc;

use tantivy::postings::TermInfo;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermMerger;
use tantivy::{DocSet, InvertedIndexReader, Searcher, TERMINATED};

use crate::error::Result;

/// Calls `visit` on each term of `field`, in order, once over all segments, with the term and
/// the segments that hold it (their ordinal and the term's info there). `visit` also gets the
/// segments' inverted indexes, to read the postings.
fn each_term(
    searcher: &Searcher,
    field: Field,
    mut visit: impl FnMut(&[u8], &[(usize, TermInfo)], &[Arc<InvertedIndexReader>]) -> Result<()>,
) -> Result<()> {
    let inverted = searcher
        .segment_readers()
        .iter()
        .map(|s| s.inverted_index(field))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let streams = inverted
        .iter()
        .map(|i| i.terms().stream())
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(tantivy::TantivyError::from)?;
    let mut merger = TermMerger::new(streams);
    let mut holders = Vec::new();
    while merger.advance() {
        holders.clear();
        holders.extend(merger.current_segment_ords_and_term_infos());
        visit(merger.key(), &holders, &inverted)?;
    }
    Ok(())
}

/// Counts the distinct terms of a field over all segments, calling `visit` on each. A term
/// counts only when a live (not deleted) document holds it.
pub(crate) fn distinct_terms(
    searcher: &Searcher,
    field: Field,
    mut visit: impl FnMut(&[u8]),
) -> Result<usize> {
    let segments = searcher.segment_readers();
    let mut count = 0;
    each_term(searcher, field, |key, holders, inverted| {
        let mut alive = false;
        for (segment, info) in holders {
            let Some(bitset) = segments[*segment].alive_bitset() else {
                alive = true;
                break;
            };
            let mut postings = inverted[*segment]
                .read_postings_from_terminfo(info, IndexRecordOption::Basic)
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
            visit(key);
        }
        Ok(())
    })?;
    Ok(count)
}
