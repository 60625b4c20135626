//! The query language: plain words (all must match for the top ranks), `"phrases"`,
//! `"phrase"~N` (proximity), `-exclusion`, `OR`, parentheses, `title:`/`author:`/`source:` field
//! prefixes, `date:2026-01..2026-03` ranges, `word~1` (fuzzy) and `prefix*`. Parsing yields a
//! [`QueryNode`] tree with the character span of every part, so errors can point at their
//! position. [`parse_plain`] reads a query as a bag of words instead, the way IR toolkits read
//! topics.

use std::fmt;
use std::ops::Range;

use time::{Date, Month};

/// A field a query part can be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryField {
    /// The headline.
    Title,
    /// The byline.
    Author,
    /// The outlet.
    Source,
}

/// The field prefixes a query may use (`date` takes a range, the others words).
const FIELD_NAMES: &str = "title, source, author, date";

impl QueryField {
    const ALL: [(&'static str, QueryField); 3] = [
        ("title", QueryField::Title),
        ("author", QueryField::Author),
        ("source", QueryField::Source),
    ];

    fn from_name(name: &str) -> Option<QueryField> {
        let name = name.to_lowercase();
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// The name used in queries.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }
}

/// How a single word matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WordMatch {
    /// After analysis (stemming, folding, spelling), the default.
    #[default]
    Analysed,
    /// Within this many edits (`Garabag~1`).
    Fuzzy(u8),
    /// Any word starting with it (`stabilis*`), compared without stemming.
    Prefix,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryNode {
    /// A word as typed (it may analyse to several terms, e.g. `Nagorno-Karabakh`).
    Word {
        /// The word.
        text: String,
        /// The field it is restricted to, if any.
        field: Option<QueryField>,
        /// How it matches.
        matching: WordMatch,
        /// Character span in the query.
        span: Range<usize>,
    },
    /// Publication dates from `from` to `to`, both days included; `None` leaves a side open.
    Dates {
        /// First day.
        from: Option<Date>,
        /// Last day.
        to: Option<Date>,
        /// Character span in the query.
        span: Range<usize>,
    },
    /// A quoted phrase; `slop` is the number of extra words allowed between its words.
    Phrase {
        /// The phrase's text, without quotes.
        text: String,
        /// Allowed distance (`"a b"~N`).
        slop: u32,
        /// The field it is restricted to, if any.
        field: Option<QueryField>,
        /// Character span in the query.
        span: Range<usize>,
    },
    /// Every part must match (excluded parts must not).
    All(Vec<QueryNode>),
    /// At least one part must match.
    Any(Vec<QueryNode>),
    /// The part must not match.
    Not(Box<QueryNode>),
}

/// Why a query could not be parsed, with the character span it concerns (0-based, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong.
    pub message: String,
    /// Where, in characters of the query.
    pub span: Option<Range<usize>>,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.span {
            Some(span) => {
                let (start, end) = (span.start + 1, span.end.max(span.start + 1) + 1);
                let end = end.max(start + 1);
                write!(f, "{} at {start}..{end}", self.message)
            }
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for QueryError {}

fn error(message: impl Into<String>, span: Range<usize>) -> QueryError {
    QueryError {
        message: message.into(),
        span: Some(span),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Lexeme {
    Word(String),
    Quoted(String, u32),
    Open,
    Close,
    Or,
    And,
    Minus,
    Field(String),
}

/// Parses a query. Fails, naming the position, on unbalanced quotes or parentheses, an unknown
/// field, an `OR` without a part on each side, or a query with nothing to match.
pub fn parse_query(query: &str) -> Result<QueryNode, QueryError> {
    let lexemes = lex(query)?;
    if lexemes.is_empty() {
        return Err(QueryError {
            message: "empty query: type the words to search for".into(),
            span: None,
        });
    }
    let mut parser = Parser {
        lexemes,
        at: 0,
        len: query.chars().count(),
        depth: 0,
    };
    let node = parser.any()?;
    if let Some((_, span)) = parser.peek() {
        return Err(error("unmatched ')'", span.clone()));
    }
    if !has_positive(&node) {
        return Err(QueryError {
            message: "the query only excludes: add a word to search for".into(),
            span: None,
        });
    }
    Ok(node)
}

fn has_positive(node: &QueryNode) -> bool {
    match node {
        QueryNode::Word { .. } | QueryNode::Phrase { .. } | QueryNode::Dates { .. } => true,
        QueryNode::All(parts) | QueryNode::Any(parts) => parts.iter().any(has_positive),
        QueryNode::Not(_) => false,
    }
}

fn lex(query: &str) -> Result<Vec<(Lexeme, Range<usize>)>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' | ')' => {
                out.push((
                    if c == '(' {
                        Lexeme::Open
                    } else {
                        Lexeme::Close
                    },
                    i..i + 1,
                ));
                i += 1;
            }
            '"' | '“' | '”' => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&q| matches!(q, '"' | '“' | '”'))
                    .ok_or_else(|| error("unclosed quote", i..i + 1))?;
                let text: String = chars[i + 1..i + 1 + close].iter().collect();
                let mut end = i + close + 2;
                let mut slop = 0;
                if chars.get(end) == Some(&'~') {
                    let digits: String = chars[end + 1..]
                        .iter()
                        .take_while(|d| d.is_ascii_digit())
                        .collect();
                    slop = digits.parse().map_err(|_| {
                        error(
                            "expected a number of words after '~'",
                            end..end + 1 + digits.len(),
                        )
                    })?;
                    end += 1 + digits.len();
                }
                out.push((Lexeme::Quoted(text, slop), i..end));
                i = end;
            }
            '-' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace())
                && starts_lexeme(&chars, i) =>
            {
                out.push((Lexeme::Minus, i..i + 1));
                i += 1;
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
                {
                    if chars[i] == ':'
                        && i > start
                        && chars[start..i].iter().all(|c| c.is_alphabetic())
                    {
                        break;
                    }
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if chars.get(i) == Some(&':') {
                    out.push((Lexeme::Field(word), start..i));
                    i += 1;
                } else {
                    let lexeme = match word.as_str() {
                        "OR" | "|" | "||" => Lexeme::Or,
                        "AND" | "&&" => Lexeme::And,
                        _ => Lexeme::Word(word),
                    };
                    out.push((lexeme, start..i));
                }
            }
        }
    }
    Ok(out)
}

fn starts_lexeme(chars: &[char], i: usize) -> bool {
    i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '('
}

/// Parentheses nested deeper than this are refused (the parser recurses once per level).
const MAX_NESTING: usize = 64;

struct Parser {
    lexemes: Vec<(Lexeme, Range<usize>)>,
    at: usize,
    len: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&(Lexeme, Range<usize>)> {
        self.lexemes.get(self.at)
    }

    fn next(&mut self) -> Option<(Lexeme, Range<usize>)> {
        let item = self.lexemes.get(self.at).cloned();
        self.at += 1;
        item
    }

    /// any := all ("OR" all)*
    fn any(&mut self) -> Result<QueryNode, QueryError> {
        let mut parts = vec![self.all()?];
        while let Some((Lexeme::Or, span)) = self.peek().cloned() {
            self.at += 1;
            if matches!(self.peek(), None | Some((Lexeme::Or | Lexeme::Close, _))) {
                return Err(error("OR needs a part on each side", span));
            }
            parts.push(self.all()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            QueryNode::Any(parts)
        })
    }

    /// all := unary+
    fn all(&mut self) -> Result<QueryNode, QueryError> {
        let mut parts = Vec::new();
        loop {
            match self.peek() {
                None | Some((Lexeme::Close, _)) => break,
                Some((Lexeme::Or, span)) => {
                    if parts.is_empty() {
                        return Err(error("OR needs a part on each side", span.clone()));
                    }
                    break;
                }
                Some((Lexeme::And, _)) => {
                    self.at += 1;
                }
                Some(_) => parts.push(self.unary()?),
            }
        }
        match parts.len() {
            0 => Err(error("expected a word", self.position())),
            1 => Ok(parts.pop().expect("one part")),
            _ => Ok(QueryNode::All(parts)),
        }
    }

    fn position(&self) -> Range<usize> {
        self.peek().map_or(self.len..self.len, |(_, s)| s.clone())
    }

    /// unary := "-" primary | primary
    fn unary(&mut self) -> Result<QueryNode, QueryError> {
        if let Some((Lexeme::Minus, _)) = self.peek() {
            self.at += 1;
            return Ok(QueryNode::Not(Box::new(self.primary(None)?)));
        }
        self.primary(None)
    }

    /// primary := word | phrase | "(" any ")" | field ":" primary
    fn primary(&mut self, field: Option<QueryField>) -> Result<QueryNode, QueryError> {
        let Some((lexeme, span)) = self.next() else {
            return Err(error("expected a word", self.len..self.len));
        };
        match lexeme {
            Lexeme::Word(text) => word(text, field, span),
            Lexeme::Quoted(text, slop) => Ok(QueryNode::Phrase {
                text,
                slop,
                field,
                span,
            }),
            Lexeme::Open => {
                self.depth += 1;
                if self.depth > MAX_NESTING {
                    return Err(error(
                        format!("parentheses nested deeper than {MAX_NESTING}"),
                        span,
                    ));
                }
                let inner = self.any()?;
                self.depth -= 1;
                match self.next() {
                    Some((Lexeme::Close, _)) => Ok(inner),
                    _ => Err(error("unclosed parenthesis", span)),
                }
            }
            Lexeme::Field(name) if name.eq_ignore_ascii_case("date") => match self.next() {
                Some((Lexeme::Word(range), at)) => dates(&range, at),
                _ => Err(error(
                    "expected dates after \"date:\" (e.g. date:2026-01..2026-03)",
                    span,
                )),
            },
            Lexeme::Field(name) if is_language_code(&name) => match self.next() {
                // A term of one language's reading, as `searched:` shows it (`ru:karabakh`).
                Some((Lexeme::Word(term), at)) => word(
                    format!("{}:{term}", name.to_ascii_lowercase()),
                    field,
                    span.start..at.end,
                ),
                _ => Err(error(format!("expected a term after \"{name}:\""), span)),
            },
            Lexeme::Field(name) => {
                let known = QueryField::from_name(&name).ok_or_else(|| {
                    error(
                        format!("unknown field \"{name}\"; fields are {FIELD_NAMES}"),
                        span.clone(),
                    )
                })?;
                match self.peek() {
                    Some((Lexeme::Word(_) | Lexeme::Quoted(..) | Lexeme::Open, _)) => {
                        self.primary(Some(known))
                    }
                    Some((Lexeme::Field(code), _)) if is_language_code(code) => {
                        self.primary(Some(known))
                    }
                    _ => Err(error(format!("expected a word after \"{name}:\""), span)),
                }
            }
            Lexeme::Close => Err(error("unmatched ')'", span)),
            Lexeme::Or | Lexeme::And | Lexeme::Minus => Err(error("expected a word", span)),
        }
        .map(|node| with_field(node, field))
    }
}

/// Whether a field name is the code of a language newsdex knows (`ru`), which marks a term of
/// that language's reading rather than a field.
fn is_language_code(name: &str) -> bool {
    name.len() == 2 && crate::language::Language::parse(name).is_some_and(|l| l.code == name)
}

/// A word, with its `~N` (fuzzy) or `*` (prefix) suffix read.
fn word(
    text: String,
    field: Option<QueryField>,
    span: Range<usize>,
) -> Result<QueryNode, QueryError> {
    let node = |text: &str, matching| QueryNode::Word {
        text: text.to_string(),
        field,
        matching,
        span: span.clone(),
    };
    if let Some(stem) = text.strip_suffix('*') {
        if stem.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return Err(error(
                "a wildcard needs at least two letters before '*'",
                span,
            ));
        }
        if stem.contains(|c: char| !c.is_alphanumeric()) {
            return Err(error(
                "a wildcard applies to one word (letters and digits before '*')",
                span,
            ));
        }
        return Ok(node(stem, WordMatch::Prefix));
    }
    if let Some((stem, distance)) = text.rsplit_once('~') {
        if !stem.is_empty() && distance.chars().all(|c| c.is_ascii_digit()) {
            let distance = if distance.is_empty() {
                Ok(1)
            } else {
                distance.parse::<u8>()
            };
            return match distance {
                Ok(d @ 0..=2) => Ok(node(stem, WordMatch::Fuzzy(d))),
                _ => Err(error("a fuzzy match allows 0, 1 or 2 edits (word~1)", span)),
            };
        }
    }
    Ok(node(&text, WordMatch::Analysed))
}

/// `date:A..B`, `date:A..`, `date:..B` or `date:A`, each bound a year, month or day.
fn dates(range: &str, span: Range<usize>) -> Result<QueryNode, QueryError> {
    let bad = |what: &str| {
        error(
            format!("bad date \"{what}\"; dates are YYYY, YYYY-MM or YYYY-MM-DD, ranges A..B"),
            span.clone(),
        )
    };
    let bound = |text: &str, last: bool| -> Result<Option<Date>, QueryError> {
        if text.is_empty() {
            return Ok(None);
        }
        period(text, last).map(Some).ok_or_else(|| bad(text))
    };
    let (from, to) = match range.split_once("..") {
        Some((a, b)) => (bound(a, false)?, bound(b, true)?),
        None => (bound(range, false)?, bound(range, true)?),
    };
    if from.is_none() && to.is_none() {
        return Err(bad(range));
    }
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(error(
                format!("the date range {range} ends before it starts"),
                span,
            ));
        }
    }
    Ok(QueryNode::Dates { from, to, span })
}

/// The first (or, with `last`, the final) day of a year, month or day written `YYYY[-MM[-DD]]`.
pub fn period(text: &str, last: bool) -> Option<Date> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| {
        s.parse::<u16>()
            .ok()
            .filter(|_| s.chars().all(|c| c.is_ascii_digit()))
    };
    let year = i32::from(number(parts.first()?)?);
    if !(1000..=9999).contains(&year) || parts.len() > 3 {
        return None;
    }
    let month = match parts.get(1) {
        Some(m) => Month::try_from(u8::try_from(number(m)?).ok()?).ok()?,
        None if last => Month::December,
        None => Month::January,
    };
    let day = match parts.get(2) {
        Some(d) => u8::try_from(number(d)?).ok()?,
        None if last => month.length(year),
        None => 1,
    };
    Date::from_calendar_date(year, month, day).ok()
}

/// Reads a query as a bag of words: quotes, parentheses, operators and field prefixes are just
/// separators. Fails only when no word is left.
pub fn parse_plain(query: &str) -> Result<QueryNode, QueryError> {
    let mut words = Vec::new();
    let mut start = None;
    let chars: Vec<char> = query.chars().collect();
    for (i, &c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        let separator =
            c.is_whitespace() || matches!(c, '"' | '“' | '”' | '(' | ')' | ':' | '*' | '~' | '^');
        match (separator, start) {
            (true, Some(s)) => {
                let text: String = chars[s..i].iter().collect();
                let text = text.trim_start_matches('-').to_string();
                if !text.is_empty() {
                    words.push(QueryNode::Word {
                        text,
                        field: None,
                        matching: WordMatch::Analysed,
                        span: s..i,
                    });
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    match words.len() {
        0 => Err(QueryError {
            message: "empty query: type the words to search for".into(),
            span: None,
        }),
        1 => Ok(words.pop().expect("one word")),
        _ => Ok(QueryNode::All(words)),
    }
}

/// Applies a field prefix to every word and phrase under a parenthesised group.
fn with_field(node: QueryNode, field: Option<QueryField>) -> QueryNode {
    let Some(field) = field else { return node };
    match node {
        QueryNode::Word {
            text,
            span,
            matching,
            ..
        } => QueryNode::Word {
            text,
            field: Some(field),
            matching,
            span,
        },
        QueryNode::Dates { .. } => node,
        QueryNode::Phrase {
            text, slop, span, ..
        } => QueryNode::Phrase {
            text,
            slop,
            field: Some(field),
            span,
        },
        QueryNode::All(parts) => QueryNode::All(
            parts
                .into_iter()
                .map(|p| with_field(p, Some(field)))
                .collect(),
        ),
        QueryNode::Any(parts) => QueryNode::Any(
            parts
                .into_iter()
                .map(|p| with_field(p, Some(field)))
                .collect(),
        ),
        QueryNode::Not(inner) => QueryNode::Not(Box::new(with_field(*inner, Some(field)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn word(text: &str, span: Range<usize>) -> QueryNode {
        QueryNode::Word {
            text: text.into(),
            field: None,
            matching: WordMatch::Analysed,
            span,
        }
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        let q = parse_query("ISF \"stabilisation force\"~2 -Turkey OR OIC").unwrap();
        assert_eq!(
            q,
            QueryNode::Any(vec![
                QueryNode::All(vec![
                    word("ISF", 0..3),
                    QueryNode::Phrase {
                        text: "stabilisation force".into(),
                        slop: 2,
                        field: None,
                        span: 4..27
                    },
                    QueryNode::Not(Box::new(word("Turkey", 29..35))),
                ]),
                word("OIC", 39..42),
            ])
        );
    }

    #[test]
    fn fields_and_groups() {
        let q = parse_query("title:(Gaza OR Garabagh)").unwrap();
        let QueryNode::Any(parts) = q else {
            panic!("{q:?}")
        };
        assert!(parts.iter().all(|p| matches!(
            p,
            QueryNode::Word {
                field: Some(QueryField::Title),
                ..
            }
        )));
        assert!(parse_query("U.S.-backed plan").is_ok());
        assert!(matches!(
            parse_query("well-known").unwrap(),
            QueryNode::Word { .. }
        ));
    }

    #[test]
    fn errors_name_the_problem_and_position() {
        let msg = |q: &str| parse_query(q).unwrap_err().to_string();
        assert_eq!(
            msg("titel:Gaza"),
            "unknown field \"titel\"; fields are title, source, author, date at 1..6"
        );
        assert_eq!(
            msg("date:2026-13"),
            "bad date \"2026-13\"; dates are YYYY, YYYY-MM or YYYY-MM-DD, ranges A..B at 6..13"
        );
        assert_eq!(
            msg("date:2026-03..2026-01"),
            "the date range 2026-03..2026-01 ends before it starts at 6..22"
        );
        assert_eq!(
            msg("Gaza~5"),
            "a fuzzy match allows 0, 1 or 2 edits (word~1) at 1..7"
        );
        assert_eq!(
            msg("*"),
            "a wildcard needs at least two letters before '*' at 1..2"
        );
        assert_eq!(
            msg("a*b*c*"),
            "a wildcard applies to one word (letters and digits before '*') at 1..7"
        );
        assert_eq!(msg("ISF \"stabilisation force"), "unclosed quote at 5..6");
        assert_eq!(msg("(ISF OR OIC"), "unclosed parenthesis at 1..2");
        assert_eq!(msg("ISF)"), "unmatched ')' at 4..5");
        assert_eq!(msg("OR ISF"), "OR needs a part on each side at 1..3");
        assert_eq!(msg("ISF OR"), "OR needs a part on each side at 5..7");
        assert_eq!(msg("   "), "empty query: type the words to search for");
        assert_eq!(
            msg("-Gaza"),
            "the query only excludes: add a word to search for"
        );
        assert_eq!(
            msg("\"a b\"~x"),
            "expected a number of words after '~' at 6..7"
        );
    }

    #[test]
    fn dates_fuzzy_and_prefix() {
        use time::macros::date;
        assert_eq!(
            parse_query("date:2026-01..2026-03").unwrap(),
            QueryNode::Dates {
                from: Some(date!(2026 - 01 - 01)),
                to: Some(date!(2026 - 03 - 31)),
                span: 5..21
            }
        );
        assert_eq!(
            parse_query("date:2024").unwrap(),
            QueryNode::Dates {
                from: Some(date!(2024 - 01 - 01)),
                to: Some(date!(2024 - 12 - 31)),
                span: 5..9
            }
        );
        assert!(parse_query("date:..2026-02-29").is_err(), "not a leap year");
        assert!(matches!(
            parse_query("Garabag~1").unwrap(),
            QueryNode::Word {
                matching: WordMatch::Fuzzy(1),
                ..
            }
        ));
        assert!(matches!(
            parse_query("stabilis*").unwrap(),
            QueryNode::Word { matching: WordMatch::Prefix, ref text, .. } if text == "stabilis"
        ));
        assert!(matches!(
            parse_query("source:\"Caspian Courier\"").unwrap(),
            QueryNode::Phrase {
                field: Some(QueryField::Source),
                ..
            }
        ));
    }

    #[test]
    fn plain_syntax_is_a_bag_of_words() {
        let q = parse_plain("title:(ISF OR \"Gaza\") -force").unwrap();
        let QueryNode::All(words) = q else { panic!() };
        let texts: Vec<_> = words
            .iter()
            .map(|w| match w {
                QueryNode::Word { text, .. } => text.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(texts, ["title", "ISF", "OR", "Gaza", "force"]);
        assert!(parse_plain(" \"() ").is_err());
    }

    proptest! {
        #[test]
        fn plain_never_panics(q in "\\PC{0,60}") {
            let _ = parse_plain(&q);
        }

        #[test]
        fn any_string_parses_or_fails_cleanly(q in "\\PC{0,60}") {
            let _ = parse_query(&q);
        }

        #[test]
        fn token_soup_parses_or_fails_cleanly(parts in proptest::collection::vec(
            prop_oneof![Just("("), Just(")"), Just("\""), Just("-"), Just("OR"), Just("AND"),
                        Just("title:"), Just("x:"), Just("~3"), Just("Gaza"), Just(" ")], 0..20)) {
            let _ = parse_query(&parts.concat());
        }
    }
}
