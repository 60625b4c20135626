//! Throughput of the ingest stages on the bundled corpus: the readers (plain text, HTML, JSON
//! Lines, CSV) and segmentation in bytes per second, the analyzer chain in tokens per second.
//!
//! The HTML pages, JSON Lines and CSV files are generated here from the bundled articles (the
//! structured ones repeated to a few hundred KB), so the inputs never depend on data outside the
//! repository. Run with `cargo bench --bench ingest`.

mod common;

use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdex::analysis::analyzer;
use newsdex::ingest::{
    read_file, read_html, read_text, Compression, Format, ReadOptions, SourceFile,
};
use newsdex::segment::segment;
use newsdex::{Article, DateOrder};

/// Copies of the bundled articles written to each JSON Lines / CSV input.
const REPEATS: usize = 8;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

/// An HTML page for an article, with the furniture a news site puts around it.
fn html_page(article: &Article) -> String {
    let source = article.source.as_deref().unwrap_or("Bench Post");
    let date = article
        .date
        .as_ref()
        .map(|d| d.to_iso())
        .unwrap_or_default();
    let mut page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title} | {source}</title>\
         <meta property=\"og:site_name\" content=\"{source}\">\
         <meta property=\"article:published_time\" content=\"{date}\">\
         <script>window.dataLayer = [{{\"page\": \"article\"}}];</script></head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> \
         <a href=\"/business\">Business</a> <a href=\"/sport\">Sport</a></nav></header>\
         <main><article><h1>{title}</h1>",
        title = escape(&article.title),
    );
    if let Some(byline) = &article.byline {
        page += &format!("<p class=\"byline\">By {}</p>", escape(byline));
    }
    for paragraph in &article.paragraphs {
        page += &format!("<p>{}</p>\n", escape(paragraph));
    }
    page += "</article><aside><h2>Related</h2><ul><li><a href=\"/a\">Markets rally</a></li>\
             <li><a href=\"/b\">Storm warning</a></li></ul></aside></main>\
             <footer><p>&copy; Bench Post. All rights reserved.</p>\
             <a href=\"/privacy\">Privacy</a> <a href=\"/terms\">Terms</a></footer></body></html>";
    page
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The bundled articles as JSON Lines, `REPEATS` times over.
fn jsonl(articles: &[Article]) -> Vec<u8> {
    let mut out = Vec::new();
    for round in 0..REPEATS {
        for article in articles {
            let record = serde_json::json!({
                "id": format!("{}-{round}", article.id),
                "title": article.title,
                "body": article.body(),
                "date": article.date.as_ref().map(|d| d.to_iso()),
                "source": article.source,
                "author": article.byline,
            });
            // Writing to a Vec cannot fail.
            let _ = writeln!(out, "{record}");
        }
    }
    out
}

/// The bundled articles as CSV with a header row, `REPEATS` times over.
fn csv(articles: &[Article]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = ["id", "title", "body", "date", "source", "author"];
    writer.write_record(header).expect("csv header");
    for round in 0..REPEATS {
        for article in articles {
            let date = article
                .date
                .as_ref()
                .map(|d| d.to_iso())
                .unwrap_or_default();
            writer
                .write_record([
                    format!("{}-{round}", article.id).as_str(),
                    &article.title,
                    &article.body(),
                    &date,
                    article.source.as_deref().unwrap_or(""),
                    article.byline.as_deref().unwrap_or(""),
                ])
                .expect("csv record");
        }
    }
    writer.into_inner().expect("csv bytes")
}

/// Writes `bytes` to `dir/name` and describes it as a source file of `format`.
fn source_file(dir: &Path, name: &str, format: Format, bytes: &[u8]) -> SourceFile {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write bench input");
    SourceFile {
        path,
        relative: name.to_string(),
        format: Some(format),
        compression: Compression::None,
        size: bytes.len() as u64,
    }
}

fn readers(c: &mut Criterion) {
    let sources = common::sources();
    let articles = common::articles();
    let mut group = c.benchmark_group("read");

    let text_bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("txt_md", |b| {
        b.iter(|| {
            for s in &sources {
                black_box(read_text(
                    black_box(&s.text),
                    s.markdown,
                    DateOrder::Unknown,
                ));
            }
        })
    });

    let pages: Vec<String> = articles.iter().map(html_page).collect();
    group.throughput(Throughput::Bytes(
        pages.iter().map(|p| p.len() as u64).sum(),
    ));
    group.bench_function("html", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(read_html(black_box(page), DateOrder::Unknown));
            }
        })
    });

    let dir = tempfile::tempdir().expect("temp dir");
    let options = ReadOptions::default();
    for (name, format, bytes) in [
        ("bench.jsonl", Format::JsonLines, jsonl(&articles)),
        ("bench.csv", Format::Csv, csv(&articles)),
    ] {
        let file = source_file(dir.path(), name, format, &bytes);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        let label = name.trim_start_matches("bench.");
        group.bench_function(label, |b| {
            b.iter(|| {
                let mut words = 0;
                let read = read_file(&file, &options, &(), &mut |article| {
                    words += article.word_count();
                    true
                });
                black_box((read.expect("bench input reads"), words))
            })
        });
    }
    group.finish();
}

fn segmentation(c: &mut Criterion) {
    let articles = common::articles();
    let bytes: usize = articles.iter().map(|a| a.body().len()).sum();
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("passages", |b| {
        b.iter(|| {
            for article in &articles {
                black_box(segment(black_box(article)));
            }
        })
    });
    group.finish();
}

fn analysis(c: &mut Criterion) {
    let bodies: Vec<String> = common::articles().iter().map(Article::body).collect();
    let mut chain = analyzer();
    let count_tokens = |chain: &mut tantivy::tokenizer::TextAnalyzer| -> u64 {
        let mut tokens = 0;
        for body in &bodies {
            let mut stream = chain.token_stream(body);
            while stream.advance() {
                tokens += 1;
            }
        }
        tokens
    };
    let tokens = count_tokens(&mut chain);
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Elements(tokens));
    group.bench_function("chain", |b| b.iter(|| black_box(count_tokens(&mut chain))));
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = readers, segmentation, analysis
}
criterion_main!(benches);
