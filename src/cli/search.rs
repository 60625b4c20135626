//! `newsdex search`: run a query and render the page of hits as text or JSON.

use std::io::Write;

use newsdex::output::{json, text};
use newsdex::search::Syntax;
use newsdex::{NewsIndex, SearchOptions};

use super::args::{SearchArgs, SyntaxArg};
use super::use_color;

/// Columns used for wrapping when the terminal's width is unknown.
const DEFAULT_WIDTH: usize = 100;

/// Runs `newsdex search`.
pub fn run_search(args: SearchArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index)?;
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        syntax: match args.syntax {
            SyntaxArg::Full => Syntax::Full,
            SyntaxArg::Plain => Syntax::Plain,
        },
        expand: !args.no_expand,
        exact: args.exact,
        since: args.since,
        until: args.until,
        glossary: args.glossary,
    };
    let results = index.search(&args.query, &options)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        json::write_results(&mut out, &results)?;
    } else {
        let style = text::TextStyle {
            color: use_color(args.color),
            width: terminal_width(),
        };
        text::write_results(&mut out, &results, style)?;
    }
    out.flush()?;
    Ok(())
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(DEFAULT_WIDTH)
}
