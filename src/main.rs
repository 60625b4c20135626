//! The `newsdex` binary: parse arguments, run, turn errors into messages and exit codes
//! (0 success, 1 no results where `--fail-empty` asks, 2 error, as grep and ripgrep do, 130 when
//! interrupted; a closed pipe is success).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(cli::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cli::Outcome::NoResults) => ExitCode::from(1),
        Ok(cli::Outcome::Failed) => ExitCode::from(2),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if matches!(err.downcast_ref(), Some(newsdex::Error::Interrupted)) => {
            eprintln!("newsdex: {err:#}");
            ExitCode::from(130)
        }
        Err(err) => {
            eprintln!("newsdex: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
