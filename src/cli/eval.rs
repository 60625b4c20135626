//! `newsdex eval`: score a TREC run against qrels.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use newsdex::eval::{evaluate_with, parse_qrels, parse_run, EvalOptions, Metric};
use newsdex::output::{eval, write_json};

use super::args::{EvalArgs, ReportFormat};

/// The metrics computed when `--metrics` does not choose.
const DEFAULT_METRICS: &[&str] = &[
    "ndcg_cut_10",
    "map",
    "mrr_10",
    "P_10",
    "success_10",
    "recall_100",
    "recall_1000",
];

/// Runs `newsdex eval`.
pub fn run_eval(args: EvalArgs) -> anyhow::Result<()> {
    let names: Vec<String> = args
        .metrics
        .clone()
        .unwrap_or_else(|| DEFAULT_METRICS.iter().map(|m| m.to_string()).collect());
    let metrics = names
        .iter()
        .map(|n| n.parse::<Metric>())
        .collect::<Result<Vec<_>, _>>()?;
    let run = parse_run(&read(&args.run)?).with_context(|| args.run.display().to_string())?;
    let qrels =
        parse_qrels(&read(&args.qrels)?).with_context(|| args.qrels.display().to_string())?;
    let options = EvalOptions {
        include_missing_queries: args.all_queries,
        ..EvalOptions::default()
    };
    let evaluation = evaluate_with(&run, &qrels, &metrics, options);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &eval::json(&evaluation))?,
        ReportFormat::Text => write!(out, "{}", eval::format_table(&evaluation, args.per_query))?,
    }
    out.flush()?;
    Ok(())
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| path.display().to_string())
}
