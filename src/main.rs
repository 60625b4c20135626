//! The `newsdex` binary: parse arguments, run, turn errors into messages and exit codes
//! (0 success, 1 no results where `--fail-empty` asks, 2 error, as grep and ripgrep do, 130 when
//! interrupted; a closed pipe is success).

mod cli;

use std::panic::{catch_unwind, AssertUnwindSafe, PanicHookInfo};
use std::process::ExitCode;
use std::sync::Mutex;

/// Where and why the last panic happened, kept by the panic hook instead of printed: a panic
/// that the library turns into an error (a damaged index) is reported as that error, and any
/// other is reported once, as an internal error, by `main`.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    let cli = cli::parse();
    std::panic::set_hook(Box::new(keep_panic));
    let outcome = catch_unwind(AssertUnwindSafe(|| cli::run(cli)));
    match outcome {
        Ok(Ok(cli::Outcome::Success)) => ExitCode::SUCCESS,
        Ok(Ok(cli::Outcome::NoResults)) => ExitCode::from(1),
        Ok(Ok(cli::Outcome::Failed)) => ExitCode::from(2),
        Ok(Err(err)) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Ok(Err(err)) if matches!(err.downcast_ref(), Some(newsdex::Error::Interrupted)) => {
            eprintln!("newsdex: {err:#}");
            ExitCode::from(130)
        }
        Ok(Err(err)) => {
            eprintln!("newsdex: {err:#}");
            // A worker thread's panic behind the error (a damaged index already says it).
            if let Some(panic) = take_last_panic() {
                if !matches!(err.downcast_ref(), Some(newsdex::Error::Damaged { .. })) {
                    eprintln!("newsdex: a worker thread failed: {panic}");
                }
            }
            ExitCode::from(2)
        }
        Err(panic) => {
            let what = take_last_panic()
                .unwrap_or_else(|| newsdex::index::panic_message(&*panic).to_string());
            eprintln!(
                "newsdex: internal error (a bug; please report it with the command run): {what}"
            );
            ExitCode::from(2)
        }
    }
}

fn take_last_panic() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|mut last| last.take())
}

/// The panic hook: remembers the panic's message and place.
fn keep_panic(info: &PanicHookInfo) {
    if let Ok(mut last) = LAST_PANIC.lock() {
        *last = Some(info.to_string());
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(broken)
            || matches!(
                cause.downcast_ref::<newsdex::Error>(),
                Some(newsdex::Error::Io { cause, .. }) if broken(cause)
            )
    })
}
