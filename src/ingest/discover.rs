//! Finding the article files under the paths given to `newsdex index` (those a
//! [`FileSelection`] chooses), and telling their format: by extension (after any `.gz`), or by
//! content for a name without extension (see [`sniff`]).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::select::{FileSelection, DOCUMENTATION_STEMS};
use super::{Compression, Format, Skip, SkipReason};
use crate::error::{Error, Result};

/// A file found under an input path, with the name it is known by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as walked (the input path joined with the file's place under it).
    pub path: PathBuf,
    /// The path relative to the input folder, with `/` separators; the base of article ids.
    pub relative: String,
    /// The reader its name asks for; `None` when the name has no extension and the content
    /// decides (see [`sniff`]).
    pub format: Option<Format>,
    /// How its bytes are stored (`.gz`).
    pub compression: Compression,
    /// Size in bytes when discovered.
    pub size: u64,
}

/// What discovery found: files to read, and files passed over with their reason.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, sorted by path.
    pub files: Vec<SourceFile>,
    /// Files that are not articles of a supported type.
    pub skipped: Vec<Skip>,
}

/// Walks every input (folder or single file). Hidden files and folders, files the selection
/// does not choose, and a dataset's own README, LICENSE and SOURCE files (unless the selection
/// names them) are passed over silently; other files of an unsupported type are reported. Fails
/// only when an input does not exist.
pub fn discover(inputs: &[PathBuf], selection: &FileSelection) -> Result<Discovery> {
    let mut found = Discovery::default();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound {
                path: input.clone(),
            },
            _ => Error::io(input, e),
        })?;
        if meta.is_file() {
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            classify(input.clone(), name, meta.len(), selection, &mut found);
        } else {
            walk(input, selection, &mut found);
        }
    }
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    found.files.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}

fn walk(root: &Path, selection: &FileSelection, found: &mut Discovery) {
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(is_hidden(e.file_name())
                    || e.file_type().is_dir()
                        && selection.excludes_folder(&relative_path(root, e.path())))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                found.skipped.push(Skip::new(
                    path.display().to_string(),
                    SkipReason::Unreadable(err.to_string()),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            if !entry.file_type().is_dir() && !entry.file_type().is_symlink() {
                found.skipped.push(Skip::new(
                    entry.path().display().to_string(),
                    SkipReason::NotRegular,
                ));
            }
            continue;
        }
        let relative = relative_path(root, entry.path());
        let size = entry.metadata().map_or(0, |m| m.len());
        classify(entry.into_path(), relative, size, selection, found);
    }
}

/// The path of `path` under `root`, with `/` separators.
fn relative_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn classify(
    path: PathBuf,
    relative: String,
    size: u64,
    selection: &FileSelection,
    found: &mut Discovery,
) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !selection.chooses(&relative, is_dataset_metadata(&name)) {
        return;
    }
    let (inner, compression) = match name.strip_suffix(".gz") {
        Some(inner) => (inner, Compression::Gzip),
        None => (name.as_str(), Compression::None),
    };
    let format = Format::from_name(inner);
    if format.is_none() && has_extension(inner) {
        found.skipped.push(Skip::new(
            path.display().to_string(),
            SkipReason::Unsupported(match compression {
                Compression::Gzip => format!("{}.gz", extension(inner)),
                Compression::None => extension(inner),
            }),
        ));
        return;
    }
    found.files.push(SourceFile {
        path,
        relative,
        format,
        compression,
        size,
    });
}

/// The format the start of a text shows, looked at only when a file's name tells no format or
/// tells plain text: a JSON object or array of objects (`{"…`, `[{"…`), TREC (`<DOC>`), or
/// Reuters-21578 SGML (`<!DOCTYPE lewis`, `<REUTERS`). Anything else is `None`: prose that
/// merely starts with a bracket is not taken for data.
pub fn sniff(head: &str) -> Option<Format> {
    let text = head.trim_start();
    let object = |t: &str| {
        t.strip_prefix('{')
            .is_some_and(|rest| rest.trim_start().starts_with('"'))
    };
    let array = |t: &str| {
        t.strip_prefix('[')
            .is_some_and(|rest| object(rest.trim_start()))
    };
    if object(text) || array(text) {
        Some(Format::Json)
    } else if starts_with_tag(text, "<DOC") {
        Some(Format::Trec)
    } else if starts_with_tag(text, "<REUTERS") || starts_with_ignore_case(text, "<!DOCTYPE lewis")
    {
        Some(Format::Reuters)
    } else {
        None
    }
}

/// Whether the start of a plain-text file shows relevance judgments or a ranked run as TREC
/// tools write them (`qid iter docid relevance`, `qid Q0 docid rank score tag`), which sit beside
/// the articles of research collections and are not articles: at least two lines, every
/// non-blank one of either form (a last line cut off by the end of `head` is not looked at).
pub(crate) fn looks_like_judgments(head: &str) -> bool {
    let mut lines: Vec<&str> = head.lines().filter(|l| !l.trim().is_empty()).collect();
    if !head.ends_with('\n') {
        lines.pop();
    }
    lines.len() >= 2 && lines.iter().all(|line| is_judgment(line))
}

/// `qid iter docid relevance` (the relevance a whole number) or `qid Q0 docid rank score tag`.
fn is_judgment(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let whole = |f: &str| f.parse::<i64>().is_ok();
    match fields.as_slice() {
        [_, iter, _, relevance] => whole(iter) && whole(relevance),
        [_, iter, _, rank, score, _] => {
            (*iter == "Q0" || whole(iter)) && whole(rank) && score.parse::<f64>().is_ok()
        }
        _ => false,
    }
}

/// The format to read a file with: the one its name declares, unless that is plain text (or
/// none) and the content shows a structured format, or it is one SGML collection and the
/// content shows the other.
pub(crate) fn resolve(declared: Option<Format>, head: &str) -> Option<Format> {
    let sniffed = sniff(head);
    match declared {
        None | Some(Format::Text) => sniffed.or(declared),
        Some(Format::Trec | Format::Reuters) => match sniffed {
            Some(format @ (Format::Trec | Format::Reuters)) => Some(format),
            _ => declared,
        },
        other => other,
    }
}

/// `text` starts with the ASCII `tag` followed by `>` or whitespace, ignoring case.
fn starts_with_tag(text: &str, tag: &str) -> bool {
    starts_with_ignore_case(text, tag)
        && text
            .as_bytes()
            .get(tag.len())
            .is_some_and(|&b| b == b'>' || b.is_ascii_whitespace())
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// A dataset's own documentation is not an article.
fn is_dataset_metadata(lowercase_name: &str) -> bool {
    DOCUMENTATION_STEMS.iter().any(|stem| {
        lowercase_name == *stem
            || lowercase_name
                .strip_prefix(stem)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

fn has_extension(lowercase_name: &str) -> bool {
    lowercase_name
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty())
}

fn extension(lowercase_name: &str) -> String {
    match lowercase_name.rsplit_once('.') {
        Some((_, ext)) if !ext.is_empty() => format!(".{ext}"),
        _ => "(no extension)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sniffing_never_panics(head in "\\PC{0,40}") {
            let _ = sniff(&head);
            let _ = looks_like_judgments(&head);
        }
    }

    #[test]
    fn walks_folders_sorted_and_skips_hidden_and_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("b/two.md"), "x").unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::fs::write(root.join(".git/config.txt"), "x").unwrap();
        std::fs::write(root.join("README.md"), "x").unwrap();
        std::fs::write(root.join("photo.png"), "x").unwrap();

        let found = discover(&[root.to_path_buf()], &FileSelection::default()).unwrap();
        let relative: Vec<_> = found.files.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(relative, ["a.txt", "b/two.md"]);
        assert_eq!(found.skipped.len(), 1);
        assert_eq!(
            found.skipped[0].reason,
            SkipReason::Unsupported(".png".into())
        );
    }

    #[test]
    fn gzip_and_extensionless_files_are_kept_for_reading() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "a.jsonl.gz",
            "b.CSV.gz",
            "c.sgm",
            "d.tsv",
            "AP880212",
            "e.gz",
            "f.png.gz",
        ] {
            std::fs::write(root.join(name), "x").unwrap();
        }
        let found = discover(&[root.to_path_buf()], &FileSelection::default()).unwrap();
        let kinds: Vec<_> = found
            .files
            .iter()
            .map(|f| (f.relative.as_str(), f.format, f.compression))
            .collect();
        assert_eq!(
            kinds,
            [
                ("AP880212", None, Compression::None),
                ("a.jsonl.gz", Some(Format::JsonLines), Compression::Gzip),
                ("b.CSV.gz", Some(Format::Csv), Compression::Gzip),
                ("c.sgm", Some(Format::Reuters), Compression::None),
                ("d.tsv", Some(Format::Tsv), Compression::None),
                ("e.gz", None, Compression::Gzip),
            ]
        );
        assert_eq!(found.skipped.len(), 1);
        assert_eq!(
            found.skipped[0].reason,
            SkipReason::Unsupported(".png.gz".into())
        );
    }

    #[test]
    fn judgments_and_runs_are_told_from_prose() {
        for head in [
            "cnn0001 0 a4942dd663020ca54575471657a0af38d82897d6 1\ncnn0003 0 6073 1\n",
            "org-adb-africa 0 1985 1\norg-adb-africa 0 2015 1\norg-adb-af",
            "401 Q0 LA010189-0001 1 12.5 newsdex\n401 Q0 FT911-1 2 11 newsdex\n\n",
            "q1 0 d1 -1\r\nq1 0 d2 2\r\n",
        ] {
            assert!(looks_like_judgments(head), "{head:?}");
        }
        for head in [
            "q1 0 d1 1\n",
            "Talks 2 resume 3\n",
            "Harbour reopens\n\nThe harbour reopened 2 days ago.\n",
            "q1 0 d1 1\nThe harbour reopened.\n",
            "401 Q0 d 1 high run\n401 Q0 d 2 low run\n",
            "",
        ] {
            assert!(!looks_like_judgments(head), "{head:?}");
        }
    }

    #[test]
    fn sniffing_is_conservative() {
        assert_eq!(sniff("\n  {\"title\": \"x\"}"), Some(Format::Json));
        assert_eq!(sniff("[\n  {\n  \"title\": 1}]"), Some(Format::Json));
        assert_eq!(sniff("<DOC>\n<DOCNO>"), Some(Format::Trec));
        assert_eq!(sniff("<doc id=1>"), Some(Format::Trec));
        assert_eq!(
            sniff("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">"),
            Some(Format::Reuters)
        );
        assert_eq!(sniff("<REUTERS NEWID=\"1\">"), Some(Format::Reuters));
        for prose in [
            "{Updated} Talks resume",
            "[Breaking] Talks resume",
            "[1, 2]",
            "<DOCUMENT>",
            "<html>",
            "Talks resume",
            "",
            "ğ{\"",
        ] {
            assert_eq!(sniff(prose), None, "{prose:?}");
        }
    }

    #[test]
    fn the_content_overrides_only_plain_text_and_sgml_names() {
        let json = "{\"title\": 1}";
        assert_eq!(resolve(Some(Format::Text), json), Some(Format::Json));
        assert_eq!(resolve(None, "<DOC>"), Some(Format::Trec));
        assert_eq!(resolve(Some(Format::Reuters), "<DOC>"), Some(Format::Trec));
        assert_eq!(
            resolve(Some(Format::Markdown), json),
            Some(Format::Markdown)
        );
        assert_eq!(resolve(Some(Format::Csv), json), Some(Format::Csv));
        assert_eq!(resolve(Some(Format::Text), "Prose."), Some(Format::Text));
        assert_eq!(resolve(None, "Prose."), None);
    }

    #[test]
    fn a_single_file_is_named_by_its_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("story.txt");
        std::fs::write(&file, "x").unwrap();
        let found = discover(std::slice::from_ref(&file), &FileSelection::default()).unwrap();
        assert_eq!(found.files[0].relative, "story.txt");
    }

    #[test]
    fn a_missing_input_is_an_error_naming_it() {
        let err = discover(
            &[PathBuf::from("/no/such/folder")],
            &FileSelection::default(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "/no/such/folder: no such file or directory"
        );
    }
}
