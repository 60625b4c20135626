//! Cleaning across articles: which article keeps an id that several claim, which articles are
//! exact copies of an earlier one, which are versions of one story (see [`super::story`]), and
//! which short paragraphs an outlet repeats in many of its stories (subscription footers,
//! "follow us" lines).
//!
//! Stories are settled before boilerplate: a paragraph that the versions of one story share is
//! the story's text, so a paragraph counts once per story, however many versions hold it.
//!
//! Each of these needs every article before the first can be settled, yet a corpus may be far
//! larger than memory. So reading goes in two passes: the first takes a [`Glimpse`] of every
//! article (its id and a few hashes, never its text), [`Survey::new`] settles everything over
//! the glimpses in file order, and the second pass hands every article, read again, to
//! [`Survey::clean`].

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::story::{group_stories, Signature, Stories, StorySignature};
use crate::model::Article;

/// A paragraph repeated verbatim in at least this many distinct stories of one source is
/// boilerplate...
const BOILERPLATE_MIN_ARTICLES: usize = 3;
/// ...and, in a large source, in at least this share of its stories: a short line that a wire
/// service repeats in a handful of its 20,000 stories ("Nine mths", a table header) is content.
const BOILERPLATE_MIN_SHARE: f64 = 0.01;
/// Longer paragraphs are never taken for boilerplate: repeated long text is content (a wire
/// story's background paragraph), not a footer.
const BOILERPLATE_MAX_WORDS: usize = 80;

/// What cleaning needs to know of one article, taken in the first pass.
#[derive(Debug, Clone)]
pub struct Glimpse {
    /// The id the article claims.
    id: String,
    /// Hash of its normalised title and body.
    fingerprint: u64,
    /// Hash of its title and body as read, to recognise it in the second pass.
    checksum: u64,
    /// Hash of the group its boilerplate is looked for in (its source, or its folder).
    group: u64,
    /// Hashes of its distinct paragraphs short enough to be boilerplate, each mixed with the
    /// group's hash.
    short_paragraphs: Vec<u64>,
    /// Its publication date (Unix seconds), to find the first version of its story.
    date: Option<i64>,
    /// The MinHash of its shingles, to find the other versions of its story (boxed, so that
    /// keeping it beside the index moves a pointer: a run holds every article's glimpse).
    signature: Option<Box<Signature>>,
}

impl Glimpse {
    /// The glimpse of an article as read (before cleaning).
    pub fn of(article: &Article) -> Glimpse {
        let group = group_of(article);
        let mut short_paragraphs: Vec<u64> = article
            .paragraphs
            .iter()
            .filter(|p| may_be_boilerplate(p))
            .map(|p| paragraph_key(group, p))
            .collect();
        short_paragraphs.sort_unstable();
        short_paragraphs.dedup();
        Glimpse {
            id: article.id.clone(),
            fingerprint: article_fingerprint(article),
            checksum: checksum(article),
            group,
            short_paragraphs,
            date: article.date.map(|d| d.unix_seconds()),
            signature: Signature::of(&article.title, &article.paragraphs).map(Box::new),
        }
    }
}

/// What the survey decided for one article.
#[derive(Debug, Clone, Default)]
struct Fate {
    /// The checksum it was surveyed with, to recognise it in the second pass.
    checksum: u64,
    /// Its new id, when an earlier article claimed the same one.
    renamed: Option<String>,
    /// The id of the earlier article it is an exact copy of.
    copy_of: Option<String>,
    /// The position (over all files) of the original it is an exact copy of.
    original: Option<u32>,
    /// The position (over all files) of the first article of its story, when the story has
    /// several.
    story: Option<u32>,
}

/// Why [`Survey::clean`] could not clean an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotSurveyed;

/// The decisions of cleaning over a whole run, taken from the glimpses of every article.
#[derive(Debug, Default)]
pub struct Survey {
    /// Per file, per article in file order.
    fates: Vec<Vec<Fate>>,
    /// The story id of each story of several articles, by the position of its first article.
    story_ids: HashMap<u32, String>,
    /// Keys ([`paragraph_key`]) of the paragraphs that are boilerplate in their group.
    boilerplate: HashSet<u64>,
    /// Per file, the signature, date and story of each of its articles that has a signature,
    /// to keep beside the index.
    signatures: Vec<Vec<StorySignature>>,
    /// Articles surveyed.
    pub articles: usize,
    /// Articles that are exact copies of an earlier one.
    pub copies: usize,
    /// Stories of more than one article.
    pub stories: usize,
    /// Articles in those stories besides the first of each (exact copies included).
    pub versions: usize,
    /// Articles whose id was already taken by an earlier article, renamed `ID#2`, `ID#3`, ….
    pub id_collisions: usize,
}

impl Survey {
    /// Settles ids, copies, stories and boilerplate over the glimpses of every article, given
    /// per file in file order (the first claimant of an id keeps it; the first of identical
    /// articles is the original; a story is named after its earliest article, by date, then id).
    ///
    /// `known` are the articles indexed by earlier runs: an article that is a version of one of
    /// them joins its story and takes its id, even when it is earlier than the story's first
    /// article (story ids stay stable; a rebuild names every story after its earliest article).
    /// When an article joins several known stories, it takes the one whose known article is
    /// earliest (by date, then story id); the known stories themselves are not merged.
    pub fn new(files: Vec<Vec<Glimpse>>, known: &[StorySignature]) -> Survey {
        let articles = files.iter().map(Vec::len).sum();
        let mut survey = Survey {
            articles,
            ..Survey::default()
        };
        let ids = survey.settle_ids(&files);
        let glimpses: Vec<&Glimpse> = files.iter().flatten().collect();
        let mut stories = Stories::new(articles + known.len());
        for (at, fate) in survey.fates.iter().flatten().enumerate() {
            if let Some(original) = fate.original {
                stories.join(original, at as u32);
            }
        }
        let mut known_stories: HashMap<&str, u32> = HashMap::new();
        for (at, k) in (articles as u32..).zip(known) {
            let first = *known_stories.entry(k.story.as_str()).or_insert(at);
            stories.join(first, at);
        }
        let signatures: Vec<Option<&Signature>> = glimpses
            .iter()
            .map(|g| g.signature.as_deref())
            .chain(known.iter().map(|k| Some(&*k.signature)))
            .collect();
        group_stories(&signatures, articles, &mut stories);
        let members = survey.name_stories(&glimpses, &ids, known, &mut stories);
        survey.boilerplate = boilerplate(&glimpses, &members);
        drop(glimpses);
        survey.keep_signatures(files, &ids);
        survey
    }

    /// Keeps the signature, date and story of every article that has a signature.
    fn keep_signatures(&mut self, files: Vec<Vec<Glimpse>>, ids: &[String]) {
        let mut at = 0;
        for (glimpses, fates) in files.into_iter().zip(&self.fates) {
            let mut kept = Vec::new();
            for (glimpse, fate) in glimpses.into_iter().zip(fates) {
                if let Some(signature) = glimpse.signature {
                    let story = fate.story.and_then(|s| self.story_ids.get(&s));
                    kept.push(StorySignature {
                        signature,
                        date: glimpse.date,
                        story: story.unwrap_or(&ids[at]).clone(),
                    });
                }
                at += 1;
            }
            self.signatures.push(kept);
        }
    }

    /// The signature, date and story of every article surveyed that has a signature, per file
    /// (taken: a second call gives none).
    pub fn take_signatures(&mut self) -> Vec<Vec<StorySignature>> {
        std::mem::take(&mut self.signatures)
    }

    /// Gives every article its id (renaming the later claimants of a taken one) and marks exact
    /// copies; returns the ids by position.
    fn settle_ids(&mut self, files: &[Vec<Glimpse>]) -> Vec<String> {
        let claimed: HashSet<&str> = files.iter().flatten().map(|g| g.id.as_str()).collect();
        let mut given: HashSet<String> = HashSet::with_capacity(self.articles);
        let mut ids = Vec::with_capacity(self.articles);
        let mut originals: HashMap<u64, u32> = HashMap::new();
        for glimpses in files {
            let mut fates = Vec::with_capacity(glimpses.len());
            for glimpse in glimpses {
                let at = ids.len();
                let mut fate = Fate {
                    checksum: glimpse.checksum,
                    ..Fate::default()
                };
                let id = if given.contains(&glimpse.id) {
                    let id = (2..)
                        .map(|n| format!("{}#{n}", glimpse.id))
                        .find(|id| !given.contains(id) && !claimed.contains(id.as_str()))
                        .unwrap_or_default();
                    fate.renamed = Some(id.clone());
                    self.id_collisions += 1;
                    id
                } else {
                    glimpse.id.clone()
                };
                given.insert(id.clone());
                match originals.get(&glimpse.fingerprint) {
                    Some(&original) => {
                        fate.original = Some(original);
                        self.copies += 1;
                    }
                    None => {
                        originals.insert(glimpse.fingerprint, at as u32);
                    }
                }
                ids.push(id);
                fates.push(fate);
            }
            self.fates.push(fates);
        }
        for fate in self.fates.iter_mut().flatten() {
            if let Some(original) = fate.original {
                fate.copy_of = ids.get(original as usize).cloned();
            }
        }
        ids
    }

    /// Names every story of several articles after its earliest article (by date, undated
    /// last, then id), or after the earliest of its `known` articles (placed after the run's
    /// articles) when it has some, and records each article's story; returns the positions of
    /// the run's articles of each story, stories in order of their first article.
    fn name_stories(
        &mut self,
        glimpses: &[&Glimpse],
        ids: &[String],
        known: &[StorySignature],
        stories: &mut Stories,
    ) -> Vec<Vec<u32>> {
        let articles = glimpses.len();
        let mut by_root: HashMap<u32, usize> = HashMap::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut known_of: Vec<Option<u32>> = Vec::new();
        for at in 0..(articles + known.len()) as u32 {
            let root = stories.find(at);
            let story = *by_root.entry(root).or_insert_with(|| {
                members.push(Vec::new());
                known_of.push(None);
                members.len() - 1
            });
            if (at as usize) < articles {
                members[story].push(at);
            } else {
                let earliest = |at: u32| {
                    let k = &known[at as usize - articles];
                    (k.date.unwrap_or(i64::MAX), k.story.as_str())
                };
                let first = known_of[story].get_or_insert(at);
                if earliest(at) < earliest(*first) {
                    *first = at;
                }
            }
        }
        let earliest = |at: &&u32| {
            let at = **at as usize;
            (glimpses[at].date.unwrap_or(i64::MAX), &ids[at])
        };
        let mut first_of: Vec<Option<u32>> = vec![None; articles];
        for (story, first_known) in members.iter().zip(known_of) {
            let (first, id) = match first_known {
                Some(first) if !story.is_empty() => {
                    self.versions += story.len();
                    (first, &known[first as usize - articles].story)
                }
                None if story.len() > 1 => {
                    let Some(&first) = story.iter().min_by_key(earliest) else {
                        continue;
                    };
                    self.versions += story.len() - 1;
                    (first, &ids[first as usize])
                }
                _ => continue,
            };
            self.stories += 1;
            self.story_ids.insert(first, id.clone());
            for &at in story {
                first_of[at as usize] = Some(first);
            }
        }
        for (fate, first) in self.fates.iter_mut().flatten().zip(first_of) {
            fate.story = first;
        }
        members
    }

    /// Cleans the `ordinal`-th article (from 0) of the `file`-th file, read again: gives it the
    /// id the survey settled, marks it as a copy, and removes its boilerplate paragraphs (never
    /// all of them). Returns the paragraphs removed, or [`NotSurveyed`] when the article is not
    /// the one surveyed there (its file changed between the passes).
    pub fn clean(
        &self,
        file: usize,
        ordinal: usize,
        article: &mut Article,
    ) -> Result<usize, NotSurveyed> {
        let fate = self
            .fates
            .get(file)
            .and_then(|f| f.get(ordinal))
            .filter(|f| f.checksum == checksum(article))
            .ok_or(NotSurveyed)?;
        if let Some(id) = &fate.renamed {
            article.id = id.clone();
        }
        article.copy_of = fate.copy_of.clone();
        article.story = Some(match fate.story.and_then(|s| self.story_ids.get(&s)) {
            Some(story) => story.clone(),
            None => article.id.clone(),
        });
        Ok(self.remove_boilerplate(article))
    }

    /// The articles surveyed in the `file`-th file.
    pub fn articles_in(&self, file: usize) -> usize {
        self.fates.get(file).map_or(0, Vec::len)
    }

    fn remove_boilerplate(&self, article: &mut Article) -> usize {
        if self.boilerplate.is_empty() {
            return 0;
        }
        let group = group_of(article);
        let before = article.paragraphs.len();
        let kept: Vec<String> = article
            .paragraphs
            .iter()
            .filter(|p| {
                !may_be_boilerplate(p) || !self.boilerplate.contains(&paragraph_key(group, p))
            })
            .cloned()
            .collect();
        if kept.is_empty() || kept.len() == before {
            return 0;
        }
        article.paragraphs = kept;
        before - article.paragraphs.len()
    }
}

/// The keys of the paragraphs that are boilerplate: short paragraphs repeated in enough
/// stories of their group (each story counted once, however many of its versions hold one).
fn boilerplate(glimpses: &[&Glimpse], stories: &[Vec<u32>]) -> HashSet<u64> {
    let mut group_sizes: HashMap<u64, usize> = HashMap::new();
    let mut repeats: HashMap<u64, (usize, u64)> = HashMap::new();
    let mut keys: Vec<(u64, u64)> = Vec::new();
    let mut groups: Vec<u64> = Vec::new();
    for story in stories {
        keys.clear();
        groups.clear();
        for &at in story {
            let glimpse = glimpses[at as usize];
            groups.push(glimpse.group);
            keys.extend(glimpse.short_paragraphs.iter().map(|&k| (k, glimpse.group)));
        }
        groups.sort_unstable();
        groups.dedup();
        for &group in &groups {
            *group_sizes.entry(group).or_default() += 1;
        }
        keys.sort_unstable();
        keys.dedup_by_key(|(key, _)| *key);
        for &(key, group) in &keys {
            repeats.entry(key).or_insert((0, group)).0 += 1;
        }
    }
    repeats
        .into_iter()
        .filter(|(_, (count, group))| *count >= threshold(group_sizes[group]))
        .map(|(key, _)| key)
        .collect()
}

/// How many distinct stories of a group of `size` must repeat a paragraph for it to be
/// boilerplate.
fn threshold(size: usize) -> usize {
    BOILERPLATE_MIN_ARTICLES.max((size as f64 * BOILERPLATE_MIN_SHARE).ceil() as usize)
}

/// The group an article's boilerplate is looked for in: its source, or, when the source is not
/// known, its folder.
fn group_of(article: &Article) -> u64 {
    let mut hasher = DefaultHasher::new();
    match &article.source {
        Some(source) => source.to_lowercase().hash(&mut hasher),
        None => {
            let folder = article.id.rsplit_once('/').map_or("", |(dir, _)| dir);
            0xFEu8.hash(&mut hasher);
            folder.hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// A paragraph's key in its group.
fn paragraph_key(group: u64, paragraph: &str) -> u64 {
    let mut normalised = String::with_capacity(paragraph.len());
    normalise_into(paragraph, &mut normalised);
    let mut hasher = DefaultHasher::new();
    group.hash(&mut hasher);
    normalised.hash(&mut hasher);
    hasher.finish()
}

/// Whether a paragraph is short enough to be boilerplate.
fn may_be_boilerplate(paragraph: &str) -> bool {
    paragraph
        .split_whitespace()
        .nth(BOILERPLATE_MAX_WORDS)
        .is_none()
}

/// A hash of an article's title and body as they are.
fn checksum(article: &Article) -> u64 {
    let mut hasher = DefaultHasher::new();
    article.title.hash(&mut hasher);
    article.paragraphs.hash(&mut hasher);
    hasher.finish()
}

/// A hash of an article's whitespace- and case-normalised title and body.
fn article_fingerprint(article: &Article) -> u64 {
    let size = article.title.len() + article.paragraphs.iter().map(String::len).sum::<usize>();
    let mut normalised = String::with_capacity(size + article.paragraphs.len() + 1);
    for part in std::iter::once(&article.title).chain(&article.paragraphs) {
        normalise_into(part, &mut normalised);
        normalised.push('\u{1}');
    }
    let mut hasher = DefaultHasher::new();
    normalised.hash(&mut hasher);
    hasher.finish()
}

/// Appends `text` to `out` lowercased, its words separated by single spaces.
pub(super) fn normalise_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        for word in text.split_ascii_whitespace() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
            out.push(' ');
        }
        return;
    }
    for word in text.split_whitespace() {
        if word.is_ascii() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn normalising_lowercases_and_single_spaces_every_word(text in "[A-Za-zÉéŞşİı \t\n]{0,40}") {
            let mut out = String::new();
            normalise_into(&text, &mut out);
            let expected: String = text
                .split_whitespace()
                .map(|w| format!("{} ", w.to_lowercase()))
                .collect();
            prop_assert_eq!(out, expected);
        }
    }

    fn article(id: &str, source: Option<&str>, paragraphs: &[&str]) -> Article {
        Article {
            id: id.into(),
            title: format!("Title of {id}"),
            source: source.map(str::to_string),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        }
    }

    /// Surveys `articles` as one file and cleans each, as the second pass would.
    fn clean_all(articles: &mut [Article]) -> (Survey, usize) {
        let survey = Survey::new(vec![articles.iter().map(Glimpse::of).collect()], &[]);
        let removed = articles
            .iter_mut()
            .enumerate()
            .map(|(i, a)| survey.clean(0, i, a).expect("surveyed"))
            .sum();
        (survey, removed)
    }

    #[test]
    fn repeated_footer_is_removed_per_source() {
        let footer = "Subscribe to the Courier today.";
        let mut articles = vec![
            article("a", Some("Courier"), &["Story one.", footer]),
            article("b", Some("Courier"), &["Story two.", footer]),
            article("c", Some("courier"), &["Story three.", footer]),
            article("d", Some("Gazette"), &["Other story.", footer]),
        ];
        let (_, removed) = clean_all(&mut articles);
        assert_eq!(removed, 3);
        assert_eq!(articles[0].paragraphs, ["Story one."]);
        assert_eq!(
            articles[3].paragraphs,
            ["Other story.", footer],
            "other source keeps it"
        );
    }

    /// A paragraph of 20-odd words, different for every (story, paragraph).
    fn prose(story: usize, paragraph: usize) -> String {
        (0..24)
            .map(|w| format!("s{story}p{paragraph}w{w}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn paragraphs_shared_by_versions_of_one_story_are_not_boilerplate() {
        let footer = "Subscribe to the Courier today.";
        let mut articles = Vec::new();
        for story in 0..3 {
            for version in 0..4 {
                let mut paragraphs: Vec<String> =
                    (0..4 + version).map(|p| prose(story, p)).collect();
                paragraphs.push(footer.into());
                let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
                let mut a = article(&format!("s{story}v{version}"), Some("Courier"), &refs);
                a.title = format!("Version {version} of story {story}");
                articles.push(a);
            }
        }
        let (survey, removed) = clean_all(&mut articles);
        assert_eq!(removed, 12, "only the footer goes, from every article");
        assert_eq!((survey.stories, survey.versions), (3, 9));
        for a in &articles {
            let version = a.id.as_bytes()[3] - b'0';
            assert_eq!(a.paragraphs.len(), 4 + usize::from(version), "{}", a.id);
            assert_eq!(
                a.story.as_deref(),
                Some(&a.id[..2]).map(|s| format!("{s}v0")).as_deref()
            );
        }
    }

    #[test]
    fn a_story_is_named_after_its_earliest_version_then_the_smallest_id() {
        let body: Vec<String> = (0..4).map(|p| prose(7, p)).collect();
        let refs: Vec<&str> = body.iter().map(String::as_str).collect();
        let mut articles = vec![
            article("b", None, &refs),
            article("a", None, &refs[..3]),
            article("c", None, &refs),
            article(
                "d",
                None,
                &["An unrelated line of text that is not the story at all."],
            ),
        ];
        articles[0].date = "2026-01-02".parse().ok();
        articles[2].date = "2026-01-01".parse().ok();
        let (_, _) = clean_all(&mut articles);
        let stories: Vec<&str> = articles.iter().filter_map(|a| a.story.as_deref()).collect();
        assert_eq!(stories, ["c", "c", "c", "d"]);
        let mut undated = vec![
            article("a", None, &refs[..3]),
            article("b", None, &refs),
            article("z", None, &["A line of its own."]),
        ];
        clean_all(&mut undated);
        let stories: Vec<&str> = undated.iter().filter_map(|a| a.story.as_deref()).collect();
        assert_eq!(
            stories,
            ["a", "a", "z"],
            "an article alone is its own story"
        );
    }

    #[test]
    fn a_version_of_a_known_story_takes_its_id_even_when_earlier() {
        let body: Vec<String> = (0..4).map(|p| prose(3, p)).collect();
        let refs: Vec<&str> = body.iter().map(String::as_str).collect();
        let other: Vec<String> = (0..4).map(|p| prose(4, p)).collect();
        let other_refs: Vec<&str> = other.iter().map(String::as_str).collect();
        let indexed = Glimpse::of(&article("old", None, &refs));
        let known = [StorySignature {
            signature: indexed.signature.expect("long enough"),
            date: "2026-02-01"
                .parse::<crate::date::NewsDate>()
                .ok()
                .map(|d| d.unix_seconds()),
            story: "first".into(),
        }];
        let mut articles = [
            article("reprint", None, &refs[..3]),
            article("unrelated", None, &other_refs),
        ];
        articles[0].date = "2026-01-01".parse().ok();
        let mut survey = Survey::new(vec![articles.iter().map(Glimpse::of).collect()], &known);
        for (i, a) in articles.iter_mut().enumerate() {
            survey.clean(0, i, a).expect("surveyed");
        }
        assert_eq!(articles[0].story.as_deref(), Some("first"));
        assert_eq!(articles[1].story.as_deref(), Some("unrelated"));
        assert_eq!((survey.stories, survey.versions), (1, 1));
        let kept: Vec<Vec<String>> = survey
            .take_signatures()
            .into_iter()
            .map(|f| f.into_iter().map(|s| s.story).collect())
            .collect();
        assert_eq!(kept, [["first", "unrelated"]]);
    }

    #[test]
    fn without_a_source_the_folder_is_the_group() {
        let footer = "Follow us for more.";
        let mut articles = vec![
            article("x/1.txt", None, &["One.", footer]),
            article("x/2.txt", None, &["Two.", footer]),
            article("x/3.txt", None, &["Three.", footer]),
            article("y/1.txt", None, &["Four.", footer]),
        ];
        let (_, removed) = clean_all(&mut articles);
        assert_eq!(removed, 3);
        assert_eq!(articles[3].paragraphs.len(), 2);
    }

    #[test]
    fn in_a_large_source_a_line_must_repeat_in_one_percent_of_its_articles() {
        let mut articles: Vec<Article> = (0..1000)
            .map(|i| {
                let mut paragraphs = vec![format!("Story number {i}.")];
                if i < 5 {
                    paragraphs.push("Nine mths".into());
                }
                if i % 50 == 0 {
                    paragraphs.push("Reporting by the desk.".into());
                }
                let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
                article(&i.to_string(), Some("Wire"), &refs)
            })
            .collect();
        let (_, removed) = clean_all(&mut articles);
        assert_eq!(removed, 20, "the line in 2% goes, the one in 0.5% stays");
        assert_eq!(articles[0].paragraphs, ["Story number 0.", "Nine mths"]);
    }

    #[test]
    fn an_article_is_never_emptied() {
        let line = "Only this line.";
        let mut articles: Vec<Article> = (0..4)
            .map(|i| {
                let mut a = article(&i.to_string(), Some("Wire"), &[line]);
                a.title = format!("Headline {i}");
                a
            })
            .collect();
        let (_, removed) = clean_all(&mut articles);
        assert_eq!(removed, 0);
        assert!(articles.iter().all(|a| a.paragraphs == [line]));
    }

    #[test]
    fn exact_copies_point_at_the_first_whatever_the_case_and_spacing() {
        let mut articles = vec![
            article("a", Some("Wire"), &["Same  story."]),
            article("b", Some("Wire"), &["Other story."]),
            article("c", Some("Wire"), &["same story."]),
        ];
        articles[2].title = "TITLE OF a".into();
        let (survey, _) = clean_all(&mut articles);
        assert_eq!(survey.copies, 1);
        assert_eq!(articles[0].copy_of, None);
        assert_eq!(articles[2].copy_of.as_deref(), Some("a"));
    }

    #[test]
    fn colliding_ids_are_numbered_from_two_across_files() {
        let glimpse = |id: &str| Glimpse::of(&article(id, None, &[id]));
        let survey = Survey::new(
            vec![
                vec![glimpse("a"), glimpse("b"), glimpse("a")],
                vec![glimpse("a"), glimpse("a#3")],
            ],
            &[],
        );
        assert_eq!(survey.id_collisions, 2);
        let renamed: Vec<Option<&str>> = survey
            .fates
            .iter()
            .flatten()
            .map(|f| f.renamed.as_deref())
            .collect();
        assert_eq!(renamed, [None, None, Some("a#2"), Some("a#4"), None]);
    }

    #[test]
    fn a_copy_points_at_the_renamed_original() {
        let first = article("a", None, &["First."]);
        let second = article("a", None, &["Second."]);
        let mut copy = second.clone();
        copy.id = "z".into();
        let survey = Survey::new(
            vec![vec![
                Glimpse::of(&first),
                Glimpse::of(&second),
                Glimpse::of(&copy),
            ]],
            &[],
        );
        survey.clean(0, 2, &mut copy).unwrap();
        assert_eq!(copy.copy_of.as_deref(), Some("a#2"));
    }

    #[test]
    fn an_article_that_changed_between_the_passes_is_not_cleaned() {
        let mut read = article("a", None, &["Before."]);
        let survey = Survey::new(vec![vec![Glimpse::of(&read)]], &[]);
        read.paragraphs = vec!["After.".into()];
        assert_eq!(survey.clean(0, 0, &mut read), Err(NotSurveyed));
        assert_eq!(survey.clean(0, 1, &mut read), Err(NotSurveyed));
        assert_eq!(survey.clean(1, 0, &mut read), Err(NotSurveyed));
    }
}
