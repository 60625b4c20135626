//! TREC run files: `qid Q0 docid rank score tag`, one line per hit, as trec_eval reads them.

use std::io::Write;

use super::Answer;
use crate::search::Hit;

/// Which value of a hit is its TREC document id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocId {
    /// The article id (the collection's own id where the data has one).
    #[default]
    ArticleId,
    /// The article id plus `#` and the passage ordinal (for passage runs).
    Passage,
    /// The article's URL (the article id when it has none).
    Url,
    /// The file path.
    Path,
}

impl DocId {
    fn of(self, hit: &Hit) -> String {
        match self {
            DocId::ArticleId => hit.article_id.clone(),
            DocId::Passage => format!("{}#{}", hit.article_id, hit.passage),
            DocId::Url => hit.url.clone().unwrap_or_else(|| hit.article_id.clone()),
            DocId::Path => hit.path.clone(),
        }
    }
}

/// The least step between the scores written for two ranks, at the six decimals written.
const SCORE_STEP: f64 = 1e-4;

/// Writes the hits of every answer as run lines. A query without an id is `1`; white space in
/// ids and the tag becomes `_` so that every line keeps six columns.
///
/// trec_eval orders a query's lines by score, not by rank, so the score written falls strictly
/// with rank: a hit's own score, or, where that is not below the score written for the rank
/// before (a hit that matched fewer of the query's words, ranked after one that matched all),
/// that score less [`SCORE_STEP`].
pub fn write_run(
    out: &mut dyn Write,
    answers: &[Answer<'_>],
    docid: DocId,
    tag: &str,
) -> std::io::Result<()> {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join("_");
    let tag = clean(tag);
    for answer in answers {
        let qid = clean(answer.qid.unwrap_or("1"));
        let mut previous: Option<f64> = None;
        for hit in &answer.results.hits {
            let score = match previous {
                Some(p) if f64::from(hit.score) > p - SCORE_STEP => p - SCORE_STEP,
                _ => f64::from(hit.score),
            };
            previous = Some(score);
            writeln!(
                out,
                "{qid} Q0 {} {} {score:.6} {tag}",
                clean(&docid.of(hit)),
                hit.rank,
            )?;
        }
    }
    Ok(())
}
