//! Translating a parsed query into SphinxQL: `MATCH()` over the analysed-terms fields plus a
//! `WHERE` on dates, and the matchers newsdex highlights the returned text with.

use tantivy::tokenizer::TextAnalyzer;
use time::Date;

use crate::analysis::{analyze, analyzer, STOP_WORDS};
use crate::search::{Matcher, QueryField, QueryNode, WordMatch};
use crate::{Error, Result};

/// A query translated for Sphinx.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// The `MATCH()` expression (extended syntax).
    pub matching: String,
    /// Extra `WHERE` conditions (`AND`-joined), empty when none.
    pub filters: Vec<String>,
    /// What to highlight in passage text.
    pub matchers: Vec<Matcher>,
}

/// A term as Sphinx indexes it: ASCII letters and digits stay, anything else is written as
/// `z_` and the hex of its bytes (Sphinx's word characters are `0..9, a..z, _`).
pub fn sphinx_term(term: &str) -> String {
    if term
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        term.to_string()
    } else {
        let mut out = String::from("z_");
        for byte in term.bytes() {
            out.push_str(&format!("{byte:02x}"));
        }
        out
    }
}

/// The analysed terms of `text`, as Sphinx indexes them, space-separated.
pub fn sphinx_terms(analyzer: &mut TextAnalyzer, text: &str) -> String {
    analyze(analyzer, text)
        .iter()
        .map(|t| sphinx_term(&t.term))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Translates a parsed query; `since`/`until` narrow the dates further.
pub fn translate(node: &QueryNode, since: Option<Date>, until: Option<Date>) -> Result<Translated> {
    let mut translator = Translator {
        analyzer: analyzer(),
        stop_terms: Vec::new(),
        matchers: Vec::new(),
        filters: Vec::new(),
    };
    translator.stop_terms = STOP_WORDS
        .iter()
        .flat_map(|w| analyze(&mut translator.analyzer, w))
        .map(|t| t.term)
        .collect();
    let matching = translator.node(node, true)?.unwrap_or_default();
    if matching.is_empty() {
        return Err(Error::Engine(
            "the query has no word to match; a Sphinx engine needs at least one".into(),
        ));
    }
    translator.dates(since, until);
    Ok(Translated {
        matching,
        filters: translator.filters,
        matchers: translator.matchers,
    })
}

struct Translator {
    analyzer: TextAnalyzer,
    stop_terms: Vec<String>,
    matchers: Vec<Matcher>,
    filters: Vec<String>,
}

impl Translator {
    /// The expression for `node`; `None` when it matches as if absent. `positive`: not under a
    /// negation (only those parts light up).
    fn node(&mut self, node: &QueryNode, positive: bool) -> Result<Option<String>> {
        Ok(match node {
            QueryNode::Word {
                text,
                field,
                matching,
                ..
            } => {
                if *matching != WordMatch::Analysed {
                    return Err(Error::Engine(format!(
                        "`{text}`: fuzzy and prefix words are not supported with --engine"
                    )));
                }
                let terms = self.terms(text);
                if terms.len() == 1 && self.stop_terms.contains(&terms[0]) {
                    return Ok(None);
                }
                self.terms_expression(terms, 0, *field, positive)
            }
            QueryNode::Phrase {
                text, slop, field, ..
            } => {
                let terms = self.terms(text);
                self.terms_expression(terms, *slop, *field, positive)
            }
            QueryNode::Dates { from, to, .. } => {
                if !positive {
                    return Err(Error::Engine(
                        "excluding dates is not supported with --engine".into(),
                    ));
                }
                self.dates(*from, *to);
                None
            }
            QueryNode::All(parts) => {
                let mut out = Vec::new();
                for part in parts {
                    if let Some(expression) = self.node(part, positive)? {
                        out.push(expression);
                    }
                }
                join(out, " ")
            }
            QueryNode::Any(parts) => {
                let mut out = Vec::new();
                for part in parts {
                    if let Some(expression) = self.node(part, positive)? {
                        out.push(expression);
                    }
                }
                join(out, " | ")
            }
            QueryNode::Not(inner) => self.node(inner, !positive)?.map(|e| format!("-{e}")),
        })
    }

    fn terms(&mut self, text: &str) -> Vec<String> {
        analyze(&mut self.analyzer, text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    fn terms_expression(
        &mut self,
        terms: Vec<String>,
        slop: u32,
        field: Option<QueryField>,
        positive: bool,
    ) -> Option<String> {
        if terms.is_empty() {
            return None;
        }
        let words: Vec<String> = terms.iter().map(|t| sphinx_term(t)).collect();
        let body = if words.len() == 1 {
            words[0].clone()
        } else if slop == 0 {
            format!("\"{}\"", words.join(" "))
        } else {
            // Sphinx's proximity counts the words of the window, newsdex's slop the extra ones.
            format!("\"{}\"~{}", words.join(" "), words.len() as u32 + slop)
        };
        let fields = match field {
            None => "@(terms,title_terms)",
            Some(QueryField::Title) => "@title_terms",
            Some(QueryField::Source) => "@source_terms",
            Some(QueryField::Author) => "@author_terms",
        };
        if positive && field.is_none() {
            self.matchers.push(Matcher::Terms { terms, slop });
        }
        Some(format!("({fields} {body})"))
    }

    fn dates(&mut self, from: Option<Date>, to: Option<Date>) {
        if from.is_none() && to.is_none() {
            return;
        }
        self.filters.push("has_date = 1".into());
        if let Some(from) = from {
            self.filters.push(format!("date_ts >= {}", midnight(from)));
        }
        if let Some(to) = to {
            let next = to.next_day().map_or(i64::MAX, midnight);
            self.filters.push(format!("date_ts < {next}"));
        }
    }
}

fn join(parts: Vec<String>, separator: &str) -> Option<String> {
    match parts.len() {
        0 => None,
        1 => parts.into_iter().next(),
        _ => Some(format!("({})", parts.join(separator))),
    }
}

/// Seconds since the epoch at the start of `day` (UTC).
pub fn midnight(day: Date) -> i64 {
    day.midnight().assume_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse_query;

    fn matching(query: &str) -> String {
        translate(&parse_query(query).unwrap(), None, None)
            .unwrap()
            .matching
    }

    #[test]
    fn words_phrases_or_and_exclusions() {
        assert_eq!(
            matching("stabilisation force"),
            "((@(terms,title_terms) stabil) (@(terms,title_terms) forc))"
        );
        assert_eq!(
            matching("\"peace talks\" OR ceasefire -Russia"),
            "(((@(terms,title_terms) \"peac talk\") | (@(terms,title_terms) ceasefir)) -(@(terms,title_terms) russia))"
        );
        assert_eq!(matching("title:Baku"), "(@title_terms baku)");
    }

    #[test]
    fn dates_become_filters() {
        let t = translate(&parse_query("oil date:2024").unwrap(), None, None).unwrap();
        assert_eq!(t.filters[0], "has_date = 1");
        assert_eq!(t.filters.len(), 3);
    }

    #[test]
    fn odd_terms_are_encoded() {
        assert_eq!(sphinx_term("g20"), "g20");
        assert_eq!(sphinx_term("qarabağ"), "z_716172616261c49f");
    }
}
