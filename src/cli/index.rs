//! `newsdex index`: read folders into the index, with a progress bar on a terminal and a summary.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use newsdex::ingest::Progress;
use newsdex::{index_inputs, DateOrder, IndexOptions, IndexReport};

use super::args::{DateOrderArg, IndexArgs};

/// Runs `newsdex index`.
pub fn run_index(args: IndexArgs) -> anyhow::Result<()> {
    let mut options = IndexOptions {
        rebuild: args.rebuild,
        glossary: args.glossary,
        ..IndexOptions::default()
    };
    options.read.max_decompressed_bytes = args.max_decompressed;
    options.read.date_order = match args.date_order {
        Some(DateOrderArg::Dmy) => DateOrder::DayMonthYear,
        Some(DateOrderArg::Mdy) => DateOrder::MonthDayYear,
        None => DateOrder::Unknown,
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    // The first Ctrl-C asks the run to stop before it commits; a second one ends it at once.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    options.cancel = Some(cancel);
    let progress = Bar::new(args.quiet);
    let report = index_inputs(&args.index, &args.inputs, &options, &progress);
    progress.0.finish_and_clear();
    let report = report?;
    if !args.quiet {
        eprint!("{}", summary(&report, &args.index.display().to_string()));
    }
    Ok(())
}

/// A progress bar over the bytes read, on stderr when it is a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar(ProgressBar::hidden());
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} · {msg} · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, files: usize, bytes: u64) {
        self.0.set_length(bytes);
        self.0.set_message(format!("{files} files"));
    }

    fn file_done(&self, bytes: u64) {
        self.0.inc(bytes);
    }
}

/// The summary printed on stderr after indexing.
fn summary(report: &IndexReport, index: &str) -> String {
    let corpus = &report.corpus;
    let mut out = format!(
        "indexed {} articles ({} passages) from {} of {} files into {index}\n",
        report.articles(),
        report.passages,
        corpus.files_read,
        corpus.files_seen,
    );
    out += &format!(
        "read {:.2} MB in {:.2} s ({:.2} MB/s)\n",
        corpus.bytes as f64 / 1e6,
        report.elapsed.as_secs_f64(),
        report.megabytes_per_second()
    );
    if corpus.copies > 0 || corpus.boilerplate > 0 {
        out += &format!(
            "{} exact copies marked, {} boilerplate paragraphs removed\n",
            corpus.copies, corpus.boilerplate
        );
    }
    let decoded: Vec<String> = corpus
        .encodings
        .iter()
        .filter(|(e, _)| e.to_string() != "UTF-8")
        .map(|(e, n)| format!("{n} as {e}"))
        .collect();
    if !decoded.is_empty() {
        out += &format!("decoded {}\n", decoded.join(", "));
    }
    if !corpus.skipped.is_empty() {
        let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
        for skip in &corpus.skipped {
            *by_reason.entry(skip.reason.to_string()).or_default() += 1;
        }
        out += &format!("skipped {} files:\n", corpus.skipped.len());
        for skip in &corpus.skipped {
            out += &format!("  {}: {}\n", skip.path, skip.reason);
        }
    }
    out
}
