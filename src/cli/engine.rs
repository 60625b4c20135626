//! `newsdex engine-config`, and `index`, `search`, `count`, `timeline` and `show` with
//! `--engine URL`: the same commands over a cluster of Sphinx / Manticore nodes.

use std::io::Write;
use std::time::Instant;

use newsdex::engine::Searched;
use newsdex::engine::{config, Answered, Engine, Sphinx};
use newsdex::ingest::{read_corpus, FileSelection, ReadOptions};
use newsdex::output::article::Lit;
use newsdex::output::count::{self as count_output, CountReport};
use newsdex::output::{counted, write_json, RenderOptions};
use newsdex::views::{diff, Granularity, MatchCount, Timeline};
use newsdex::{Article, SearchOptions};

use super::args::{
    CountArgs, CountFormat, EngineConfigArgs, FormatArg, IndexArgs, SearchArgs, ShowArgs,
    TimelineArgs,
};
use super::Outcome;

/// Runs `newsdex engine-config`.
pub fn run_engine_config(args: EngineConfigArgs) -> anyhow::Result<()> {
    let storage = if args.plain {
        config::Storage::Plain
    } else {
        config::Storage::RealTime
    };
    let url = config::write_cluster(&args.dir, args.shards, args.base_port, storage)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.dir.display()))?;
    println!("{url}");
    Ok(())
}

/// `newsdex index PATH --engine URL`: reads the files, analyses their passages and writes them
/// to the shards, replacing what the same files gave before.
pub fn index_to_engine(url: &str, args: &IndexArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        !args.inputs.is_empty(),
        "give the folders or files to index (an engine remembers none)"
    );
    let engine = Sphinx::from_url(url)?;
    let started = Instant::now();
    let read = ReadOptions {
        selection: FileSelection::new(args.globs.clone(), args.excludes.clone())?,
        max_decompressed_bytes: args.max_decompressed,
        ..ReadOptions::default()
    };
    let corpus = read_corpus(&args.inputs, &read, &())?;
    let bytes: usize = corpus
        .articles
        .iter()
        .map(|a| a.title.len() + a.paragraphs.iter().map(String::len).sum::<usize>())
        .sum();
    let passages = engine.index_articles(&corpus.articles)?;
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "{}, {} written to {} in {seconds:.2} s ({:.2} MB/s)",
            counted(corpus.articles.len(), "article"),
            counted(passages, "passage"),
            counted(engine.nodes().len(), "node"),
            bytes as f64 / 1e6 / seconds.max(1e-9)
        );
    }
    Ok(())
}

/// `newsdex search QUERY --engine URL`.
pub fn search_on_engine(
    url: &str,
    args: &SearchArgs,
    options: &SearchOptions,
    format: FormatArg,
    render: &RenderOptions,
) -> anyhow::Result<Outcome> {
    let engine = Sphinx::from_url(url)?;
    let (queries, batch) = super::search::queries_of(args)?;
    let mut warnings: Vec<String> = Vec::new();
    let mut results = Vec::with_capacity(queries.len());
    for query in &queries {
        let searched = engine.search(&query.query, options);
        if !batch {
            // A single query's failure is the command's.
            results.push(Ok(noting(searched?, &mut warnings)));
        } else {
            results.push(searched.map(|s| noting(s, &mut warnings)));
        }
    }
    warn(&warnings);
    let (answered, failed) = super::search::keep_answered(&queries, results);
    let answers = super::search::answers_of(&answered, batch);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == FormatArg::Json {
        let mut buffer = Vec::new();
        super::search::write(&mut buffer, &answers, format, args, options.unit, render)?;
        let mut value: serde_json::Value = serde_json::from_slice(&buffer)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("warnings".into(), serde_json::json!(warnings));
        }
        write_json(&mut out, &value)?;
    } else {
        super::search::write(&mut out, &answers, format, args, options.unit, render)?;
    }
    out.flush()?;
    let empty = answered.iter().all(|(_, r)| r.hits.is_empty());
    Ok(if failed > 0 {
        Outcome::Failed
    } else if args.fail_empty && empty {
        Outcome::NoResults
    } else {
        Outcome::Success
    })
}

/// `newsdex count QUERY --engine URL [--by source|year|month]`.
pub fn count_on_engine(url: &str, args: &CountArgs) -> anyhow::Result<()> {
    refuse_stories(args.unit.stories())?;
    let engine = Sphinx::from_url(url)?;
    let options = args.dates.restrict(args.reading.options());
    let counted = engine.count(&args.query, &options)?;
    let mut warnings = counted.warnings;
    let by = match args.by {
        Some(by) => {
            let answered = engine.facet(&args.query, &options, super::count::facet_of(by))?;
            for warning in answered.warnings {
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
            }
            let mut table = answered.value;
            if let Some(limit) = args.limit {
                table.rows.truncate(limit);
            }
            Some(table)
        }
        None => None,
    };
    warn(&warnings);
    let found = MatchCount {
        passages: counted.passages,
        articles: counted.articles,
        // Stories are not kept apart on an engine: each article counts as its own.
        stories: counted.articles,
        by_source: Vec::new(),
    };
    let report = CountReport {
        query: &args.query,
        executed_query: &args.query,
        count: &found,
        by: by.as_ref(),
        stories: false,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        CountFormat::Json => {
            let mut value = count_output::json(&report);
            value["warnings"] = serde_json::json!(warnings);
            write_json(&mut out, &value)?;
        }
        CountFormat::Text => count_output::write_text(&mut out, &report)?,
        CountFormat::Csv => count_output::write_csv(&mut out, &report)?,
    }
    out.flush()?;
    Ok(())
}

/// `newsdex timeline QUERY... --engine URL`: the timeline and the nodes that did not answer.
pub fn timeline_on_engine(
    url: &str,
    args: &TimelineArgs,
    options: &SearchOptions,
    by: Granularity,
) -> anyhow::Result<Answered<Timeline>> {
    refuse_stories(args.unit.stories())?;
    anyhow::ensure!(
        !args.normalize,
        "--normalize is not supported with --engine"
    );
    let answered = Sphinx::from_url(url)?.timeline(&args.queries, options, by)?;
    warn(&answered.warnings);
    Ok(answered)
}

/// `newsdex show ID --engine URL`: the article rebuilt from the passages the shards hold.
pub fn show_on_engine(url: &str, args: &ShowArgs) -> anyhow::Result<()> {
    let engine = Sphinx::from_url(url)?;
    let fetch = |id: &str| -> anyhow::Result<Article> {
        let answered = engine.article(id)?;
        warn(&answered.warnings);
        answered.value.ok_or_else(|| {
            anyhow::anyhow!(
                "no article with id or path \"{id}\" on the engine; use the id search shows \
                 (article_id in JSON, after the title's line in text) or the path it came from"
            )
        })
    };
    let found = fetch(&args.id)?;
    let body = found.body();
    let lit = match &args.highlight {
        Some(query) => {
            let (executed_query, mut ranges) =
                engine.highlights(query, &args.reading.options(), &[&found.title, &body])?;
            let body = ranges.pop().unwrap_or_default();
            let title = ranges.pop().unwrap_or_default();
            Some(Lit {
                executed_query,
                title,
                body,
            })
        }
        None => None,
    };
    let changes = match &args.diff {
        Some(other) => {
            let other = fetch(other)?;
            Some((other.id.clone(), diff(&found, &other)))
        }
        None => None,
    };
    // An engine keeps no stories: no other versions are listed.
    super::show::write(args, &found, &body, &[], lit.as_ref(), changes.as_ref())
}

/// Stories are not kept on an engine: `--unit story` is refused rather than answered with
/// article counts.
fn refuse_stories(stories: bool) -> anyhow::Result<()> {
    anyhow::ensure!(
        !stories,
        "--unit story is not supported with --engine (stories are not kept on an engine)"
    );
    Ok(())
}

fn warn(warnings: &[String]) {
    for warning in warnings {
        eprintln!("newsdex: warning: {warning}");
    }
}

/// The results of a search, its warnings added to `warnings` (each once).
fn noting(searched: Searched, warnings: &mut Vec<String>) -> newsdex::SearchResults {
    for warning in searched.warnings {
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
    searched.results
}
