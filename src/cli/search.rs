//! `newsdex search`: run one query or a batch and render the hits in the chosen format.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use newsdex::output::style::{self, Palette};
use newsdex::output::trec::DocId;
use newsdex::output::{check_fields, json, table, text, trec, Answer, RenderOptions};
use newsdex::search::{parse_topics, BatchQuery, SortOrder, Syntax, Unit};
use newsdex::{NewsIndex, SearchOptions, SearchResults, Session};

use super::args::{DocIdArg, FormatArg, SearchArgs, SortArg, SyntaxArg, UnitArg};
use super::{use_color, Outcome};

/// Runs `newsdex search`.
pub fn run_search(args: SearchArgs) -> anyhow::Result<Outcome> {
    let format = args.format();
    if let Some(fields) = &args.fields {
        check_fields(fields).map_err(anyhow::Error::msg)?;
    }
    let options = search_options(&args, format);
    let render = RenderOptions {
        fields: args.fields.clone(),
        timing: !args.no_timing,
    };
    if let Some(url) = &args.engine {
        return super::engine::search_on_engine(url, &args, &options, format, &render);
    }
    // The index lives until the process ends: the system takes its maps back at exit faster
    // than unmapping them one by one.
    let index: &'static NewsIndex = Box::leak(Box::new(NewsIndex::open(&args.index.path)?));
    let session = Session::new(index);
    let (queries, batch) = queries_of(&args)?;
    let mut failed = 0;
    let answered: Vec<(&BatchQuery, SearchResults)> = if batch {
        let (kept, failures) = keep_answered(&queries, session.search_batch(&queries, &options)?);
        failed = failures;
        kept
    } else {
        let started = Instant::now();
        let prepared = session.prepare(&queries[0].query, &options)?;
        let results = session.run(&queries[0].query, &prepared, &options, started)?;
        vec![(&queries[0], results)]
    };
    let answers = answers_of(&answered, batch);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write(&mut out, &answers, format, &args, options.unit, &render)?;
    out.flush()?;
    let empty = answered.iter().all(|(_, r)| r.hits.is_empty());
    let none_whole = answered.iter().all(|(_, r)| r.total_all_words == 0);
    if none_whole && !batch && format == FormatArg::Text {
        hint_spellings(&session, &queries[0].query);
    }
    Ok(if failed > 0 {
        Outcome::Failed
    } else if args.fail_empty && empty {
        Outcome::NoResults
    } else {
        Outcome::Success
    })
}

/// After a search that found no passage with every word: the index's nearest words to those it never saw, as a
/// hint on stderr.
fn hint_spellings(session: &Session, query: &str) {
    let Ok(suggestions) = session.suggest(query) else {
        return;
    };
    if suggestions.is_empty() {
        return;
    }
    let pairs: Vec<String> = suggestions
        .iter()
        .map(|s| format!("{} (not {})", s.instead, s.word))
        .collect();
    eprintln!("newsdex: did you mean {}?", pairs.join(", "));
}

fn search_options(args: &SearchArgs, format: FormatArg) -> SearchOptions {
    let unit = match (args.unit, format) {
        (Some(UnitArg::Passage), _) => Unit::Passage,
        (Some(UnitArg::Article), _) | (None, FormatArg::Trec) => Unit::Article,
        (None, _) => Unit::Passage,
    };
    let syntax = match (args.syntax, args.queries.is_some()) {
        (Some(SyntaxArg::Full), _) | (None, false) => Syntax::Full,
        (Some(SyntaxArg::Plain), _) | (None, true) => Syntax::Plain,
    };
    let reading = args.dates.restrict(args.reading.options());
    SearchOptions {
        limit: args.limit,
        offset: args.offset,
        syntax,
        unit,
        per_article: args.per_article,
        sort: match args.sort {
            SortArg::Score => SortOrder::Score,
            SortArg::Date => SortOrder::Date,
            SortArg::DateDesc => SortOrder::DateDesc,
        },
        explain: args.explain,
        collapse: !args.no_collapse && format != FormatArg::Trec && args.queries.is_none(),
        feedback: args.prf,
        ..reading
    }
}

/// The answers to print: each query's results, with its topic id in a batch.
pub(super) fn answers_of<'a>(
    answered: &'a [(&'a BatchQuery, SearchResults)],
    batch: bool,
) -> Vec<Answer<'a>> {
    answered
        .iter()
        .map(|(q, results)| Answer {
            qid: batch.then_some(q.qid.as_str()),
            results,
        })
        .collect()
}

/// The queries a search runs: those of `--queries FILE` (a batch), or the one given.
pub(super) fn queries_of(args: &SearchArgs) -> anyhow::Result<(Vec<BatchQuery>, bool)> {
    Ok(match (&args.queries, &args.query) {
        (Some(file), _) => (read_topics(file)?, true),
        (None, Some(query)) => (
            vec![BatchQuery {
                qid: String::new(),
                query: query.clone(),
            }],
            false,
        ),
        (None, None) => anyhow::bail!("give a query or --queries FILE"),
    })
}

fn read_topics(file: &Path) -> anyhow::Result<Vec<BatchQuery>> {
    let text = std::fs::read_to_string(file).with_context(|| format!("{}", file.display()))?;
    let queries = parse_topics(&text).with_context(|| format!("{}", file.display()))?;
    anyhow::ensure!(!queries.is_empty(), "{}: no queries", file.display());
    Ok(queries)
}

/// Keeps the queries that ran with their results and reports each failure on stderr with its
/// qid (a failed query has no answer in the output). Returns them and the number of failures.
pub(super) fn keep_answered(
    queries: &[BatchQuery],
    results: Vec<newsdex::Result<SearchResults>>,
) -> (Vec<(&BatchQuery, SearchResults)>, usize) {
    let mut failed = 0;
    let kept = queries
        .iter()
        .zip(results)
        .filter_map(|(q, r)| match r {
            Ok(results) => Some((q, results)),
            Err(err) => {
                failed += 1;
                eprintln!("newsdex: query {}: {err}", q.qid);
                None
            }
        })
        .collect();
    (kept, failed)
}

pub(super) fn write(
    out: &mut dyn Write,
    answers: &[Answer],
    format: FormatArg,
    args: &SearchArgs,
    unit: Unit,
    render: &RenderOptions,
) -> std::io::Result<()> {
    let batch = args.queries.is_some();
    match format {
        FormatArg::Text => {
            let style = text::TextStyle {
                palette: Palette::new(use_color(args.color)),
                width: style::terminal_width(),
                timing: render.timing,
            };
            for (i, answer) in answers.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                text::write_results(out, *answer, style)?;
            }
            Ok(())
        }
        FormatArg::Json if batch => json::write_batch(out, answers, render),
        FormatArg::Json => json::write_answer(out, answers[0], render),
        FormatArg::Jsonl => answers
            .iter()
            .try_for_each(|a| json::write_lines(out, *a, render)),
        FormatArg::Tsv => table::write_rows(out, answers, b'\t', render),
        FormatArg::Csv => table::write_rows(out, answers, b',', render),
        FormatArg::Trec => {
            let docid = match args.docid_field {
                Some(DocIdArg::Id) => DocId::ArticleId,
                Some(DocIdArg::Passage) => DocId::Passage,
                Some(DocIdArg::Url) => DocId::Url,
                Some(DocIdArg::Path) => DocId::Path,
                None if unit == Unit::Passage => DocId::Passage,
                None => DocId::ArticleId,
            };
            trec::write_run(out, answers, docid, &args.run_tag)
        }
    }
}
