//! The index's glossary analysed once, at indexing time (`expansions.json`), so that a search
//! does not analyse every entry and mined acronym again before it reads its first posting
//! (about 4 ms on an index with seven hundred mined acronyms, a fifth of a cold search).
//!
//! The file records a key of what the analysed glossary was made from: the built-in glossary,
//! the mined acronyms, the stored user glossary, the index format and the newsdex version. A
//! search uses the file only when its key is the key of the files it finds; otherwise (a
//! glossary stored since, another build, a damaged or missing file) it analyses the glossary
//! itself, as it would without the file. Each entry is saved behind the terms of its forms, so
//! that one query parses only the entries its words can name.

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::reader::{write_atomically, FORMAT_VERSION};
use super::store::{glossary_at, MINED_ACRONYMS, USER_GLOSSARY};
use crate::analysis::{self, Expander, Form, BUILT_IN_GLOSSARY};
use crate::error::{Error, Result};

/// The file of the analysed glossary.
const EXPANSIONS_FILE: &str = "expansions.json";

/// What the file holds, as written.
#[derive(Serialize)]
struct Saved {
    /// The key of the inputs ([`inputs_key`]), in hexadecimal.
    key: String,
    /// Each entry: the terms of its forms ([`form_words`]), then its name and analysed forms.
    entries: Vec<(String, SavedEntry)>,
}

/// What the file holds, as read: an entry's name and forms stay unparsed until a query can use
/// them (`entries`: the terms of its forms, then the raw entry).
#[derive(Deserialize)]
struct SavedRaw<'a> {
    #[serde(borrow)]
    key: Cow<'a, str>,
    #[serde(borrow)]
    entries: Vec<(Cow<'a, str>, &'a RawValue)>,
}

/// An entry's name and analysed forms.
type SavedEntry = (String, Vec<SavedForm>);

/// A [`Form`] as saved: its terms, whether it is an acronym, its text (an array, which reads
/// faster than an object with its keys repeated in every form).
type SavedForm = (Vec<String>, bool, String);

/// The terms of an entry's forms, a form's terms joined by spaces and the forms by `|`; empty
/// (the entry is always read) when a term holds either character.
fn form_words(forms: &[Form]) -> String {
    let odd = forms
        .iter()
        .flat_map(|f| &f.terms)
        .any(|t| t.contains([' ', '|']));
    if odd {
        return String::new();
    }
    let forms: Vec<String> = forms.iter().map(|f| f.terms.join(" ")).collect();
    forms.join("|")
}

/// Whether an entry with these form words ([`form_words`]) has a form whose terms are all
/// among `terms` (`None`: every entry is wanted).
fn wanted(words: &str, terms: Option<&FxHashSet<String>>) -> bool {
    let Some(terms) = terms else {
        return true;
    };
    words.is_empty()
        || words
            .split('|')
            .any(|form| form.split(' ').all(|t| terms.contains(t)))
}

/// Analyses the glossary of the index at `index_path` and saves it beside the index.
pub(crate) fn save_expansions(index_path: &Path) -> Result<()> {
    let expander = glossary_at(index_path, None)?.expander(&mut analysis::analyzer());
    let saved = Saved {
        key: format!("{:016x}", inputs_key(index_path)?),
        entries: expander
            .entries()
            .map(|(name, forms)| {
                let saved = forms
                    .iter()
                    .map(|f| (f.terms.clone(), f.acronym, f.text.clone()))
                    .collect();
                (form_words(forms), (name.to_string(), saved))
            })
            .collect(),
    };
    let json = serde_json::to_vec(&saved).expect("analysed forms serialise");
    write_atomically(&index_path.join(EXPANSIONS_FILE), &json)
}

/// Saves the analysed glossary again when the saved one is missing or stale (a newsdex built
/// since, or a damaged file), so that an index nothing is added to gets it too.
pub(crate) fn refresh_expansions(index_path: &Path) -> Result<()> {
    match saved_expander(index_path, None)? {
        Some(_) => Ok(()),
        None => save_expansions(index_path),
    }
}

/// The expander of the index at `index_path`: the saved one when it was made from the glossary
/// files the index holds now, else the glossary analysed afresh.
pub(crate) fn load_expansions(index_path: &Path) -> Result<Expander> {
    if let Some(saved) = saved_expander(index_path, None)? {
        return Ok(saved);
    }
    Ok(glossary_at(index_path, None)?.expander(&mut analysis::analyzer()))
}

/// The part of the saved expander that a query whose words have `terms` can use: the entries
/// with a form made of those terms only (a form is looked up by terms the query holds, so the
/// query expands as with the whole glossary). `None` when the saved file is missing, damaged
/// or stale.
pub(crate) fn saved_expander_for(
    index_path: &Path,
    terms: &FxHashSet<String>,
) -> Result<Option<Expander>> {
    saved_expander(index_path, Some(terms))
}

/// The saved expander (the entries `terms` want, all without them), or `None` when there is
/// none, it is damaged, or its key is stale.
fn saved_expander(
    index_path: &Path,
    terms: Option<&FxHashSet<String>>,
) -> Result<Option<Expander>> {
    let Some(bytes) = read_if_present(&index_path.join(EXPANSIONS_FILE))? else {
        return Ok(None);
    };
    let Ok(saved) = serde_json::from_slice::<SavedRaw>(&bytes) else {
        return Ok(None);
    };
    if saved.key != format!("{:016x}", inputs_key(index_path)?) {
        return Ok(None);
    }
    let mut entries = Vec::new();
    for (words, raw) in saved.entries {
        if !wanted(&words, terms) {
            continue;
        }
        let Ok((name, forms)) = serde_json::from_str::<SavedEntry>(raw.get()) else {
            return Ok(None);
        };
        let forms = forms
            .into_iter()
            .map(|(terms, acronym, text)| Form {
                terms,
                acronym,
                text,
            })
            .collect();
        entries.push((name, forms));
    }
    Ok(Some(Expander::from_entries(entries)))
}

/// A hash of everything the analysed glossary depends on.
fn inputs_key(index_path: &Path) -> Result<u64> {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    FORMAT_VERSION.hash(&mut hasher);
    BUILT_IN_GLOSSARY.hash(&mut hasher);
    for name in [MINED_ACRONYMS, USER_GLOSSARY] {
        read_if_present(&index_path.join(name))?.hash(&mut hasher);
    }
    Ok(hasher.finish())
}

/// The bytes of a file, `None` when it does not exist.
fn read_if_present(path: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analysis::analyze(&mut analysis::analyzer(), text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    fn mined(dir: &Path, expansion: &str) {
        let json = format!(r#"[{{"acronym": "KCA", "expansion": "{expansion}", "count": 9}}]"#);
        std::fs::write(dir.join(MINED_ACRONYMS), json).unwrap();
    }

    #[test]
    fn the_saved_glossary_expands_as_the_glossary_analysed_afresh() {
        let dir = tempfile::tempdir().unwrap();
        mined(dir.path(), "Kestrel Canal Authority");
        save_expansions(dir.path()).unwrap();
        let saved = saved_expander(dir.path(), None)
            .unwrap()
            .expect("the saved file is used");
        let fresh = glossary_at(dir.path(), None)
            .unwrap()
            .expander(&mut analysis::analyzer());
        for query in [
            "ISF",
            "Qarabağ",
            "KCA",
            "Kestrel Canal Authority",
            "parliament",
        ] {
            assert_eq!(
                saved.expand(&terms(query)),
                fresh.expand(&terms(query)),
                "{query}"
            );
        }
        assert!(saved.expand(&terms("KCA")).is_some());
        assert_eq!(saved.longest_form(), fresh.longest_form());
    }

    #[test]
    fn a_query_reads_the_entries_its_terms_can_name_and_expands_as_with_all() {
        let dir = tempfile::tempdir().unwrap();
        mined(dir.path(), "Kestrel Canal Authority");
        save_expansions(dir.path()).unwrap();
        let all = saved_expander(dir.path(), None).unwrap().unwrap();
        for query in [
            "ISF troops",
            "international stabilization force",
            "Garabagh",
            "Kestrel Canal Authority said",
            "canal",
            "nothing glossed here",
        ] {
            let words: FxHashSet<String> = terms(query).into_iter().collect();
            let part = saved_expander_for(dir.path(), &words).unwrap().unwrap();
            assert!(part.entries().count() < all.entries().count(), "{query}");
            let runs = terms(query);
            for start in 0..runs.len() {
                for end in start + 1..=runs.len() {
                    let run = &runs[start..end];
                    assert_eq!(part.expand(run), all.expand(run), "{query}: {run:?}");
                }
            }
        }
        let words: FxHashSet<String> = terms("ISF").into_iter().collect();
        let part = saved_expander_for(dir.path(), &words).unwrap().unwrap();
        let (_, forms) = part.expand(&terms("ISF")).unwrap();
        assert!(forms
            .iter()
            .any(|f| f.text == "International Stabilisation Force"));
        assert!(part.expand(&terms("KCA")).is_none());
    }

    #[test]
    fn form_words_keep_terms_apart_or_ask_to_be_read_always() {
        let form = |terms: &[&str]| Form {
            terms: terms.iter().map(|t| t.to_string()).collect(),
            acronym: false,
            text: String::new(),
        };
        let words = form_words(&[form(&["isf"]), form(&["intern", "stabil", "forc"])]);
        assert_eq!(words, "isf|intern stabil forc");
        let set =
            |terms: &[&str]| -> FxHashSet<String> { terms.iter().map(|t| t.to_string()).collect() };
        assert!(wanted(&words, Some(&set(&["isf", "troop"]))));
        assert!(wanted(&words, Some(&set(&["forc", "stabil", "intern"]))));
        assert!(!wanted(&words, Some(&set(&["stabil", "forc"]))));
        assert!(wanted(&words, None));
        let odd = form_words(&[form(&["a|b"])]);
        assert_eq!(odd, "");
        assert!(wanted(&odd, Some(&set(&[]))));
    }

    #[test]
    fn a_glossary_changed_since_it_was_saved_is_analysed_afresh() {
        let dir = tempfile::tempdir().unwrap();
        mined(dir.path(), "Kestrel Canal Authority");
        save_expansions(dir.path()).unwrap();
        mined(dir.path(), "Kite Control Agency");
        assert!(saved_expander(dir.path(), None).unwrap().is_none());
        let expander = load_expansions(dir.path()).unwrap();
        let (_, forms) = expander.expand(&terms("KCA")).unwrap();
        assert!(forms.iter().any(|f| f.text == "Kite Control Agency"));

        std::fs::write(dir.path().join(USER_GLOSSARY), "").unwrap();
        save_expansions(dir.path()).unwrap();
        assert!(saved_expander(dir.path(), None).unwrap().is_some());
        std::fs::remove_file(dir.path().join(USER_GLOSSARY)).unwrap();
        assert!(saved_expander(dir.path(), None).unwrap().is_none());
    }

    #[test]
    fn a_stale_or_missing_file_is_saved_again_and_a_current_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(EXPANSIONS_FILE);
        refresh_expansions(dir.path()).unwrap();
        assert!(saved_expander(dir.path(), None).unwrap().is_some());
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        refresh_expansions(dir.path()).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified
        );
        mined(dir.path(), "Kestrel Canal Authority");
        refresh_expansions(dir.path()).unwrap();
        let saved = saved_expander(dir.path(), None)
            .unwrap()
            .expect("saved again");
        assert!(saved.expand(&terms("KCA")).is_some());
    }

    #[test]
    fn a_damaged_file_is_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        save_expansions(dir.path()).unwrap();
        let path = dir.path().join(EXPANSIONS_FILE);
        let bytes = std::fs::read(&path).unwrap();
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(
                saved_expander(dir.path(), None).unwrap().is_none(),
                "cut at {cut}"
            );
            assert!(load_expansions(dir.path())
                .unwrap()
                .expand(&terms("ISF"))
                .is_some());
        }
    }
}
