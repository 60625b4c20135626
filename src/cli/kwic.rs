//! `newsdex kwic`: a keyword-in-context concordance as aligned text, TSV or JSON.

use std::io::Write;

use newsdex::output::{kwic, style::Palette, write_json};
use newsdex::views::{KwicOptions, KwicSort};
use newsdex::{NewsIndex, Session};

use super::args::{KwicArgs, KwicFormat, KwicSortArg};
use super::use_color;

/// Runs `newsdex kwic`.
pub fn run_kwic(args: KwicArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let options = args.dates.restrict(args.reading.options());
    let kwic_options = KwicOptions {
        width: args.width,
        sort: match args.sort {
            KwicSortArg::Left => KwicSort::Left,
            KwicSortArg::Right => KwicSort::Right,
            KwicSortArg::None => KwicSort::None,
        },
        limit: args.limit,
        unique_stories: args.unit.stories(),
    };
    let concordance = session.kwic(&args.term, &options, kwic_options)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        KwicFormat::Text => kwic::write_text(
            &mut out,
            &concordance,
            args.width,
            Palette::new(use_color(args.color)),
        )?,
        KwicFormat::Tsv => kwic::write_tsv(&mut out, &concordance)?,
        KwicFormat::Json => write_json(&mut out, &kwic::json(&concordance))?,
    }
    out.flush()?;
    Ok(())
}
