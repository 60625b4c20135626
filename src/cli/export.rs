//! `newsdex export`: every article as the index holds it, one JSON object per line (or one
//! JSON array), streamed; or its passages as an xmlpipe2 stream for Sphinx's `indexer`.

use std::io::Write;

use newsdex::engine::passages::shard_of;
use newsdex::engine::XmlPipe;
use newsdex::output::article::export_line;
use newsdex::{NewsIndex, Session};

use super::args::{ExportArgs, ExportFormat};

/// Runs `newsdex export`.
pub fn run_export(args: ExportArgs) -> anyhow::Result<()> {
    let index = NewsIndex::open(&args.index.path)?;
    let session = Session::new(&index);
    let format = args.format();
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::new(stdout.lock());
    if format == ExportFormat::Xmlpipe2 {
        return export_passages(&session, args.shard, out);
    }
    anyhow::ensure!(args.shard.is_none(), "--shard goes with --format xmlpipe2");
    export_articles(&session, format == ExportFormat::Json, out)
}

/// Every article as JSON Lines, or as one JSON `array`.
fn export_articles(session: &Session, array: bool, mut out: impl Write) -> anyhow::Result<()> {
    if array {
        write!(out, "[")?;
    }
    for (i, found) in session.articles()?.enumerate() {
        let found = found?;
        let body = found.body();
        // Serialised apart, so that a closed pipe surfaces as an I/O error of the write.
        let line = serde_json::to_string(&export_line(&found, &body))?;
        match (array, i) {
            (false, _) => writeln!(out, "{line}")?,
            (true, 0) => write!(out, "\n{line}")?,
            (true, _) => write!(out, ",\n{line}")?,
        }
    }
    if array {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    Ok(())
}

/// The passages of every article (of shard I of N only, with `shard`) as xmlpipe2.
fn export_passages(
    session: &Session,
    shard: Option<(usize, usize)>,
    out: impl Write,
) -> anyhow::Result<()> {
    let (shard, shards) = shard.map_or((0, 1), |(i, n)| (i - 1, n));
    let mut pipe = XmlPipe::new(out)?;
    for found in session.articles()? {
        let found = found?;
        if shard_of(&found.id, shards) == shard {
            pipe.article(&found)?;
        }
    }
    pipe.finish()?.flush()?;
    Ok(())
}
