//! The fields of structured records (JSON objects, CSV rows): which field plays which role
//! (title, body, date...), recognised by the names news datasets and crawlers give them or set by
//! the user (`--field body=story`), and the article a record's fields make.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::SkipReason;
use crate::date::{DateOrder, NewsDate};
use crate::language::Language;
use crate::model::Article;

/// What a field of a record holds for the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldRole {
    /// The record's own id.
    Id,
    /// The headline.
    Title,
    /// The article text.
    Body,
    /// The publication date.
    Date,
    /// Who wrote it.
    Author,
    /// The outlet.
    Source,
    /// The article's address.
    Url,
    /// The article's language (an ISO 639-1 or 639-3 code or an English name).
    Language,
}

impl FieldRole {
    /// Every role, in the order of [`FieldRole::name`]s shown to users.
    pub const ALL: [FieldRole; 8] = [
        FieldRole::Id,
        FieldRole::Title,
        FieldRole::Body,
        FieldRole::Date,
        FieldRole::Author,
        FieldRole::Source,
        FieldRole::Url,
        FieldRole::Language,
    ];

    /// The role's name, as written in an override (`body`).
    pub fn name(self) -> &'static str {
        match self {
            FieldRole::Id => "id",
            FieldRole::Title => "title",
            FieldRole::Body => "body",
            FieldRole::Date => "date",
            FieldRole::Author => "author",
            FieldRole::Source => "source",
            FieldRole::Url => "url",
            FieldRole::Language => "language",
        }
    }

    /// The field names recognised for the role, in order of preference, as [`normalise`]d (so
    /// `publishedAt`, `published_at` and `PublishedAt` are all `publishedat`, and `_id` is `id`).
    /// `description` comes last for the body: a summary is the body only when nothing else is.
    fn recognised(self) -> &'static [&'static str] {
        match self {
            FieldRole::Id => &["id", "docid", "uuid"],
            FieldRole::Title => &["title", "headline"],
            FieldRole::Body => &[
                "body",
                "text",
                "content",
                "maintext",
                "article",
                "story",
                "description",
            ],
            FieldRole::Date => &[
                "date",
                "published",
                "publishedat",
                "datepublish",
                "pubdate",
                "datepublished",
            ],
            FieldRole::Author => &["author", "authors", "byline"],
            FieldRole::Source => &["source", "publication", "sourcedomain", "site", "outlet"],
            FieldRole::Url => &["url", "link"],
            FieldRole::Language => &["language", "lang", "languagecode", "locale"],
        }
    }
}

impl fmt::Display for FieldRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a field override could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldOverrideError {
    /// The text has no `=`.
    #[error("expected ROLE=FIELD (for example body=story), got {0:?}")]
    NoEquals(String),
    /// The role is not one newsdex knows.
    #[error(
        "unknown field role {0:?}: expected one of id, title, body, date, author, source, url"
    )]
    UnknownRole(String),
    /// Nothing follows the `=`.
    #[error("no field name after \"{0}=\"")]
    NoName(FieldRole),
}

impl FromStr for FieldRole {
    type Err = FieldOverrideError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        FieldRole::ALL
            .into_iter()
            .find(|role| role.name() == wanted)
            .ok_or_else(|| FieldOverrideError::UnknownRole(text.trim().to_string()))
    }
}

/// One user choice of field for a role: `body=story` reads the body from the field `story`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldOverride {
    /// The role.
    pub role: FieldRole,
    /// The field (JSON key or CSV column) that plays it, as written in the data.
    pub field: String,
}

impl FromStr for FieldOverride {
    type Err = FieldOverrideError;

    /// Parses `ROLE=FIELD`, such as `title=headline` or `body=story`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (role, field) = text
            .split_once('=')
            .ok_or_else(|| FieldOverrideError::NoEquals(text.to_string()))?;
        let role: FieldRole = role.parse()?;
        let field = field.trim();
        if field.is_empty() {
            return Err(FieldOverrideError::NoName(role));
        }
        Ok(FieldOverride {
            role,
            field: field.to_string(),
        })
    }
}

/// The user's choices of field per role. A role with a chosen field is read from that field
/// only (found by its exact name, else by its [`normalise`]d name); the other roles are read from
/// the first recognised field with a value. A field chosen for one role is never read for
/// another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    chosen: BTreeMap<FieldRole, String>,
}

impl FieldMap {
    /// Reads `role` from `field`, replacing an earlier choice for the role.
    pub fn set(&mut self, role: FieldRole, field: impl Into<String>) {
        self.chosen.insert(role, field.into());
    }

    /// The field chosen for `role`, if any.
    pub fn get(&self, role: FieldRole) -> Option<&str> {
        self.chosen.get(&role).map(String::as_str)
    }

    /// The choices, in the order of [`FieldRole::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (FieldRole, &str)> {
        self.chosen
            .iter()
            .map(|(role, field)| (*role, field.as_str()))
    }

    /// No role has a chosen field.
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }
}

impl Extend<FieldOverride> for FieldMap {
    fn extend<I: IntoIterator<Item = FieldOverride>>(&mut self, overrides: I) {
        for o in overrides {
            self.set(o.role, o.field);
        }
    }
}

impl FromIterator<FieldOverride> for FieldMap {
    fn from_iter<I: IntoIterator<Item = FieldOverride>>(overrides: I) -> Self {
        let mut map = FieldMap::default();
        map.extend(overrides);
        map
    }
}

/// A field name reduced for matching: lowercase letters and digits only.
pub(crate) fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For one list of field names (a CSV header, a JSON object's keys), the fields to try for each
/// role, best first, as positions in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    candidates: BTreeMap<FieldRole, Vec<usize>>,
}

impl Layout {
    /// Matches the field names `keys` to roles.
    pub(crate) fn new(map: &FieldMap, keys: &[&str]) -> Layout {
        let normalised: Vec<String> = keys.iter().map(|k| normalise(k)).collect();
        let mut candidates = BTreeMap::new();
        let mut claimed = Vec::new();
        for (&role, field) in &map.chosen {
            let found = keys
                .iter()
                .position(|k| k == field)
                .or_else(|| normalised.iter().position(|k| *k == normalise(field)));
            claimed.extend(found);
            candidates.insert(role, found.into_iter().collect());
        }
        for role in FieldRole::ALL {
            if map.get(role).is_some() {
                continue;
            }
            let found = role
                .recognised()
                .iter()
                .flat_map(|name| {
                    normalised
                        .iter()
                        .enumerate()
                        .filter(move |(_, k)| k == name)
                })
                .map(|(i, _)| i)
                .filter(|i| !claimed.contains(i))
                .collect();
            candidates.insert(role, found);
        }
        Layout { candidates }
    }

    /// The positions of the fields to try for `role`, best first.
    pub(crate) fn candidates(&self, role: FieldRole) -> &[usize] {
        self.candidates.get(&role).map_or(&[], Vec::as_slice)
    }

    /// Whether some field can give the body; if none can, the reason to skip the record (or the
    /// file, for a CSV header), naming the fields `keys` found.
    pub(crate) fn check_body(&self, map: &FieldMap, keys: &[&str]) -> Result<(), SkipReason> {
        if !self.candidates(FieldRole::Body).is_empty() {
            return Ok(());
        }
        Err(SkipReason::NoBodyField {
            chosen: map.get(FieldRole::Body).map(str::to_string),
            found: keys.iter().map(|k| k.to_string()).collect(),
        })
    }

    /// Builds an article from a record: `parts(i)` gives the text pieces of field `i` (one for a
    /// string, several for an array). Each role takes its first candidate field with some text.
    /// The body is split into paragraphs; `id` is the record's own id or empty. A date is read
    /// as written text, else as a number (a Unix timestamp or a compact day, see
    /// [`NewsDate::from_number`]).
    pub(crate) fn article(
        &self,
        parts: impl Fn(usize) -> Vec<String>,
        order: DateOrder,
    ) -> Article {
        let pick = |role| {
            self.candidates(role)
                .iter()
                .map(|&i| parts(i))
                .find(|p| p.iter().any(|s| !s.trim().is_empty()))
                .unwrap_or_default()
        };
        let one_line = |parts: Vec<String>, separator: &str| {
            let joined = parts
                .iter()
                .map(|p| normalise_space(p))
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(separator);
            (!joined.is_empty()).then_some(joined)
        };
        Article {
            id: one_line(pick(FieldRole::Id), " ").unwrap_or_default(),
            title: one_line(pick(FieldRole::Title), " ").unwrap_or_default(),
            byline: one_line(pick(FieldRole::Author), ", "),
            source: one_line(pick(FieldRole::Source), ", "),
            date: one_line(pick(FieldRole::Date), " ")
                .and_then(|d| NewsDate::parse(&d, order).or_else(|| NewsDate::from_number(&d))),
            url: one_line(pick(FieldRole::Url), " "),
            language: one_line(pick(FieldRole::Language), " ")
                .and_then(|l| Language::parse(&l))
                .map(|l| l.code.to_string()),
            paragraphs: pick(FieldRole::Body)
                .iter()
                .flat_map(|p| paragraphs(p))
                .collect(),
            ..Article::default()
        }
    }
}

/// The article, or [`SkipReason::NoBody`] when its body is empty.
pub(crate) fn with_body(article: Article) -> Result<Article, SkipReason> {
    if article.paragraphs.is_empty() {
        Err(SkipReason::NoBody)
    } else {
        Ok(article)
    }
}

/// Splits body text into whitespace-normalised paragraphs: at blank lines, or at every line
/// break when the text has no blank line.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let is_blank = |line: &str| line.trim().is_empty();
    let at_blank_lines = text.trim().lines().any(is_blank);
    let mut out = Vec::new();
    let mut paragraph = String::new();
    for line in text.lines() {
        let blank = is_blank(line);
        if !blank {
            push_words(&mut paragraph, line);
        }
        if (blank || !at_blank_lines) && !paragraph.is_empty() {
            out.push(std::mem::take(&mut paragraph));
        }
    }
    if !paragraph.is_empty() {
        out.push(paragraph);
    }
    out
}

/// Runs of whitespace become one space; no space at either end.
pub(crate) fn normalise_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_words(&mut out, text);
    out
}

/// Appends the words of `text` to `out`, one space between words.
fn push_words(out: &mut String, text: &str) {
    if !text.is_empty() && single_spaced(text) {
        push_word(out, text);
    } else {
        text.split_whitespace()
            .for_each(|word| push_word(out, word));
    }
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// Whether `text`'s words are already separated by single spaces, with none at either end (most
/// lines of most texts): found in one pass over the bytes, decoding only the characters whose
/// first byte may start a non-ASCII space.
fn single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut after_space = true;
    for (i, &byte) in bytes.iter().enumerate() {
        let space = match byte {
            b' ' => true,
            b'\t'..=b'\r' => return false,
            // Lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000.
            0xC2 | 0xE1 | 0xE2 | 0xE3
                if text
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_whitespace) =>
            {
                return false
            }
            _ => false,
        };
        if space && after_space {
            return false;
        }
        after_space = space;
    }
    !after_space
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(map: &FieldMap, record: &[(&str, &str)]) -> Article {
        let keys: Vec<&str> = record.iter().map(|(k, _)| *k).collect();
        Layout::new(map, &keys).article(|i| vec![record[i].1.to_string()], DateOrder::Unknown)
    }

    #[test]
    fn recognises_the_names_datasets_use() {
        let a = article(
            &FieldMap::default(),
            &[
                ("Headline", "Talks resume"),
                ("maintext", "First.\n\nSecond."),
                ("published_at", "2026-01-05"),
                ("byline", "Ann Lee"),
                ("source_domain", "example.com"),
                ("link", "https://example.com/a"),
                ("_id", "a-1"),
            ],
        );
        assert_eq!(a.id, "a-1");
        assert_eq!(a.title, "Talks resume");
        assert_eq!(a.paragraphs, ["First.", "Second."]);
        assert_eq!(a.date.map(|d| d.to_iso()).as_deref(), Some("2026-01-05"));
        assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(a.source.as_deref(), Some("example.com"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
    }

    #[test]
    fn numeric_dates_are_timestamps_or_compact_days() {
        let date = |value: &str| {
            article(&FieldMap::default(), &[("text", "Body."), ("date", value)])
                .date
                .map(|d| d.to_iso())
        };
        assert_eq!(date("1767607200").as_deref(), Some("2026-01-05T10:00:00Z"));
        assert_eq!(
            date("1767607200000").as_deref(),
            Some("2026-01-05T10:00:00Z")
        );
        assert_eq!(date("20260105").as_deref(), Some("2026-01-05"));
        assert_eq!(date("2026").as_deref(), None);
        assert_eq!(date("5 January 2026").as_deref(), Some("2026-01-05"));
    }

    #[test]
    fn description_is_the_body_only_when_nothing_else_is() {
        let map = FieldMap::default();
        let a = article(&map, &[("description", "Summary."), ("text", "Full text.")]);
        assert_eq!(a.paragraphs, ["Full text."]);
        let a = article(&map, &[("description", "Summary."), ("text", "  ")]);
        assert_eq!(a.paragraphs, ["Summary."]);
    }

    #[test]
    fn an_override_wins_and_its_field_plays_no_other_role() {
        let map: FieldMap = ["title=text", "body=Story"]
            .iter()
            .map(|o| o.parse::<FieldOverride>().unwrap())
            .collect();
        let a = article(
            &map,
            &[
                ("title", "Ignored"),
                ("text", "Chosen title"),
                ("story", "Body."),
            ],
        );
        assert_eq!(a.title, "Chosen title");
        assert_eq!(a.paragraphs, ["Body."]);
    }

    #[test]
    fn a_missing_overridden_field_gives_nothing() {
        let mut map = FieldMap::default();
        map.set(FieldRole::Body, "story");
        let a = article(&map, &[("text", "Not chosen.")]);
        assert!(a.paragraphs.is_empty());
    }

    #[test]
    fn override_parsing() {
        assert_eq!(
            "body=story".parse::<FieldOverride>(),
            Ok(FieldOverride {
                role: FieldRole::Body,
                field: "story".into()
            })
        );
        assert_eq!(
            " Title = head line "
                .parse::<FieldOverride>()
                .unwrap()
                .field,
            "head line"
        );
        let unknown = "headlin=x".parse::<FieldOverride>().unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "unknown field role \"headlin\": expected one of id, title, body, date, author, source, url"
        );
        assert_eq!(
            "body".parse::<FieldOverride>().unwrap_err().to_string(),
            "expected ROLE=FIELD (for example body=story), got \"body\""
        );
        assert_eq!(
            "body=".parse::<FieldOverride>().unwrap_err().to_string(),
            "no field name after \"body=\""
        );
    }

    /// Paragraphs as they were split by joining lines, to check the one-pass splitter against.
    fn reference_paragraphs(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        let first = lines.iter().position(|l| !l.trim().is_empty());
        let last = lines.iter().rposition(|l| !l.trim().is_empty());
        let lines = match (first, last) {
            (Some(first), Some(last)) => &lines[first..=last],
            _ => return Vec::new(),
        };
        let has_blank = lines.iter().any(|l| l.trim().is_empty());
        let blocks: Vec<String> = if has_blank {
            lines
                .split(|l| l.trim().is_empty())
                .map(|block| block.join(" "))
                .collect()
        } else {
            lines.iter().map(|l| l.to_string()).collect()
        };
        blocks
            .iter()
            .map(|b| b.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn single_spacing_is_recognised(text in "[a-c \t\x0b\u{85}\u{a0}\u{1680}\u{2009}\u{3000}\u{e9}\u{2019}\u{3042}]{0,12}") {
            let spaced = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(single_spaced(&text), !text.is_empty() && text == spaced);
        }

        #[test]
        fn one_pass_paragraphs_equal_joined_lines(text in "[a-c \t\r\n\x0b\x0c\x1f\u{a0}\u{2028}]{0,40}") {
            proptest::prop_assert_eq!(paragraphs(&text), reference_paragraphs(&text));
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines_else_at_line_breaks() {
        assert_eq!(
            paragraphs("One\nwrapped.\n\n  Two. \r\n"),
            ["One wrapped.", "Two."]
        );
        assert_eq!(
            paragraphs("One.\nTwo.\r\nThree."),
            ["One.", "Two.", "Three."]
        );
        assert_eq!(paragraphs("\nOne\nTwo\n\n"), ["One", "Two"]);
        assert!(paragraphs(" \n\t\n").is_empty());
    }
}
