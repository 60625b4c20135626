//! Files an index keeps beside its documents: the user's glossary (`glossary.toml`, used by
//! every search of the index) and the acronyms mined from its articles (`acronyms.json`);
//! the two analysed with the built-in glossary are kept too ([`super::expansions`]).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::reader::{write_atomically, NewsIndex};
use crate::analysis::{AcronymCounts, Glossary};
use crate::error::{Error, Result};

/// The user glossary stored with an index.
pub const USER_GLOSSARY: &str = "glossary.toml";
/// The acronyms mined from the index's articles.
pub const MINED_ACRONYMS: &str = "acronyms.json";

#[derive(Serialize, Deserialize)]
struct MinedDefinition {
    acronym: String,
    expansion: String,
    count: usize,
}

impl NewsIndex {
    /// The glossary every search of this index uses: built-in entries, the acronyms mined from
    /// its articles, the glossary stored with it, and `extra` (a user's file) when given.
    pub fn glossary(&self, extra: Option<&Path>) -> Result<Glossary> {
        glossary_at(self.path(), extra)
    }
}

/// The glossary of the index at `index_path` ([`NewsIndex::glossary`]).
pub(crate) fn glossary_at(index_path: &Path, extra: Option<&Path>) -> Result<Glossary> {
    let mut glossary = Glossary::built_in();
    glossary.extend(load_acronyms(index_path)?.glossary());
    let stored = index_path.join(USER_GLOSSARY);
    if stored.is_file() {
        glossary.extend(Glossary::from_file(&stored)?);
    }
    if let Some(path) = extra {
        glossary.extend(Glossary::from_file(path)?);
    }
    Ok(glossary)
}

/// The acronyms mined into the index at `index_path` (none when the file is missing).
pub fn load_acronyms(index_path: &Path) -> Result<AcronymCounts> {
    let path = index_path.join(MINED_ACRONYMS);
    let mut counts = AcronymCounts::default();
    if !path.is_file() {
        return Ok(counts);
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let definitions: Vec<MinedDefinition> = serde_json::from_slice(&bytes).map_err(|e| {
        Error::io(
            &path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    for d in definitions {
        counts.keep_max(&d.acronym, &d.expansion, d.count);
    }
    Ok(counts)
}

/// Records mined acronyms: merged with those already stored (larger count kept), or replacing
/// them on a rebuild.
pub fn save_acronyms(index_path: &Path, mined: &AcronymCounts, replace: bool) -> Result<()> {
    let mut counts = if replace {
        AcronymCounts::default()
    } else {
        load_acronyms(index_path)?
    };
    for (acronym, expansion, count) in mined.definitions() {
        counts.keep_max(acronym, expansion, count);
    }
    let list: Vec<MinedDefinition> = counts
        .definitions()
        .map(|(acronym, expansion, count)| MinedDefinition {
            acronym: acronym.to_string(),
            expansion: expansion.to_string(),
            count,
        })
        .collect();
    let json = serde_json::to_vec_pretty(&list).expect("definitions serialise");
    write_atomically(&index_path.join(MINED_ACRONYMS), &json)
}

/// Checks a user glossary and stores a copy of it with the index.
pub fn install_glossary(index_path: &Path, file: &Path) -> Result<()> {
    Glossary::from_file(file)?;
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    write_atomically(&index_path.join(USER_GLOSSARY), &bytes)
}
