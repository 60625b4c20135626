//! `newsdex check`: every file of the index read and compared with its checksum.

use newsdex::index::verify;

use super::args::CheckArgs;

/// Runs `newsdex check`.
pub fn run_check(args: CheckArgs) -> anyhow::Result<()> {
    let checked = verify(&args.index)?;
    println!(
        "{}: {} segment{}, {} files ({:.2} MB) read; every checksum matches",
        args.index.display(),
        checked.segments,
        if checked.segments == 1 { "" } else { "s" },
        checked.files,
        checked.bytes as f64 / 1e6,
    );
    Ok(())
}
