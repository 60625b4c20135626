//! The command-line front end: arguments in, library calls, rendered output out.

mod args;
mod check;
mod count;
mod eval;
mod export;
mod glossary;
mod index;
mod kwic;
mod query_args;
mod search;
mod show;
mod stats;
mod terminal;
mod timeline;

use std::io::IsTerminal;

pub use self::args::Cli;
use self::args::{ColorChoice, Command};

/// How a command that did not fail outright ended; it decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit code 0.
    Success,
    /// Nothing matched and `--fail-empty` asked to say so: exit code 1.
    NoResults,
    /// Some of the work failed and was reported (e.g. queries of a batch): exit code 2.
    Failed,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Index(args) => index::run_index(args).map(|()| Outcome::Success),
        Command::Search(args) => search::run_search(args),
        Command::Eval(args) => eval::run_eval(args).map(|()| Outcome::Success),
        Command::Glossary(args) => glossary::run_glossary(args).map(|()| Outcome::Success),
        Command::Show(args) => show::run_show(args).map(|()| Outcome::Success),
        Command::Export(args) => export::run_export(args).map(|()| Outcome::Success),
        Command::Stats(args) => stats::run_stats(args).map(|()| Outcome::Success),
        Command::Check(args) => check::run_check(args).map(|()| Outcome::Success),
        Command::Count(args) => count::run_count(args).map(|()| Outcome::Success),
        Command::Timeline(args) => timeline::run_timeline(args).map(|()| Outcome::Success),
        Command::Kwic(args) => kwic::run_kwic(args).map(|()| Outcome::Success),
    }
}

/// Whether to colour output written to stdout.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
