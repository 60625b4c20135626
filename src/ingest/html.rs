//! Reader for HTML pages: the main article text without the page around it (navigation,
//! headers and footers, share bars, related links, comments, cookie banners, ads), with the
//! headline, date, author, outlet and address from the page's metadata.
//!
//! The page is tokenized by html5gum (the WHATWG rules: entities, scripts, comments) and built
//! into a tree by a forgiving builder of our own (`dom`), whose nesting is capped so that any
//! input costs linear time. The article text is the run of prose blocks that scores best once
//! links and page furniture count against it (`content`).
//!
//! Where each field comes from, first match wins:
//! - title: `og:title`, the first `<h1>` near the article text, the part of `<title>` that the
//!   page repeats as text, `<title>`; a site name before or after a separator
//!   (`Headline | Site`) is removed when it matches the outlet's name;
//! - date: `article:published_time`, a `<time datetime>` near the article text (not one marked
//!   as an update), JSON-LD `datePublished`, `<meta name="date">` and kin (`pubdate`,
//!   `parsely-pub-date`, `dc.date` …), then `itemprop="datePublished"`;
//! - author: `<meta name="author">`, JSON-LD `author` (a name, a person or a list), a
//!   `rel="author"` link, an `itemprop="author"` element, an element classed `byline` or `author`
//!   (a leading "By" removed);
//! - source: `og:site_name`, JSON-LD `publisher.name`, the host of the page's address;
//! - url: `<link rel="canonical">`, `og:url`.
//!
//! ```
//! use newsdex::ingest::read_html;
//! use newsdex::DateOrder;
//!
//! let page = r#"<html><head><title>Bridge reopens | City Post</title>
//!   <meta property="og:site_name" content="City Post"></head>
//!   <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
//!   <article><h1>Bridge reopens</h1>
//!   <p>The bridge reopened on Monday after two years of repairs, the council said.</p></article>
//!   <footer>© City Post</footer></body></html>"#;
//! let article = read_html(page, DateOrder::Unknown).unwrap();
//! assert_eq!(article.title, "Bridge reopens");
//! assert_eq!(article.source.as_deref(), Some("City Post"));
//! assert_eq!(
//!     article.paragraphs,
//!     ["The bridge reopened on Monday after two years of repairs, the council said."]
//! );
//! ```

mod content;
mod dom;
mod meta;

use self::content::{Hints, MainText};
use self::dom::{Dom, NodeId};
use self::meta::PageMeta;
use crate::date::{DateOrder, NewsDate};
use crate::model::Article;

/// Reads the main article from an HTML page. `None` when the page shows no text at all; a page
/// where no text reads like an article gives its largest block of text (see [`read_html_page`]
/// to tell the two apart).
///
/// The article's `id` and `path` are left empty for the caller to set. `order` says how to
/// read ambiguous numeric dates.
pub fn read_html(html: &str, order: DateOrder) -> Option<Article> {
    read_html_page(html, order).map(|page| page.article)
}

/// An article read from an HTML page, and how its text was found.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlPage {
    /// The article, as [`read_html`] gives it.
    pub article: Article,
    /// Whether no text on the page read like an article, so that the body is the page's
    /// largest block of text.
    pub largest_block: bool,
}

/// Like [`read_html`], also saying whether the body is the article text or the page's largest
/// block of text standing in for it.
pub fn read_html_page(html: &str, order: DateOrder) -> Option<HtmlPage> {
    let dom = Dom::parse(html);
    let page = PageMeta::read(&dom);
    let author = page.author().or_else(|| meta::author_in_markup(&dom));
    let hints = Hints {
        titles: headlines(&page),
        author: author.clone(),
        date_order: order,
    };
    let main = content::extract(&dom, &hints)?;
    let largest_block = main.fallback;
    let article = Article {
        title: title(&dom, &page, &main),
        byline: author,
        source: page.source(),
        date: date(&dom, &page, main.container, order),
        url: page.url(),
        paragraphs: main.paragraphs,
        ..Article::default()
    };
    Some(HtmlPage {
        article,
        largest_block,
    })
}

/// `og:title`, the `<h1>` near the article text, the part of the `<title>` that the page shows,
/// or the `<title>`, without the site's name; a candidate that is only the site's name is
/// passed over.
fn title(dom: &Dom, page: &PageMeta, main: &MainText) -> String {
    let site_names = page.site_names();
    let candidates = [
        page.og_title().map(str::to_string),
        meta::headline_near(dom, main.container),
        main.headline.clone(),
        page.title_tag().map(str::to_string),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|t| meta::strip_site_name(&t, &site_names))
        .find(|t| !site_names.iter().any(|s| s.eq_ignore_ascii_case(t)))
        .unwrap_or_default()
}

/// The publication date, from the sources in the order the module documentation gives.
fn date(dom: &Dom, page: &PageMeta, container: NodeId, order: DateOrder) -> Option<NewsDate> {
    page.published_time(order)
        .or_else(|| meta::time_near(dom, container, order))
        .or_else(|| page.other_dates(order))
        .or_else(|| meta::item_date(dom, order))
}

/// Headline texts the body should not repeat: `og:title`, the `<title>`, and the parts of the
/// `<title>` between separators.
fn headlines(page: &PageMeta) -> Vec<String> {
    let mut titles: Vec<String> = page.og_title().into_iter().map(str::to_string).collect();
    if let Some(tag) = page.title_tag() {
        titles.push(tag.to_string());
        titles.extend(meta::title_parts(tag).map(str::to_string));
    }
    titles
}

#[cfg(test)]
mod tests;
