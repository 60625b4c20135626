//! Translating a parsed query into SphinxQL: `MATCH()` over the analysed-terms fields plus a
//! `WHERE` on dates, and the matchers newsdex highlights the returned text with.

use tantivy::tokenizer::TextAnalyzer;
use time::Date;

use crate::analysis::{analyze, analyzer, stop_words, Expander};
use crate::search::{Matcher, QueryField, QueryNode, WordMatch};
use crate::{Error, Result};

/// A query translated for Sphinx.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// The `MATCH()` expression (extended syntax).
    pub matching: String,
    /// The same with some of the top-level words missing (any of them, exclusions kept): fills a
    /// page when strict matches run out, as locally; `None` when it would equal `matching`.
    pub relaxed: Option<String>,
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

/// Translates a parsed query; `since`/`until` narrow the dates further; names of the
/// `expander`'s glossary expand to all their forms, as locally.
pub fn translate(
    node: &QueryNode,
    since: Option<Date>,
    until: Option<Date>,
    expander: Option<&Expander>,
) -> Result<Translated> {
    let mut translator = Translator {
        expander,
        analyzer: analyzer(),
        stop_terms: Vec::new(),
        matchers: Vec::new(),
        filters: Vec::new(),
    };
    // The engine's passages are analysed as English: English function words only.
    translator.stop_terms = stop_words(&[])
        .flat_map(|w| analyze(&mut translator.analyzer, w))
        .map(|t| t.term)
        .collect();
    let (matching, relaxed) = match node {
        QueryNode::All(parts) => {
            let expressions = translator.all(parts, true)?;
            let (excluded, wanted): (Vec<String>, Vec<String>) = expressions
                .iter()
                .cloned()
                .partition(|e| e.starts_with('-'));
            let relaxed = (wanted.len() > 1).then(|| {
                let mut any = vec![format!("({})", wanted.join(" | "))];
                any.extend(excluded);
                any.join(" ")
            });
            (join(expressions, " ").unwrap_or_default(), relaxed)
        }
        _ => (translator.node(node, true)?.unwrap_or_default(), None),
    };
    if matching.is_empty() {
        return Err(Error::Engine(
            "the query has no word to match; a Sphinx engine needs at least one".into(),
        ));
    }
    translator.dates(since, until);
    Ok(Translated {
        matching,
        relaxed,
        filters: translator.filters,
        matchers: translator.matchers,
    })
}

struct Translator<'a> {
    expander: Option<&'a Expander>,
    analyzer: TextAnalyzer,
    stop_terms: Vec<String>,
    matchers: Vec<Matcher>,
    filters: Vec<String>,
}

impl Translator<'_> {
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
            QueryNode::All(parts) => join(self.all(parts, positive)?, " "),
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

    /// The expressions of the parts of an `All`, glossary names joined.
    fn all(&mut self, parts: &[QueryNode], positive: bool) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < parts.len() {
            if let Some((joined, expression)) = self.glossary_name(&parts[i..], positive) {
                out.push(expression);
                i += joined;
                continue;
            }
            if let Some(expression) = self.node(&parts[i], positive)? {
                out.push(expression);
            }
            i += 1;
        }
        Ok(out)
    }

    /// Neighbouring plain words at the start of `parts` that together are a glossary name
    /// (`International Stabilisation Force`): how many, and the expression of every form.
    fn glossary_name(&mut self, parts: &[QueryNode], positive: bool) -> Option<(usize, String)> {
        let expander = self.expander?;
        let mut words = Vec::new();
        for part in parts.iter().take(expander.longest_form().max(1)) {
            match part {
                QueryNode::Word {
                    text,
                    field: None,
                    matching: WordMatch::Analysed,
                    ..
                } => words.push(self.terms(text)),
                _ => break,
            }
        }
        for joined in (2..=words.len()).rev() {
            let terms: Vec<String> = words[..joined].concat();
            if expander.expand(&terms).is_some() {
                return self
                    .terms_expression(terms, 0, None, positive)
                    .map(|e| (joined, e));
            }
        }
        None
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
        let forms: Vec<Vec<String>> = match self.expander.and_then(|e| e.expand(&terms)) {
            Some((_, forms)) if field.is_none() => forms.iter().map(|f| f.terms.clone()).collect(),
            _ => vec![terms],
        };
        let expressions: Vec<String> = forms
            .into_iter()
            .filter(|f| !f.is_empty())
            .filter_map(|f| self.form_expression(f, slop, field, positive))
            .collect();
        join(expressions, " | ")
    }

    fn form_expression(
        &mut self,
        terms: Vec<String>,
        slop: u32,
        field: Option<QueryField>,
        positive: bool,
    ) -> Option<String> {
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
        translate(&parse_query(query).unwrap(), None, None, None)
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
            "((@(terms,title_terms) \"peac talk\") | ((@(terms,title_terms) ceasefir) -(@(terms,title_terms) russia)))"
        );
        assert_eq!(matching("title:Baku"), "(@title_terms baku)");
    }

    #[test]
    fn relaxed_reading_keeps_exclusions() {
        let t = translate(&parse_query("oil gas -coal").unwrap(), None, None, None).unwrap();
        assert_eq!(
            t.relaxed.unwrap(),
            "((@(terms,title_terms) oil) | (@(terms,title_terms) gas)) -(@(terms,title_terms) coal)"
        );
        let t = translate(&parse_query("oil -coal").unwrap(), None, None, None).unwrap();
        assert_eq!(t.relaxed, None);
    }

    #[test]
    fn dates_become_filters() {
        let t = translate(&parse_query("oil date:2024").unwrap(), None, None, None).unwrap();
        assert_eq!(t.filters[0], "has_date = 1");
        assert_eq!(t.filters.len(), 3);
    }

    #[test]
    fn glossary_names_expand_to_their_forms() {
        let mut analyzer = analyzer();
        let expander = crate::analysis::Glossary::built_in().expander(&mut analyzer);
        let node = parse_query("International Stabilisation Force Gaza").unwrap();
        let t = translate(&node, None, None, Some(&expander)).unwrap();
        assert!(t.matching.contains("isf"), "{}", t.matching);
        assert!(
            t.matching.contains("\"internat stabil forc\""),
            "{}",
            t.matching
        );
        assert!(t.matching.contains(" | "), "{}", t.matching);
    }

    #[test]
    fn odd_terms_are_encoded() {
        assert_eq!(sphinx_term("g20"), "g20");
        assert_eq!(sphinx_term("qarabağ"), "z_716172616261c49f");
    }
}
