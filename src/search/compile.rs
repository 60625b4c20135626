//! Turning a parsed query into a tantivy query over passages, the list of term sequences to
//! highlight, and the query as it is run after analysis (shown to the user).

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::query::{QueryField, QueryNode};
use crate::analysis::analyze;
use crate::index::Fields;

/// Weight of a title match relative to a passage-text match.
pub const TITLE_BOOST: f32 = 2.0;
/// Words of a query found within this distance of each other earn the proximity bonus.
const PROXIMITY_SLOP: u32 = 3;
/// Weight of the proximity bonus.
const PROXIMITY_BOOST: f32 = 1.0;

/// A term sequence to light up in passage text: one term, or a phrase's terms in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    /// Analysed terms, in order.
    pub terms: Vec<String>,
    /// Extra words allowed between them.
    pub slop: u32,
}

/// A query ready to run.
pub struct Compiled {
    /// Every word must match (the strict reading).
    pub strict: Box<dyn Query>,
    /// Some words may be missing (used to fill a page when strict matches run out); `None` when it
    /// would equal `strict`.
    pub relaxed: Option<Box<dyn Query>>,
    /// What to highlight in passage text.
    pub matchers: Vec<Matcher>,
    /// The query after analysis, as shown to the user.
    pub executed: String,
}

/// A query part after analysis.
enum Part {
    Terms {
        terms: Vec<String>,
        slop: u32,
        field: Option<QueryField>,
    },
    All(Vec<Part>),
    Any(Vec<Part>),
    Not(Box<Part>),
    /// A word that analyses to nothing (punctuation): matches as if absent.
    Nothing,
}

/// Compiles a parsed query against the index fields.
pub fn compile(node: &QueryNode, fields: &Fields, analyzer: &mut TextAnalyzer) -> Compiled {
    let part = analyse(node, analyzer);
    let mut matchers = Vec::new();
    collect_matchers(&part, &mut matchers);
    let relaxed = match &part {
        Part::All(parts) if parts.iter().filter(|p| is_positive(p)).count() > 1 => {
            Some(build_all(parts, fields, Occur::Should))
        }
        _ => None,
    };
    Compiled {
        strict: build(&part, fields),
        relaxed,
        matchers,
        executed: render(&part),
    }
}

fn analyse(node: &QueryNode, analyzer: &mut TextAnalyzer) -> Part {
    let terms_of = |text: &str, analyzer: &mut TextAnalyzer| -> Vec<String> {
        analyze(analyzer, text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    };
    match node {
        QueryNode::Word { text, field, .. } | QueryNode::Phrase { text, field, .. } => {
            let terms = terms_of(text, analyzer);
            let slop = match node {
                QueryNode::Phrase { slop, .. } => *slop,
                _ => 0,
            };
            if terms.is_empty() {
                Part::Nothing
            } else {
                Part::Terms {
                    terms,
                    slop,
                    field: *field,
                }
            }
        }
        QueryNode::All(parts) => simplify(Part::All(
            parts.iter().map(|p| analyse(p, analyzer)).collect(),
        )),
        QueryNode::Any(parts) => simplify(Part::Any(
            parts.iter().map(|p| analyse(p, analyzer)).collect(),
        )),
        QueryNode::Not(inner) => match analyse(inner, analyzer) {
            Part::Nothing => Part::Nothing,
            inner => Part::Not(Box::new(inner)),
        },
    }
}

fn simplify(part: Part) -> Part {
    match part {
        Part::All(parts) | Part::Any(parts) if parts.iter().all(|p| matches!(p, Part::Nothing)) => {
            Part::Nothing
        }
        Part::All(parts) => Part::All(
            parts
                .into_iter()
                .filter(|p| !matches!(p, Part::Nothing))
                .collect(),
        ),
        Part::Any(parts) => Part::Any(
            parts
                .into_iter()
                .filter(|p| !matches!(p, Part::Nothing))
                .collect(),
        ),
        other => other,
    }
}

fn is_positive(part: &Part) -> bool {
    !matches!(part, Part::Not(_) | Part::Nothing)
}

fn collect_matchers(part: &Part, out: &mut Vec<Matcher>) {
    match part {
        Part::Terms { terms, slop, field } if field.is_none() => {
            let matcher = Matcher {
                terms: terms.clone(),
                slop: *slop,
            };
            if !out.contains(&matcher) {
                out.push(matcher);
            }
        }
        Part::All(parts) | Part::Any(parts) => parts.iter().for_each(|p| collect_matchers(p, out)),
        _ => {}
    }
}

fn build(part: &Part, fields: &Fields) -> Box<dyn Query> {
    match part {
        Part::Terms { terms, slop, field } => leaf(terms, *slop, *field, fields),
        Part::All(parts) => build_all(parts, fields, Occur::Must),
        Part::Any(parts) => Box::new(BooleanQuery::new(
            parts
                .iter()
                .map(|p| (Occur::Should, build(p, fields)))
                .collect(),
        )),
        Part::Not(inner) => Box::new(BooleanQuery::new(vec![(
            Occur::MustNot,
            build(inner, fields),
        )])),
        Part::Nothing => Box::new(BooleanQuery::new(Vec::new())),
    }
}

/// All parts, positive ones joined with `occur`; plain words of the passage text also earn a
/// bonus when they stand close together.
fn build_all(parts: &[Part], fields: &Fields, occur: Occur) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut near: Vec<String> = Vec::new();
    for part in parts {
        match part {
            Part::Not(inner) => clauses.push((Occur::MustNot, build(inner, fields))),
            Part::Nothing => {}
            Part::Terms {
                terms,
                slop: 0,
                field: None,
            } => {
                near.extend(terms.iter().cloned());
                clauses.push((occur, build(part, fields)));
            }
            _ => clauses.push((occur, build(part, fields))),
        }
    }
    if near.len() > 1 {
        let phrase = phrase(fields.text, &near, PROXIMITY_SLOP);
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(phrase, PROXIMITY_BOOST)),
        ));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// A word or phrase: in the title and passage text by default, or in one field.
fn leaf(terms: &[String], slop: u32, field: Option<QueryField>, fields: &Fields) -> Box<dyn Query> {
    let one = |f: Field| -> Box<dyn Query> {
        if terms.len() == 1 {
            Box::new(TermQuery::new(
                Term::from_field_text(f, &terms[0]),
                IndexRecordOption::WithFreqs,
            ))
        } else {
            phrase(f, terms, slop)
        }
    };
    match field {
        Some(QueryField::Title) => one(fields.title),
        Some(QueryField::Author) => one(fields.byline),
        None => Box::new(BooleanQuery::new(vec![
            (Occur::Should, one(fields.text)),
            (
                Occur::Should,
                Box::new(BoostQuery::new(one(fields.title), TITLE_BOOST)),
            ),
        ])),
    }
}

fn phrase(field: Field, terms: &[String], slop: u32) -> Box<dyn Query> {
    let terms = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (i, Term::from_field_text(field, t)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

fn render(part: &Part) -> String {
    match part {
        Part::Terms { terms, slop, field } => {
            let prefix = field.map_or(String::new(), |f| format!("{}:", f.name()));
            let body = if terms.len() == 1 {
                terms[0].clone()
            } else {
                format!("\"{}\"", terms.join(" "))
            };
            let slop = if *slop > 0 {
                format!("~{slop}")
            } else {
                String::new()
            };
            format!("{prefix}{body}{slop}")
        }
        Part::All(parts) => join(parts, " AND "),
        Part::Any(parts) => join(parts, " OR "),
        Part::Not(inner) => format!("-{}", render(inner)),
        Part::Nothing => String::new(),
    }
}

fn join(parts: &[Part], separator: &str) -> String {
    let rendered: Vec<String> = parts
        .iter()
        .map(|p| match p {
            Part::All(_) | Part::Any(_) => format!("({})", render(p)),
            _ => render(p),
        })
        .filter(|s| !s.is_empty())
        .collect();
    rendered.join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyzer;
    use crate::index::Fields;
    use crate::search::query::parse_query;

    fn compiled(q: &str) -> Compiled {
        let schema = crate::index::build_schema();
        let fields = Fields::from_schema(&schema).unwrap();
        compile(&parse_query(q).unwrap(), &fields, &mut analyzer())
    }

    #[test]
    fn executed_query_shows_analysed_terms() {
        assert_eq!(compiled("Stabilisation force").executed, "stabil AND forc");
        assert_eq!(
            compiled("\"Nagorno-Karabakh\" OR Qarabağ -Armenia's").executed,
            "\"nagorno karabakh\" OR (qarabag AND -armenia)"
        );
        assert_eq!(
            compiled("title:\"Gaza force\"~2").executed,
            "title:\"gaza forc\"~2"
        );
    }

    #[test]
    fn matchers_cover_positive_parts_only() {
        let c = compiled("\"stabilisation force\" ISF -Turkey");
        assert_eq!(
            c.matchers,
            [
                Matcher {
                    terms: vec!["stabil".into(), "forc".into()],
                    slop: 0
                },
                Matcher {
                    terms: vec!["isf".into()],
                    slop: 0
                },
            ]
        );
        assert!(c.relaxed.is_some());
        assert!(compiled("Gaza").relaxed.is_none());
    }
}
