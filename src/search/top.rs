//! The best passages of a query: by score, ties broken by each passage's stable tiebreak (lowest
//! first), then by address.
//!
//! Each segment keeps the passages that score at least as well as its `depth`-th best (ties
//! included), by score alone; the tiebreaks are read once the segments are merged, and only
//! for the passages scoring at least as well as the `depth`-th best overall. A broad query
//! matches hundreds of thousands of passages: reading a tiebreak for each of the first matches
//! of every segment touched pages of the column all over (page faults in a fresh process).

use std::cmp::Ordering::Equal;
use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::index::SegmentId;
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::statistics::Statistics;
use crate::error::Result;
use crate::index::NewsIndex;

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
    let collector = BestPassages {
        depth,
        tiebreaks: Arc::new(tiebreaks),
    };
    let (hits, count) =
        searcher.search_with_statistics_provider(query, &(collector, Count), stats)?;
    Ok((count, hits))
}

/// The tiebreak column of a segment.
type Tiebreaks = Arc<dyn ColumnValues<u64>>;

/// Collects the best `depth` passages.
struct BestPassages {
    depth: usize,
    tiebreaks: Arc<HashMap<SegmentId, Tiebreaks>>,
}

/// One segment's candidates: every passage scoring at least its `depth`-th best, and more.
struct SegmentBest {
    depth: usize,
    segment: SegmentOrdinal,
    tiebreaks: Option<Tiebreaks>,
    kept: Vec<(Score, DocId)>,
    /// No passage scoring below it can be among the best (`depth` kept passages score at least
    /// as much).
    floor: Option<Score>,
}

impl SegmentBest {
    /// Drops the passages scoring below the `depth`-th best kept (ties are kept).
    fn prune(&mut self) {
        let floor = nth_best(&mut self.kept, self.depth);
        self.kept.retain(|&(score, _)| score >= floor);
        self.floor = Some(floor);
    }
}

/// The `n`-th best score of `scored` (`n` from 1, at most its length), which it reorders.
fn nth_best<T>(scored: &mut [(Score, T)], n: usize) -> Score {
    let (_, nth, _) =
        scored.select_nth_unstable_by(n - 1, |a, b| b.0.partial_cmp(&a.0).unwrap_or(Equal));
    nth.0
}

impl SegmentCollector for SegmentBest {
    type Fruit = (SegmentOrdinal, Option<Tiebreaks>, Vec<(Score, DocId)>);

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.floor.is_some_and(|floor| score < floor) {
            return;
        }
        self.kept.push((score, doc));
        if self.kept.len() >= 2 * self.depth.max(1) {
            self.prune();
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.segment, self.tiebreaks, self.kept)
    }
}

impl Collector for BestPassages {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentBest;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentBest> {
        Ok(SegmentBest {
            depth: self.depth,
            segment,
            tiebreaks: self.tiebreaks.get(&reader.segment_id()).cloned(),
            kept: Vec::with_capacity(2 * self.depth.max(1)),
            floor: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Option<Tiebreaks>, Vec<(Score, DocId)>)>,
    ) -> tantivy::Result<Self::Fruit> {
        if self.depth == 0 {
            return Ok(Vec::new());
        }
        let mut all: Vec<(Score, (usize, DocAddress))> = fruits
            .iter()
            .enumerate()
            .flat_map(|(i, (segment, _, kept))| {
                kept.iter().map(move |&(score, doc)| {
                    let address = DocAddress::new(*segment, doc);
                    (score, (i, address))
                })
            })
            .collect();
        if all.len() > self.depth {
            let floor = nth_best(&mut all, self.depth);
            all.retain(|&(score, _)| score >= floor);
        }
        // The best score first, then the lower tiebreak, then the lower address.
        let mut ranked: Vec<(Score, u64, DocAddress)> = all
            .into_iter()
            .map(|(score, (i, address))| {
                let tiebreak = fruits[i]
                    .1
                    .as_ref()
                    .map_or(0, |c| c.get_val(address.doc_id));
                (score, tiebreak, address)
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(Equal)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        ranked.truncate(self.depth);
        Ok(ranked
            .into_iter()
            .map(|(score, _, address)| (score, address))
            .collect())
    }
}
