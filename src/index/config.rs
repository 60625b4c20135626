//! The settings an index remembers for later runs of `newsdex index`, kept in `newsdex.toml` in
//! the index directory: the field mapping (`--field`) and the file selection (`--glob`,
//! `--exclude`). A run uses the remembered settings with its own on top: a `--field` for a role
//! replaces the remembered field of that role, and `--glob`/`--exclude` patterns, when a run
//! gives any, replace the remembered patterns. The file is written (atomically) only once the
//! run's documents are committed, or when the run finds nothing to change.
//!
//! ```toml
//! glob = ["*.sgm"]
//! exclude = ["meta/**"]
//!
//! [fields]
//! body = "copy"
//! title = "hed"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::reader::write_atomically;
use crate::error::{Error, Result};
use crate::ingest::{FieldMap, FieldRole, FileSelection, ReadOptions};

/// The file in the index directory that holds the remembered settings.
pub const CONFIG_FILE: &str = "newsdex.toml";

/// The first lines of the file, for whoever opens it.
const HEADER: &str =
    "# Settings `newsdex index` remembers for this index and reuses on every later run.\n\
                      # Give --field, --glob or --exclude to change them.\n\n";

/// The settings an index remembers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexConfig {
    /// The user's choices of field per role for JSON and CSV/TSV records.
    pub fields: FieldMap,
    /// Which files under the folders are read.
    pub selection: FileSelection,
}

/// `newsdex.toml` as written.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    glob: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    exclude: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, String>,
}

impl IndexConfig {
    /// The settings the read options use.
    pub fn of(read: &ReadOptions) -> IndexConfig {
        IndexConfig {
            fields: read.fields.clone(),
            selection: read.selection.clone(),
        }
    }

    /// No setting is remembered.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.selection.is_empty()
    }

    /// The settings remembered in the index at `index_path` (none when it has no
    /// `newsdex.toml`). Fails, naming the file, when it cannot be read or understood.
    pub fn load(index_path: &Path) -> Result<IndexConfig> {
        let path = index_path.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(IndexConfig::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let bad = |detail: String| Error::Config {
            path: path.clone(),
            detail,
        };
        let file: ConfigFile = toml::from_str(&text).map_err(|e| bad(e.message().to_string()))?;
        let mut fields = FieldMap::default();
        for (role, field) in file.fields {
            let role: FieldRole = role.parse().map_err(|e| bad(format!("{e}")))?;
            fields.set(role, field);
        }
        let selection =
            FileSelection::new(file.glob, file.exclude).map_err(|e| bad(e.to_string()))?;
        Ok(IndexConfig { fields, selection })
    }

    /// The read options a run uses: `given` (the run's own), with the remembered field of every
    /// role it does not set, and the remembered selection unless it gives patterns of its own.
    pub fn apply(&self, given: &ReadOptions) -> ReadOptions {
        let mut fields = self.fields.clone();
        for (role, field) in given.fields.iter() {
            fields.set(role, field);
        }
        let selection = if given.selection.is_empty() {
            self.selection.clone()
        } else {
            given.selection.clone()
        };
        ReadOptions {
            fields,
            selection,
            ..given.clone()
        }
    }

    /// Writes the settings to the index at `index_path`, unless it already holds them.
    pub fn save(&self, index_path: &Path) -> Result<()> {
        if IndexConfig::load(index_path).ok().as_ref() == Some(self) {
            return Ok(());
        }
        let file = ConfigFile {
            glob: self.selection.globs().to_vec(),
            exclude: self.selection.excludes().to_vec(),
            fields: self
                .fields
                .iter()
                .map(|(role, field)| (role.name().to_string(), field.to_string()))
                .collect(),
        };
        let text = toml::to_string(&file).map_err(|e| Error::Config {
            path: index_path.join(CONFIG_FILE),
            detail: e.to_string(),
        })?;
        write_atomically(
            &index_path.join(CONFIG_FILE),
            format!("{HEADER}{text}").as_bytes(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FieldOverride;

    fn config(fields: &[&str], globs: &[&str], excludes: &[&str]) -> IndexConfig {
        let owned = |p: &[&str]| p.iter().map(|s| s.to_string()).collect();
        IndexConfig {
            fields: fields
                .iter()
                .map(|f| f.parse::<FieldOverride>().unwrap())
                .collect(),
            selection: FileSelection::new(owned(globs), owned(excludes)).unwrap(),
        }
    }

    #[test]
    fn saved_settings_load_back() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            IndexConfig::load(dir.path()).unwrap(),
            IndexConfig::default()
        );
        IndexConfig::default().save(dir.path()).unwrap();
        assert!(
            !dir.path().join(CONFIG_FILE).exists(),
            "nothing to remember"
        );

        let settings = config(&["body=copy", "title=hed"], &["*.sgm"], &["meta/**"]);
        settings.save(dir.path()).unwrap();
        assert_eq!(IndexConfig::load(dir.path()).unwrap(), settings);
        let text = std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap();
        assert!(
            text.starts_with("# Settings `newsdex index` remembers"),
            "{text}"
        );
        assert!(
            text.ends_with("glob = [\"*.sgm\"]\nexclude = [\"meta/**\"]\n\n[fields]\nbody = \"copy\"\ntitle = \"hed\"\n"),
            "{text}"
        );
        assert!(!dir.path().join("newsdex.tmp").exists());
    }

    #[test]
    fn a_run_replaces_what_it_gives() {
        let remembered = config(&["body=copy", "title=hed"], &["*.sgm"], &[]);
        let mut given = ReadOptions {
            fields: ["title=headline"]
                .iter()
                .map(|f| f.parse::<FieldOverride>().unwrap())
                .collect(),
            ..ReadOptions::default()
        };
        let used = remembered.apply(&given);
        assert_eq!(used.fields.get(FieldRole::Title), Some("headline"));
        assert_eq!(used.fields.get(FieldRole::Body), Some("copy"));
        assert_eq!(used.selection.globs(), ["*.sgm"]);

        given.selection = FileSelection::new(vec![], vec!["dev/**".into()]).unwrap();
        let used = remembered.apply(&given);
        assert!(used.selection.globs().is_empty());
        assert_eq!(used.selection.excludes(), ["dev/**"]);
    }

    #[test]
    fn a_bad_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        for (text, message) in [
            (
                "[fields]\nheadline = \"hed\"\n",
                "unknown field role \"headline\"",
            ),
            ("glob = [\"a[\"]\n", "bad glob pattern \"a[\""),
            ("globs = []\n", "unknown field `globs`"),
            ("glob = \n", "string values must be quoted"),
        ] {
            std::fs::write(&path, text).unwrap();
            let err = IndexConfig::load(dir.path()).unwrap_err().to_string();
            assert!(err.starts_with(&path.display().to_string()), "{err}");
            assert!(err.contains(message), "{text:?}: {err}");
        }
    }
}
