//! The story signatures kept beside the index (`stories-N.sig`), so that a later run adds its
//! new articles to the stories already indexed: for each article with a signature, its MinHash
//! signature, date and story id, grouped by the file that gave it (the key its documents are
//! replaced by), so that the signatures of a file read again or gone go with its documents.
//!
//! A run writes a new file under a new name once its first pass has settled the stories, so
//! that the signatures leave memory before the second pass; the manifest committed with the
//! documents names it. A run killed before its commit leaves the file named by the last commit
//! untouched; the files no commit names are removed after the next commit. A missing or unreadable file (or an index written before these files existed)
//! gives no signatures: the run's articles are grouped among themselves only.
//!
//! On disk (little-endian): [`MAGIC`], then per file its key (u32 length, UTF-8 bytes) and its
//! count of articles (u32), then per article its date (i64 Unix seconds, `i64::MIN` when
//! undated), its signature ([`SIGNATURE_BYTES`]) and its story id (u32 length, UTF-8 bytes):
//! 272 bytes per article besides its story id.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};
use crate::ingest::{Signature, StorySignature, SIGNATURE_BYTES};

/// The first bytes of a signatures file (with its format's version).
const MAGIC: &[u8; 12] = b"newsdex-sig1";
/// The start and end of a signatures file's name.
const PREFIX: &str = "stories-";
const SUFFIX: &str = ".sig";

/// The signatures of the indexed articles, per file.
#[derive(Debug, Default)]
pub(crate) struct StoredSignatures {
    /// Every article's signature, the files' in turn.
    pub(crate) articles: Vec<StorySignature>,
    /// The key of each file and how many of `articles` it gave, in order.
    files: Vec<(String, usize)>,
}

impl StoredSignatures {
    /// The signatures in the file `name` of the index at `index_path`, without those of the
    /// files keyed in `dropped`; none when there is no such file or it cannot be read.
    pub(crate) fn load(index_path: &Path, name: Option<&str>, dropped: &[String]) -> Self {
        let Some(bytes) = name.and_then(|n| std::fs::read(index_path.join(n)).ok()) else {
            return StoredSignatures::default();
        };
        let dropped: HashSet<&str> = dropped.iter().map(String::as_str).collect();
        parse(&bytes, &dropped).unwrap_or_default()
    }

    /// Writes these signatures and then `new` (per file, keyed by `keys` in the same order)
    /// to a new file in the index at `index_path` (a name no file there has), written whole
    /// before it takes its name; returns the name.
    pub(crate) fn save(
        &self,
        index_path: &Path,
        keys: &[&str],
        new: &[Vec<StorySignature>],
    ) -> Result<String> {
        let name = new_name(index_path);
        let path = index_path.join(&name);
        let tmp = path.with_extension("tmp");
        let write = || -> std::io::Result<()> {
            let file = File::create(&tmp)?;
            let mut out = BufWriter::new(file);
            out.write_all(MAGIC)?;
            let mut start = 0;
            let old = self.files.iter().map(|(key, n)| {
                let file = (key.as_str(), &self.articles[start..start + n]);
                start += n;
                file
            });
            let new = keys.iter().copied().zip(new.iter().map(Vec::as_slice));
            let mut buffer = Vec::new();
            for (key, articles) in old.chain(new).filter(|(_, a)| !a.is_empty()) {
                buffer.clear();
                put_str(&mut buffer, key);
                buffer.extend_from_slice(&(articles.len() as u32).to_le_bytes());
                for article in articles {
                    buffer.extend_from_slice(&article.date.unwrap_or(i64::MIN).to_le_bytes());
                    article.signature.write_to(&mut buffer);
                    put_str(&mut buffer, &article.story);
                }
                out.write_all(&buffer)?;
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        };
        write().map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        Ok(name)
    }
}

/// Removes the signatures files of the index at `index_path` other than `kept` (left by
/// earlier commits or by runs that did not commit). Best effort: a file left is only unused.
pub(crate) fn remove_others(index_path: &Path, kept: &str) {
    let Ok(entries) = std::fs::read_dir(index_path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let ours = name.starts_with(PREFIX) && (name.ends_with(SUFFIX) || name.ends_with(".tmp"));
        if ours && name != kept {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A name for a signatures file that no file in the index at `index_path` has: the time in
/// nanoseconds, in hexadecimal.
fn new_name(index_path: &Path) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    (nanos..)
        .map(|n| format!("{PREFIX}{n:x}{SUFFIX}"))
        .find(|name| !index_path.join(name).exists())
        .unwrap_or_default()
}

/// Removes the signatures file `name` of a run that did not commit. Best effort.
pub(crate) fn discard(index_path: &Path, name: &str) {
    let _ = std::fs::remove_file(index_path.join(name));
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
}

/// Reads a signatures file, leaving out the files keyed in `dropped`.
fn parse(bytes: &[u8], dropped: &HashSet<&str>) -> Option<StoredSignatures> {
    let mut input = Input(bytes.strip_prefix(MAGIC)?);
    let mut stored = StoredSignatures::default();
    while !input.0.is_empty() {
        let key = input.str()?;
        let count = input.u32()? as usize;
        let keep = !dropped.contains(key);
        for _ in 0..count {
            let date = i64::from_le_bytes(input.take(8)?.try_into().ok()?);
            let signature = Signature::read_from(input.take(SIGNATURE_BYTES)?)?;
            let story = input.str()?;
            if keep {
                stored.articles.push(StorySignature {
                    signature,
                    date: (date != i64::MIN).then_some(date),
                    story: story.to_string(),
                });
            }
        }
        if keep {
            stored.files.push((key.to_string(), count));
        }
    }
    Some(stored)
}

/// The bytes of a signatures file still to read.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(seed: usize, story: &str, date: Option<i64>) -> StorySignature {
        let words: Vec<String> = (0..60).map(|i| format!("w{seed}x{i}")).collect();
        StorySignature {
            signature: Signature::of("T", &[words.join(" ")]).unwrap(),
            date,
            story: story.into(),
        }
    }

    #[test]
    fn signatures_read_back_without_the_files_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let old = StoredSignatures::default();
        let new = vec![
            vec![signed(1, "a", Some(5)), signed(2, "a", None)],
            vec![],
            vec![signed(3, "c", Some(-7))],
        ];
        let name = old
            .save(dir.path(), &["/x/1", "/x/2", "/x/3"], &new)
            .unwrap();
        assert!(
            name.starts_with("stories-") && name.ends_with(".sig"),
            "{name}"
        );
        let all = StoredSignatures::load(dir.path(), Some(&name), &[]);
        assert_eq!(all.articles, [new[0].clone(), new[2].clone()].concat());
        let some = StoredSignatures::load(dir.path(), Some(&name), &["/x/1".into()]);
        assert_eq!(some.articles, new[2]);
        let name = some
            .save(dir.path(), &["/x/4"], &[vec![signed(4, "d", None)]])
            .unwrap();
        let again = StoredSignatures::load(dir.path(), Some(&name), &[]);
        let stories: Vec<&str> = again.articles.iter().map(|a| a.story.as_str()).collect();
        assert_eq!(stories, ["c", "d"]);
        remove_others(dir.path(), &name);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [name.as_str()]);
    }

    #[test]
    fn a_missing_or_damaged_file_gives_no_signatures() {
        let dir = tempfile::tempdir().unwrap();
        assert!(StoredSignatures::load(dir.path(), None, &[])
            .articles
            .is_empty());
        assert!(
            StoredSignatures::load(dir.path(), Some("stories-1.sig"), &[])
                .articles
                .is_empty()
        );
        let name = StoredSignatures::default()
            .save(dir.path(), &["/x/1"], &[vec![signed(1, "a", None)]])
            .unwrap();
        let path = dir.path().join(&name);
        let bytes = std::fs::read(&path).unwrap();
        for cut in [1, 8, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(StoredSignatures::load(dir.path(), Some(&name), &[])
                .articles
                .is_empty());
        }
    }
}
