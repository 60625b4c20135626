//! `newsdex index`: read folders into the index, with a progress bar on a terminal and a summary.

use std::fs::File;
use std::io::{BufWriter, IsTerminal};
use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use newsdex::index::{Changes, IndexConfig, CONFIG_FILE};
use newsdex::ingest::{FileSelection, Pass, Progress, Skip};
use newsdex::output::counted;
use newsdex::output::skips::write_skips;
use newsdex::{index_inputs, DateOrder, IndexOptions, IndexReport};

use super::args::{DateOrderArg, IndexArgs};

/// Runs `newsdex index`.
pub fn run_index(args: IndexArgs) -> anyhow::Result<()> {
    if let Some(url) = &args.engine {
        return super::engine::index_to_engine(url, &args);
    }
    let mut options = IndexOptions {
        rebuild: args.rebuild,
        glossary: args.glossary,
        language: args.language,
        merge: args.merge,
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
    let progress = Bar::new(args.quiet);
    let merging = Arc::clone(&progress.merging);
    // The first Ctrl-C asks the run to stop before it commits; a second one ends it at once.
    // Once the run has committed and is merging, the first one ends it: the merged segment
    // replaces the others only when it is whole, so the index stays as the commit left it.
    let _ = ctrlc::set_handler(move || {
        if merging.load(Ordering::SeqCst) || flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    options.cancel = Some(cancel);
    let mut skip_report = args.report.as_deref().map(SkipReport::create).transpose()?;
    let result = index_inputs(&args.index.path, &args.inputs, &options, &progress);
    progress.bar.finish_and_clear();
    let skipped = match &result {
        Ok(report) => Some(report.read.skipped.as_slice()),
        Err(newsdex::Error::NothingToIndex { skipped, .. }) => {
            // Why each file gave nothing, before the error says that nothing was indexed.
            eprint!("{}", skipped_lines(skipped));
            Some(skipped.as_slice())
        }
        Err(_) => None,
    };
    if let (Some(skip_report), Some(skipped)) = (skip_report.as_mut(), skipped) {
        skip_report.write(skipped)?;
    }
    let report = result?;
    if let Some(holder) = &report.interrupted_run {
        // Said even with --quiet: the user may not know that an earlier run did not finish.
        eprintln!(
            "note: an earlier run on this index ({holder}) ended before it finished; \
             nothing of it had been committed, and this run brought the index up to date"
        );
    }
    if !args.quiet {
        let index = args.index.path.display().to_string();
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

/// The progress bar of the files being read, on stderr when it is a terminal and `--quiet` is
/// not given: for each of the two passes over the files, bytes read of the total (MB), rate,
/// files and articles so far, and time left.
struct Bar {
    bar: ProgressBar,
    /// In the second pass (indexing), not the first (surveying).
    indexing: AtomicBool,
    files: AtomicUsize,
    files_done: AtomicUsize,
    articles: AtomicUsize,
    /// Set once the run has committed and merges the index's segments.
    merging: Arc<AtomicBool>,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            Bar::drawn_by(ProgressBar::hidden())
        } else {
            Bar::drawn_by(ProgressBar::new(0))
        }
    }

    fn drawn_by(bar: ProgressBar) -> Bar {
        bar.set_style(
            ProgressStyle::with_template(
                "{wide_bar} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} · {msg} · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar {
            bar,
            indexing: AtomicBool::new(false),
            files: AtomicUsize::new(0),
            files_done: AtomicUsize::new(0),
            articles: AtomicUsize::new(0),
            merging: Arc::new(AtomicBool::new(false)),
        }
    }

    /// `surveying 12/40 files · 310 articles`.
    fn message(&self) -> String {
        let doing = if self.indexing.load(Ordering::Relaxed) {
            "indexing"
        } else {
            "surveying"
        };
        format!(
            "{doing} {}/{} files · {} articles",
            self.files_done.load(Ordering::Relaxed),
            self.files.load(Ordering::Relaxed),
            self.articles.load(Ordering::Relaxed)
        )
    }

    fn show_counts(&self) {
        if !self.bar.is_hidden() {
            self.bar.set_message(self.message());
        }
    }
}

impl Progress for Bar {
    fn start(&self, pass: Pass, files: usize, bytes: u64) {
        self.indexing.store(pass == Pass::Read, Ordering::Relaxed);
        self.files.store(files, Ordering::Relaxed);
        self.files_done.store(0, Ordering::Relaxed);
        self.articles.store(0, Ordering::Relaxed);
        self.show_counts();
        self.bar.reset();
        self.bar.set_length(bytes);
    }

    fn advance(&self, bytes: u64, articles: usize) {
        self.articles.fetch_add(articles, Ordering::Relaxed);
        self.bar.inc(bytes);
        self.show_counts();
    }

    fn file_done(&self) {
        self.files_done.fetch_add(1, Ordering::Relaxed);
        self.show_counts();
    }

    fn merging(&self, segments: usize) {
        self.merging.store(true, Ordering::SeqCst);
        if self.bar.is_hidden() {
            return;
        }
        self.bar.reset();
        self.bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.bar
            .set_message(format!("merging {segments} segments into one"));
        self.bar
            .enable_steady_tick(std::time::Duration::from_millis(200));
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
    out += &merged_line(report);
    out += &skipped_lines(&report.read.skipped);
    out
}

/// The summary printed on stderr after indexing.
fn summary(report: &IndexReport, index: &str) -> String {
    let corpus = &report.read;
    let mut out = format!(
        "indexed {} ({}) from {} of {} into {index}\n",
        counted(report.articles(), "article"),
        counted(report.passages, "passage"),
        corpus.files_read,
        counted(corpus.files_seen, "file"),
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
            "{} marked, {} removed\n",
            counted(corpus.copies, "exact copy"),
            counted(corpus.boilerplate, "boilerplate paragraph")
        );
    }
    out += &merged_line(report);
    if corpus.stories > 0 {
        out += &format!(
            "{} of several versions ({} besides the first of each)\n",
            counted(corpus.stories, "story"),
            counted(corpus.versions, "version")
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

/// What `--merge` did, on one line; nothing without it.
fn merged_line(report: &IndexReport) -> String {
    let Some(merged) = report.merged else {
        return String::new();
    };
    let seconds = merged.elapsed.as_secs_f64();
    match (merged.rewritten, merged.segments) {
        (false, _) => "the index is one segment already: nothing to merge\n".to_string(),
        (true, 1) => {
            format!("rewrote the index's segment without its deleted passages in {seconds:.2} s\n")
        }
        (true, n) => format!("merged {n} segments into one in {seconds:.2} s\n"),
    }
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
    let (warnings, passed_over): (Vec<&Skip>, Vec<&Skip>) =
        skipped.iter().partition(|s| s.reason.is_warning());
    let mut out = String::new();
    if !passed_over.is_empty() {
        let records = passed_over
            .iter()
            .filter(|s| s.line.is_some() || s.record.is_some())
            .count();
        let files = passed_over.len() - records;
        let mut counts = Vec::new();
        if files > 0 {
            counts.push(counted(files, "file"));
        }
        if records > 0 {
            counts.push(counted(records, "record"));
        }
        out += &format!("skipped {}:\n", counts.join(" and "));
        for skip in passed_over {
            out += &format!("  {}: {}\n", skip.location(), skip.reason);
        }
    }
    if !warnings.is_empty() {
        out += &format!("indexed with {}:\n", counted(warnings.len(), "warning"));
        for skip in warnings {
            out += &format!("  {}: {}\n", skip.location(), skip.reason);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A terminal that keeps what is drawn on it.
    #[derive(Debug, Default, Clone)]
    struct Screen(std::sync::Arc<std::sync::Mutex<String>>);

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            120
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.write_str(&format!("{s}\n"))
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_bar_shows_files_articles_megabytes_rate_and_time_left() {
        let screen = Screen::default();
        let target = indicatif::ProgressDrawTarget::term_like(Box::new(screen.clone()));
        let bar = Bar::drawn_by(ProgressBar::with_draw_target(Some(0), target));
        bar.start(Pass::Survey, 3, 3_000_000);
        bar.advance(1_000_000, 7);
        bar.file_done();
        assert_eq!(bar.message(), "surveying 1/3 files · 7 articles");
        bar.start(Pass::Read, 3, 3_000_000);
        bar.advance(600_000, 100);
        bar.advance(400_000, 20);
        bar.file_done();
        bar.advance(1_000_000, 5);
        bar.file_done();
        assert_eq!(bar.message(), "indexing 2/3 files · 125 articles");
        bar.bar.abandon();
        let drawn = screen.0.lock().unwrap().clone();
        let last = drawn.trim_end().rsplit("  ").next().unwrap_or_default();
        assert!(last.contains(" 2.00 MB/3.00 MB "), "{drawn:?}");
        assert!(
            last.contains("B/s · indexing 2/3 files · 125 articles · ETA "),
            "{drawn:?}"
        );
        assert!(!drawn.contains("·  ·"), "never without counts: {drawn:?}");
    }

    #[test]
    fn no_bar_when_quiet() {
        assert!(Bar::new(true).bar.is_hidden());
    }

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
