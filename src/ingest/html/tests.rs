//! Tests of [`read_html`]: main-text quality on hand-made pages scored against hand-made bodies,
//! each metadata source, malformed and hostile input.

use std::collections::HashMap;

use super::dom::{Dom, NodeKind, Visit};
use super::{read_html, read_html_page};
use proptest::prelude::*;

use crate::date::DateOrder;

/// A test page and the article body a person would cut from it.
struct Page {
    name: &'static str,
    html: &'static str,
    body: &'static str,
}

macro_rules! page {
    ($name:literal) => {
        Page {
            name: $name,
            html: include_str!(concat!("testdata/", $name, ".html")),
            body: include_str!(concat!("testdata/", $name, ".txt")),
        }
    };
}

/// Varied layouts: a classic news site with nav, sidebar, related links and comments; the
/// article in `<article>`; nested `<div>`s without `<article>`; a blog with a cookie banner and
/// comments; JSON-LD-only metadata; a live blog; many short links in lists; an AMP page; an old
/// table layout with `<br>` paragraphs; a French page; a Next.js wire story with hashed class
/// names; a story split over companion columns with ads between; a content `<div>` whose class
/// mentions ads and sharing; paragraphs in `<div>`s; a Blogger post with `<br>` paragraphs; a
/// Medium-style post with a pull quote; a roundup whose paragraphs are a third links; a story
/// whose paragraphs are interrupted by a captioned figure, a social-media embed and a "read more"
/// box; a blog post inside a `widget` box that holds less text than the sidebar of popular posts.
const PAGES: &[Page] = &[
    page!("classic"),
    page!("article_tag"),
    page!("nested_divs"),
    page!("blog_cookie"),
    page!("jsonld_only"),
    page!("liveblog"),
    page!("link_lists"),
    page!("amp"),
    page!("table_br"),
    page!("french"),
    page!("next_app"),
    page!("companion_columns"),
    page!("unlucky_class"),
    page!("div_paragraphs"),
    page!("blogger"),
    page!("medium"),
    page!("linky"),
    page!("figures_embeds"),
    page!("blog_widget"),
];

/// Lowercase words: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Word 4-gram shingles with their counts (a text under four words is one shingle).
fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let words = words(text);
    let mut counts = HashMap::new();
    if words.len() < 4 {
        *counts.entry(words).or_default() += 1;
        return counts;
    }
    for window in words.windows(4) {
        *counts.entry(window.to_vec()).or_default() += 1;
    }
    counts
}

/// F1 of the shingles of `got` against those of `expected` (counts matched as multisets).
fn shingle_f1(expected: &str, got: &str) -> f64 {
    let (expected, got) = (shingles(expected), shingles(got));
    let total = |s: &HashMap<Vec<String>, usize>| s.values().sum::<usize>() as f64;
    let common: usize = got
        .iter()
        .map(|(shingle, &n)| n.min(expected.get(shingle).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / total(&got);
    let recall = common as f64 / total(&expected);
    2.0 * precision * recall / (precision + recall)
}

/// What a naive HTML-to-text converter gives: every visible text node of the page.
fn naive_text(html: &str) -> String {
    let dom = Dom::parse(html);
    let mut out = String::new();
    dom.walk(dom.root(), |visit| match visit {
        Visit::Enter(id) => match &dom.node(id).kind {
            NodeKind::Text(text) => {
                out.push_str(text);
                out.push(' ');
                false
            }
            NodeKind::Element(e) => !matches!(
                e.name.as_str(),
                "head" | "script" | "style" | "noscript" | "template" | "title"
            ),
            NodeKind::Document => true,
        },
        Visit::Leave(_) => true,
    });
    out
}

fn extracted_body(html: &str) -> String {
    read_html(html, DateOrder::Unknown)
        .map(|a| a.body())
        .unwrap_or_default()
}

#[test]
fn main_text_matches_the_hand_made_bodies() {
    let mut total = 0.0;
    let mut failures = Vec::new();
    for page in PAGES {
        let f1 = shingle_f1(page.body, &extracted_body(page.html));
        println!("{:12} F1 {f1:.3}", page.name);
        total += f1;
        if f1 < 0.9 {
            failures.push(format!("{} {f1:.3}", page.name));
        }
    }
    let mean = total / PAGES.len() as f64;
    println!("{:12} F1 {mean:.3}", "mean");
    assert!(failures.is_empty(), "pages under 0.9: {failures:?}");
    assert!(mean >= 0.95, "mean F1 {mean:.3}");
}

#[test]
fn a_naive_text_dump_scores_clearly_lower() {
    let mut naive_total = 0.0;
    for page in PAGES {
        let naive = shingle_f1(page.body, &naive_text(page.html));
        let ours = shingle_f1(page.body, &extracted_body(page.html));
        println!("{:12} naive {naive:.3} ours {ours:.3}", page.name);
        assert!(
            naive + 0.1 <= ours,
            "{}: naive {naive:.3}, ours {ours:.3}",
            page.name
        );
        naive_total += naive;
    }
    let naive_mean = naive_total / PAGES.len() as f64;
    assert!(naive_mean < 0.85, "naive mean F1 {naive_mean:.3}");
}

#[test]
fn shingle_f1_scores_identity_one_and_disjoint_zero() {
    let text = "the council voted to repair the bridge on tuesday";
    assert!((shingle_f1(text, text) - 1.0).abs() < 1e-9);
    assert_eq!(
        shingle_f1(text, "entirely different words appear in this one"),
        0.0
    );
    let half = shingle_f1(text, "the council voted to repair");
    assert!(half > 0.3 && half < 0.7, "{half}");
}

/// A page with `head` markup and a one-paragraph article after `before` (inside the body).
fn page_with(head: &str, before: &str) -> String {
    format!(
        "<html><head>{head}</head><body>{before}<article><p>{PROSE}</p><p>{MORE_PROSE}</p></article></body></html>"
    )
}

const PROSE: &str =
    "The committee met for six hours on Thursday and agreed the plan after a long debate \
    about costs, timing and the effect on people living nearby.";
const MORE_PROSE: &str =
    "Work is due to start in the spring and to take about two years, the chair said.";

fn read(html: &str) -> crate::model::Article {
    read_html(html, DateOrder::Unknown).expect("an article")
}

fn iso(html: &str) -> Option<String> {
    read(html).date.map(|d| d.to_iso())
}

#[test]
fn title_prefers_og_title_then_the_articles_h1_then_the_title_tag() {
    let og = r#"<meta property="og:title" content="From og"><title>From tag</title>"#;
    assert_eq!(read(&page_with(og, "<h1>From h1</h1>")).title, "From og");
    let no_og = "<title>From tag</title>";
    assert_eq!(read(&page_with(no_og, "<h1>From h1</h1>")).title, "From h1");
    assert_eq!(read(&page_with(no_og, "")).title, "From tag");
    let generic = r#"<meta property="og:title" content="City Post"><meta property="og:site_name" content="City Post"><title>From tag | City Post</title>"#;
    assert_eq!(read(&page_with(generic, "")).title, "From tag");
}

#[test]
fn title_is_the_part_of_the_title_tag_that_the_page_shows() {
    let html = format!(
        "<title>Dales Echo :: Village hall saved</title><body><b>Village hall saved</b><br><p>{PROSE}</p></body>"
    );
    assert_eq!(read(&html).title, "Village hall saved");
}

#[test]
fn a_live_blogs_post_stamps_are_not_its_date() {
    let liveblog = PAGES
        .iter()
        .find(|p| p.name == "liveblog")
        .expect("the live blog page");
    let date = read(liveblog.html).date.map(|d| d.to_iso());
    assert_eq!(date.as_deref(), Some("2026-02-02T07:05:00Z"));
}

#[test]
fn title_loses_a_site_name_suffix_or_prefix() {
    let named = r#"<meta property="og:site_name" content="City Post"><title>Bridge reopens | City Post</title>"#;
    assert_eq!(read(&page_with(named, "")).title, "Bridge reopens");
    let by_host = r#"<link rel="canonical" href="https://www.citypost.co.uk/a"><title>Bridge reopens - CityPost</title>"#;
    assert_eq!(read(&page_with(by_host, "")).title, "Bridge reopens");
    let prefix = r#"<meta property="og:site_name" content="City Post"><title>City Post :: Bridge reopens</title>"#;
    assert_eq!(read(&page_with(prefix, "")).title, "Bridge reopens");
    let other = r#"<meta property="og:site_name" content="City Post"><title>Rock - Paper - Scissors</title>"#;
    assert_eq!(read(&page_with(other, "")).title, "Rock - Paper - Scissors");
}

#[test]
fn date_from_article_published_time() {
    let head = r#"<meta property="article:published_time" content="2026-03-04T18:30:00+01:00">"#;
    assert_eq!(
        iso(&page_with(head, "")).as_deref(),
        Some("2026-03-04T17:30:00Z")
    );
}

#[test]
fn date_from_json_ld_object_array_and_graph() {
    let object = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-01-15"}</script>"#;
    assert_eq!(iso(&page_with(object, "")).as_deref(), Some("2026-01-15"));
    let array = r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Article","datePublished":"2026-01-16T06:00:00Z"}]</script>"#;
    assert_eq!(
        iso(&page_with(array, "")).as_deref(),
        Some("2026-01-16T06:00:00Z")
    );
    let graph = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"BlogPosting","datePublished":"2026-01-17"}]}</script>"#;
    assert_eq!(iso(&page_with(graph, "")).as_deref(), Some("2026-01-17"));
    let broken = "<script type=\"application/ld+json\"><!--\n{\"@type\":\"Article\",\n\"datePublished\":\"2026-01-18\"}\n--></script>";
    assert_eq!(iso(&page_with(broken, "")).as_deref(), Some("2026-01-18"));
}

#[test]
fn date_from_named_meta_tags() {
    for name in [
        "date",
        "pubdate",
        "parsely-pub-date",
        "dc.date",
        "DC.date.issued",
    ] {
        let head = format!(r#"<meta name="{name}" content="2025-11-20">"#);
        assert_eq!(
            iso(&page_with(&head, "")).as_deref(),
            Some("2025-11-20"),
            "{name}"
        );
    }
}

#[test]
fn date_from_a_time_element_in_the_article() {
    let html = format!(
        r#"<body><div class="story"><time datetime="2026-02-11T09:15:00Z">11 Feb</time><p>{PROSE}</p></div></body>"#
    );
    assert_eq!(iso(&html).as_deref(), Some("2026-02-11T09:15:00Z"));
    let far = r#"<div class="top"><div><div><div><div><div><time datetime="2020-01-01">x</time></div></div></div></div></div></div>"#;
    let html = format!("<body>{far}<div><div><div><div><div><div><p>{PROSE}</p></div></div></div></div></div></div></body>");
    assert_eq!(
        read(&html).date,
        None,
        "a time stamp far from the article is not its date"
    );
}

#[test]
fn date_sources_rank_as_documented() {
    let published = r#"<meta property="article:published_time" content="2026-03-04">"#;
    let linked = r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2026-03-06"}</script>"#;
    let time = format!(
        r#"<body><div><time datetime="2026-03-05">5 March</time><p>{PROSE}</p></div></body>"#
    );
    let with_head = |head: &str| time.replace("<body>", &format!("<head>{head}</head><body>"));
    assert_eq!(iso(&with_head(published)).as_deref(), Some("2026-03-04"));
    assert_eq!(iso(&with_head(linked)).as_deref(), Some("2026-03-05"));
    let updated = with_head(linked).replace("<time ", r#"<time class="updated" "#);
    assert_eq!(iso(&updated).as_deref(), Some("2026-03-06"));
}

#[test]
fn ambiguous_numeric_dates_follow_the_date_order() {
    let html = page_with(r#"<meta name="date" content="05/01/2026">"#, "");
    let day_first = read_html(&html, DateOrder::DayMonthYear).and_then(|a| a.date);
    assert_eq!(day_first.map(|d| d.to_iso()).as_deref(), Some("2026-01-05"));
    assert_eq!(read(&html).date, None);
}

#[test]
fn author_from_meta_skipping_addresses() {
    let head = r#"<meta name="author" content="Margaret Okafor">"#;
    assert_eq!(
        read(&page_with(head, "")).byline.as_deref(),
        Some("Margaret Okafor")
    );
    let url = r#"<meta name="author" content="https://www.facebook.com/citypost">"#;
    assert_eq!(read(&page_with(url, "")).byline, None);
}

#[test]
fn author_from_json_ld_string_object_list_and_reference() {
    let cases = [
        (r#"{"@type":"NewsArticle","author":"Jane Roe"}"#, "Jane Roe"),
        (
            r#"{"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Roe"}}"#,
            "Jane Roe",
        ),
        (
            r#"{"@type":"NewsArticle","author":[{"name":"Jane Roe"},{"name":"Ann Lee"}]}"#,
            "Jane Roe, Ann Lee",
        ),
        (
            r##"{"@graph":[{"@type":"Article","author":{"@id":"#p1"}},{"@type":"Person","@id":"#p1","name":"Keiko Tanaka"}]}"##,
            "Keiko Tanaka",
        ),
    ];
    for (json, expected) in cases {
        let head = format!(r#"<script type="application/ld+json">{json}</script>"#);
        assert_eq!(
            read(&page_with(&head, "")).byline.as_deref(),
            Some(expected),
            "{json}"
        );
    }
}

#[test]
fn author_from_rel_itemprop_and_byline_classes() {
    let rel = r#"<p>Words by <a rel="author" href="/a/jr">Jane Roe</a></p>"#;
    assert_eq!(
        read(&page_with("", rel)).byline.as_deref(),
        Some("Jane Roe")
    );
    let itemprop = r#"<span itemprop="author">By Daniel Ferreira</span>"#;
    assert_eq!(
        read(&page_with("", itemprop)).byline.as_deref(),
        Some("Daniel Ferreira")
    );
    let byline =
        r#"<div class="story__byline">By <b>Amara Nwosu</b>, Transport Correspondent</div>"#;
    assert_eq!(
        read(&page_with("", byline)).byline.as_deref(),
        Some("Amara Nwosu")
    );
    let comment = r#"<div class="comment-author">Troll</div>"#;
    assert_eq!(read(&page_with("", comment)).byline, None);
}

#[test]
fn byline_line_is_kept_out_of_the_body() {
    let html = page_with(
        r#"<meta name="author" content="Jane Roe">"#,
        "<p>Jane Roe, Political Editor</p><p>By John Smith</p><p>Published 5 January 2026</p>",
    );
    assert_eq!(read(&html).paragraphs, [PROSE, MORE_PROSE]);
}

#[test]
fn source_from_site_name_then_publisher_then_host() {
    let og = r#"<meta property="og:site_name" content="City Post"><link rel="canonical" href="https://www.citypost.com/a">"#;
    assert_eq!(
        read(&page_with(og, "")).source.as_deref(),
        Some("City Post")
    );
    let publisher = r#"<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Coastline Post"}}</script>"#;
    assert_eq!(
        read(&page_with(publisher, "")).source.as_deref(),
        Some("Coastline Post")
    );
    let host = r#"<link rel="canonical" href="https://www.valleygazette.com/news/1.html">"#;
    assert_eq!(
        read(&page_with(host, "")).source.as_deref(),
        Some("valleygazette.com")
    );
    assert_eq!(read(&page_with("", "")).source, None);
}

#[test]
fn url_from_canonical_then_og_url() {
    let both = r#"<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y">"#;
    assert_eq!(
        read(&page_with(both, "")).url.as_deref(),
        Some("https://a.example/x")
    );
    let og = r#"<meta property="og:url" content="https://b.example/y">"#;
    assert_eq!(
        read(&page_with(og, "")).url.as_deref(),
        Some("https://b.example/y")
    );
    let relative =
        r#"<link rel="canonical" href="/x"><meta property="og:url" content="https://b.example/y">"#;
    assert_eq!(
        read(&page_with(relative, "")).url.as_deref(),
        Some("https://b.example/y")
    );
}

#[test]
fn id_and_path_are_left_to_the_caller() {
    let article = read(&page_with("", ""));
    assert!(article.id.is_empty() && article.path.is_empty());
}

#[test]
fn pages_without_article_text_give_none() {
    let empty = [
        "",
        "   ",
        "<html></html>",
        "<html><head><title>Home</title></head><body></body></html>",
    ];
    for html in empty {
        assert_eq!(read_html(html, DateOrder::Unknown), None, "{html:?}");
    }
    let links_only = r#"<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
        <div class="index"><ul><li><a href="/a">First story of the day</a></li><li><a href="/b">Second story of the day</a></li>
        <li><a href="/c">Third story of the day</a></li></ul></div><footer>© 2026 City Post</footer>
        <script>var article = "not text";</script></body></html>"#;
    assert_eq!(read_html(links_only, DateOrder::Unknown), None);
}

#[test]
fn figures_embeds_and_read_more_boxes_between_paragraphs_do_not_end_the_article() {
    let page = PAGES
        .iter()
        .find(|p| p.name == "figures_embeds")
        .expect("the page with figures");
    let article = read(page.html);
    let last = "The operator has not ruled out a later sailing on Saturdays if the summer goes well, a spokesperson said.";
    assert_eq!(article.paragraphs.len(), 6, "{:?}", article.paragraphs);
    assert_eq!(article.paragraphs.last().map(String::as_str), Some(last));
    assert!(article.paragraphs.iter().all(|p| !p.contains("Gannet")));
}

#[test]
fn class_words_that_leave_no_prose_are_read_again_as_describing_the_page() {
    let page = PAGES
        .iter()
        .find(|p| p.name == "blog_widget")
        .expect("the blog page");
    let read = read_html_page(page.html, DateOrder::Unknown).expect("the post");
    assert!(!read.largest_block);
    assert_eq!(read.article.paragraphs.len(), 2);
    assert!(read.article.paragraphs[0].starts_with("The soil on plot nine"));
}

#[test]
fn a_page_without_prose_gives_its_largest_block_of_text_and_says_so() {
    let gallery = r#"<html><body><nav><a href="/">Home</a> <a href="/photos">Photos</a></nav>
        <div class="gallery"><div>Harbour lights at dawn</div><div>Gulls over the fish market</div>
        <div>The old pier from the lifeboat station, winter light</div><div>Nets drying</div></div>
        <footer>© 2026 City Post</footer></body></html>"#;
    let read = read_html_page(gallery, DateOrder::Unknown).expect("some text");
    assert!(read.largest_block);
    assert_eq!(
        read.article.paragraphs,
        ["The old pier from the lifeboat station, winter light"]
    );
    let normal = read_html_page(&page_with("", ""), DateOrder::Unknown).expect("an article");
    assert!(!normal.largest_block);
}

#[test]
fn a_list_of_teasers_is_not_the_article() {
    let teasers: String = [
        "Storm closes coast road",
        "Lifeboat crew honoured",
        "New cafe on the old pier",
    ]
    .iter()
    .map(|t| {
        format!(
            r#"<li><a href="/x">{t}</a> <span>A short summary of the story, cut off after a line or two so that readers click through to the rest...</span></li>"#
        )
    })
    .collect();
    let html = format!(
        "<body><div><ul>{teasers}</ul></div><div><p>{PROSE}</p><p>{MORE_PROSE}</p></div></body>"
    );
    assert_eq!(read(&html).paragraphs, [PROSE, MORE_PROSE]);
    let facts = "<ul><li>The bridge is 95 years old and carries 30,000 vehicles a day.</li>\
        <li>Repairs will cost £48 million over two years.</li>\
        <li>One lane stays open while the work is done.</li></ul>";
    let html = format!("<body><article><p>{PROSE}</p>{facts}<p>{MORE_PROSE}</p></article></body>");
    assert_eq!(read(&html).paragraphs.len(), 5);
}

#[test]
fn short_table_cells_and_list_items_show_beside_prose_without_ending_it() {
    let table = "<table><tr><th>Pos</th><th>Player</th></tr>\
        <tr><td>DL</td><td>Ann Lee</td></tr><tr><td>LB</td><td>Jo Roe</td></tr></table>";
    let html = format!(
        "<body><div><h1>Snap counts</h1><div><p>{PROSE}</p></div><div>{table}</div><div><p>{MORE_PROSE}</p></div></div></body>"
    );
    assert_eq!(
        read(&html).paragraphs,
        [PROSE, "Pos", "Player", "DL", "Ann Lee", "LB", "Jo Roe", MORE_PROSE]
    );
    let list = "<ul><li>Flour</li><li>Salt</li><li>Cold water</li></ul>";
    let html = format!("<body><article><p>{PROSE}</p>{list}</article></body>");
    assert_eq!(
        read(&html).paragraphs,
        [PROSE, "Flour", "Salt", "Cold water"]
    );
    let after_junk = format!(
        r#"<body><article><p>{PROSE}</p><div class="share-tools">Share</div>{list}</article></body>"#
    );
    assert_eq!(read(&after_junk).paragraphs, [PROSE]);
}

#[test]
fn malformed_markup_still_gives_the_text() {
    let html = "<html><body><div class=main><p>First paragraph of the story, which goes on for a while.\
        <p>Second paragraph, also unclosed, with <b>bold <i>and italic</b> text</i> inside it.</div></div></span>\
        <div><p>Third paragraph after stray end tags, still part of the story.</p>";
    let article = read(html);
    assert_eq!(
        article.paragraphs,
        [
            "First paragraph of the story, which goes on for a while.",
            "Second paragraph, also unclosed, with bold and italic text inside it.",
            "Third paragraph after stray end tags, still part of the story.",
        ]
    );
}

#[test]
fn unterminated_constructs_do_not_panic() {
    for html in [
        "<p>Text before an unclosed comment <!-- never closed",
        "<p>Text before an unclosed script<script>var x = '<p>';",
        "<div class=\"a",
        "<p>Text &#x110000; &#0; &bogus; &amp",
        "</p></div></body></html>",
        "<![CDATA[ x ]]><p>ok",
        "<svg><p>inside svg</p></svg><math><mi>x</mi>",
        "<table><td>cell<tr>row</table></td>",
    ] {
        let _ = read_html(html, DateOrder::Unknown);
    }
}

#[test]
fn a_megabyte_of_nested_divs_is_read_without_overflow() {
    let depth = 1_000_000 / "<div>".len();
    let html = format!(
        "{}<p>{PROSE}</p>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth / 2)
    );
    let started = std::time::Instant::now();
    let article = read(&html);
    assert_eq!(article.paragraphs, [PROSE]);
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn non_ascii_text_and_entities_are_decoded() {
    let html = "<title>Kiev &ndash; Київ</title><body><article>\
        <p>Місто прокинулося рано: на вулицях Києва знову працюють кав&#39;ярні та крамниці.</p>\
        <p>東京では朝から雨が降り続き、多くの電車が遅れた。市民は傘を手に駅へ急いだ。</p>\
        <p>Caf&eacute; &amp; cr&egrave;me, &#8220;quoted&#8221;, emoji &#x1F600; and&nbsp;non-breaking.</p>\
        </article></body>";
    let article = read(html);
    assert_eq!(
        article.paragraphs,
        [
            "Місто прокинулося рано: на вулицях Києва знову працюють кав'ярні та крамниці.",
            "東京では朝から雨が降り続き、多くの電車が遅れた。市民は傘を手に駅へ急いだ。",
            "Café & crème, “quoted”, emoji 😀 and non-breaking.",
        ]
    );
    assert_eq!(article.title, "Kiev – Київ");
}

/// Pieces that random pages are made of.
fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "<a href=x>",
            "</a>",
            "<li>",
            "<ul>",
            "</ul>",
            "<table>",
            "<tr>",
            "<td>",
            "</table>",
            "<br>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<nav>",
            "</nav>",
            "<article>",
            "</article>",
            "<h1>",
            "</h1>",
            "<head>",
            "<title>",
            "<meta property=og:title content=x>",
            "<time datetime=2026-01-01>",
            "&amp;",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "=",
            "<div class=\"share",
            "<svg>",
            "<template>",
        ])
        .prop_map(str::to_string),
        "[a-zA-Zé ,.]{0,60}",
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn random_markup_never_panics(pieces in prop::collection::vec(html_piece(), 0..120)) {
        let html = pieces.concat();
        if let Some(article) = read_html(&html, DateOrder::Unknown) {
            prop_assert!(!article.paragraphs.is_empty());
            prop_assert!(article.paragraphs.iter().all(|p| !p.trim().is_empty()));
        }
    }

    #[test]
    fn mutated_test_pages_never_panic(
        page in 0..PAGES.len(),
        cut in 0.0f64..1.0,
        len in 0.0f64..0.2,
        insert in html_piece(),
    ) {
        let html = PAGES[page].html;
        let at = floor_boundary(html, (cut * html.len() as f64) as usize);
        let end = floor_boundary(html, at + (len * html.len() as f64) as usize);
        let mutated = format!("{}{insert}{}", &html[..at], &html[end..]);
        let _ = read_html(&mutated, DateOrder::Unknown);
        let _ = read_html(&html[..at], DateOrder::Unknown);
    }
}

/// The largest char boundary of `s` at or before `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    (0..=at.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}
