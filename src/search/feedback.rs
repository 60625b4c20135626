//! Pseudo-relevance feedback (`--prf`, RM3-style): the words that weigh most in the passages a
//! query ranks first, and that are rare in the index, are added to the query as optional words,
//! so that passages about the same subject in other words rank and are found.
//!
//! A word's feedback weight is its share of each top passage's words, summed over the passages
//! in proportion to their scores (the relevance model), times its inverse document frequency
//! (so that words common everywhere add nothing); the query's own words are left out.

use std::collections::HashMap;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, TantivyDocument, Value};
use tantivy::{DocAddress, Searcher, Term};

use crate::analysis::{self, analyze};
use crate::error::Result;

/// Top passages whose words are weighed.
pub(crate) const FEEDBACK_PASSAGES: usize = 10;
/// Words added to the query.
pub(crate) const FEEDBACK_WORDS: usize = 10;
/// Boost of the heaviest feedback word (the others in proportion to their weight); a query word
/// in one passage scores about as much as a boost of 1.
pub(crate) const FEEDBACK_BOOST: f32 = 0.5;

/// The feedback words of the passages at `addresses` (best first, with their scores), as index
/// terms of `text` with weights from 1 (the heaviest) down; `query_words` are left out.
pub(crate) fn feedback_words(
    searcher: &Searcher,
    text: Field,
    passages: &[(f32, DocAddress)],
    query_words: &[String],
) -> Result<Vec<(String, f32)>> {
    let total_score: f32 = passages.iter().map(|(score, _)| score.max(0.0)).sum();
    if total_score <= 0.0 {
        return Ok(Vec::new());
    }
    let mut analyzer = analysis::analyzer();
    let mut model: HashMap<String, f32> = HashMap::new();
    for &(score, address) in passages {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some(passage) = doc.get_first(text).and_then(|v| v.as_str()) else {
            continue;
        };
        let terms = analyze(&mut analyzer, passage);
        let share = score.max(0.0) / total_score / terms.len().max(1) as f32;
        for token in terms {
            *model.entry(token.term).or_default() += share;
        }
    }
    let passages_in_index = searcher.num_docs() as f32;
    let mut weighed: Vec<(String, f32)> = model
        .into_iter()
        .filter(|(term, _)| is_content_word(term) && !query_words.contains(term))
        .map(|(term, weight)| {
            let df = searcher
                .doc_freq(&Term::from_field_text(text, &term))
                .unwrap_or(0) as f32;
            let idf = (1.0 + (passages_in_index - df + 0.5) / (df + 0.5)).ln();
            (term, weight * idf)
        })
        .collect();
    weighed.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    weighed.truncate(FEEDBACK_WORDS);
    let heaviest = weighed.first().map_or(1.0, |(_, w)| *w);
    Ok(weighed
        .into_iter()
        .map(|(term, weight)| (term, weight / heaviest))
        .collect())
}

/// Words worth adding: three letters or more, no digits (numbers, dates and ordinals name one
/// story, not a subject).
fn is_content_word(term: &str) -> bool {
    term.chars().count() > 2 && !term.chars().any(|c| c.is_ascii_digit())
}

/// `query` with the feedback words as optional clauses; with `required`, `query` must still
/// match (the strict reading keeps its matches), otherwise a passage may match by feedback
/// words alone.
pub(crate) fn with_feedback(
    query: Box<dyn Query>,
    text: Field,
    words: &[(String, f32)],
    required: bool,
) -> Box<dyn Query> {
    let first = if required { Occur::Must } else { Occur::Should };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(first, query)];
    for (term, weight) in words {
        let term = TermQuery::new(
            Term::from_field_text(text, term),
            IndexRecordOption::WithFreqs,
        );
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(term), FEEDBACK_BOOST * weight)),
        ));
    }
    Box::new(BooleanQuery::new(clauses))
}
