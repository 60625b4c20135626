//! Stories: articles that are versions of one text (a wire story reprinted under a new headline,
//! with a dateline added and the end trimmed; a page its outlet updated several times).
//!
//! Each article gets a small [`Signature`] in the first pass: a one-permutation MinHash of the
//! word shingles of its headline and body (three content words each, lowercased, common words
//! left out). [`group_stories`] finds candidate pairs by banding the signatures (articles that
//! agree on both values of one band meet), keeps the pairs that are versions of each other
//! ([`Signature::link`]: high resemblance, or one nearly contained in the other), and joins
//! them into stories; a trimmed copy joins one longer version only, so that a short text quoted
//! whole by two stories does not make them one. Only the signatures are held in memory, never
//! the text.
//!
//! The signatures of indexed articles are kept beside the index ([`StorySignature`]), so that a
//! later run adds its new articles to the stories already indexed.

use rayon::prelude::*;

use super::clean::normalise_into;

/// Values in a signature.
pub const BINS: usize = 128;
/// When one of two articles has fewer shingles than this, only a resemblance of at least
/// [`MIN_SHORT_RESEMBLANCE`] makes them versions: short notices written from one template
/// (dividends, daily figures) share much of their few words.
const SHORT_TEXT: u32 = 50;
/// See [`SHORT_TEXT`].
const MIN_SHORT_RESEMBLANCE: f64 = 0.7;
/// Values per band: two articles whose signatures agree on every value of one band are compared.
const BAND_ROWS: usize = 2;
/// Words per shingle.
const SHINGLE_WORDS: usize = 3;
/// Articles with fewer shingles than this get no signature: a text this short cannot be told
/// from a template (a dividend notice, a results table) by its words.
const MIN_SHINGLES: u32 = 12;
/// Two articles whose estimated resemblance (Jaccard index of their shingles) reaches this are
/// versions of one story...
const MIN_RESEMBLANCE: f64 = 0.4;
/// ...and so are two whose smaller one has this share of its shingles in the other (a trimmed
/// copy of a longer version), when it has at least [`MIN_SIZE_RATIO`] of the larger's shingles
/// (a short brief quoted whole in a long roundup is not a version of it).
const MIN_CONTAINMENT: f64 = 0.55;
/// See [`MIN_CONTAINMENT`].
const MIN_SIZE_RATIO: f64 = 0.2;
/// In a run of articles that agree on one band, each is compared with at most this many of the
/// ones before it, so that a value many unrelated articles share costs linear time.
const BUCKET_WINDOW: usize = 32;

/// Words left out of shingles: so common that shingles of them would make unrelated articles
/// meet.
const COMMON_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but",
    "by", "can", "could", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in",
    "into", "is", "it", "its", "more", "mr", "not", "of", "on", "one", "or", "our", "said", "says",
    "she", "so", "that", "the", "their", "them", "there", "they", "this", "to", "up", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

/// The length in bytes of the longest of [`COMMON_WORDS`].
const COMMON_WORD_MAX_LEN: usize = 5;

/// Whether `word` (lowercased) is one of [`COMMON_WORDS`]; a longer word is not looked up.
fn is_common(word: &str) -> bool {
    word.len() <= COMMON_WORD_MAX_LEN && COMMON_WORDS.binary_search(&word).is_ok()
}

/// A one-permutation MinHash of an article's shingles, with the number of shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The smallest shingle hash (its low 16 bits) that fell in each bin; empty bins borrow
    /// from the next non-empty one. Held inline, so that comparing two signatures reads each
    /// from one place.
    bins: [u16; BINS],
    /// Shingles of the article (with repeats).
    shingles: u32,
}

/// Bytes of a signature written out by [`Signature::write_to`].
pub const SIGNATURE_BYTES: usize = 4 + 2 * BINS;

impl Signature {
    /// Appends the signature to `out`, in [`SIGNATURE_BYTES`] bytes (little-endian).
    pub fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.shingles.to_le_bytes());
        for bin in self.bins.iter() {
            out.extend_from_slice(&bin.to_le_bytes());
        }
    }

    /// The signature written by [`Signature::write_to`] at the start of `bytes`; `None` when
    /// they are too few.
    pub fn read_from(bytes: &[u8]) -> Option<Signature> {
        let bytes = bytes.get(..SIGNATURE_BYTES)?;
        let (shingles, bins) = bytes.split_at(4);
        let mut values = [0u16; BINS];
        for (value, pair) in values.iter_mut().zip(bins.chunks_exact(2)) {
            *value = u16::from_le_bytes([pair[0], pair[1]]);
        }
        Some(Signature {
            bins: values,
            shingles: u32::from_le_bytes(shingles.try_into().ok()?),
        })
    }

    /// The signature of a headline and body; `None` when they have too few words.
    pub fn of(title: &str, paragraphs: &[String]) -> Option<Signature> {
        let mut words: Vec<u64> = Vec::new();
        let mut normalised = String::new();
        for part in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)) {
            normalised.clear();
            normalise_into(part, &mut normalised);
            words.extend(
                normalised
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty() && !is_common(w))
                    .map(word_hash),
            );
        }
        let shingles = u32::try_from(words.len().checked_sub(SHINGLE_WORDS - 1)?).ok()?;
        if shingles < MIN_SHINGLES {
            return None;
        }
        let mut bins = [u32::MAX; BINS];
        for window in words.windows(SHINGLE_WORDS) {
            let hash = mix(window.iter().fold(0, |h, w| mix(h ^ w)));
            let bin = (hash >> 57) as usize % BINS;
            let value = (hash & 0xFFFF) as u32;
            bins[bin] = bins[bin].min(value);
        }
        Some(Signature {
            bins: densify(&bins),
            shingles,
        })
    }

    /// The estimated Jaccard index of the two articles' shingles.
    pub fn resemblance(&self, other: &Signature) -> f64 {
        let equal: u32 = self
            .bins
            .iter()
            .zip(other.bins.iter())
            .map(|(a, b)| u32::from(a == b))
            .sum();
        equal as f64 / BINS as f64
    }

    /// Whether the two articles are versions of one story: their shingles resemble each other,
    /// or the smaller (not too small) is nearly all in the larger.
    pub fn same_story(&self, other: &Signature) -> bool {
        self.link(other) != Link::None
    }

    /// How the two articles are versions of one story, if they are: by resemblance, or by the
    /// smaller (not too small) being nearly all in the larger.
    pub fn link(&self, other: &Signature) -> Link {
        let r = self.resemblance(other);
        let (small, large) = if self.shingles <= other.shingles {
            (self.shingles, other.shingles)
        } else {
            (other.shingles, self.shingles)
        };
        if small < SHORT_TEXT {
            return if r >= MIN_SHORT_RESEMBLANCE {
                Link::Resembling
            } else {
                Link::None
            };
        }
        if r >= MIN_RESEMBLANCE {
            return Link::Resembling;
        }
        if f64::from(small) < MIN_SIZE_RATIO * f64::from(large) {
            return Link::None;
        }
        // |A ∩ B| = J (|A| + |B|) / (1 + J).
        let shared = r / (1.0 + r) * f64::from(small + large);
        if shared / f64::from(small) < MIN_CONTAINMENT {
            Link::None
        } else if self.shingles <= other.shingles {
            Link::SelfContained
        } else {
            Link::OtherContained
        }
    }

    /// The values of band `band`, as one key.
    fn band(&self, band: usize) -> u32 {
        let at = band * BAND_ROWS;
        (u32::from(self.bins[at]) << 16) | u32::from(self.bins[at + 1])
    }
}

/// Fills each empty bin from the next non-empty one (circularly), mixed with the distance, so
/// that short texts still compare bin by bin.
fn densify(bins: &[u32; BINS]) -> [u16; BINS] {
    let mut out = [0u16; BINS];
    for (i, slot) in out.iter_mut().enumerate() {
        let (distance, value) = (0..BINS)
            .map(|d| (d, bins[(i + d) % BINS]))
            .find(|(_, v)| *v != u32::MAX)
            .unwrap_or((0, 0));
        *slot = if distance == 0 {
            value as u16
        } else {
            (mix(u64::from(value) ^ ((distance as u64) << 20)) & 0xFFFF) as u16
        };
    }
    out
}

/// A hash of one normalised word.
fn word_hash(word: &str) -> u64 {
    // FNV-1a, then mixed.
    mix(word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }))
}

/// The finaliser of SplitMix64: every input bit moves every output bit.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What a later run needs to know of an indexed article to add new versions to its story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySignature {
    /// The article's signature (boxed: a run holds one per article, and moves it from the
    /// article's glimpse).
    pub signature: Box<Signature>,
    /// Its publication date (Unix seconds).
    pub date: Option<i64>,
    /// The id of its story.
    pub story: String,
}

/// How two articles are versions of one story ([`Signature::link`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// They are not.
    None,
    /// Their shingles resemble each other.
    Resembling,
    /// The first (the smaller) is nearly all in the second: a trimmed copy.
    SelfContained,
    /// The second (the smaller) is nearly all in the first.
    OtherContained,
}

/// Disjoint sets of articles, by position.
#[derive(Debug, Clone)]
pub struct Stories {
    parent: Vec<u32>,
}

impl Stories {
    /// `n` articles, each its own story.
    pub fn new(n: usize) -> Stories {
        Stories {
            parent: (0..n as u32).collect(),
        }
    }

    /// The representative of the story of article `i`.
    pub fn find(&mut self, mut i: u32) -> u32 {
        while self.parent[i as usize] != i {
            let grandparent = self.parent[self.parent[i as usize] as usize];
            self.parent[i as usize] = grandparent;
            i = grandparent;
        }
        i
    }

    /// The representative of the story of article `i`, without shortening the way to it (so
    /// that threads can share the sets).
    pub fn root(&self, mut i: u32) -> u32 {
        while self.parent[i as usize] != i {
            i = self.parent[i as usize];
        }
        i
    }

    /// Puts articles `a` and `b` in one story.
    pub fn join(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b) as usize] = a.min(b);
        }
    }
}

/// Joins into `stories` every pair of articles whose signatures (by position; `None` for an
/// article without one) say they are versions of one story. Articles from position `settled`
/// on are already in their stories (indexed by earlier runs): they are compared with the
/// others, never with each other.
///
/// The bands are taken as many at a time as the thread pool has threads: each thread finds the
/// linked pairs of one band, skipping the pairs already in one story before the batch, and the
/// pairs are then joined in band order, so that the stories are the same on any number of
/// threads.
pub fn group_stories(signatures: &[Option<&Signature>], settled: usize, stories: &mut Stories) {
    let settled = u32::try_from(settled).unwrap_or(u32::MAX);
    // Whether each article has joined a longer version as its trimmed copy.
    let mut attached = vec![false; signatures.len()];
    let bands: Vec<usize> = (0..BINS / BAND_ROWS).collect();
    for batch in bands.chunks(rayon::current_num_threads().max(1)) {
        let before: &Stories = stories;
        let linked: Vec<Vec<(u32, u32, Link)>> = batch
            .par_iter()
            .map(|&band| links_in_band(signatures, band, settled, before))
            .collect();
        for (a, b, link) in linked.into_iter().flatten() {
            if stories.find(a) == stories.find(b) {
                continue;
            }
            // A trimmed copy joins one longer version only: were it to join every article it
            // is nearly contained in, one short text quoted whole by two different stories
            // would make them one (and so on, across a corpus).
            let contained = match link {
                Link::None => continue,
                Link::Resembling => None,
                Link::SelfContained => Some(a),
                Link::OtherContained => Some(b),
            };
            if let Some(short) = contained {
                if std::mem::replace(&mut attached[short as usize], true) {
                    continue;
                }
            }
            stories.join(a, b);
        }
    }
}

/// The pairs of articles that agree on band `band` and are versions of one story, with how,
/// in the order [`group_stories`] joins them; pairs already in one story of `stories`, and
/// pairs of articles both from `settled` on, are left out.
fn links_in_band(
    signatures: &[Option<&Signature>],
    band: usize,
    settled: u32,
    stories: &Stories,
) -> Vec<(u32, u32, Link)> {
    let mut keys: Vec<(u32, u32)> = signatures
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((s.as_ref()?.band(band), i as u32)))
        .collect();
    keys.sort_unstable();
    let mut linked = Vec::new();
    for run in keys.chunk_by(|a, b| a.0 == b.0) {
        for (at, &(_, a)) in run.iter().enumerate().skip(1) {
            for &(_, b) in &run[at.saturating_sub(BUCKET_WINDOW)..at] {
                if (a >= settled && b >= settled) || stories.root(a) == stories.root(b) {
                    continue;
                }
                if let (Some(x), Some(y)) = (signatures[a as usize], signatures[b as usize]) {
                    let link = x.link(y);
                    if link != Link::None {
                        linked.push((a, b, link));
                    }
                }
            }
        }
    }
    linked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, seed: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("w{}x{}", seed, i * 7919 % 10007))
            .collect()
    }

    fn paragraphs(words: &[String], per: usize) -> Vec<String> {
        words.chunks(per).map(|c| c.join(" ")).collect()
    }

    #[test]
    fn common_words_are_sorted_for_binary_search_and_none_is_longer_than_the_limit() {
        assert!(COMMON_WORDS.iter().all(|w| w.len() <= COMMON_WORD_MAX_LEN));
        assert!(COMMON_WORDS.iter().any(|w| w.len() == COMMON_WORD_MAX_LEN));
        assert!(is_common("which") && !is_common("whichever") && !is_common("story"));
        assert!(COMMON_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn identical_text_has_identical_signature_whatever_the_spacing_and_case() {
        let body = paragraphs(&words(200, 1), 20);
        let a = Signature::of("Title", &body).unwrap();
        let upper: Vec<String> = body.iter().map(|p| p.to_uppercase() + "  ").collect();
        let b = Signature::of("title", &upper).unwrap();
        assert_eq!(a, b);
        assert!(a.resemblance(&b) > 0.999);
    }

    #[test]
    fn a_short_text_has_no_signature() {
        assert!(Signature::of("Qtly div", &["Qtly div 15 cts vs 15 cts prior".into()]).is_none());
    }

    #[test]
    fn edited_and_trimmed_versions_are_one_story_and_other_texts_are_not() {
        let text = words(400, 1);
        let full = Signature::of("A", &paragraphs(&text, 40)).unwrap();
        let mut edited = text.clone();
        for i in (0..edited.len()).step_by(25) {
            edited[i] = format!("changed{i}");
        }
        let edited = Signature::of("B", &paragraphs(&edited, 30)).unwrap();
        let trimmed = Signature::of("C", &paragraphs(&text[..200], 40)).unwrap();
        let mut follow_up = words(360, 2);
        follow_up.extend_from_slice(&text[..40]);
        let follow_up = Signature::of("D", &paragraphs(&follow_up, 40)).unwrap();
        let other = Signature::of("E", &paragraphs(&words(400, 3), 40)).unwrap();
        assert!(full.same_story(&edited), "{}", full.resemblance(&edited));
        assert!(full.same_story(&trimmed), "{}", full.resemblance(&trimmed));
        assert!(
            !full.same_story(&follow_up),
            "{}",
            full.resemblance(&follow_up)
        );
        assert!(!full.same_story(&other));
    }

    #[test]
    fn banding_joins_versions_transitively_and_leaves_others_alone() {
        let text = words(300, 1);
        let a = Signature::of("A", &paragraphs(&text, 30)).unwrap();
        let b = Signature::of("B", &paragraphs(&text[..250], 30)).unwrap();
        let c = Signature::of("C", &paragraphs(&text[..200], 30)).unwrap();
        let d = Signature::of("D", &paragraphs(&words(300, 9), 30)).unwrap();
        let signatures = [Some(&a), None, Some(&b), Some(&d), Some(&c)];
        let mut stories = Stories::new(signatures.len());
        group_stories(&signatures, signatures.len(), &mut stories);
        let roots: Vec<u32> = (0..5).map(|i| stories.find(i)).collect();
        assert_eq!(roots, [0, 1, 0, 3, 0]);
    }

    #[test]
    fn a_short_text_quoted_whole_by_two_stories_does_not_join_them() {
        let brief = words(120, 1);
        let mut first = brief.clone();
        first.extend(words(240, 2));
        let mut second = words(240, 3);
        second.extend_from_slice(&brief);
        let brief = Signature::of("A", &paragraphs(&brief, 30)).unwrap();
        let first = Signature::of("B", &paragraphs(&first, 30)).unwrap();
        let second = Signature::of("C", &paragraphs(&second, 30)).unwrap();
        assert_eq!(brief.link(&first), Link::SelfContained);
        assert_eq!(second.link(&brief), Link::OtherContained);
        assert_eq!(first.link(&second), Link::None);
        let signatures = [Some(&brief), Some(&first), Some(&second)];
        let mut stories = Stories::new(signatures.len());
        group_stories(&signatures, signatures.len(), &mut stories);
        assert_ne!(
            stories.find(1),
            stories.find(2),
            "the brief joins one of them only"
        );
        assert!(stories.find(0) == stories.find(1) || stories.find(0) == stories.find(2));
    }

    #[test]
    fn settled_articles_are_compared_with_new_ones_only() {
        let text = words(300, 1);
        let new = Signature::of("A", &paragraphs(&text, 30)).unwrap();
        let old = Signature::of("B", &paragraphs(&text[..250], 30)).unwrap();
        let other_old = Signature::of("C", &paragraphs(&text[..200], 30)).unwrap();
        let signatures = [Some(&new), Some(&old), Some(&other_old)];
        let mut stories = Stories::new(signatures.len());
        group_stories(&signatures, 1, &mut stories);
        assert_eq!(stories.find(1), 0);
        assert_eq!(stories.find(2), 0);
        let mut stories = Stories::new(2);
        group_stories(&[Some(&old), Some(&other_old)], 0, &mut stories);
        assert_eq!(stories.find(1), 1, "two settled articles are never joined");
    }

    #[test]
    fn the_stories_are_the_same_on_any_number_of_threads() {
        // Stories of several edited and trimmed versions, briefs quoted whole by two stories
        // (where the order of joining decides which one a brief joins) and unrelated texts.
        let mut texts: Vec<Vec<String>> = Vec::new();
        for story in 0..12 {
            let text = words(240, 100 + story);
            for version in 0..4 {
                let mut v = text[..240 - 40 * version].to_vec();
                for i in (version..v.len()).step_by(29) {
                    v[i] = format!("edit{story}v{version}w{i}");
                }
                texts.push(v);
            }
            let brief = text[..100].to_vec();
            let mut quoting = words(200, 300 + story);
            quoting.extend_from_slice(&brief);
            texts.push(brief);
            texts.push(quoting);
            texts.push(words(240, 500 + story));
        }
        let signatures: Vec<Signature> = texts
            .iter()
            .map(|t| Signature::of("T", &paragraphs(t, 30)).unwrap())
            .collect();
        let signatures: Vec<Option<&Signature>> = signatures.iter().map(Some).collect();
        let roots_on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut stories = Stories::new(signatures.len());
            pool.install(|| group_stories(&signatures, signatures.len(), &mut stories));
            (0..signatures.len() as u32)
                .map(|i| stories.find(i))
                .collect::<Vec<u32>>()
        };
        let one = roots_on(1);
        let joined = one.iter().enumerate().filter(|(i, r)| **r != *i as u32);
        assert!(joined.count() >= 12 * 3, "the versions are joined: {one:?}");
        for threads in [2, 3, 8] {
            assert_eq!(roots_on(threads), one, "{threads} threads");
        }
    }

    #[test]
    fn a_signature_reads_back_as_written() {
        let a = Signature::of("A", &paragraphs(&words(100, 4), 20)).unwrap();
        let mut bytes = Vec::new();
        a.write_to(&mut bytes);
        assert_eq!(bytes.len(), SIGNATURE_BYTES);
        assert_eq!(Signature::read_from(&bytes), Some(a));
        assert_eq!(Signature::read_from(&bytes[1..]), None);
    }
}
