//! What incremental indexing remembers: the folders and files given to `newsdex index`, and for
//! each file its size, modification time, content hash and number of articles. The manifest is
//! the payload of the tantivy commit, so it is committed atomically with the documents.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::error::{Error, Result};

/// The folders and files an index was built from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Canonical paths of the inputs given to `newsdex index` (none inside another).
    pub roots: BTreeSet<PathBuf>,
    /// Every file read, by canonical path (the key its articles are deleted by).
    pub files: BTreeMap<String, FileEntry>,
    /// The file of story signatures committed with the documents (see `signatures`); none in
    /// an index written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatures: Option<String>,
}

/// What is remembered of one file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the Unix epoch (0 when unknown or earlier).
    pub mtime_ns: u64,
    /// A 64-bit hash of the file's bytes.
    pub hash: u64,
    /// Articles it gave.
    pub articles: usize,
}

impl Manifest {
    /// The manifest of the last commit of `index`; empty for an index that has none.
    pub(crate) fn load(index: &Index, index_path: &Path) -> Result<Manifest> {
        let metas = index
            .load_metas()
            .map_err(|e| super::reader::damaged(index_path, e))?;
        match metas.payload {
            None => Ok(Manifest::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| Error::Damaged {
                path: index_path.to_path_buf(),
                detail: format!("unreadable manifest: {e}"),
            }),
        }
    }

    /// The manifest as the JSON of a commit payload.
    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(self).expect("manifest serialises")
    }

    /// Remembers `root`, unless a remembered root already holds it; roots inside it are
    /// forgotten, since it now covers them.
    pub(crate) fn add_root(&mut self, root: &Path) {
        if self.roots.iter().any(|r| root.starts_with(r)) {
            return;
        }
        self.roots.retain(|r| !r.starts_with(root));
        self.roots.insert(root.to_path_buf());
    }

    /// The remembered files under any of `roots` (a root may be a single file).
    pub(crate) fn files_under<'a>(
        &'a self,
        roots: &'a [PathBuf],
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.files
            .keys()
            .filter(|key| roots.iter().any(|root| Path::new(key).starts_with(root)))
            .map(String::as_str)
    }
}

/// The canonical path of a file, the key under which its articles are replaced.
pub(crate) fn file_key(path: &Path) -> String {
    canonical(path).display().to_string()
}

/// A path made absolute with links resolved, or as given when that fails.
pub(crate) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A file's size and modification time (nanoseconds since the epoch).
pub(crate) fn fingerprint(path: &Path) -> std::io::Result<(u64, u64)> {
    let meta = std::fs::metadata(path)?;
    let mtime = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    Ok((meta.len(), mtime))
}

/// A fast, deterministic (not cryptographic) 64-bit hash of a file's bytes.
pub(crate) fn content_hash(path: &Path) -> std::io::Result<u64> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = DefaultHasher::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(hasher.finish());
        }
        hasher.write(&buffer[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_inside_a_remembered_root_are_covered_by_it() {
        let mut manifest = Manifest::default();
        manifest.add_root(Path::new("/data/news/bbc"));
        manifest.add_root(Path::new("/data/other"));
        manifest.add_root(Path::new("/data/news"));
        manifest.add_root(Path::new("/data/news/cnn"));
        let roots: Vec<_> = manifest
            .roots
            .iter()
            .map(|r| r.display().to_string())
            .collect();
        assert_eq!(roots, ["/data/news", "/data/other"]);
    }

    #[test]
    fn files_under_a_root_are_matched_by_whole_components() {
        let mut manifest = Manifest::default();
        let entry = FileEntry {
            size: 1,
            mtime_ns: 1,
            hash: 1,
            articles: 1,
        };
        for key in ["/data/news/a.txt", "/data/newsroom/b.txt", "/data/c.txt"] {
            manifest.files.insert(key.to_string(), entry);
        }
        let roots = [PathBuf::from("/data/news"), PathBuf::from("/data/c.txt")];
        let under: Vec<_> = manifest.files_under(&roots).collect();
        assert_eq!(under, ["/data/c.txt", "/data/news/a.txt"]);
    }

    #[test]
    fn the_hash_depends_on_the_bytes_only() {
        let dir = tempfile::tempdir().unwrap();
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.path().join("a"), &big).unwrap();
        std::fs::write(dir.path().join("b"), &big).unwrap();
        std::fs::write(dir.path().join("c"), &big[1..]).unwrap();
        let hash = |name: &str| content_hash(&dir.path().join(name)).unwrap();
        assert_eq!(hash("a"), hash("b"));
        assert_ne!(hash("a"), hash("c"));
    }
}
