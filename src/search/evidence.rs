//! Whole-article evidence for ranking articles: BM25 of the query's words over an article's
//! passages taken together, computed at query time for the candidate articles only.
//!
//! An article's term frequency is the sum over its passages, its length the sum of their
//! lengths; the average article length is the field's tokens over the number of articles, and
//! a word's weight is the passage-level IDF the passage scores use. An article ranks by its best
//! passage's score plus [`ARTICLE_WEIGHT`] times this score.

use std::collections::HashMap;

use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, Term, TERMINATED};

use crate::error::Result;

/// Weight of the whole-article score added to an article's best passage score: both are BM25
/// over the same words, so they count alike.
pub(crate) const ARTICLE_WEIGHT: f32 = 1.0;
/// BM25 term-frequency saturation (tantivy's value).
const K1: f32 = 1.2;
/// BM25 length normalisation (tantivy's value).
const B: f32 = 0.75;

/// Per-article counts gathered from the postings.
#[derive(Default, Clone)]
struct Counts {
    length: u64,
    tf: Vec<u32>,
}

/// Scores each of `articles` (ids) as a whole for `words` (analysed terms of `text`), in an
/// index of `all_articles` articles.
pub(crate) fn article_scores(
    searcher: &Searcher,
    all_articles: u64,
    article_id: Field,
    text: Field,
    words: &[String],
    articles: &[&str],
) -> Result<HashMap<String, f32>> {
    if words.is_empty() || articles.is_empty() {
        return Ok(HashMap::new());
    }
    let terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(text, w))
        .collect();
    let mut counts = vec![
        Counts {
            length: 0,
            tf: vec![0; terms.len()],
        };
        articles.len()
    ];
    let mut all_tokens = 0u64;
    for segment in searcher.segment_readers() {
        let ids = segment.inverted_index(article_id)?;
        let postings = segment.inverted_index(text)?;
        let norms = segment.get_fieldnorms_reader(text)?;
        let alive = |doc: DocId| segment.alive_bitset().is_none_or(|b| b.is_alive(doc));
        all_tokens += postings.total_num_tokens();
        let mut docs: Vec<(DocId, usize)> = Vec::new();
        for (i, id) in articles.iter().enumerate() {
            let term = Term::from_field_text(article_id, id);
            let Some(mut p) = ids
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            while p.doc() != TERMINATED {
                if alive(p.doc()) {
                    docs.push((p.doc(), i));
                    counts[i].length += u64::from(norms.fieldnorm(p.doc()));
                }
                p.advance();
            }
        }
        docs.sort_unstable();
        for (k, term) in terms.iter().enumerate() {
            let Some(mut p) = postings
                .read_postings(term, IndexRecordOption::WithFreqs)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            for &(doc, i) in &docs {
                if p.doc() == TERMINATED {
                    break;
                }
                if p.doc() <= doc && p.seek(doc) == doc {
                    counts[i].tf[k] += p.term_freq();
                }
            }
        }
    }
    let average = all_tokens as f32 / all_articles.max(1) as f32;
    let passages = searcher.num_docs();
    let idf: Vec<f32> = terms
        .iter()
        .map(|t| {
            let n = searcher.doc_freq(t).unwrap_or(0) as f32;
            (1.0 + (passages as f32 - n + 0.5) / (n + 0.5)).ln()
        })
        .collect();
    Ok(articles
        .iter()
        .zip(counts)
        .map(|(id, c)| {
            let norm = K1 * (1.0 - B + B * c.length as f32 / average.max(1.0));
            let score =
                c.tf.iter()
                    .zip(&idf)
                    .map(|(&tf, idf)| {
                        let tf = tf as f32;
                        idf * tf * (K1 + 1.0) / (tf + norm)
                    })
                    .sum();
            (id.to_string(), score)
        })
        .collect())
}
