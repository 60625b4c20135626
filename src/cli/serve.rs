//! `newsdex serve`: the page and the JSON routes over HTTP until Ctrl-C.

use std::io::Write;

use anyhow::Context;
use newsdex::serve::{LiveIndex, Server};

use super::args::ServeArgs;

/// Runs `newsdex serve`.
pub fn run_serve(args: ServeArgs) -> anyhow::Result<()> {
    let index = LiveIndex::open(&args.index.path)?;
    let server = Server::bind(index, args.bind, args.workers)
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let address = server.address().unwrap_or(args.bind);
    if !address.ip().is_loopback() {
        eprintln!(
            "newsdex: warning: listening on {address}, which other machines may reach; there is no authentication: anyone who reaches it can search the index"
        );
    }
    let stopper = server.stopper();
    ctrlc::set_handler(move || stopper.stop()).context("cannot catch Ctrl-C")?;
    let host = if address.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else if address.is_ipv6() {
        format!("[{}]", address.ip())
    } else {
        address.ip().to_string()
    };
    let mut stdout = std::io::stdout();
    writeln!(
        stdout,
        "newsdex: serving {} at http://{host}:{}/ (Ctrl-C stops)",
        args.index.path.display(),
        address.port()
    )?;
    stdout.flush()?;
    server.run();
    eprintln!("newsdex: stopped");
    Ok(())
}
