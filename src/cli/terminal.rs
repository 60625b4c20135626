//! The width of the terminal the views draw for.

/// Columns assumed when neither `COLUMNS` nor the terminal tells.
const DEFAULT_WIDTH: usize = 100;
/// Narrower widths are not honoured.
const MIN_WIDTH: usize = 40;

/// The width to draw for: `COLUMNS` when set, else the terminal's on stdout, else 100; never
/// less than 40.
pub fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .map_or(DEFAULT_WIDTH, |w: usize| w.max(MIN_WIDTH))
}
