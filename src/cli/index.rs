//! `newsdex index`: read folders into the index, with a progress bar on a terminal and a summary.

use std::fs::File;
use std::io::{BufWriter, IsTerminal};
use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use newsdex::index::{Changes, IndexConfig, CONFIG_FILE};
use newsdex::ingest::{FileSelection, Progress, Skip};
use newsdex::output::skips::write_skips;
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
    options.read.fields.extend(args.fields);
    options.read.selection = FileSelection::new(args.globs, args.excludes)?;
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
    let mut skip_report = args.report.as_deref().map(SkipReport::create).transpose()?;
    let progress = Bar::new(args.quiet);
    let result = index_inputs(&args.index, &args.inputs, &options, &progress);
    progress.0.finish_and_clear();
    if let Some(skip_report) = skip_report.as_mut() {
        match &result {
            Ok(report) => skip_report.write(&report.corpus.skipped)?,
            Err(newsdex::Error::NothingToIndex { skipped, .. }) => skip_report.write(skipped)?,
            Err(_) => {}
        }
    }
    let report = result?;
    if !args.quiet {
        let index = args.index.display().to_string();
        if report.changes.is_empty() {
            eprint!("{}", no_changes(&report, &index));
        } else {
            eprint!("{}", summary(&report, &index));
        }
    }
    Ok(())
}

/// The file `--report` names, opened before the run so that a path that cannot be written is
/// found before any work is done.
struct SkipReport {
    path: PathBuf,
    file: BufWriter<File>,
}

impl SkipReport {
    fn create(path: &Path) -> anyhow::Result<SkipReport> {
        let file = File::create(path)
            .with_context(|| format!("cannot write the skip report {}", path.display()))?;
        Ok(SkipReport {
            path: path.to_path_buf(),
            file: BufWriter::new(file),
        })
    }

    fn write(&mut self, skipped: &[Skip]) -> anyhow::Result<()> {
        write_skips(&mut self.file, skipped)
            .with_context(|| format!("cannot write the skip report {}", self.path.display()))
    }
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

/// The counts of new, changed, deleted and unchanged files, on one line.
fn changes_line(changes: &Changes) -> String {
    format!(
        "files: {} new, {} changed, {} deleted, {} unchanged\n",
        changes.new, changes.changed, changes.deleted, changes.unchanged
    )
}

/// What is printed when every file under the inputs is as the index remembers it.
fn no_changes(report: &IndexReport, index: &str) -> String {
    let inputs: Vec<String> = report
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut out = format!(
        "no changes in {} ({index} is up to date)\n",
        inputs.join(", ")
    );
    out += &changes_line(&report.changes);
    out += &settings_line(&report.config, index);
    out += &skipped_lines(&report.corpus.skipped);
    out
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
    out += &changes_line(&report.changes);
    out += &settings_line(&report.config, index);
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
    out += &skipped_lines(&corpus.skipped);
    out
}

/// The settings the run used and the index now remembers, as the options that give them.
fn settings_line(config: &IndexConfig, index: &str) -> String {
    if config.is_empty() {
        return String::new();
    }
    let fields = config
        .fields
        .iter()
        .map(|(role, field)| format!("--field {role}={}", quoted(field)));
    let globs = config
        .selection
        .globs()
        .iter()
        .map(|g| format!("--glob {}", quoted(g)));
    let excludes = config
        .selection
        .excludes()
        .iter()
        .map(|g| format!("--exclude {}", quoted(g)));
    let options: Vec<String> = fields.chain(globs).chain(excludes).collect();
    format!(
        "settings (remembered in {}): {}\n",
        Path::new(index).join(CONFIG_FILE).display(),
        options.join(" ")
    )
}

/// A value quoted for a shell when it holds anything but letters, digits and `._-=/`.
fn quoted(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || "._-=/".contains(c));
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

/// The files and records passed over, one line each.
fn skipped_lines(skipped: &[Skip]) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let records = skipped
        .iter()
        .filter(|s| s.line.is_some() || s.record.is_some())
        .count();
    let files = skipped.len() - records;
    let mut counts = Vec::new();
    if files > 0 {
        counts.push(format!("{files} file{}", plural(files)));
    }
    if records > 0 {
        counts.push(format!("{records} record{}", plural(records)));
    }
    let mut out = format!("skipped {}:\n", counts.join(" and "));
    for skip in skipped {
        out += &format!("  {}: {}\n", skip.location(), skip.reason);
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_as_the_options_that_give_them() {
        let config = IndexConfig {
            fields: ["body=copy", "title=hed line"]
                .iter()
                .map(|f| f.parse().unwrap())
                .collect(),
            selection: newsdex::ingest::FileSelection::new(
                vec!["*.sgm".into()],
                vec!["meta/**".into(), "it's".into()],
            )
            .unwrap(),
        };
        assert_eq!(
            settings_line(&config, "idx"),
            "settings (remembered in idx/newsdex.toml): --field title='hed line' --field body=copy \
             --glob '*.sgm' --exclude 'meta/**' --exclude 'it'\\''s'\n"
        );
        assert_eq!(settings_line(&IndexConfig::default(), "idx"), "");
    }
}
