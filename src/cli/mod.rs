//! The command-line front end: arguments in, library calls, rendered output out.

mod args;
mod count;
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

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Index(args) => index::run_index(args),
        Command::Search(args) => search::run_search(args),
        Command::Glossary(args) => glossary::run_glossary(args),
        Command::Show(args) => show::run_show(args),
        Command::Export(args) => export::run_export(args),
        Command::Stats(args) => stats::run_stats(args),
        Command::Count(args) => count::run_count(args),
        Command::Timeline(args) => timeline::run_timeline(args),
        Command::Kwic(args) => kwic::run_kwic(args),
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
