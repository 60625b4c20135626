//! Finding the main text of a page.
//!
//! The page is cut into blocks of text (one per paragraph, heading, list item, quote or run of
//! text in a `<div>`), in document order. Page furniture is recognised by its element (`nav`,
//! `aside`, `footer`, `header`), its ARIA role, or the words in its class and id (`share`,
//! `related`, `cookie`, `comments`, `sidebar` …) and becomes a single junk block; so do blocks
//! that are mostly link text. Each block gets a value: its characters of plain text when it reads
//! like prose, minus [`JUNK_WEIGHT`] per character when it is junk. The article is the run of
//! blocks with the highest total (the maximum-sum run), widened to the smallest element that
//! holds both of its ends, and its prose blocks are the paragraphs.

use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

use super::dom::{collapse_whitespace, Dom, Element, NodeId, NodeKind, Visit};
use crate::date::{DateOrder, NewsDate};
use crate::ingest::text::parse_byline;

/// How many characters of prose one character of link text or boilerplate cancels.
const JUNK_WEIGHT: i64 = 3;
/// Link text share above which a block is junk (menus, link lists, "Read more: …").
const MAX_LINK_SHARE: f64 = 0.5;
/// Loose text (not in a paragraph) this long reads as prose even without a full stop.
const LOOSE_PROSE_CHARS: usize = 60;
/// Shorter list items or loose text are prose only when they end a sentence.
const MIN_SENTENCE_CHARS: usize = 15;
/// A hidden element with more text than this is kept (collapsed "read more" parts of stories).
const MAX_HIDDEN_CHARS: usize = 300;
/// Bylines (`By …`) and datelines are at most this many words.
const MAX_CREDIT_WORDS: usize = 12;
/// A line naming the author is a byline only when this short (`Jane Roe, Political Editor`,
/// not `Reporting by Jane Roe in Paris; Editing by John Smith`).
const MAX_AUTHOR_LINE_WORDS: usize = 8;
/// Shortest text (in letters and digits) that counts as a pull quote when it repeats part of a
/// paragraph.
const MIN_QUOTE_CHARS: usize = 30;
/// Pages with more paragraphs than this are not checked for pull quotes.
const MAX_QUOTE_CHECKS: usize = 300;
/// Lists with this many items, each starting with a link, are teaser lists.
const MIN_TEASER_ITEMS: usize = 3;
/// Paragraphs this long (non-whitespace characters) on both sides of a piece of furniture make it
/// part of the article's flow rather than a border of it.
const MIN_FRAME_PARAGRAPH_CHARS: usize = 40;
/// Widening the run to its enclosing element may add at most this share of prose again.
const MAX_WIDENING: f64 = 0.5;

/// Elements whose content is never shown as text.
const INVISIBLE: &[&str] = &[
    "audio", "button", "canvas", "datalist", "embed", "head", "iframe", "img", "input", "map",
    "math", "meta", "noscript", "object", "option", "picture", "script", "select", "style", "svg",
    "template", "textarea", "title", "video",
];

/// Elements that hold page furniture, not article text.
const FURNITURE: &[&str] = &[
    "aside",
    "dialog",
    "figcaption",
    "footer",
    "header",
    "menu",
    "nav",
];

/// AMP elements that may hold article text; the other `amp-*` elements are furniture.
const AMP_TEXT: &[&str] = &["amp-accordion", "amp-fit-text", "amp-live-list"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "alert",
    "alertdialog",
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
    "toolbar",
];

/// Class or id words that mark comments, whatever the element holds.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "commentform",
    "commenting",
    "commentlist",
    "comments",
    "disqus",
];

/// Class or id word prefixes that mark consent banners, whatever the element holds
/// (`cookiebar`, `consentement`).
const CONSENT_PREFIXES: &[&str] = &["consent", "cookie", "gdpr"];

/// Class or id words that mark furniture whatever else the class says, unless the element holds
/// most of the page's text ([`MAIN_SHARE`]).
const JUNK_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "advert",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "dateline",
    "modal",
    "outbrain",
    "popup",
    "promo",
    "pullquote",
    "related",
    "screenreader",
    "share",
    "sharebar",
    "sharing",
    "signup",
    "social",
    "sponsored",
    "sronly",
    "subscribe",
    "subscription",
    "taboola",
    "visuallyhidden",
];

/// Class or id word prefixes that mark furniture like [`JUNK_WORDS`] (`newsletters`).
const JUNK_PREFIXES: &[&str] = &["advertis", "breadcrumb", "newsletter", "sponsor"];

/// An element holding at least this share of the page's text is never furniture by its class
/// alone: its class words are taken to describe the page (`article-content has-ads`).
const MAIN_SHARE: f64 = 0.5;

/// Class or id words that mark furniture unless the class also names content
/// ([`CONTENT_WORDS`]): `post-navigation` is kept, `navigation` is not.
const FURNITURE_WORDS: &[&str] = &[
    "alsoread",
    "author",
    "banner",
    "contributor",
    "contributors",
    "credit",
    "credits",
    "footer",
    "header",
    "masthead",
    "menu",
    "meta",
    "more",
    "mostpopular",
    "mostread",
    "mostviewed",
    "nav",
    "navbar",
    "navigation",
    "popular",
    "readmore",
    "recirc",
    "recommendations",
    "recommended",
    "seealso",
    "sidebar",
    "tags",
    "teaser",
    "teasers",
    "toolbar",
    "tools",
    "trending",
    "widget",
];

/// Class or id words that name the content itself.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
];

/// Short texts that are furniture wherever they stand (compared as lowercase words, punctuation
/// left out).
const JUNK_PHRASES: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "share",
    "share this",
    "share this article",
    "share this story",
    "read more",
    "related",
    "related articles",
    "related stories",
    "most read",
    "most popular",
    "comments",
    "leave a comment",
    "leave a reply",
    "sign up",
    "subscribe",
    "story continues below advertisement",
    "continue reading",
    "skip to main content",
    "skip to content",
    "continue reading the main story",
    "story continues below",
    "article continues below",
    "scroll to continue",
    "advertisement scroll to continue",
];

/// Openings of short texts that are furniture (`Read more: …`, `© 2026 …`).
const JUNK_OPENINGS: &[&str] = &[
    "read more:",
    "related:",
    "see also:",
    "also read:",
    "sign up for",
    "follow us",
    "copyright",
    "©",
    "image:",
    "photo:",
    "image caption",
    "image source",
    "a version of this article appears in print",
];

/// Openings that make a short text furniture only below this length.
const MAX_JUNK_OPENING_CHARS: usize = 200;

/// Sentence openings of calls to action (`Subscribe to our newsletters.`), compared in lowercase.
const ACTION_OPENINGS: &[&str] = &[
    "subscribe to",
    "sign up for",
    "sign up to",
    "click here",
    "get the latest",
];

/// What the rest of the page says that helps tell the article from its frame.
#[derive(Debug, Default)]
pub(super) struct Hints {
    /// Headlines (og:title, the `<title>` and its parts), so that they are not repeated in the
    /// body.
    pub titles: Vec<String>,
    /// The author, so that a byline line is not taken for a paragraph.
    pub author: Option<String>,
    /// How to read numeric dates in datelines.
    pub date_order: DateOrder,
}

/// The main text of a page.
#[derive(Debug)]
pub(super) struct MainText {
    /// One entry per paragraph, heading, list item or quote, whitespace collapsed.
    pub paragraphs: Vec<String>,
    /// The element that holds the article text.
    pub container: NodeId,
    /// The longest text on the page that repeats a headline hint (for a `<title>` such as
    /// `Site :: Headline`, the part that the page shows).
    pub headline: Option<String>,
    /// Whether no text read like an article, so that the page's largest block of text stands in.
    pub fallback: bool,
}

/// Finds the main text; `None` when the page shows no text at all.
///
/// The best run of prose is looked for first with every sign of page furniture; when the words
/// of classes and ids leave no prose, again without them (they are then taken to describe the
/// page); when still no block reads like prose, the largest block of text stands in, marked as
/// [`MainText::fallback`].
pub(super) fn extract(dom: &Dom, hints: &Hints) -> Option<MainText> {
    let mut page = Page::new(dom);
    if let Some(main) = best_text(&page, hints) {
        return Some(main);
    }
    page.mode = Mode::WithoutClassWords;
    if let Some(main) = best_text(&page, hints) {
        return Some(main);
    }
    page.mode = Mode::AllVisible;
    largest_block(&page, hints)
}

/// The run of prose blocks that scores best, widened to its container.
fn best_text(page: &Page, hints: &Hints) -> Option<MainText> {
    let dom = page.dom;
    let mut blocks = collect_blocks(page);
    for block in &mut blocks {
        block.verdict = judge(block, hints);
    }
    mark_teaser_lists(dom, &mut blocks);
    let (start, end) = best_run(&blocks)?;
    let container = common_ancestor(dom, blocks[start].owner, blocks[end].owner);
    let paragraphs = paragraphs(&chosen(dom, &blocks, container, start..=end));
    (!paragraphs.is_empty()).then(|| MainText {
        paragraphs,
        container,
        headline: shown_headline(&blocks, hints),
        fallback: false,
    })
}

/// The block with the most text outside links, whatever element holds it; `None` when every
/// block is mostly links or boilerplate ([`is_junk_text`]).
fn largest_block(page: &Page, hints: &Hints) -> Option<MainText> {
    let blocks = collect_blocks(page);
    let largest = blocks
        .iter()
        .filter(|b| b.link_share() <= MAX_LINK_SHARE && !is_junk_text(&b.text))
        .max_by_key(|b| b.chars - b.link_chars)?;
    Some(MainText {
        paragraphs: vec![largest.text.clone()],
        container: largest.owner,
        headline: shown_headline(&blocks, hints),
        fallback: true,
    })
}

/// The blocks of the article: all those inside `container`, unless that would add more than
/// [`MAX_WIDENING`] prose again to the best `run`, in which case the run alone.
fn chosen<'b>(
    dom: &Dom,
    blocks: &'b [Block],
    container: NodeId,
    run: RangeInclusive<usize>,
) -> Vec<&'b Block> {
    let inside: Vec<&Block> = blocks
        .iter()
        .filter(|b| dom.contains(container, b.owner))
        .collect();
    let run = &blocks[run];
    let run_prose: usize = run.iter().map(Block::prose_chars).sum();
    let container_prose: usize = inside.iter().map(|b| b.prose_chars()).sum();
    if container_prose as f64 <= run_prose as f64 * (1.0 + MAX_WIDENING) {
        inside
    } else {
        run.iter().collect()
    }
}

/// Makes junk of the items of teaser lists: lists of at least [`MIN_TEASER_ITEMS`] items that
/// each start with a link (a headline, then its summary), the shape of "latest news" and
/// "related stories" boxes.
fn mark_teaser_lists(dom: &Dom, blocks: &mut [Block]) {
    let mut lists: HashMap<NodeId, (usize, bool)> = HashMap::new();
    for block in blocks.iter().filter(|b| b.kind == Kind::ListItem) {
        if let Some(list) = dom.node(block.owner).parent {
            let entry = lists.entry(list).or_insert((0, true));
            entry.0 += 1;
            entry.1 &= block.leads_with_link;
        }
    }
    for block in blocks.iter_mut().filter(|b| b.kind == Kind::ListItem) {
        let list = dom.node(block.owner).parent;
        let teaser = list
            .and_then(|l| lists.get(&l))
            .is_some_and(|&(items, all_lead)| items >= MIN_TEASER_ITEMS && all_lead);
        if teaser {
            block.verdict = Verdict::Junk;
        }
    }
}

/// The longest block that repeats a headline hint.
fn shown_headline(blocks: &[Block], hints: &Hints) -> Option<String> {
    blocks
        .iter()
        .filter(|b| b.verdict == Verdict::Skip && is_title(&b.text, hints))
        .map(|b| b.text.clone())
        .max_by_key(|t| t.chars().count())
}

/// What a block is, by the element that holds its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `<p>` or `<pre>`.
    Paragraph,
    /// `<h1>`.
    Headline,
    /// `<h2>` … `<h6>`.
    Heading,
    /// `<li>`, `<dt>`, `<dd>`.
    ListItem,
    /// Text directly in a `<blockquote>`.
    Quote,
    /// Text directly in a `<div>` or other container.
    Loose,
    /// Text directly in a table cell: short cells are data, neither prose nor furniture.
    Cell,
    /// A whole piece of page furniture, counted but never shown.
    Furniture,
}

/// How a block counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Article text.
    Prose,
    /// A heading: shown when prose follows it, otherwise worth nothing.
    Heading,
    /// A short list item or table cell: worth nothing, shown beside prose.
    Minor,
    /// Worth nothing and never shown (the headline).
    Skip,
    /// Links, furniture, bylines: counts against the run that holds it.
    Junk,
}

/// A run of text with one element as its owner.
#[derive(Debug)]
struct Block {
    owner: NodeId,
    kind: Kind,
    text: String,
    /// Non-whitespace characters.
    chars: usize,
    /// Non-whitespace characters inside links.
    link_chars: usize,
    /// Whether the text starts inside a link (the headline of a teaser).
    leads_with_link: bool,
    /// Whether the block stands between paragraphs (see [`between_paragraphs`]): as junk it then
    /// counts nothing rather than against the run.
    inline: bool,
    verdict: Verdict,
}

impl Block {
    fn prose_chars(&self) -> usize {
        match self.verdict {
            Verdict::Prose => self.chars.saturating_sub(self.link_chars),
            _ => 0,
        }
    }

    /// The block's worth for [`best_run`].
    fn value(&self) -> i64 {
        let chars = i64::try_from(self.chars).unwrap_or(i64::MAX / 4);
        match self.verdict {
            Verdict::Prose => i64::try_from(self.prose_chars()).unwrap_or(i64::MAX / 4),
            Verdict::Heading | Verdict::Minor | Verdict::Skip => 0,
            Verdict::Junk if self.inline => 0,
            Verdict::Junk => -JUNK_WEIGHT * chars,
        }
    }

    fn link_share(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }
}

/// How an element takes part in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Ordinary markup.
    Normal,
    /// Not shown at all (scripts, styles, hidden elements).
    Invisible,
    /// Shown, but page furniture.
    Furniture,
}

/// Cuts the page into blocks, in document order.
fn collect_blocks(page: &Page) -> Vec<Block> {
    let dom = page.dom;
    let mut collector = Collector {
        dom,
        page,
        blocks: Vec::new(),
        owners: vec![dom.root()],
        links: 0,
        buffer: String::new(),
        link_chars: 0,
        leads_with_link: None,
        chars: 0,
    };
    dom.walk(dom.root(), |visit| collector.visit(visit));
    collector.flush();
    collector.blocks
}

/// State of the walk in [`collect_blocks`].
struct Collector<'a> {
    dom: &'a Dom,
    page: &'a Page<'a>,
    blocks: Vec<Block>,
    /// The block-level elements around the walk; the last owns the text being gathered.
    owners: Vec<NodeId>,
    /// How many links the walk is inside.
    links: usize,
    buffer: String,
    link_chars: usize,
    /// Whether the visible text gathered so far starts inside a link (`None`: no text yet).
    leads_with_link: Option<bool>,
    /// Non-whitespace characters gathered so far.
    chars: usize,
}

impl Collector<'_> {
    fn visit(&mut self, visit: Visit) -> bool {
        match visit {
            Visit::Enter(id) => self.enter(id),
            Visit::Leave(id) => {
                self.leave(id);
                true
            }
        }
    }

    fn enter(&mut self, id: NodeId) -> bool {
        let element = match &self.dom.node(id).kind {
            NodeKind::Document => return true,
            NodeKind::Text(text) => {
                let visible = self.page.sizes[id];
                self.chars += visible;
                if self.links > 0 {
                    self.link_chars += visible;
                }
                if visible > 0 && self.leads_with_link.is_none() {
                    self.leads_with_link = Some(self.links > 0);
                }
                self.buffer.push_str(text);
                return false;
            }
            NodeKind::Element(element) => element,
        };
        match self.page.role(id) {
            Role::Invisible => false,
            Role::Furniture => {
                self.flush();
                self.blocks.push(Block {
                    owner: id,
                    kind: Kind::Furniture,
                    text: String::new(),
                    chars: self.page.sizes[id],
                    link_chars: 0,
                    leads_with_link: false,
                    inline: self.page.inline[id],
                    verdict: Verdict::Junk,
                });
                false
            }
            Role::Normal => {
                let name = element.name.as_str();
                if is_block(name) || name == "br" {
                    self.flush();
                }
                if is_block(name) {
                    self.owners.push(id);
                }
                if name == "a" {
                    self.links += 1;
                }
                true
            }
        }
    }

    fn leave(&mut self, id: NodeId) {
        match self.dom.name(id) {
            Some(name) if is_block(name) => {
                self.flush();
                self.owners.pop();
            }
            Some("a") => self.links = self.links.saturating_sub(1),
            _ => {}
        }
    }

    /// Ends the block being gathered, if it holds any text.
    fn flush(&mut self) {
        let text = collapse_whitespace(&std::mem::take(&mut self.buffer));
        let link_chars = std::mem::take(&mut self.link_chars);
        let leads_with_link = self.leads_with_link.take().unwrap_or(false);
        let chars = std::mem::take(&mut self.chars);
        if text.is_empty() {
            return;
        }
        let owner = self.owners.last().copied().unwrap_or(self.dom.root());
        self.blocks.push(Block {
            owner,
            kind: kind_of(self.dom.name(owner)),
            chars,
            link_chars,
            leads_with_link,
            inline: self.page.inline[owner],
            text,
            verdict: Verdict::Junk,
        });
    }
}

/// Block-level elements: each starts and ends a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    ) || AMP_TEXT.contains(&name)
}

fn kind_of(owner: Option<&str>) -> Kind {
    match owner {
        Some("p" | "pre") => Kind::Paragraph,
        Some("h1") => Kind::Headline,
        Some("h2" | "h3" | "h4" | "h5" | "h6") => Kind::Heading,
        Some("li" | "dt" | "dd") => Kind::ListItem,
        Some("blockquote") => Kind::Quote,
        Some("td" | "th") => Kind::Cell,
        _ => Kind::Loose,
    }
}

/// Non-whitespace characters in `text`.
fn visible_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A parsed page with the amount of visible text under each node.
struct Page<'a> {
    dom: &'a Dom,
    /// Non-whitespace characters shown under each node (scripts and styles left out).
    sizes: Vec<usize>,
    /// Whether the node stands between paragraphs of the same parent (or inside such a node):
    /// furniture there (a figure, an embed, an advertisement, a "read more" box) interrupts the
    /// article without ending it.
    inline: Vec<bool>,
    /// Which signs of furniture count.
    mode: Mode,
}

/// Which signs of page furniture [`Page::role`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Elements, ARIA roles, and the words of classes and ids.
    All,
    /// Elements and ARIA roles, and class words only for comments and consent banners.
    WithoutClassWords,
    /// None: every visible element is ordinary markup.
    AllVisible,
}

impl<'a> Page<'a> {
    fn new(dom: &'a Dom) -> Self {
        let mut sizes = vec![0; dom.len()];
        // Children come after their parents, so a backward pass sees every child first.
        for id in (0..dom.len()).rev() {
            let node = dom.node(id);
            match &node.kind {
                NodeKind::Text(text) => sizes[id] = visible_len(text),
                NodeKind::Element(e) if INVISIBLE.contains(&e.name.as_str()) => continue,
                _ => {}
            }
            if let Some(parent) = node.parent {
                sizes[parent] += sizes[id];
            }
        }
        let inline = between_paragraphs(dom, &sizes);
        Page {
            dom,
            sizes,
            inline,
            mode: Mode::All,
        }
    }

    /// How the element at `id` takes part in the text.
    fn role(&self, id: NodeId) -> Role {
        let Some(element) = self.dom.element(id) else {
            return Role::Normal;
        };
        let name = element.name.as_str();
        let hidden = is_hidden(element) && self.sizes[id] <= MAX_HIDDEN_CHARS;
        if INVISIBLE.contains(&name) || hidden {
            return Role::Invisible;
        }
        let amp_furniture = name.starts_with("amp-") && !AMP_TEXT.contains(&name);
        let furniture_role = element
            .attr("role")
            .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()));
        if self.mode == Mode::AllVisible {
            return Role::Normal;
        }
        if FURNITURE.contains(&name) || amp_furniture || furniture_role {
            return Role::Furniture;
        }
        if matches!(name, "html" | "body") {
            return Role::Normal;
        }
        let words = class_words(element.attr("class"), element.attr("id"));
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        let has_prefix =
            |list: &[&str]| words.iter().any(|w| list.iter().any(|p| w.starts_with(p)));
        if has(COMMENT_WORDS) || has_prefix(CONSENT_PREFIXES) {
            return Role::Furniture;
        }
        if self.mode == Mode::WithoutClassWords {
            return Role::Normal;
        }
        let junk = has(JUNK_WORDS) || has_prefix(JUNK_PREFIXES);
        let furniture = junk || (has(FURNITURE_WORDS) && !has(CONTENT_WORDS));
        let main = self.sizes[id] as f64 >= MAIN_SHARE * self.sizes[self.dom.root()] as f64;
        if furniture && !main {
            Role::Furniture
        } else {
            Role::Normal
        }
    }
}

/// For each node, whether it or an ancestor has a paragraph of at least
/// [`MIN_FRAME_PARAGRAPH_CHARS`] among its siblings both before and after it. One pass over the
/// tree.
fn between_paragraphs(dom: &Dom, sizes: &[usize]) -> Vec<bool> {
    let mut inline = vec![false; dom.len()];
    for id in 0..dom.len() {
        let node = dom.node(id);
        if node.parent.is_some_and(|p| inline[p]) {
            inline[id] = true;
        }
        let is_paragraph =
            |&c: &NodeId| dom.name(c) == Some("p") && sizes[c] >= MIN_FRAME_PARAGRAPH_CHARS;
        let first = node.children.iter().position(is_paragraph);
        let last = node.children.iter().rposition(is_paragraph);
        if let (Some(first), Some(last)) = (first, last) {
            for &child in node.children.get(first + 1..last).unwrap_or_default() {
                inline[child] = true;
            }
        }
    }
    inline
}

/// `hidden`, or a style with `display: none` or `visibility: hidden`.
fn is_hidden(element: &Element) -> bool {
    if element.attr("hidden").is_some() {
        return true;
    }
    let Some(style) = element.attr("style") else {
        return false;
    };
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// The lowercase words of a class and id: split at punctuation and at lower-to-upper case
/// changes (`relatedArticles` → `related`, `articles`), plus each pair of neighbours joined
/// (`read-more` → `readmore`).
fn class_words(class: Option<&str>, id: Option<&str>) -> Vec<String> {
    let mut words = Vec::new();
    for value in [class, id].into_iter().flatten() {
        let mut parts: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut previous_lower = false;
        for c in value.chars() {
            let boundary = !c.is_alphanumeric() || (c.is_uppercase() && previous_lower);
            if boundary && !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
            if c.is_alphanumeric() {
                current.extend(c.to_lowercase());
            }
            previous_lower = c.is_lowercase();
        }
        if !current.is_empty() {
            parts.push(current);
        }
        let pairs: Vec<String> = parts.windows(2).map(|w| w.concat()).collect();
        words.extend(parts);
        words.extend(pairs);
    }
    words
}

/// Decides how a block counts.
fn judge(block: &Block, hints: &Hints) -> Verdict {
    if block.kind == Kind::Furniture || is_junk_text(&block.text) {
        return Verdict::Junk;
    }
    if block.kind == Kind::Headline
        || is_title(&block.text, hints)
        || is_call_to_action(&block.text)
    {
        return Verdict::Skip;
    }
    if block.link_share() > MAX_LINK_SHARE || is_credit(&block.text, hints) {
        return Verdict::Junk;
    }
    let prose_if = |reads: bool| if reads { Verdict::Prose } else { Verdict::Junk };
    match block.kind {
        Kind::Heading => Verdict::Heading,
        Kind::Paragraph | Kind::Quote => Verdict::Prose,
        Kind::ListItem if !reads_as_prose(block, MIN_SENTENCE_CHARS) => Verdict::Minor,
        Kind::ListItem => Verdict::Prose,
        Kind::Cell if !reads_as_prose(block, LOOSE_PROSE_CHARS) => Verdict::Minor,
        Kind::Loose | Kind::Cell => prose_if(reads_as_prose(block, LOOSE_PROSE_CHARS)),
        Kind::Headline | Kind::Furniture => Verdict::Junk,
    }
}

/// Text outside a paragraph reads as prose when it is `long_enough`, or ends a sentence and is
/// at least [`MIN_SENTENCE_CHARS`] long.
fn reads_as_prose(block: &Block, long_enough: usize) -> bool {
    let sentence = ends_sentence(&block.text) && block.chars >= MIN_SENTENCE_CHARS;
    block.chars >= long_enough || sentence
}

fn ends_sentence(text: &str) -> bool {
    let end = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ' ']);
    end.ends_with(['.', '!', '?', '…', '。', '！', '？', ':'])
}

/// Lowercase letters and digits only, for loose comparisons.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The block repeats a headline.
fn is_title(text: &str, hints: &Hints) -> bool {
    let text = squash(text);
    !text.is_empty() && hints.titles.iter().any(|t| squash(t) == text)
}

/// Boilerplate phrases, copyright lines and the like.
fn is_junk_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if JUNK_PHRASES.contains(&words.join(" ").as_str()) {
        return true;
    }
    let short = text.chars().count() <= MAX_JUNK_OPENING_CHARS;
    short
        && (JUNK_OPENINGS.iter().any(|o| lower.starts_with(o))
            || lower.contains("all rights reserved"))
}

/// A short text with a sentence that asks the reader to subscribe, sign up or click: worth
/// nothing and not shown, wherever it stands (it never cuts the article in two).
fn is_call_to_action(text: &str) -> bool {
    if text.chars().count() > MAX_JUNK_OPENING_CHARS {
        return false;
    }
    let lower = text.to_lowercase();
    lower
        .split_inclusive(['.', '!', '?'])
        .map(|sentence| sentence.trim_start())
        .any(|sentence| ACTION_OPENINGS.iter().any(|o| sentence.starts_with(o)))
}

/// A byline or dateline: a short line naming the author, starting `By`, or holding only a date.
fn is_credit(text: &str, hints: &Hints) -> bool {
    let words = text.split_whitespace().count();
    if words > MAX_CREDIT_WORDS {
        return false;
    }
    let names_author = words <= MAX_AUTHOR_LINE_WORDS
        && hints
            .author
            .as_deref()
            .is_some_and(|a| !a.is_empty() && text.to_lowercase().contains(&a.to_lowercase()));
    let byline = parse_byline(text).is_some() && !ends_sentence(text);
    names_author || byline || NewsDate::find_in_line(text, hints.date_order).is_some()
}

/// The run of consecutive blocks with the highest total value, as first and last index, with the
/// minor blocks right after it; `None` when no block is worth anything.
fn best_run(blocks: &[Block]) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut current = 0i64;
    let mut start = 0;
    for (i, block) in blocks.iter().enumerate() {
        if current <= 0 {
            current = 0;
            start = i;
        }
        current += block.value();
        let better = best.is_none_or(|(total, _, _)| current > total);
        if current > 0 && better {
            best = Some((current, start, i));
        }
    }
    let (_, start, end) = best?;
    // The run starts on a block of positive value; skip leading zero-worth blocks.
    let start = (start..=end)
        .find(|&i| blocks[i].value() > 0)
        .unwrap_or(start);
    // It ends after the minor blocks that follow it (a closing list of short items).
    let minors = blocks[end + 1..]
        .iter()
        .take_while(|b| b.verdict == Verdict::Minor)
        .count();
    Some((start, end + minors))
}

/// The deepest element that holds both `a` and `b`.
fn common_ancestor(dom: &Dom, a: NodeId, b: NodeId) -> NodeId {
    let above_a: Vec<NodeId> = dom.ancestors(a).collect();
    dom.ancestors(b)
        .find(|n| above_a.contains(n))
        .unwrap_or(dom.root())
}

/// The text of the chosen blocks: prose, headings that some prose follows before the next junk
/// block or heading, and minor blocks with prose before or after them before any junk block;
/// repeats dropped ([`without_repeats`]).
fn paragraphs(blocks: &[&Block]) -> Vec<String> {
    let mut keep = vec![false; blocks.len()];
    let mut prose_follows = false;
    for (i, block) in blocks.iter().enumerate().rev() {
        match block.verdict {
            Verdict::Prose => {
                keep[i] = true;
                prose_follows = true;
            }
            Verdict::Heading => {
                keep[i] = prose_follows;
                prose_follows = false;
            }
            Verdict::Minor => keep[i] = prose_follows,
            Verdict::Junk => prose_follows = false,
            Verdict::Skip => {}
        }
    }
    let mut prose_before = false;
    for (i, block) in blocks.iter().enumerate() {
        match block.verdict {
            Verdict::Prose => prose_before = true,
            Verdict::Minor => keep[i] |= prose_before,
            Verdict::Junk => prose_before = false,
            Verdict::Heading | Verdict::Skip => {}
        }
    }
    let kept: Vec<&str> = blocks
        .iter()
        .zip(keep)
        .filter(|(_, kept)| *kept)
        .map(|(block, _)| block.text.as_str())
        .collect();
    without_repeats(&kept)
}

/// Drops exact repeats, and pull quotes: texts of at least [`MIN_QUOTE_CHARS`] letters and
/// digits that appear inside a longer kept text, that is more often in all the texts together
/// than as texts of their own. (The check is skipped on pages with more than
/// [`MAX_QUOTE_CHECKS`] paragraphs, to bound the work.)
fn without_repeats(texts: &[&str]) -> Vec<String> {
    let squashed: Vec<String> = texts.iter().map(|t| squash(t)).collect();
    let check_quotes = texts.len() <= MAX_QUOTE_CHECKS;
    // Squashed texts hold no spaces, so no match crosses from one text into the next.
    let all = if check_quotes {
        squashed.join(" ")
    } else {
        String::new()
    };
    let mut own_copies: HashMap<&str, usize> = HashMap::new();
    for text in &squashed {
        *own_copies.entry(text.as_str()).or_default() += 1;
    }
    let is_quote = |i: usize| {
        let own = squashed[i].as_str();
        check_quotes
            && own.len() >= MIN_QUOTE_CHARS
            && all.matches(own).count() > own_copies.get(own).copied().unwrap_or(0)
    };
    let mut seen = HashSet::new();
    texts
        .iter()
        .enumerate()
        .filter(|&(i, text)| seen.insert(*text) && !is_quote(i))
        .map(|(_, text)| text.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(verdict: Verdict, chars: usize) -> Block {
        Block {
            owner: 0,
            kind: Kind::Paragraph,
            text: String::new(),
            chars,
            link_chars: 0,
            leads_with_link: false,
            inline: false,
            verdict,
        }
    }

    fn role_of(html: &str, class: &str) -> Role {
        let dom = Dom::parse(html);
        let page = Page::new(&dom);
        let id = dom
            .elements()
            .find(|(_, e)| e.attr("class") == Some(class))
            .map(|(id, _)| id)
            .expect("the element under test");
        page.role(id)
    }

    #[test]
    fn class_words_split_at_punctuation_and_case_and_join_neighbours() {
        let words = class_words(Some("relatedArticles story__byline"), Some("read-more"));
        for expected in [
            "related", "articles", "story", "byline", "read", "more", "readmore",
        ] {
            assert!(
                words.iter().any(|w| w == expected),
                "{expected} in {words:?}"
            );
        }
    }

    #[test]
    fn furniture_is_known_by_element_role_and_class() {
        let filler =
            "<p>Plenty of article text stands here so that no single box holds most of it.</p>";
        let page = |inner: &str| format!("<body>{inner}{filler}{filler}{filler}</body>");
        assert_eq!(
            role_of(&page(r#"<nav class="x">Home</nav>"#), "x"),
            Role::Furniture
        );
        assert_eq!(
            role_of(&page(r#"<div class="x" role="navigation">a</div>"#), "x"),
            Role::Furniture
        );
        assert_eq!(
            role_of(&page(r#"<div class="share-tools">a</div>"#), "share-tools"),
            Role::Furniture
        );
        assert_eq!(
            role_of(&page(r#"<div class="sidebar">a</div>"#), "sidebar"),
            Role::Furniture
        );
        assert_eq!(
            role_of(
                &page(r#"<div class="post-navigation">a</div>"#),
                "post-navigation"
            ),
            Role::Normal
        );
        assert_eq!(
            role_of(&page(r#"<script class="x">a</script>"#), "x"),
            Role::Invisible
        );
        assert_eq!(
            role_of(
                &page(r#"<div class="x" style="display: none">a</div>"#),
                "x"
            ),
            Role::Invisible
        );
    }

    #[test]
    fn a_box_holding_most_of_the_text_is_not_furniture_unless_it_holds_comments() {
        let text =
            "Most of the words on this page are inside the box under test, which is the story.";
        let html = |class: &str| {
            format!(r#"<body><a href="/">Home</a><div class="{class}"><p>{text}</p></div></body>"#)
        };
        assert_eq!(
            role_of(&html("content has-ads"), "content has-ads"),
            Role::Normal
        );
        assert_eq!(role_of(&html("comments"), "comments"), Role::Furniture);
        assert_eq!(
            role_of(&html("cookie-banner"), "cookie-banner"),
            Role::Furniture
        );
    }

    #[test]
    fn furniture_between_paragraphs_of_one_parent_is_inline() {
        let long = "A paragraph long enough to frame what stands beside it in the flow.";
        let html = format!(
            r#"<body><nav class="before">menu</nav><div><p>{long}</p><figure class="between"><span class="deep">x</span></figure><p>short</p><p>{long}</p><aside class="after">more</aside></div></body>"#
        );
        let dom = Dom::parse(&html);
        let page = Page::new(&dom);
        let inline = |class: &str| {
            let (id, _) = dom
                .elements()
                .find(|(_, e)| e.attr("class") == Some(class))
                .expect("the element under test");
            page.inline[id]
        };
        assert!(inline("between"));
        assert!(inline("deep"));
        assert!(!inline("before"));
        assert!(!inline("after"));
    }

    #[test]
    fn inline_junk_is_worth_nothing_and_other_junk_counts_against() {
        let mut junk = block(Verdict::Junk, 100);
        assert_eq!(junk.value(), -JUNK_WEIGHT * 100);
        junk.inline = true;
        assert_eq!(junk.value(), 0);
    }

    #[test]
    fn best_run_is_the_maximum_sum_run_of_values() {
        let blocks = [
            block(Verdict::Prose, 50),
            block(Verdict::Junk, 40),
            block(Verdict::Prose, 300),
            block(Verdict::Heading, 10),
            block(Verdict::Junk, 10),
            block(Verdict::Prose, 200),
            block(Verdict::Junk, 500),
            block(Verdict::Prose, 100),
        ];
        assert_eq!(best_run(&blocks), Some((2, 5)));
        assert_eq!(
            best_run(&[block(Verdict::Junk, 5), block(Verdict::Skip, 5)]),
            None
        );
    }

    #[test]
    fn repeats_and_pull_quotes_are_dropped() {
        let paragraph =
            "The night bus is a small, moving town, with its own regulars and its own rules.";
        let texts = [
            paragraph,
            "It was not quiet at all.",
            "a small, moving town, with its own regulars",
            paragraph,
            "quiet",
        ];
        assert_eq!(
            without_repeats(&texts),
            [paragraph, "It was not quiet at all.", "quiet"]
        );
    }

    #[test]
    fn credits_are_short_bylines_and_datelines() {
        let hints = Hints {
            author: Some("Jane Roe".to_string()),
            ..Hints::default()
        };
        assert!(is_credit("By John Smith", &hints));
        assert!(is_credit("Jane Roe, Political Editor", &hints));
        assert!(is_credit("Published 5 January 2026", &hints));
        assert!(!is_credit("By Tuesday, the storm had passed.", &hints));
        assert!(!is_credit(
            "Reporting by Jane Roe in Paris; Editing by John Smith",
            &hints
        ));
    }

    #[test]
    fn calls_to_action_open_a_sentence_of_a_short_text() {
        assert!(is_call_to_action(
            "Get the latest stories in your inbox. Subscribe to our newsletters."
        ));
        assert!(is_call_to_action(
            "Twelve issues for £20 a year! Click here for details."
        ));
        assert!(!is_call_to_action(
            "Readers who subscribe to the paper will see the change on Monday."
        ));
        let long = format!(
            "Subscribe to the plan, the mayor said. {}",
            "More words. ".repeat(20)
        );
        assert!(!is_call_to_action(&long));
    }

    #[test]
    fn junk_phrases_and_copyright_lines() {
        assert!(is_junk_text("Advertisement"));
        assert!(is_junk_text("Advertisement · Scroll to continue"));
        assert!(is_junk_text("Read more: Bridge reopens"));
        assert!(is_junk_text("© 2026 City Post. All rights reserved."));
        assert!(!is_junk_text(
            "Read more about the plan in the council's report, published today."
        ));
    }
}
