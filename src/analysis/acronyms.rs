//! Finding acronyms that articles define themselves: "the International Stabilisation Force
//! (ISF)" or "OIC (Organisation of Islamic Cooperation)". Each definition found becomes a
//! glossary entry of the index, with the number of times it was seen.

use std::collections::BTreeMap;

use super::glossary::{Entry, Glossary, Origin};

/// Short words an expansion may contain that do not give a letter to the acronym.
const LINKING_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "de", "du", "des", "&", "to",
];
/// An acronym has this many letters at least and at most.
const ACRONYM_LETTERS: std::ops::RangeInclusive<usize> = 2..=8;

/// Acronym definitions found in `text`, as (acronym, expansion) pairs.
pub fn definitions(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('(') {
        let at = offset + open;
        let Some(close) = text[at..].find(')').map(|c| at + c) else {
            break;
        };
        let inside = text[at + 1..close].trim();
        if is_acronym(inside) {
            if let Some(expansion) = expansion_before(&text[..at], inside) {
                found.push((inside.to_string(), expansion));
            }
        } else if let Some(acronym) = acronym_before(&text[..at]) {
            if initials_match(&words(inside), &acronym).is_some_and(|start| start == 0) {
                found.push((acronym, inside.to_string()));
            }
        }
        offset = at + 1;
        rest = &text[offset..];
    }
    found
}

/// Parenthesised acronyms are capitals only (no digits, no dots).
fn is_acronym(word: &str) -> bool {
    ACRONYM_LETTERS.contains(&word.chars().count()) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// Words with their byte spans, split at whitespace and hyphens, without surrounding punctuation.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let separator = c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/');
        match (separator, start) {
            (true, Some(s)) => {
                let word = text[s..i].trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
                if !word.is_empty() {
                    out.push((s, word));
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// Matches the acronym's letters against the initials of the last words, linking words allowed
/// in between; returns the index of the first word of the expansion.
fn initials_match(words: &[(usize, &str)], acronym: &str) -> Option<usize> {
    let mut letters: Vec<char> = acronym.chars().collect();
    let mut i = words.len();
    while let Some(&letter) = letters.last() {
        i = i.checked_sub(1)?;
        let word = words[i].1;
        let initial = word.chars().next()?;
        if initial.to_ascii_uppercase() == letter && initial.is_uppercase() {
            letters.pop();
        } else if !LINKING_WORDS.contains(&word.to_lowercase().as_str()) {
            return None;
        }
    }
    Some(i)
}

fn expansion_before(before: &str, acronym: &str) -> Option<String> {
    let window_start = before.len().saturating_sub(200);
    let window_start = (window_start..before.len()).find(|&i| before.is_char_boundary(i))?;
    let window = &before[window_start..];
    let words = words(window);
    let first = initials_match(&words, acronym)?;
    let text = window[words[first].0..].trim_end();
    Some(
        text.trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string(),
    )
}

fn acronym_before(before: &str) -> Option<String> {
    let word = before.trim_end().rsplit(char::is_whitespace).next()?;
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    is_acronym(word).then(|| word.to_string())
}

/// Counts definitions over many texts and turns them into glossary entries: for each acronym,
/// its most frequent expansion, plus any other seen at least twice.
#[derive(Debug, Clone, Default)]
pub struct AcronymCounts {
    counts: BTreeMap<(String, String), usize>,
}

impl AcronymCounts {
    /// Counts the definitions in one text.
    pub fn add_text(&mut self, text: &str) {
        for (acronym, expansion) in definitions(text) {
            *self
                .counts
                .entry((acronym, normalise(&expansion)))
                .or_default() += 1;
        }
    }

    /// Adds another set of counts.
    pub fn merge(&mut self, other: AcronymCounts) {
        for (key, n) in other.counts {
            *self.counts.entry(key).or_default() += n;
        }
    }

    /// Records a definition seen `count` times, keeping the larger count when it is known already
    /// (re-reading the same files must not inflate counts).
    pub fn keep_max(&mut self, acronym: &str, expansion: &str, count: usize) {
        let n = self
            .counts
            .entry((acronym.to_string(), expansion.to_string()))
            .or_default();
        *n = (*n).max(count);
    }

    /// The counted definitions: (acronym, expansion, count), by acronym.
    pub fn definitions(&self) -> impl Iterator<Item = (&str, &str, usize)> {
        self.counts
            .iter()
            .map(|((a, e), n)| (a.as_str(), e.as_str(), *n))
    }

    /// Glossary entries for the acronyms found.
    pub fn glossary(&self) -> Glossary {
        let mut by_acronym: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
        for (acronym, expansion, n) in self.definitions() {
            by_acronym.entry(acronym).or_default().push((expansion, n));
        }
        let mut glossary = Glossary::default();
        for (acronym, mut expansions) in by_acronym {
            expansions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let total: usize = expansions.iter().map(|e| e.1).sum();
            let (name, _) = expansions[0];
            let variants = expansions[1..]
                .iter()
                .filter(|e| e.1 >= 2)
                .map(|e| e.0.to_string())
                .collect();
            glossary.entries.push((
                Entry {
                    name: name.to_string(),
                    variants,
                    acronyms: vec![acronym.to_string()],
                },
                Origin::Mined { count: total },
            ));
        }
        glossary
    }
}

/// Whitespace folded, a leading "the" dropped.
fn normalise(expansion: &str) -> String {
    let words: Vec<&str> = expansion.split_whitespace().collect();
    let words = match words.first() {
        Some(w) if w.eq_ignore_ascii_case("the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        definitions(text)
    }

    #[test]
    fn expansion_then_acronym() {
        assert_eq!(
            pairs("a proposed International Stabilisation Force (ISF) in Gaza"),
            [("ISF".into(), "International Stabilisation Force".into())]
        );
        assert_eq!(
            pairs("member of the Organisation of Islamic Cooperation (OIC) and"),
            [("OIC".into(), "Organisation of Islamic Cooperation".into())]
        );
        assert_eq!(
            pairs("the Azerbaijan National Agency for Mine Action (ANAMA) said"),
            [(
                "ANAMA".into(),
                "Azerbaijan National Agency for Mine Action".into()
            )]
        );
        assert_eq!(
            pairs("the Baku-Tbilisi-Ceyhan (BTC) pipeline"),
            [("BTC".into(), "Baku-Tbilisi-Ceyhan".into())]
        );
    }

    #[test]
    fn acronym_then_expansion() {
        assert_eq!(
            pairs("the ISF (International Stabilisation Force) will"),
            [("ISF".into(), "International Stabilisation Force".into())]
        );
    }

    #[test]
    fn non_definitions_are_ignored() {
        assert!(pairs("prices rose (about 5%) in the EU (as expected)").is_empty());
        assert!(
            pairs("the new rules (NR) took effect").is_empty(),
            "lowercase words give no initials"
        );
        assert!(pairs("(").is_empty());
        assert!(pairs("x (ABC").is_empty());
    }

    #[test]
    fn counts_become_entries_with_their_most_frequent_expansion() {
        let mut counts = AcronymCounts::default();
        counts.add_text("the European Community (EC) met. The European Commission (EC) said.");
        counts.add_text("the European Community (EC) again");
        let glossary = counts.glossary();
        let (entry, origin) = &glossary.entries[0];
        assert_eq!(entry.name, "European Community");
        assert!(
            entry.variants.is_empty(),
            "a single sighting is not kept as a variant"
        );
        assert_eq!(origin, &Origin::Mined { count: 3 });
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = definitions(&text);
        }

        #[test]
        fn parenthesis_soup_never_panics(parts in proptest::collection::vec(
            prop_oneof![Just("("), Just(")"), Just("ISF"), Just(" of "), Just("Force"), Just("ğ"), Just("-")], 0..30)) {
            let _ = definitions(&parts.concat());
        }
    }
}
