//! Whole-article evidence for ranking articles: BM25F of the query's words over an article's
//! title and passages taken together, computed at query time for the candidate articles only.
//!
//! An article's body term frequency is the sum over its passages, its length the sum of their
//! lengths, normalised by the index's average article length; the title counts
//! [`TITLE_BOOST`] times, normalised by the average title length (BM25F: the fields' normalised
//! frequencies are added before saturation). A word's weight is the one passage scores use
//! ([`super::statistics`]). An article ranks by this score plus its best passage's score
//! damped by [`PASSAGE_WEIGHT`] ([`article_score`]).

use std::collections::HashMap;

use tantivy::postings::Postings;
use tantivy::query::Explanation;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, Term, TERMINATED};

use super::compile::TITLE_BOOST;
use super::statistics::Statistics;
use super::surface::{FormPostings, SurfaceFields};
use crate::error::Result;

/// Weight of the best passage's score added to the whole-article score: damped, so that a long
/// article's best of many passages does not outweigh the article as a whole.
const PASSAGE_WEIGHT: f32 = 0.5;
/// BM25 term-frequency saturation (tantivy's value).
const K1: f32 = 1.2;
/// BM25 length normalisation (tantivy's value).
const B: f32 = 0.75;

/// Per-article counts gathered from the postings.
#[derive(Default, Clone)]
struct Counts {
    /// Words of the article's passages.
    length: u64,
    /// Words of its title.
    title_length: u64,
    tf: Vec<u32>,
    title_tf: Vec<u32>,
}

/// Where the words are counted: the passage text field and the title field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleFields {
    pub(crate) article_id: Field,
    pub(crate) text: Field,
    pub(crate) title: Field,
}

/// Scores each of `articles` (ids) as a whole for `words` (analysed terms of `text`), in an
/// index of `all_articles` articles.
pub(crate) fn article_scores(
    searcher: &Searcher,
    stats: &Statistics,
    all_articles: u64,
    fields: ArticleFields,
    words: &[String],
    articles: &[&str],
) -> Result<HashMap<String, f32>> {
    if words.is_empty() || articles.is_empty() {
        return Ok(HashMap::new());
    }
    let terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(fields.text, w))
        .collect();
    let title_terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(fields.title, w))
        .collect();
    let mut counts = vec![
        Counts {
            length: 0,
            title_length: 0,
            tf: vec![0; terms.len()],
            title_tf: vec![0; terms.len()],
        };
        articles.len()
    ];
    let mut all_tokens = 0u64;
    let mut title_tokens = 0u64;
    // Words as written (`--exact`) are counted in the surface fields, lengths in their term
    // fields.
    let surface_text = stats.surface_of(fields.text);
    let surface_title = stats.surface_of(fields.title);
    let text_lengths = surface_text.map_or(fields.text, |s| s.terms);
    let title_lengths = surface_title.map_or(fields.title, |s| s.terms);
    for segment in searcher.segment_readers() {
        let ids = segment.inverted_index(fields.article_id)?;
        let norms = segment.get_fieldnorms_reader(text_lengths)?;
        let title_norms = segment.get_fieldnorms_reader(title_lengths)?;
        let alive = |doc: DocId| segment.alive_bitset().is_none_or(|b| b.is_alive(doc));
        all_tokens += segment.inverted_index(text_lengths)?.total_num_tokens();
        title_tokens += segment.inverted_index(title_lengths)?.total_num_tokens();
        // Each article's passages, in order; the first one stands for the title.
        let mut docs: Vec<(DocId, usize, bool)> = Vec::new();
        for (i, id) in articles.iter().enumerate() {
            let term = Term::from_field_text(fields.article_id, id);
            let Some(mut p) = ids
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            let mut first = counts[i].title_length == 0;
            while p.doc() != TERMINATED {
                if alive(p.doc()) {
                    docs.push((p.doc(), i, first));
                    counts[i].length += u64::from(norms.fieldnorm(p.doc()));
                    if first {
                        counts[i].title_length = u64::from(title_norms.fieldnorm(p.doc())).max(1);
                        first = false;
                    }
                }
                p.advance();
            }
        }
        docs.sort_unstable();
        for (k, term) in terms.iter().enumerate() {
            if let Some(mut p) = frequencies(segment, surface_text, term)? {
                for &(doc, i, _) in &docs {
                    if p.doc() == TERMINATED {
                        break;
                    }
                    if p.doc() <= doc && p.seek(doc) == doc {
                        counts[i].tf[k] += p.term_freq();
                    }
                }
            }
            if let Some(mut p) = frequencies(segment, surface_title, &title_terms[k])? {
                for &(doc, i, first) in &docs {
                    if p.doc() == TERMINATED {
                        break;
                    }
                    if first && p.doc() <= doc && p.seek(doc) == doc {
                        counts[i].title_tf[k] = p.term_freq();
                    }
                }
            }
        }
    }
    let average = all_tokens as f32 / all_articles.max(1) as f32;
    let title_average = title_tokens as f32 / searcher.num_docs().max(1) as f32;
    let idf: Vec<f32> = terms
        .iter()
        .map(|t| stats.idf(t))
        .collect::<tantivy::Result<_>>()?;
    Ok(articles
        .iter()
        .zip(counts)
        .map(|(id, c)| {
            let body_norm = 1.0 - B + B * c.length as f32 / average.max(1.0);
            let title_norm = 1.0 - B + B * c.title_length as f32 / title_average.max(1.0);
            let score = (0..idf.len())
                .map(|k| {
                    let tf = c.tf[k] as f32 / body_norm
                        + TITLE_BOOST * c.title_tf[k] as f32 / title_norm;
                    idf[k] * tf * (K1 + 1.0) / (tf + K1)
                })
                .sum();
            (id.to_string(), score)
        })
        .collect())
}

/// The documents of `segment` holding `term`, with how often: as written when its field is a
/// surface field (`surface`).
fn frequencies(
    segment: &SegmentReader,
    surface: Option<SurfaceFields>,
    term: &Term,
) -> tantivy::Result<Option<Box<dyn Postings>>> {
    let Some(surface) = surface else {
        let postings = segment
            .inverted_index(term.field())?
            .read_postings(term, IndexRecordOption::WithFreqs)?;
        return Ok(postings.map(|p| Box::new(p) as Box<dyn Postings>));
    };
    let value = term.value();
    let form = value.as_str().unwrap_or_default();
    let postings = FormPostings::open(segment, surface, form, IndexRecordOption::WithFreqs)?;
    Ok((postings.doc() != TERMINATED).then(|| Box::new(postings) as Box<dyn Postings>))
}

/// An article's score: its whole-article score plus its best passage's, damped.
pub(crate) fn article_score(article: f32, best_passage: f32) -> f32 {
    article + PASSAGE_WEIGHT * best_passage
}

/// An article's score explained as [`article_score`] combines it: the whole-article score, and
/// the best passage's explanation weighted.
pub(crate) fn explain_article(best_passage: Explanation, article: f32) -> Explanation {
    let mut total = Explanation::new_with_string(
        format!("article score: whole-article BM25F + {PASSAGE_WEIGHT} × best passage"),
        article_score(article, best_passage.value()),
    );
    total.add_detail(Explanation::new(
        "whole-article BM25F of the query's words (title and body)",
        article,
    ));
    let mut passage = Explanation::new_with_string(
        format!("best passage × {PASSAGE_WEIGHT}"),
        PASSAGE_WEIGHT * best_passage.value(),
    );
    passage.add_detail(best_passage);
    total.add_detail(passage);
    total
}
