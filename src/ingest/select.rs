//! Choosing the files to read by their path under the folder given, with `--glob` and
//! `--exclude` patterns in the manner of ripgrep's globs.
//!
//! - A pattern is matched against the path relative to the folder given, and against every
//!   tail of it that starts after a `/`, so that it finds its files at any depth: `*.sgm`
//!   chooses `reut2-000.sgm` and `2026/jan/a.sgm`, and `meta/**` leaves out `meta/…` as well as
//!   `reuters21578/meta/…` when the folder given holds several datasets. A leading `/` anchors
//!   a pattern to the folder given: `/meta/**`. (ripgrep anchors every pattern holding a `/`;
//!   newsdex does not, because collections are often indexed from a folder above them.)
//! - `*` and `?` stay within one folder; `**` crosses folders; `{a,b}` and `[abc]` work as
//!   usual. Matching is case-sensitive.
//! - A pattern ending in `/` matches folders only: `--glob 'news/'` chooses every file under a
//!   folder named `news`.
//! - `--exclude` patterns leave out the files they match and everything under the folders they
//!   match (`--exclude meta` or `--exclude 'meta/**'`), and win over `--glob`.
//! - With `--glob` patterns, only the files some glob matches are read; without, every file is.
//! - A dataset's own documentation (`README*`, `LICENSE*`, `SOURCE*`, ...), passed over by
//!   default, is read only when a glob whose last part starts with that name matches it
//!   (`--glob 'README*'`, `--glob 'docs/LICENSE.txt'`; `*` alone does not name it).

use globset::{GlobBuilder, GlobMatcher};

/// The start of the names of a dataset's own documentation files (lowercase), which are not
/// articles.
pub(crate) const DOCUMENTATION_STEMS: [&str; 5] =
    ["readme", "license", "licence", "source", "copying"];

/// A `--glob` or `--exclude` pattern that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad glob pattern {pattern:?}: {message}")]
pub struct PatternError {
    /// The pattern as given.
    pub pattern: String,
    /// What is wrong with it.
    pub message: String,
}

/// Which files under the folders given are read: the `--glob` and `--exclude` patterns.
#[derive(Debug, Clone, Default)]
pub struct FileSelection {
    globs: Vec<String>,
    excludes: Vec<String>,
    chosen: Vec<Pattern>,
    excluded: Vec<Pattern>,
}

/// Two selections are equal when they were made from the same patterns.
impl PartialEq for FileSelection {
    fn eq(&self, other: &Self) -> bool {
        self.globs == other.globs && self.excludes == other.excludes
    }
}

impl Eq for FileSelection {}

impl FileSelection {
    /// A selection reading the files some of `globs` match (every file when there is none),
    /// except those `excludes` match. Fails on the first pattern that is not a valid glob.
    pub fn new(globs: Vec<String>, excludes: Vec<String>) -> Result<Self, PatternError> {
        let compile = |patterns: &[String]| -> Result<Vec<Pattern>, PatternError> {
            patterns.iter().map(|p| Pattern::new(p)).collect()
        };
        Ok(FileSelection {
            chosen: compile(&globs)?,
            excluded: compile(&excludes)?,
            globs,
            excludes,
        })
    }

    /// The `--glob` patterns, as given.
    pub fn globs(&self) -> &[String] {
        &self.globs
    }

    /// The `--exclude` patterns, as given.
    pub fn excludes(&self) -> &[String] {
        &self.excludes
    }

    /// No pattern: every file is read.
    pub fn is_empty(&self) -> bool {
        self.globs.is_empty() && self.excludes.is_empty()
    }

    /// Whether the file at `relative` (its path under the folder given, `/`-separated) is read;
    /// `documentation` tells that its name is a dataset's README, LICENSE or SOURCE file.
    pub(crate) fn chooses(&self, relative: &str, documentation: bool) -> bool {
        let excluded = self.excluded.iter().any(|p| {
            (!p.folder_only && p.matches(relative))
                || folders(relative).any(|f| p.matches_folder(f))
        });
        if excluded {
            return false;
        }
        let chosen_by = |p: &&Pattern| {
            if p.folder_only {
                folders(relative).any(|f| p.matches_folder(f))
            } else {
                p.matches(relative)
            }
        };
        if documentation {
            self.chosen
                .iter()
                .filter(|p| p.names_documentation)
                .any(|p| chosen_by(&p))
        } else {
            self.chosen.is_empty() || self.chosen.iter().any(|p| chosen_by(&p))
        }
    }

    /// Whether everything under the folder at `relative` is left out (so it need not be walked).
    pub(crate) fn excludes_folder(&self, relative: &str) -> bool {
        self.excluded.iter().any(|p| p.matches_folder(relative))
    }
}

/// Checks that `pattern` can be used as a `--glob` or `--exclude` pattern.
pub fn check_pattern(pattern: &str) -> Result<(), PatternError> {
    Pattern::new(pattern).map(|_| ())
}

/// One compiled pattern.
#[derive(Debug, Clone)]
struct Pattern {
    matcher: GlobMatcher,
    /// For a pattern ending in `/**`, the pattern of the folder it is under.
    folder: Option<GlobMatcher>,
    /// Matched against the whole relative path only, not its tails (written with a leading `/`).
    anchored: bool,
    /// Matches folders only (written with a trailing `/`).
    folder_only: bool,
    /// Its last part starts with the name of a dataset's documentation file.
    names_documentation: bool,
}

impl Pattern {
    fn new(text: &str) -> Result<Pattern, PatternError> {
        let error = |message: String| PatternError {
            pattern: text.to_string(),
            message,
        };
        let folder_only = text.ends_with('/');
        let trimmed = text
            .strip_prefix("./")
            .unwrap_or(text)
            .trim_end_matches('/');
        let anchored = trimmed.starts_with('/');
        let trimmed = trimmed.trim_start_matches('/');
        if trimmed.is_empty() {
            return Err(error("the pattern matches no path".to_string()));
        }
        let glob = GlobBuilder::new(trimmed)
            .literal_separator(true)
            .build()
            .map_err(|e| error(e.kind().to_string()))?;
        let folder = match trimmed.strip_suffix("/**") {
            Some(folder) if !folder.is_empty() => Some(
                GlobBuilder::new(folder)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| error(e.kind().to_string()))?
                    .compile_matcher(),
            ),
            _ => None,
        };
        let last = trimmed.rsplit('/').next().unwrap_or(trimmed).to_lowercase();
        Ok(Pattern {
            matcher: glob.compile_matcher(),
            folder,
            anchored,
            folder_only,
            names_documentation: DOCUMENTATION_STEMS
                .iter()
                .any(|stem| last.starts_with(stem)),
        })
    }

    /// Whether the pattern matches the folder at `path` or everything under it.
    fn matches_folder(&self, path: &str) -> bool {
        let under = |folder: &GlobMatcher| {
            folder.is_match(path) || !self.anchored && tails(path).any(|t| folder.is_match(t))
        };
        self.matches(path) || self.folder.as_ref().is_some_and(under)
    }

    /// Whether the pattern matches the file or folder at `path`, or (unless it is anchored) a
    /// tail of the path that starts after a `/`.
    fn matches(&self, path: &str) -> bool {
        if self.anchored {
            return self.matcher.is_match(path);
        }
        self.matcher.is_match(path) || tails(path).any(|tail| self.matcher.is_match(tail))
    }
}

/// The tails of a relative path that start after a `/`: `a/b/c.txt` has `b/c.txt` and `c.txt`.
fn tails(relative: &str) -> impl Iterator<Item = &str> {
    relative
        .match_indices('/')
        .map(move |(at, _)| &relative[at + 1..])
}

/// The folders a relative path lies in, outermost first: `a/b/c.txt` is in `a` and `a/b`.
fn folders(relative: &str) -> impl Iterator<Item = &str> {
    relative
        .match_indices('/')
        .map(move |(at, _)| &relative[..at])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn selection(globs: &[&str], excludes: &[&str]) -> FileSelection {
        let owned = |p: &[&str]| p.iter().map(|s| s.to_string()).collect();
        FileSelection::new(owned(globs), owned(excludes)).unwrap()
    }

    /// The paths of `paths` the selection reads.
    fn chosen<'a>(selection: &FileSelection, paths: &[&'a str]) -> Vec<&'a str> {
        paths
            .iter()
            .copied()
            .filter(|p| {
                let name = p.rsplit('/').next().unwrap().to_lowercase();
                let documentation = DOCUMENTATION_STEMS.iter().any(|s| name.starts_with(s));
                selection.chooses(p, documentation)
            })
            .collect()
    }

    const DATASET: [&str; 8] = [
        "reut2-000.sgm",
        "reut2-001.sgm.gz",
        "README.txt",
        "meta/all-places.lc.txt",
        "meta/README.txt",
        "dev/qrels.txt",
        "news/2026/a.sgm",
        "news/meta.txt",
    ];

    #[test]
    fn no_pattern_reads_everything_but_documentation() {
        let all = FileSelection::default();
        assert!(all.is_empty());
        assert_eq!(
            chosen(&all, &DATASET),
            [
                "reut2-000.sgm",
                "reut2-001.sgm.gz",
                "meta/all-places.lc.txt",
                "dev/qrels.txt",
                "news/2026/a.sgm",
                "news/meta.txt"
            ]
        );
    }

    #[test]
    fn a_glob_without_slash_matches_names_at_any_depth() {
        let sgm = selection(&["*.sgm"], &[]);
        assert_eq!(chosen(&sgm, &DATASET), ["reut2-000.sgm", "news/2026/a.sgm"]);
        let both = selection(&["*.sgm", "*.sgm.gz"], &[]);
        assert_eq!(chosen(&both, &DATASET).len(), 3);
    }

    #[test]
    fn a_glob_with_slash_matches_the_relative_path() {
        assert_eq!(
            chosen(&selection(&["news/*"], &[]), &DATASET),
            ["news/meta.txt"]
        );
        assert_eq!(
            chosen(&selection(&["news/**"], &[]), &DATASET),
            ["news/2026/a.sgm", "news/meta.txt"]
        );
        assert_eq!(
            chosen(&selection(&["/reut2-*"], &[]), &DATASET),
            ["reut2-000.sgm", "reut2-001.sgm.gz"]
        );
        assert_eq!(
            chosen(&selection(&["**/*.sgm"], &[]), &DATASET),
            ["reut2-000.sgm", "news/2026/a.sgm"]
        );
        assert_eq!(
            chosen(&selection(&["./dev/*.txt"], &[]), &DATASET),
            ["dev/qrels.txt"]
        );
    }

    #[test]
    fn excludes_leave_out_files_and_whole_folders_and_win() {
        let expected = [
            "reut2-000.sgm",
            "reut2-001.sgm.gz",
            "dev/qrels.txt",
            "news/2026/a.sgm",
            "news/meta.txt",
        ];
        for pattern in ["meta/**", "meta", "meta/", "/meta"] {
            let selection = selection(&[], &[pattern]);
            assert_eq!(chosen(&selection, &DATASET), expected, "{pattern}");
            assert!(selection.excludes_folder("meta"), "{pattern}");
        }
        let both = selection(&["*.sgm", "*.txt"], &["dev", "2026/"]);
        assert_eq!(
            chosen(&both, &DATASET),
            ["reut2-000.sgm", "meta/all-places.lc.txt", "news/meta.txt"]
        );
        assert!(!both.excludes_folder("news"));
    }

    #[test]
    fn patterns_find_their_files_at_any_depth_unless_anchored() {
        let collections = [
            "reuters/reut2-000.sgm",
            "reuters/meta/places.lc.txt",
            "reuters/dev/qrels.txt",
            "meta/notes.txt",
        ];
        let excluded = selection(&[], &["meta/**", "dev/*"]);
        assert_eq!(chosen(&excluded, &collections), ["reuters/reut2-000.sgm"]);
        assert!(excluded.excludes_folder("reuters/meta"));
        assert!(
            !excluded.excludes_folder("reuters/dev"),
            "dev/* leaves the folder"
        );
        let anchored = selection(&[], &["/meta/**"]);
        assert_eq!(
            chosen(&anchored, &collections),
            [
                "reuters/reut2-000.sgm",
                "reuters/meta/places.lc.txt",
                "reuters/dev/qrels.txt"
            ]
        );
        assert!(!anchored.excludes_folder("reuters/meta"));
        assert!(anchored.excludes_folder("meta"));
        let nested = selection(&["reuters/*.sgm"], &[]);
        assert_eq!(
            chosen(
                &nested,
                &["a/reuters/x.sgm", "reuters/x.sgm", "reuters/y/x.sgm"]
            ),
            ["a/reuters/x.sgm", "reuters/x.sgm"]
        );
    }

    #[test]
    fn folder_globs_choose_what_is_under_them() {
        assert_eq!(
            chosen(&selection(&["news/"], &[]), &DATASET),
            ["news/2026/a.sgm", "news/meta.txt"]
        );
    }

    #[test]
    fn documentation_is_read_only_when_a_glob_names_it() {
        assert_eq!(
            chosen(&selection(&["*"], &[]), &DATASET).len(),
            6,
            "* names no README"
        );
        assert_eq!(
            chosen(&selection(&["README*"], &[]), &DATASET),
            ["README.txt", "meta/README.txt"]
        );
        assert_eq!(
            chosen(&selection(&["*.sgm", "meta/README.txt"], &[]), &DATASET),
            ["reut2-000.sgm", "meta/README.txt", "news/2026/a.sgm"]
        );
        assert_eq!(
            chosen(&selection(&["README*"], &["meta"]), &DATASET),
            ["README.txt"]
        );
    }

    #[test]
    fn bad_patterns_are_named() {
        let err = FileSelection::new(vec!["*.sgm".into()], vec!["a[".into()]).unwrap_err();
        assert_eq!(err.pattern, "a[");
        assert_eq!(
            err.to_string(),
            "bad glob pattern \"a[\": unclosed character class; missing ']'"
        );
        for bad in ["{a,b", "/", "", "./"] {
            assert!(check_pattern(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn selections_compare_by_their_patterns() {
        assert_eq!(selection(&["*.sgm"], &[]), selection(&["*.sgm"], &[]));
        assert_ne!(selection(&["*.sgm"], &[]), selection(&[], &["*.sgm"]));
    }

    proptest! {
        #[test]
        fn any_pattern_and_path_are_safe(pattern in "\\PC{0,12}", path in "[a-z/.*]{0,16}") {
            if let Ok(selection) = FileSelection::new(vec![pattern.clone()], vec![pattern]) {
                let _ = selection.chooses(&path, false);
                let _ = selection.chooses(&path, true);
                let _ = selection.excludes_folder(&path);
            }
        }
    }
}
