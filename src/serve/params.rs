//! The parameters of a request's query string (`?q=a&q=b&n=5`), decoded, and read into the
//! options the views take, with the names and meanings of the command line's flags.

use time::Date;

use super::reply::Refusal;
use crate::language::Language;
use crate::search::{SearchOptions, SortOrder, Syntax, Unit};

/// The longest query (`q`) accepted, in bytes; a longer one is answered 413.
pub const MAX_QUERY_BYTES: usize = 4096;

/// A request's parameters in their order, percent-decoded (`+` is a space).
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Reads a query string (the part after `?`, without it). Malformed escapes and invalid
    /// UTF-8 are refused.
    pub fn parse(query: &str) -> Result<Params, Refusal> {
        let mut pairs = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            pairs.push((decode(name, true)?, decode(value, true)?));
        }
        for (name, value) in &pairs {
            if name == "q" && value.len() > MAX_QUERY_BYTES {
                return Err(Refusal::TooLarge(format!(
                    "the query is {} bytes long; at most {MAX_QUERY_BYTES} are accepted",
                    value.len()
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// The last value given for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The query `q`, which must be given and not blank.
    pub fn query(&self) -> Result<String, Refusal> {
        match self.get("q") {
            Some(q) if !q.trim().is_empty() => Ok(q.to_string()),
            _ => Err(Refusal::bad("give a query: ?q=…")),
        }
    }

    /// A number, `default` when absent, at most `max`.
    pub fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, Refusal> {
        match self.get(name) {
            None | Some("") => Ok(default),
            Some(text) => match text.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                Ok(_) => Err(Refusal::bad(format!("{name} is at most {max}"))),
                Err(_) => Err(Refusal::bad(format!(
                    "{name} must be a whole number, not \"{text}\""
                ))),
            },
        }
    }

    /// An optional number, at most `max`.
    pub fn optional_number(&self, name: &str, max: usize) -> Result<Option<usize>, Refusal> {
        match self.get(name) {
            None | Some("") => Ok(None),
            Some(_) => self.number(name, 0, max).map(Some),
        }
    }

    /// A switch: absent, `0` or `false` is off; present empty, `1` or `true` is on.
    pub fn flag(&self, name: &str) -> Result<bool, Refusal> {
        match self.get(name) {
            None | Some("0") | Some("false") => Ok(false),
            Some("") | Some("1") | Some("true") => Ok(true),
            Some(other) => Err(Refusal::bad(format!(
                "{name} is a switch (1 or 0), not \"{other}\""
            ))),
        }
    }

    /// Whether stories are the unit of a count: `unit=story` (the command line's `--unit story`)
    /// or the older `unique_stories` flag.
    pub fn story_unit(&self) -> Result<bool, Refusal> {
        Ok(
            self.choice("unit", &["article", "story"])? == "story"
                || self.flag("unique_stories")?,
        )
    }

    /// One of `choices` (the first is the default).
    pub fn choice<'a>(&self, name: &str, choices: &[&'a str]) -> Result<&'a str, Refusal> {
        match self.get(name) {
            None | Some("") => Ok(choices[0]),
            Some(value) => choices
                .iter()
                .copied()
                .find(|c| *c == value)
                .ok_or_else(|| {
                    Refusal::bad(format!(
                        "{name} is one of {}, not \"{value}\"",
                        choices.join(", ")
                    ))
                }),
        }
    }

    /// How a query is read and which dates and languages it keeps, as `--exact`,
    /// `--no-expand`, `--no-transliterate`, `--since`, `--until` and `--lang` say on the command
    /// line (no user glossary: the server reads no file a
    /// request names).
    pub fn reading(&self) -> Result<SearchOptions, Refusal> {
        Ok(SearchOptions {
            expand: !self.flag("no_expand")?,
            exact: self.flag("exact")?,
            since: self.date("since", false)?,
            until: self.date("until", true)?,
            languages: self.languages()?,
            transliterate: !self.flag("no_transliterate")?,
            ..SearchOptions::default()
        })
    }

    /// The languages `lang` names (ISO 639-1 codes, comma-separated: `lang=ru,az`); none when
    /// it is not given.
    fn languages(&self) -> Result<Vec<Language>, Refusal> {
        let Some(codes) = self.get("lang").filter(|codes| !codes.is_empty()) else {
            return Ok(Vec::new());
        };
        codes
            .split(',')
            .map(|code| {
                Language::parse(code.trim()).ok_or_else(|| {
                    Refusal::bad(format!(
                        "unknown language \"{code}\"; known: {}",
                        crate::language::known_codes()
                    ))
                })
            })
            .collect()
    }

    /// The options of a search, as `newsdex search` reads its flags: `n`, `offset`, `unit`,
    /// `per_article`, `sort`, `versions`, `syntax`, `prf`, and [`Params::reading`].
    pub fn search(&self) -> Result<SearchOptions, Refusal> {
        Ok(SearchOptions {
            limit: self.number("n", 10, 1000)?,
            offset: self.number("offset", 0, 100_000)?,
            unit: match self.choice("unit", &["passage", "article"])? {
                "article" => Unit::Article,
                _ => Unit::Passage,
            },
            per_article: self.number("per_article", 2, 1000)?,
            sort: match self.choice("sort", &["score", "date", "-date"])? {
                "date" => SortOrder::Date,
                "-date" => SortOrder::DateDesc,
                _ => SortOrder::Score,
            },
            syntax: match self.choice("syntax", &["full", "plain"])? {
                "plain" => Syntax::Plain,
                _ => Syntax::Full,
            },
            collapse: !self.flag("versions")?,
            feedback: self.flag("prf")?,
            ..self.reading()?
        })
    }

    /// A date bound written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: its first day, or with `last`
    /// its last.
    fn date(&self, name: &str, last: bool) -> Result<Option<Date>, Refusal> {
        match self.get(name) {
            None | Some("") => Ok(None),
            Some(text) => crate::search::period(text, last).map(Some).ok_or_else(|| {
                Refusal::bad(format!(
                    "bad date \"{text}\" for {name}; dates are YYYY, YYYY-MM or YYYY-MM-DD"
                ))
            }),
        }
    }
}

/// Percent-decodes a URL component; in a query string (`plus_is_space`) `+` is a space.
pub fn decode(text: &str, plus_is_space: bool) -> Result<String, Refusal> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| Refusal::bad("a malformed %-escape in the URL"))?;
                out.push(hex);
                i += 2;
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| Refusal::bad("the URL does not decode to UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_plus_signs_decode() {
        assert_eq!(decode("a+b%20c%C3%A9", true).unwrap(), "a b cé");
        assert_eq!(decode("a+b%23", false).unwrap(), "a+b#");
        assert!(decode("%zz", true).is_err());
        assert!(decode("%C3", true).is_err());
        assert!(decode("50%", true).is_err());
    }

    #[test]
    fn repeated_names_keep_every_value_and_the_last_wins() {
        let params = Params::parse("q=gaza&q=baku&n=3&flag").unwrap();
        assert_eq!(params.all("q"), ["gaza", "baku"]);
        assert_eq!(params.get("q"), Some("baku"));
        assert!(params.flag("flag").unwrap());
        assert_eq!(params.number("n", 10, 100).unwrap(), 3);
        assert!(params.number("n", 10, 2).is_err());
    }

    #[test]
    fn search_options_read_like_the_flags() {
        let params =
            Params::parse("q=x&unit=article&sort=-date&versions=1&since=2026-01&until=2026")
                .unwrap();
        let options = params.search().unwrap();
        assert_eq!(options.unit, Unit::Article);
        assert_eq!(options.sort, SortOrder::DateDesc);
        assert!(!options.collapse);
        assert_eq!(options.since.unwrap().to_string(), "2026-01-01");
        assert_eq!(options.until.unwrap().to_string(), "2026-12-31");
        assert!(Params::parse("unit=story").unwrap().search().is_err());
        assert!(Params::parse("since=yesterday").unwrap().search().is_err());
    }

    #[test]
    fn an_over_long_query_is_refused_as_too_large() {
        let long = format!("q={}", "a".repeat(MAX_QUERY_BYTES + 1));
        assert!(matches!(Params::parse(&long), Err(Refusal::TooLarge(_))));
    }
}
