//! The best passages of a query: by score, ties broken by each passage's stable tiebreak (lowest
//! first), then by address. The tiebreak is read only for a passage whose score can still enter
//! the best ones, not for every match: a broad query matches hundreds of thousands of passages,
//! and reading each one's tiebreak cost more than scoring it.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::sort_key::{
    Comparator, NaturalComparator, SegmentSortKeyComputer, SortKeyComputer,
};
use tantivy::collector::{Count, TopDocs, TopNComputer};
use tantivy::columnar::ColumnValues;
use tantivy::index::SegmentId;
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader};

use super::statistics::Statistics;
use crate::error::Result;
use crate::index::NewsIndex;

/// A passage's rank: its score, then its tiebreak reversed (the lower tiebreak ranks first).
type Key = (Score, Reverse<u64>);

/// The best `depth` passages (score and address, best first) and the number of matches.
pub(super) fn top(
    index: &NewsIndex,
    searcher: &Searcher,
    stats: &Statistics,
    query: &dyn Query,
    depth: usize,
) -> Result<(usize, Vec<(f32, DocAddress)>)> {
    let tiebreaks = searcher
        .segment_readers()
        .iter()
        .filter_map(|segment| Some((segment.segment_id(), index.columns(segment).tiebreak()?)))
        .collect();
    let collector = TopDocs::with_limit(depth).order_by(ScoreThenTiebreak(Arc::new(tiebreaks)));
    let (hits, count) =
        searcher.search_with_statistics_provider(query, &(collector, Count), stats)?;
    Ok((
        count,
        hits.into_iter()
            .map(|((score, _), address)| (score, address))
            .collect(),
    ))
}

/// The tiebreak column of each segment.
struct ScoreThenTiebreak(Arc<HashMap<SegmentId, Arc<dyn ColumnValues<u64>>>>);

impl SortKeyComputer for ScoreThenTiebreak {
    type SortKey = Key;
    type Child = SegmentTiebreak;
    type Comparator = NaturalComparator;

    fn requires_scoring(&self) -> bool {
        true
    }

    fn segment_sort_key_computer(&self, segment: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(SegmentTiebreak(self.0.get(&segment.segment_id()).cloned()))
    }
}

/// One segment's tiebreaks (0 for every passage when the segment has none).
struct SegmentTiebreak(Option<Arc<dyn ColumnValues<u64>>>);

impl SegmentSortKeyComputer for SegmentTiebreak {
    type SortKey = Key;
    type SegmentSortKey = Key;
    type SegmentComparator = NaturalComparator;

    fn segment_sort_key(&mut self, doc: DocId, score: Score) -> Key {
        (
            score,
            Reverse(self.0.as_ref().map_or(0, |c| c.get_val(doc))),
        )
    }

    /// A passage scoring below the worst one kept cannot enter whatever its tiebreak, so the
    /// tiebreak is not read (the comparator is always [`NaturalComparator`], best key kept).
    #[inline]
    fn compute_sort_key_and_collect<C: Comparator<Key>>(
        &mut self,
        doc: DocId,
        score: Score,
        kept: &mut TopNComputer<Key, DocId, C>,
    ) {
        if let Some((worst, _)) = &kept.threshold {
            if score < *worst {
                return;
            }
        }
        kept.push(self.segment_sort_key(doc, score), doc);
    }

    fn convert_segment_sort_key(&self, key: Key) -> Key {
        key
    }
}
