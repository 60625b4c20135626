//! Whether letter case carries information in a text. In text written in capitals (old wire
//! copy, telex, headlines in capitals) every short word looks like an acronym, so capitals tell
//! nothing there; in ordinary text a word in capitals is a name or an acronym (the truecasing
//! idea of Lita et al., 2003, reduced to one decision per text).

/// A text of fewer words in capitals than this reads as ordinary text (a headline or query of
/// one or two acronyms: `OPEC`, `ISF talks`).
const MIN_WORDS_IN_CAPITALS: usize = 3;

/// Whether `text` is written in capitals: at least [`MIN_WORDS_IN_CAPITALS`] of its words are
/// written wholly in capitals and they outnumber the words with a lowercase letter.
pub fn in_capitals(text: &str) -> bool {
    let mut capitals = 0usize;
    let mut lower = 0usize;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let mut has_upper = false;
        let mut has_lower = false;
        for c in word.chars() {
            has_upper |= c.is_uppercase();
            has_lower |= c.is_lowercase();
        }
        if has_lower {
            lower += 1;
        } else if has_upper {
            capitals += 1;
        }
    }
    capitals >= MIN_WORDS_IN_CAPITALS && capitals > lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_told_from_acronyms() {
        assert!(in_capitals("BAHIA COCOA REVIEW"));
        assert!(in_capitals(
            "THE BANK OF JAPAN SAID ON TUESDAY IT WOULD HOLD RATES."
        ));
        assert!(!in_capitals("OPEC"));
        assert!(!in_capitals("ISF talks"));
        assert!(!in_capitals(
            "The ISF and the OIC met the UN envoy in New York."
        ));
        assert!(!in_capitals("no capitals at all"));
        assert!(!in_capitals("1987 2,000"));
    }
}
