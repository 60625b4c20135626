//! How text for people looks: one palette of terminal styles, and the width to draw for.

/// Columns assumed when neither `COLUMNS` nor the terminal tells.
const DEFAULT_WIDTH: usize = 100;
/// Narrower widths are not honoured.
const MIN_WIDTH: usize = 40;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// The styles of text output: headings bold, metadata dim, matched words bold yellow; plain
/// text when colour is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    color: bool,
}

impl Palette {
    /// A palette that colours (`true`) or writes plain text.
    pub fn new(color: bool) -> Palette {
        Palette { color }
    }

    /// Whether this palette colours.
    pub fn colors(self) -> bool {
        self.color
    }

    /// A heading.
    pub fn bold(self, text: &str) -> String {
        self.paint(BOLD, text)
    }

    /// Metadata and summaries.
    pub fn dim(self, text: &str) -> String {
        self.paint(DIM, text)
    }

    /// A matched word.
    pub fn matched(self, text: &str) -> String {
        self.paint(MATCH, text)
    }

    /// `text` with the byte ranges `ranges` painted as matches (ranges out of order,
    /// overlapping or off character boundaries are left plain).
    pub fn lighted(self, text: &str, ranges: &[std::ops::Range<usize>]) -> String {
        if !self.color {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for range in ranges {
            let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
            else {
                continue;
            };
            out.push_str(before);
            out.push_str(MATCH);
            out.push_str(word);
            out.push_str(RESET);
            at = range.end;
        }
        out.push_str(text.get(at..).unwrap_or_default());
        out
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// The width to draw for: `COLUMNS` when set, else the terminal's on stdout, else 100; never
/// less than 40.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .map_or(DEFAULT_WIDTH, |w: usize| w.max(MIN_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lights_ranges_only_with_colour_and_never_panics() {
        let plain = Palette::new(false);
        let colour = Palette::new(true);
        assert_eq!(
            plain.lighted("the ISF met", std::slice::from_ref(&(4..7))),
            "the ISF met"
        );
        assert_eq!(
            colour.lighted("the ISF met", std::slice::from_ref(&(4..7))),
            "the \x1b[1;33mISF\x1b[0m met"
        );
        assert_eq!(
            colour.lighted("ğa", &[1..2, 5..6, 2..3]),
            "ğ\x1b[1;33ma\x1b[0m"
        );
        assert_eq!(plain.bold("x"), "x");
        assert_eq!(colour.dim("x"), "\x1b[2mx\x1b[0m");
    }
}
