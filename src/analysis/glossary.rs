//! Aliases and acronyms: a built-in glossary for the domain, user glossaries in TOML, and
//! entries mined from the corpus. A query naming any form of an entry is expanded to all of its
//! forms (see [`Expander`]).
//!
//! A glossary file holds `[[entry]]` tables:
//!
//! ```toml
//! [[entry]]
//! name = "International Stabilisation Force"
//! variants = ["International Stabilization Force"]
//! acronyms = ["ISF"]
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

use super::analyze;

/// The built-in glossary's TOML text.
pub(crate) const BUILT_IN: &str = include_str!("glossary.toml");

/// One named thing and the ways it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The canonical name.
    pub name: String,
    /// Other names and spellings (words or phrases).
    #[serde(default)]
    pub variants: Vec<String>,
    /// Acronyms.
    #[serde(default)]
    pub acronyms: Vec<String>,
}

impl Entry {
    /// Every form: name, variants, acronyms.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.variants.iter().map(String::as_str))
            .chain(self.acronyms.iter().map(String::as_str))
    }
}

/// Where an entry came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// The glossary built into newsdex.
    BuiltIn,
    /// A user's glossary file.
    File {
        /// The file.
        path: PathBuf,
    },
    /// Defined in the indexed articles themselves, e.g. "Organisation of Islamic Cooperation (OIC)".
    Mined {
        /// How many times the definition was seen.
        count: usize,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::File { path } => write!(f, "{}", path.display()),
            Origin::Mined { count } => write!(f, "mined from the corpus ({count}×)"),
        }
    }
}

/// A glossary file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("glossary {}: {message}", path.display())]
pub struct GlossaryError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong (with the line, for TOML errors).
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(default)]
    entry: Vec<Entry>,
}

/// Entries with their origins, in order of precedence (built-in first).
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The entries.
    pub entries: Vec<(Entry, Origin)>,
}

impl Glossary {
    /// The built-in glossary.
    pub fn built_in() -> Glossary {
        let file: GlossaryFile =
            toml::from_str(BUILT_IN).expect("the built-in glossary is valid TOML");
        Glossary {
            entries: file
                .entry
                .into_iter()
                .map(|e| (e, Origin::BuiltIn))
                .collect(),
        }
    }

    /// Reads a user glossary file.
    pub fn from_file(path: &Path) -> Result<Glossary, GlossaryError> {
        let fail = |message: String| GlossaryError {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
        let file: GlossaryFile =
            toml::from_str(&text).map_err(|e| fail(toml_message(&text, &e)))?;
        for entry in &file.entry {
            if entry.name.trim().is_empty() {
                return Err(fail("an entry has an empty name".into()));
            }
        }
        let origin = Origin::File {
            path: path.to_path_buf(),
        };
        Ok(Glossary {
            entries: file
                .entry
                .into_iter()
                .map(|e| (e, origin.clone()))
                .collect(),
        })
    }

    /// Appends another glossary's entries.
    pub fn extend(&mut self, other: Glossary) {
        self.entries.extend(other.entries);
    }

    /// Prepares the glossary for expanding queries analysed with `analyzer`.
    pub fn expander(&self, analyzer: &mut TextAnalyzer) -> Expander {
        let mut expander = Expander::default();
        for (entry, _) in &self.entries {
            let forms: Vec<Form> = entry
                .forms()
                .map(|form| Form {
                    terms: analyze(analyzer, form)
                        .into_iter()
                        .map(|t| t.term)
                        .collect(),
                    acronym: is_acronym(form),
                    text: form.to_string(),
                })
                .filter(|form| !form.terms.is_empty())
                .collect();
            expander.add_group(&entry.name, forms);
        }
        expander
    }
}

/// A TOML error as one line, with its line number.
fn toml_message(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().to_string();
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

/// Whether a word is written as an acronym: two to eight capitals or digits (dots allowed),
/// at least two of them letters.
pub fn is_acronym(word: &str) -> bool {
    // Called on every word indexed: one pass, no allocation, out at the first lowercase letter.
    let mut length = 0;
    let mut letters = 0;
    for c in word.chars().filter(|&c| c != '.') {
        length += 1;
        if length > 8 {
            return false;
        }
        if c.is_ascii_digit() {
            continue;
        }
        if !c.is_uppercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    length >= 2 && letters >= 2
}

/// One form of a glossary entry after analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Its terms.
    pub terms: Vec<String>,
    /// Whether it is written as an acronym (`ISF`).
    pub acronym: bool,
    /// The form as the glossary writes it (analysed again in each language of the index).
    pub text: String,
}

/// Groups of equivalent term sequences, looked up by any member.
#[derive(Debug, Clone, Default)]
pub struct Expander {
    groups: Vec<Group>,
    by_form: FxHashMap<Vec<String>, usize>,
    longest: usize,
}

/// One set of equivalent forms.
#[derive(Debug, Clone)]
struct Group {
    name: String,
    forms: Vec<Form>,
}

impl Expander {
    /// An expander of entries as [`Expander::entries`] lists them (analysed and merged
    /// already: no two share a form; a form met again is left with its first entry).
    pub(crate) fn from_entries(entries: impl IntoIterator<Item = (String, Vec<Form>)>) -> Self {
        let mut expander = Expander::default();
        for (name, mut forms) in entries {
            let id = expander.groups.len();
            forms.retain(|form| match expander.by_form.entry(form.terms.clone()) {
                std::collections::hash_map::Entry::Occupied(_) => false,
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(id);
                    true
                }
            });
            expander.longest = forms
                .iter()
                .fold(expander.longest, |n, f| n.max(f.terms.len()));
            expander.groups.push(Group { name, forms });
        }
        expander
    }

    /// Adds a set of forms; sets sharing a form are merged.
    fn add_group(&mut self, name: &str, forms: Vec<Form>) {
        let existing = forms
            .iter()
            .find_map(|f| self.by_form.get(&f.terms).copied());
        let id = existing.unwrap_or_else(|| {
            self.groups.push(Group {
                name: name.to_string(),
                forms: Vec::new(),
            });
            self.groups.len() - 1
        });
        for form in forms {
            self.longest = self.longest.max(form.terms.len());
            match self.by_form.get(&form.terms) {
                Some(&other) if other != id => self.merge(other, id),
                Some(_) => {}
                None => {
                    self.by_form.insert(form.terms.clone(), id);
                    self.groups[id].forms.push(form);
                }
            }
        }
    }

    fn merge(&mut self, from: usize, into: usize) {
        let forms = std::mem::take(&mut self.groups[from].forms);
        for form in forms {
            self.by_form.insert(form.terms.clone(), into);
            if !self.groups[into].forms.contains(&form) {
                self.groups[into].forms.push(form);
            }
        }
    }

    /// The forms equivalent to `terms` (including `terms` itself), or `None` when no entry names it.
    pub fn expand(&self, terms: &[String]) -> Option<(&str, &[Form])> {
        let group = &self.groups[*self.by_form.get(terms)?];
        (group.forms.len() > 1).then_some((group.name.as_str(), group.forms.as_slice()))
    }

    /// Every entry (after merging entries that share a form): its name and its forms.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &[Form])> {
        self.groups
            .iter()
            .filter(|g| !g.forms.is_empty())
            .map(|g| (g.name.as_str(), g.forms.as_slice()))
    }

    /// The length of the longest form, in terms.
    pub fn longest_form(&self) -> usize {
        self.longest
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyzer, terms};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn acronyms_are_two_to_eight_capitals_or_digits(word in "[A-Za-z0-9.ÉéĞğΣσ]{0,11}") {
            let compact: Vec<char> = word.chars().filter(|&c| c != '.').collect();
            let expected = (2..=8).contains(&compact.len())
                && compact.iter().all(|c| c.is_uppercase() || c.is_ascii_digit())
                && compact.iter().filter(|c| c.is_alphabetic()).count() >= 2;
            prop_assert_eq!(is_acronym(&word), expected);
        }
    }

    #[test]
    fn acronyms_by_example() {
        for yes in ["ISF", "I.S.F.", "OIC", "COP29", "ÉU", "NATO"] {
            assert!(is_acronym(yes), "{yes}");
        }
        for no in ["Isf", "A", "1990", "G20", "ABCDEFGHI", "U.s.", ""] {
            assert!(!is_acronym(no), "{no}");
        }
    }

    #[test]
    fn built_in_names_expand_to_every_form() {
        let expander = Glossary::built_in().expander(&mut analyzer());
        let (name, forms) = expander.expand(&terms("ISF")).unwrap();
        assert_eq!(name, "International Stabilisation Force");
        let has = |forms: &[Form], text: &str| forms.iter().any(|f| f.terms == terms(text));
        assert!(has(forms, "International Stabilization Force"));
        assert!(forms.iter().any(|f| f.acronym && f.terms == ["isf"]));
        let (_, forms) = expander.expand(&terms("Qarabağ")).unwrap();
        assert!(has(forms, "Karabakh"));
        assert!(has(forms, "Nagorno-Karabakh"));
        assert!(has(forms, "Artsakh"));
        assert!(expander.expand(&terms("Baku")).is_none());
    }

    #[test]
    fn british_and_american_forms_collapse_to_one() {
        let expander = Glossary::built_in().expander(&mut analyzer());
        let (_, forms) = expander.expand(&terms("OIC")).unwrap();
        let spellings = forms
            .iter()
            .filter(|f| f.terms == terms("Organization of Islamic Cooperation"))
            .count();
        assert_eq!(
            spellings, 1,
            "analysis already joins organisation/organization"
        );
    }

    #[test]
    fn user_files_add_and_merge_entries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(
            &path,
            "[[entry]]\nname = \"Garabagh\"\nvariants = [\"Upper Karabakh\"]\n",
        )
        .unwrap();
        let mut glossary = Glossary::built_in();
        glossary.extend(Glossary::from_file(&path).unwrap());
        let expander = glossary.expander(&mut analyzer());
        let (_, forms) = expander.expand(&terms("Karabakh")).unwrap();
        assert!(forms.iter().any(|f| f.terms == terms("Upper Karabakh")));
    }

    #[test]
    fn bad_files_are_named_with_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "[[entry]]\nname = \"x\"\nvariant = [\"y\"]\n").unwrap();
        let message = Glossary::from_file(&path).unwrap_err().to_string();
        assert!(
            message.contains("bad.toml: line 3: unknown field `variant`"),
            "{message}"
        );
    }
}
