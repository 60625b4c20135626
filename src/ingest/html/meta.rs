//! Page metadata: `<meta>` and `<link>` tags, the `<title>`, and JSON-LD (`application/ld+json`,
//! plain objects, arrays or an `@graph`, with `@id` references resolved).

use serde_json::Value;

use super::dom::{collapse_whitespace, Dom, Element, NodeId, Visit};
use crate::date::{DateOrder, NewsDate};
use crate::ingest::text::parse_byline;

/// Longest author string accepted from page markup (longer ones are bios, not names).
const MAX_AUTHOR_CHARS: usize = 100;

/// Separators between a headline and a site name in a page title.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / "];

/// `<meta>` names that hold the publication date, in order of trust.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article.published",
];

/// Further `<meta>` names that may hold the publication date, tried after JSON-LD.
const LATE_DATE_META: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "datepublished",
];

/// What the head of a page says about it.
#[derive(Debug, Default)]
pub(super) struct PageMeta {
    /// `<meta>` tags as (lowercase name or property, content), in document order.
    metas: Vec<(String, String)>,
    /// `<link>` tags as (lowercase rel, href).
    links: Vec<(String, String)>,
    /// The text of the first `<title>`.
    title_tag: Option<String>,
    /// The JSON-LD on the page.
    linked_data: LinkedData,
}

impl PageMeta {
    /// Collects the metadata of a parsed page.
    pub fn read(dom: &Dom) -> PageMeta {
        let mut meta = PageMeta::default();
        let mut scripts = Vec::new();
        for (id, element) in dom.elements() {
            match element.name.as_str() {
                "meta" => {
                    let key = ["property", "name", "itemprop"]
                        .iter()
                        .find_map(|k| element.attr(k));
                    if let (Some(key), Some(content)) = (key, element.attr("content")) {
                        let content = collapse_whitespace(content);
                        if !content.is_empty() {
                            meta.metas.push((key.trim().to_ascii_lowercase(), content));
                        }
                    }
                }
                "link" => {
                    if let (Some(rel), Some(href)) = (element.attr("rel"), element.attr("href")) {
                        meta.links
                            .push((rel.to_ascii_lowercase(), href.trim().to_string()));
                    }
                }
                "title" if meta.title_tag.is_none() => {
                    meta.title_tag = Some(dom.text(id)).filter(|t| !t.is_empty());
                }
                "script" if element.attr("type").is_some_and(is_json_ld) => {
                    scripts.push(dom.text(id));
                }
                _ => {}
            }
        }
        meta.linked_data = LinkedData::parse(&scripts);
        meta
    }

    /// The content of the first `<meta>` with this (lowercase) name or property.
    fn meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The href of the first `<link>` whose rel includes `rel`.
    fn link(&self, rel: &str) -> Option<&str> {
        self.links
            .iter()
            .find(|(r, _)| r.split_ascii_whitespace().any(|r| r == rel))
            .map(|(_, href)| href.as_str())
    }

    /// `og:title`.
    pub fn og_title(&self) -> Option<&str> {
        self.meta("og:title")
    }

    /// The text of `<title>`.
    pub fn title_tag(&self) -> Option<&str> {
        self.title_tag.as_deref()
    }

    /// The `article:published_time` date (or its variants).
    pub fn published_time(&self, order: DateOrder) -> Option<NewsDate> {
        parse_first(DATE_META.iter().filter_map(|k| self.meta(k)), order)
    }

    /// The JSON-LD `datePublished`, else a `date`, `pubdate`, `parsely-pub-date`, `dc.date` or
    /// kindred `<meta>`.
    pub fn other_dates(&self, order: DateOrder) -> Option<NewsDate> {
        let linked = self.linked_data.date_published();
        let named = LATE_DATE_META.iter().filter_map(|k| self.meta(k));
        parse_first(linked.into_iter().chain(named), order)
    }

    /// The author from `<meta name="author">`, else from JSON-LD.
    pub fn author(&self) -> Option<String> {
        self.meta("author")
            .and_then(clean_author)
            .or_else(|| self.linked_data.author())
    }

    /// The outlet: `og:site_name`, else JSON-LD `publisher.name`, else the host of the URL.
    pub fn source(&self) -> Option<String> {
        self.meta("og:site_name")
            .map(str::to_string)
            .or_else(|| self.linked_data.publisher())
            .or_else(|| self.url().as_deref().and_then(host).map(str::to_string))
    }

    /// `<link rel="canonical">`, else `og:url`; an absolute address is preferred to a relative one.
    pub fn url(&self) -> Option<String> {
        let candidates = [self.link("canonical"), self.meta("og:url")];
        let absolute = candidates.iter().flatten().find(|u| is_absolute(u));
        absolute
            .or_else(|| candidates.iter().flatten().next())
            .map(|u| u.to_string())
    }

    /// Names the site goes by, for trimming them off titles.
    pub fn site_names(&self) -> Vec<String> {
        let mut names: Vec<String> = [self.meta("og:site_name"), self.meta("application-name")]
            .into_iter()
            .flatten()
            .map(str::to_string)
            .collect();
        names.extend(self.linked_data.publisher());
        names.extend(self.linked_data.website_name());
        if let Some(host) = self.url().as_deref().and_then(host) {
            names.push(host.to_string());
        }
        names
    }
}

/// The title with a leading or trailing site name (`Headline | Site`) removed, when the part
/// after the separator matches one of `site_names` (a host matches its name without dots or
/// spaces: `harbourdaily.co.uk` matches `Harbour Daily`).
pub(super) fn strip_site_name(title: &str, site_names: &[String]) -> String {
    let title = collapse_whitespace(title);
    let is_site = |part: &str| site_names.iter().any(|name| same_site(part, name));
    for separator in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            if is_site(tail) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(separator) {
            if is_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title
}

/// The parts of a title between separators (`A | B - C` gives `A`, `B` and `C`).
pub(super) fn title_parts(title: &str) -> impl Iterator<Item = &str> {
    let mut parts = vec![title];
    for separator in TITLE_SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(separator)).collect();
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty())
}

/// Whether a title part names the site: equal ignoring case and punctuation, or equal to the
/// first label of its host.
fn same_site(part: &str, name: &str) -> bool {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let part = squash(part);
    if part.is_empty() {
        return false;
    }
    let label = name.split('.').next().unwrap_or(name);
    part == squash(name) || (name.contains('.') && part == squash(label))
}

/// An author as found in markup: whitespace collapsed, a leading `By` removed; `None` for
/// addresses, handles and anything too long to be a name.
pub(super) fn clean_author(raw: &str) -> Option<String> {
    let text = collapse_whitespace(raw);
    let looks_like_address = text.contains("://") || text.starts_with('@') || text.contains('@');
    if text.is_empty() || looks_like_address || text.chars().count() > MAX_AUTHOR_CHARS {
        return None;
    }
    let by_prefixed = ["By ", "by ", "BY "].iter().any(|p| text.starts_with(p));
    if by_prefixed {
        return parse_byline(&text).map(|(name, _)| name);
    }
    Some(text)
}

/// The first of `stamps` that parses as a date.
fn parse_first<'a>(
    mut stamps: impl Iterator<Item = &'a str>,
    order: DateOrder,
) -> Option<NewsDate> {
    stamps.find_map(|s| NewsDate::parse(s, order))
}

/// The host of an absolute address, without `www.`.
fn host(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

fn is_absolute(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

fn is_json_ld(script_type: &str) -> bool {
    script_type
        .trim()
        .eq_ignore_ascii_case("application/ld+json")
}

/// The JSON-LD objects of a page.
#[derive(Debug, Default)]
struct LinkedData {
    /// Top-level objects: each script's object, the items of an array, the items of `@graph`.
    items: Vec<Value>,
}

impl LinkedData {
    /// Parses the scripts' text; scripts that are not valid JSON are passed over.
    fn parse(scripts: &[String]) -> LinkedData {
        let mut items = Vec::new();
        for script in scripts {
            if let Some(value) = parse_json(script) {
                flatten_into(value, &mut items);
            }
        }
        LinkedData { items }
    }

    /// The item that describes the article: the first whose `@type` names an article or a post.
    fn article(&self) -> Option<&Value> {
        self.items.iter().find(|item| {
            types(item).any(|t| t.contains("Article") || t.contains("Posting") || t == "Report")
        })
    }

    /// The object an `{"@id": …}` reference points to, or the value itself.
    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        let Some(object) = value.as_object() else {
            return value;
        };
        match object.get("@id").and_then(Value::as_str) {
            Some(id) if !object.contains_key("name") => self
                .items
                .iter()
                .find(|item| item.get("@id").and_then(Value::as_str) == Some(id))
                .unwrap_or(value),
            _ => value,
        }
    }

    /// `datePublished` of the article, else of any item.
    fn date_published(&self) -> Option<&str> {
        fn from(item: &Value) -> Option<&str> {
            item.get("datePublished").and_then(Value::as_str)
        }
        self.article()
            .and_then(from)
            .or_else(|| self.items.iter().find_map(from))
    }

    /// The article's authors (a name, a person, or a list of them), joined with commas.
    fn author(&self) -> Option<String> {
        let author = self.article()?.get("author")?;
        let list = match author {
            Value::Array(list) => list.iter().collect(),
            single => vec![single],
        };
        let names: Vec<String> = list
            .into_iter()
            .filter_map(|a| self.name_of(a))
            .filter_map(|name| clean_author(&name))
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    }

    /// The article's `publisher.name`.
    fn publisher(&self) -> Option<String> {
        self.name_of(self.article()?.get("publisher")?)
    }

    /// The name of the `WebSite` item.
    fn website_name(&self) -> Option<String> {
        let site = self
            .items
            .iter()
            .find(|i| types(i).any(|t| t == "WebSite"))?;
        self.name_of(site)
    }

    /// A string, or the `name` of an object (following an `@id` reference).
    fn name_of(&self, value: &Value) -> Option<String> {
        let name = match self.resolve(value) {
            Value::String(s) => s.as_str(),
            other => other.get("name")?.as_str()?,
        };
        let name = collapse_whitespace(name);
        (!name.is_empty()).then_some(name)
    }
}

/// Parses JSON-LD leniently: comment and CDATA wrappers are dropped and raw control characters
/// (invalid inside JSON strings, common in pages) become spaces.
fn parse_json(script: &str) -> Option<Value> {
    let mut text = script.trim();
    for wrapper in ["<!--", "//<![CDATA[", "<![CDATA["] {
        text = text.strip_prefix(wrapper).unwrap_or(text).trim();
    }
    for wrapper in ["-->", "//]]>", "]]>"] {
        text = text.strip_suffix(wrapper).unwrap_or(text).trim();
    }
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str(&cleaned).ok()
}

/// Adds a JSON-LD value's top-level objects to `items`.
fn flatten_into(value: Value, items: &mut Vec<Value>) {
    match value {
        Value::Array(list) => {
            for item in list {
                if item.is_object() {
                    flatten_into(item, items);
                }
            }
        }
        Value::Object(mut object) => {
            if let Some(Value::Array(graph)) = object.remove("@graph") {
                items.extend(graph.into_iter().filter(Value::is_object));
            }
            if object.keys().any(|k| k != "@context") {
                items.push(Value::Object(object));
            }
        }
        _ => {}
    }
}

/// The `@type` names of an item (a string or a list of them).
fn types(item: &Value) -> impl Iterator<Item = &str> {
    let types: Vec<&str> = match item.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    types.into_iter()
}

/// How far above the article text to look for its headline and time stamp.
const NEAR_LEVELS: usize = 4;
/// An article text holding more time stamps than this is a live blog or a list: its stamps are
/// not the publication date.
const MAX_INNER_STAMPS: usize = 2;

/// Elements around the article text, nearest first: the container itself, then its ancestors up
/// to [`NEAR_LEVELS`] above it, stopping below `<body>`.
fn around(dom: &Dom, container: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    dom.ancestors(container)
        .take(NEAR_LEVELS + 1)
        .take_while(move |&n| !matches!(dom.name(n), Some("body" | "html") | None))
}

/// The first element under `id`, in document order, for which `pick` gives a value.
fn first_under<'a, T>(
    dom: &'a Dom,
    id: NodeId,
    pick: impl Fn(NodeId, &'a Element) -> Option<T>,
) -> Option<T> {
    dom.descendants(id)
        .find_map(|n| dom.element(n).and_then(|element| pick(n, element)))
}

/// The text of the first `<h1>` near the article text, else the first in the page.
pub(super) fn headline_near(dom: &Dom, container: NodeId) -> Option<String> {
    let h1 = |n: NodeId, e: &Element| {
        (e.name == "h1")
            .then(|| dom.text(n))
            .filter(|t| !t.is_empty())
    };
    around(dom, container)
        .find_map(|above| first_under(dom, above, h1))
        .or_else(|| first_under(dom, dom.root(), h1))
}

/// The publication time stamp near the article text: the first `<time datetime>` around the
/// article text but outside it (a byline area), else the first inside it unless it holds more
/// than [`MAX_INNER_STAMPS`] (a live blog's post times). Stamps marked as updates
/// (`class="updated"`, `itemprop="dateModified"`) are passed over.
pub(super) fn time_near(dom: &Dom, container: NodeId, order: DateOrder) -> Option<NewsDate> {
    let outside = around(dom, container).skip(1).find_map(|above| {
        let mut found = None;
        dom.walk(above, |visit| match visit {
            Visit::Enter(n) if found.is_none() && n != container => {
                found = dom.element(n).and_then(|e| publication_stamp(e, order));
                true
            }
            _ => false,
        });
        found
    });
    outside.or_else(|| {
        let inner: Vec<NewsDate> = dom
            .descendants(container)
            .filter_map(|n| dom.element(n).and_then(|e| publication_stamp(e, order)))
            .take(MAX_INNER_STAMPS + 1)
            .collect();
        (inner.len() <= MAX_INNER_STAMPS)
            .then(|| inner.first().copied())
            .flatten()
    })
}

/// The date of a `<time datetime>` element not marked as an update.
fn publication_stamp(element: &Element, order: DateOrder) -> Option<NewsDate> {
    let stamp = (element.name == "time")
        .then(|| element.attr("datetime"))
        .flatten()?;
    let marks = [element.attr("class"), element.attr("itemprop")];
    let update = marks.iter().flatten().any(|m| {
        let m = m.to_ascii_lowercase();
        m.contains("updated") || m.contains("modified")
    });
    (!update).then(|| NewsDate::parse(stamp, order)).flatten()
}

/// A date marked up with `itemprop="datePublished"` (in `content` or `datetime`).
pub(super) fn item_date(dom: &Dom, order: DateOrder) -> Option<NewsDate> {
    dom.elements().find_map(|(_, e)| {
        let marked = e
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
        let stamp = e.attr("content").or_else(|| e.attr("datetime"));
        marked
            .then_some(stamp)
            .flatten()
            .and_then(|s| NewsDate::parse(s, order))
    })
}

/// An author named in the page body: a `rel="author"` link, an `itemprop="author"` element, then
/// an element whose class or id says `byline` or `author` (comment authors left out).
pub(super) fn author_in_markup(dom: &Dom) -> Option<String> {
    let by_rel = |e: &Element| {
        e.name != "link"
            && e.attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("author"))
            })
    };
    let by_itemprop = |e: &Element| {
        e.attr("itemprop").is_some_and(|p| {
            p.split_ascii_whitespace()
                .any(|p| p.eq_ignore_ascii_case("author"))
        })
    };
    let by_class = |e: &Element| {
        let words = marker_words(e);
        let credit = words.iter().any(|w| w == "byline" || w == "author");
        credit && !words.iter().any(|w| w.starts_with("comment"))
    };
    let tests: [&dyn Fn(&Element) -> bool; 3] = [&by_rel, &by_itemprop, &by_class];
    tests.iter().find_map(|test| {
        dom.elements().filter(|(_, e)| test(e)).find_map(|(id, e)| {
            e.attr("content")
                .map(str::to_string)
                .or_else(|| Some(dom.text(id)))
                .as_deref()
                .and_then(clean_author)
        })
    })
}

/// Lowercase words of an element's class and id, split at anything not a letter or digit.
fn marker_words(element: &Element) -> Vec<String> {
    [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|v| v.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn site_names_are_stripped_from_either_end() {
        let sites = names(&["BBC News", "harbourdaily.co.uk"]);
        assert_eq!(
            strip_site_name("Obama admits gun laws frustration - BBC News", &sites),
            "Obama admits gun laws frustration"
        );
        assert_eq!(
            strip_site_name("Harbour Daily | Bridge repairs approved", &sites),
            "Bridge repairs approved"
        );
        assert_eq!(
            strip_site_name("Left - Right - Centre", &sites),
            "Left - Right - Centre"
        );
        assert_eq!(strip_site_name("BBC News", &sites), "BBC News");
    }

    #[test]
    fn title_parts_split_at_every_separator() {
        let parts: Vec<&str> = title_parts("Story | Section - Site").collect();
        assert_eq!(parts, ["Story", "Section", "Site"]);
    }

    #[test]
    fn authors_are_cleaned_or_refused() {
        assert_eq!(
            clean_author("  By Jane   Roe ").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(clean_author("Jane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(clean_author("https://facebook.com/jane"), None);
        assert_eq!(clean_author("@janeroe"), None);
        assert_eq!(clean_author(&"word ".repeat(40)), None);
    }

    #[test]
    fn hosts_lose_www_and_paths() {
        assert_eq!(
            host("https://www.harbourdaily.co.uk/news/a?b=c"),
            Some("harbourdaily.co.uk")
        );
        assert_eq!(host("http://example.com:8080"), Some("example.com"));
        assert_eq!(host("/relative/path"), None);
    }

    #[test]
    fn json_ld_is_read_leniently() {
        let wrapped = "<!--\n{\"@type\": \"Article\", \"headline\": \"Two\nlines\"}\n-->";
        let value = parse_json(wrapped).expect("parsed");
        assert_eq!(value["headline"], "Two lines");
        assert!(parse_json("{not json").is_none());
    }
}
