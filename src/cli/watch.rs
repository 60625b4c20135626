//! `newsdex watch`: saved searches, and what is new in each since the last check.

use std::io::Write;

use anyhow::bail;
use newsdex::output::{watch, write_json};
use newsdex::watch::{SavedSearch, Watches};
use newsdex::{NewsIndex, Session};

use super::args::{ReportFormat, WatchAction, WatchAddArgs, WatchArgs, WatchListArgs};
use super::Outcome;

/// Runs `newsdex watch` and its subcommands.
pub fn run_watch(args: WatchArgs) -> anyhow::Result<Outcome> {
    match args.action {
        Some(WatchAction::Add(add)) => run_add(add).map(|()| Outcome::Success),
        Some(WatchAction::List(list)) => run_list(list).map(|()| Outcome::Success),
        Some(WatchAction::Rm(rm)) => {
            let mut watches = Watches::load(&rm.index.path)?;
            if !watches.remove(&rm.name) {
                bail!(
                    "no saved search named \"{}\" (`newsdex watch list` lists them)",
                    rm.name
                );
            }
            watches.save()?;
            eprintln!("newsdex: removed the saved search \"{}\"", rm.name);
            Ok(Outcome::Success)
        }
        None => run_check(&args),
    }
}

fn run_add(args: WatchAddArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let mut watches = Watches::load(&args.index.path)?;
    let mut search = SavedSearch::new(&args.name, &args.query);
    search.exact = args.exact;
    search.no_expand = args.no_expand;
    search.since = args.dates.since.map(|d| d.to_string());
    search.until = args.dates.until.map(|d| d.to_string());
    let matching = watches.add(&session, search)?;
    watches.save()?;
    eprintln!(
        "newsdex: saved \"{}\"; it matches {} now, and `newsdex watch` will list the articles that match after the next indexing runs",
        args.name,
        newsdex::output::counted(matching, "article")
    );
    Ok(())
}

fn run_list(args: WatchListArgs) -> anyhow::Result<()> {
    let watches = Watches::load(&args.index.path)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &watch::list_json(watches.searches()))?,
        ReportFormat::Text => watch::write_list(&mut out, watches.searches())?,
    }
    out.flush()?;
    Ok(())
}

fn run_check(args: &WatchArgs) -> anyhow::Result<Outcome> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let mut watches = Watches::load(&args.index.path)?;
    let reports = watches.check_all(&session, !args.peek)?;
    if !args.peek {
        watches.save()?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        ReportFormat::Json => write_json(&mut out, &watch::json(&reports, args.limit))?,
        ReportFormat::Text => watch::write_text(&mut out, &reports, args.limit)?,
    }
    out.flush()?;
    let nothing_new = reports.iter().all(|r| r.new.is_empty());
    Ok(if args.fail_empty && nothing_new {
        Outcome::NoResults
    } else {
        Outcome::Success
    })
}
