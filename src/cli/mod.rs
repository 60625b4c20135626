//! The command-line front end: arguments in, library calls, rendered output out.

mod args;
mod check;
mod collocates;
mod count;
mod engine;
mod eval;
mod export;
mod glossary;
mod index;
mod kwic;
mod query_args;
mod search;
mod serve;
mod show;
mod stats;
mod stories;
mod terms;
mod timeline;
mod watch;

use std::io::IsTerminal;

use clap::error::{ContextKind, ErrorKind};
use clap::{CommandFactory, Parser};

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

/// Parses the command line. An unknown flag is reported with the flags its subcommand takes
/// (clap's own hint, to pass it as a value after `--`, rarely fits); other errors as clap
/// reports them (exit code 2).
pub fn parse() -> Cli {
    let err = match Cli::try_parse() {
        Ok(cli) => return cli,
        Err(err) => err,
    };
    if err.kind() != ErrorKind::UnknownArgument {
        err.exit();
    }
    let flag = err
        .get(ContextKind::InvalidArg)
        .map(ToString::to_string)
        .unwrap_or_default();
    let command = Cli::command();
    let subcommand = std::env::args()
        .skip(1)
        .find_map(|arg| command.find_subcommand(&arg).cloned());
    match subcommand {
        Some(sub) => {
            let flags: Vec<String> = sub
                .get_arguments()
                .filter(|a| !a.is_hide_set())
                .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
                .collect();
            eprintln!(
                "error: `newsdex {name}` has no flag '{flag}'; its flags are {}\n\nFor more information, try 'newsdex {name} --help'.",
                flags.join(", "),
                name = sub.get_name(),
            );
            std::process::exit(2);
        }
        None => err.exit(),
    }
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
        Command::Stories(args) => stories::run_stories(args).map(|()| Outcome::Success),
        Command::Check(args) => check::run_check(args).map(|()| Outcome::Success),
        Command::Count(args) => count::run_count(args).map(|()| Outcome::Success),
        Command::Timeline(args) => timeline::run_timeline(args).map(|()| Outcome::Success),
        Command::Kwic(args) => kwic::run_kwic(args).map(|()| Outcome::Success),
        Command::Serve(args) => serve::run_serve(args).map(|()| Outcome::Success),
        Command::Watch(args) => watch::run_watch(args),
        Command::Terms(args) => terms::run_terms(args).map(|()| Outcome::Success),
        Command::Collocates(args) => collocates::run_collocates(args).map(|()| Outcome::Success),
        Command::EngineConfig(args) => engine::run_engine_config(args).map(|()| Outcome::Success),
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
