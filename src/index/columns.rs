//! The fast-field columns a search reads, opened once per segment of an open index and shared
//! by every query: opening a column decodes its header and block index, which for a numeric
//! column of a large segment costs more than all the reads one query makes from it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::columnar::{Column, ColumnValues, StrColumn};
use tantivy::fastfield::FastFieldReaders;
use tantivy::index::SegmentId;
use tantivy::{DateTime, DocId, SegmentReader};

use super::schema::{
    Fields, ARTICLE_ID_FIELD, COPY_OF_FIELD, DATE_FIELD, DATE_TEXT_FIELD, PASSAGE_FIELD,
    SOURCE_FIELD, STORY_FIELD,
};
use crate::error::Result;

/// The columns of every segment met so far, by segment id (segments never change).
#[derive(Default)]
pub(crate) struct ColumnCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
}

impl ColumnCache {
    /// The columns of `segment`, each opened on first use.
    pub(crate) fn of(&self, segment: &SegmentReader) -> Arc<SegmentColumns> {
        let mut segments = self
            .segments
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        segments
            .entry(segment.segment_id())
            .or_insert_with(|| Arc::new(SegmentColumns::new(segment.fast_fields().clone())))
            .clone()
    }
}

/// The columns of one segment, each opened on first use. A column the segment lacks (a field
/// no document has) reads as `None`.
pub(crate) struct SegmentColumns {
    fast: FastFieldReaders,
    passage: OnceLock<Option<Column<u64>>>,
    date: OnceLock<Option<Column<DateTime>>>,
    tiebreak: OnceLock<Option<Arc<dyn ColumnValues<u64>>>>,
    article: OnceLock<Option<StrColumn>>,
    copy_of: OnceLock<Option<StrColumn>>,
    story: OnceLock<Option<StrColumn>>,
    source: OnceLock<Option<StrColumn>>,
    date_text: OnceLock<Option<StrColumn>>,
}

/// The value of `cell`, opened by `open` the first time (an error is returned, not kept).
fn cached<T: Clone>(cell: &OnceLock<T>, open: impl FnOnce() -> Result<T>) -> Result<T> {
    if let Some(value) = cell.get() {
        return Ok(value.clone());
    }
    let value = open()?;
    Ok(cell.get_or_init(|| value).clone())
}

impl SegmentColumns {
    fn new(fast: FastFieldReaders) -> SegmentColumns {
        SegmentColumns {
            fast,
            passage: OnceLock::new(),
            date: OnceLock::new(),
            tiebreak: OnceLock::new(),
            article: OnceLock::new(),
            copy_of: OnceLock::new(),
            story: OnceLock::new(),
            source: OnceLock::new(),
            date_text: OnceLock::new(),
        }
    }

    /// The passage numbers (from 0).
    pub(crate) fn passage(&self) -> Option<Column<u64>> {
        self.passage
            .get_or_init(|| self.fast.u64(PASSAGE_FIELD).ok())
            .clone()
    }

    /// The publication dates.
    pub(crate) fn date(&self) -> Option<Column<DateTime>> {
        self.date
            .get_or_init(|| self.fast.date(DATE_FIELD).ok())
            .clone()
    }

    /// The score tiebreaks, 0 where a document has none.
    pub(crate) fn tiebreak(&self) -> Option<Arc<dyn ColumnValues<u64>>> {
        self.tiebreak
            .get_or_init(|| {
                self.fast
                    .u64(Fields::TIEBREAK_NAME)
                    .ok()
                    .map(|c| c.first_or_default_col(0))
            })
            .clone()
    }

    /// The article ids.
    pub(crate) fn article(&self) -> Result<Option<StrColumn>> {
        cached(&self.article, || Ok(self.fast.str(ARTICLE_ID_FIELD)?))
    }

    /// The ids of the articles documents are exact copies of.
    pub(crate) fn copy_of(&self) -> Result<Option<StrColumn>> {
        cached(&self.copy_of, || Ok(self.fast.str(COPY_OF_FIELD)?))
    }

    /// The stories.
    pub(crate) fn story(&self) -> Result<Option<StrColumn>> {
        cached(&self.story, || Ok(self.fast.str(STORY_FIELD)?))
    }

    /// The outlets.
    pub(crate) fn source(&self) -> Result<Option<StrColumn>> {
        cached(&self.source, || Ok(self.fast.str(SOURCE_FIELD)?))
    }

    /// The dates as the sources state them.
    pub(crate) fn date_text(&self) -> Result<Option<StrColumn>> {
        cached(&self.date_text, || Ok(self.fast.str(DATE_TEXT_FIELD)?))
    }

    /// The passage number of a document (0 when it has none).
    pub(crate) fn passage_of(&self, doc: DocId) -> u64 {
        self.passage()
            .and_then(|c| c.first(doc))
            .unwrap_or_default()
    }
}
