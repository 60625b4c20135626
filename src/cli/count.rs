//! `newsdex count`: passages, articles and stories a query matches, in all or per value of a
//! facet.

use std::io::Write;

use newsdex::output::count::{self, CountReport};
use newsdex::output::write_json;
use newsdex::views::{Facet, MatchCount};
use newsdex::{NewsIndex, Session};

use super::args::{CountArgs, CountBy, CountFormat};

/// The facet a `--by` value names.
pub(super) fn facet_of(by: CountBy) -> Facet {
    match by {
        CountBy::Source => Facet::Source,
        CountBy::Author => Facet::Author,
        CountBy::Year => Facet::Year,
        CountBy::Month => Facet::Month,
        CountBy::Entity => Facet::Entity,
        CountBy::Language => Facet::Language,
    }
}

/// Runs `newsdex count`.
pub fn run_count(args: CountArgs) -> anyhow::Result<()> {
    if let Some(url) = &args.engine {
        return super::engine::count_on_engine(url, &args);
    }
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let options = args.dates.restrict(args.reading.options());
    let prepared = session.prepare(&args.query, &options)?;
    let matches = session.matches(&prepared)?;
    let found = MatchCount::of(&matches);
    let facet = args.by.map(facet_of);
    let by = match facet {
        Some(facet) => {
            let mut table = session.facet(&matches, facet, &options)?;
            if let Some(limit) = args.limit {
                table.rows.truncate(limit);
            }
            Some(table)
        }
        None => None,
    };
    let report = CountReport {
        query: &args.query,
        executed_query: prepared.executed(),
        count: &found,
        by: by.as_ref(),
        stories: args.unit.stories(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format() {
        CountFormat::Json => write_json(&mut out, &count::json(&report))?,
        CountFormat::Text => count::write_text(&mut out, &report)?,
        CountFormat::Csv => count::write_csv(&mut out, &report)?,
    }
    out.flush()?;
    Ok(())
}
