//! The story signatures kept beside the index (`stories-N.sig`), so that a later run adds its
//! new articles to the stories already indexed: for each article with a signature, its MinHash
//! signature, date and story id, grouped by the file that gave it (the key its documents are
//! replaced by), so that the signatures of a file read again or gone go with its documents.
//!
//! A run writes a new file under a new name once its first pass has settled the stories, so
//! that the signatures leave memory before the second pass; the manifest committed with the
//! documents names it. A run killed before its commit leaves the file named by the last commit
//! untouched; the files no commit names are removed after the next commit. A later run reads
//! the file as a stream, never whole in memory. A missing or unreadable file (or an index
//! written before these files existed) gives no signatures: the run's articles are grouped
//! among themselves only.
//!
//! On disk (little-endian): [`MAGIC`], then per file its key (u32 length, UTF-8 bytes) and its
//! count of articles (u32), then per article its date (i64 Unix seconds, `i64::MIN` when
//! undated), its signature ([`SIGNATURE_BYTES`]) and its story id (u32 length, UTF-8 bytes):
//! 272 bytes per article besides its story id.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
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
        let Some(file) = name.and_then(|n| File::open(index_path.join(n)).ok()) else {
            return StoredSignatures::default();
        };
        let dropped: HashSet<&str> = dropped.iter().map(String::as_str).collect();
        parse(&mut BufReader::with_capacity(1 << 16, file), &dropped).unwrap_or_default()
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
            // One article at a time, so that writing takes no memory beyond the signatures.
            let mut buffer = Vec::new();
            for (key, articles) in old.chain(new).filter(|(_, a)| !a.is_empty()) {
                buffer.clear();
                put_str(&mut buffer, key);
                buffer.extend_from_slice(&(articles.len() as u32).to_le_bytes());
                out.write_all(&buffer)?;
                for article in articles {
                    buffer.clear();
                    buffer.extend_from_slice(&article.date.unwrap_or(i64::MIN).to_le_bytes());
                    article.signature.write_to(&mut buffer);
                    put_str(&mut buffer, &article.story);
                    out.write_all(&buffer)?;
                }
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

/// Reads a signatures file as a stream (never whole in memory), leaving out the files keyed in
/// `dropped`; `None` when it is not one or is cut short.
fn parse(input: &mut impl Read, dropped: &HashSet<&str>) -> Option<StoredSignatures> {
    let mut magic = [0u8; MAGIC.len()];
    input.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    let mut stored = StoredSignatures::default();
    let mut signature = [0u8; SIGNATURE_BYTES];
    while let Some(key) = read_str_or_end(input)? {
        let count = read_u32(input)? as usize;
        let keep = !dropped.contains(key.as_str());
        for _ in 0..count {
            let mut date = [0u8; 8];
            input.read_exact(&mut date).ok()?;
            let date = i64::from_le_bytes(date);
            input.read_exact(&mut signature).ok()?;
            let signature = Signature::read_from(&signature)?;
            let story = read_str(input)?;
            if keep {
                stored.articles.push(StorySignature {
                    signature: Box::new(signature),
                    date: (date != i64::MIN).then_some(date),
                    story,
                });
            }
        }
        if keep {
            stored.files.push((key, count));
        }
    }
    Some(stored)
}

fn read_u32(input: &mut impl Read) -> Option<u32> {
    let mut bytes = [0u8; 4];
    input.read_exact(&mut bytes).ok()?;
    Some(u32::from_le_bytes(bytes))
}

/// A length-prefixed string.
fn read_str(input: &mut impl Read) -> Option<String> {
    let n = read_u32(input)?;
    read_string(input, n)
}

/// Like [`read_str`], but `Some(None)` at the end of the input (before the length's first byte).
fn read_str_or_end(input: &mut impl Read) -> Option<Option<String>> {
    let mut first = [0u8; 1];
    loop {
        match input.read(&mut first) {
            Ok(0) => return Some(None),
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
    let mut rest = [0u8; 3];
    input.read_exact(&mut rest).ok()?;
    let n = u32::from_le_bytes([first[0], rest[0], rest[1], rest[2]]);
    read_string(input, n).map(Some)
}

/// The next `n` bytes, as UTF-8. They are read as they come, so that a damaged length cannot
/// ask for more memory than the file holds.
fn read_string(input: &mut impl Read, n: u32) -> Option<String> {
    let mut bytes = Vec::new();
    input.take(u64::from(n)).read_to_end(&mut bytes).ok()?;
    if bytes.len() != n as usize {
        return None;
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(seed: usize, story: &str, date: Option<i64>) -> StorySignature {
        let words: Vec<String> = (0..60).map(|i| format!("w{seed}x{i}")).collect();
        StorySignature {
            signature: Box::new(Signature::of("T", &[words.join(" ")]).unwrap()),
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
        let mut huge_key = bytes.clone();
        huge_key[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        std::fs::write(&path, &huge_key).unwrap();
        assert!(StoredSignatures::load(dir.path(), Some(&name), &[])
            .articles
            .is_empty());
        for cut in [1, 8, MAGIC.len() + 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(StoredSignatures::load(dir.path(), Some(&name), &[])
                .articles
                .is_empty());
        }
    }
}
