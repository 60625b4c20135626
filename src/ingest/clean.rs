//! Cleaning across articles: marking exact copies and removing paragraphs that one outlet repeats
//! in many articles (subscription footers, "follow us" lines).

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::model::Article;

/// A paragraph repeated verbatim in at least this many distinct articles of one source is
/// boilerplate...
const BOILERPLATE_MIN_ARTICLES: usize = 3;
/// ...and, in a large source, in at least this share of its articles: a short line that a wire
/// service repeats in a handful of its 20,000 stories ("Nine mths", a table header) is content.
const BOILERPLATE_MIN_SHARE: f64 = 0.01;
/// Longer paragraphs are never taken for boilerplate: repeated long text is content (a wire
/// story's background paragraph), not a footer.
const BOILERPLATE_MAX_WORDS: usize = 80;

/// Marks each article whose normalised title and body equal an earlier article's as a copy of it
/// (`copy_of`); returns how many were marked.
pub fn mark_copies(articles: &mut [Article]) -> usize {
    let mut first: HashMap<u64, String> = HashMap::new();
    let mut copies = 0;
    for article in articles.iter_mut() {
        let key = fingerprint(std::iter::once(&article.title).chain(&article.paragraphs));
        match first.get(&key) {
            Some(original) => {
                article.copy_of = Some(original.clone());
                copies += 1;
            }
            None => {
                first.insert(key, article.id.clone());
            }
        }
    }
    copies
}

/// Removes paragraphs that repeat verbatim across many distinct articles of the same source (or,
/// when the source is unknown, the same folder). An article never loses all of its paragraphs.
/// Returns how many paragraphs were removed.
pub fn remove_boilerplate(articles: &mut [Article]) -> usize {
    let mut seen: HashMap<(String, u64), usize> = HashMap::new();
    let mut group_sizes: HashMap<String, usize> = HashMap::new();
    for article in articles.iter().filter(|a| a.copy_of.is_none()) {
        let group = group_of(article);
        *group_sizes.entry(group.clone()).or_default() += 1;
        let distinct: HashSet<u64> = article
            .paragraphs
            .iter()
            .filter(|p| p.split_whitespace().count() <= BOILERPLATE_MAX_WORDS)
            .map(|p| fingerprint(std::iter::once(p)))
            .collect();
        for key in distinct {
            *seen.entry((group.clone(), key)).or_default() += 1;
        }
    }
    let mut removed = 0;
    for article in articles.iter_mut() {
        let group = group_of(article);
        let size = group_sizes.get(&group).copied().unwrap_or(0) as f64;
        let threshold =
            BOILERPLATE_MIN_ARTICLES.max((size * BOILERPLATE_MIN_SHARE).ceil() as usize);
        let is_boilerplate = |p: &String| {
            seen.get(&(group.clone(), fingerprint(std::iter::once(p))))
                .is_some_and(|&n| n >= threshold)
        };
        let kept: Vec<String> = article
            .paragraphs
            .iter()
            .filter(|p| !is_boilerplate(p))
            .cloned()
            .collect();
        if !kept.is_empty() && kept.len() < article.paragraphs.len() {
            removed += article.paragraphs.len() - kept.len();
            article.paragraphs = kept;
        }
    }
    removed
}

fn group_of(article: &Article) -> String {
    match &article.source {
        Some(source) => source.to_lowercase(),
        None => article
            .id
            .rsplit_once('/')
            .map_or(String::new(), |(dir, _)| dir.to_string()),
    }
}

/// A hash of whitespace- and case-normalised text.
fn fingerprint<'a>(parts: impl Iterator<Item = &'a String>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for part in parts {
        for word in part.split_whitespace() {
            word.to_lowercase().hash(&mut hasher);
        }
        0xFFu8.hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, source: &str, paragraphs: &[&str]) -> Article {
        Article {
            id: id.into(),
            title: format!("Title of {id}"),
            source: Some(source.into()),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn repeated_footer_is_removed_per_source() {
        let footer = "Subscribe to the Courier today.";
        let mut articles = vec![
            article("a", "Courier", &["Story one.", footer]),
            article("b", "Courier", &["Story two.", footer]),
            article("c", "Courier", &["Story three.", footer]),
            article("d", "Gazette", &["Other story.", footer]),
        ];
        assert_eq!(remove_boilerplate(&mut articles), 3);
        assert_eq!(articles[0].paragraphs, ["Story one."]);
        assert_eq!(
            articles[3].paragraphs,
            ["Other story.", footer],
            "other source keeps it"
        );
    }

    #[test]
    fn in_a_large_source_a_line_must_repeat_in_one_percent_of_its_articles() {
        let mut articles: Vec<Article> = (0..1000)
            .map(|i| {
                article(
                    &format!("a{i}"),
                    "Wire",
                    &[&format!("Story {i}."), "Reuter"],
                )
            })
            .collect();
        for a in articles.iter_mut().take(5) {
            a.paragraphs.push("Nine mths".into());
        }
        remove_boilerplate(&mut articles);
        assert_eq!(
            articles[0].paragraphs,
            ["Story 0.", "Nine mths"],
            "5 of 1,000 is content"
        );
        assert_eq!(
            articles[7].paragraphs,
            ["Story 7."],
            "1,000 of 1,000 is boilerplate"
        );
    }

    #[test]
    fn an_article_is_never_emptied() {
        let mut articles: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|id| article(id, "S", &["Same only paragraph."]))
            .collect();
        for (i, a) in articles.iter_mut().enumerate() {
            a.title = format!("t{i}");
        }
        remove_boilerplate(&mut articles);
        assert!(articles.iter().all(|a| a.paragraphs.len() == 1));
    }

    #[test]
    fn exact_copies_point_at_the_first() {
        let mut articles = vec![
            article("a", "S", &["Wire story."]),
            article("b", "S", &["Other."]),
            article("c", "S", &["Wire  story."]),
        ];
        articles[2].title = articles[0].title.clone();
        assert_eq!(mark_copies(&mut articles), 1);
        assert_eq!(articles[2].copy_of.as_deref(), Some("a"));
        assert_eq!(articles[1].copy_of, None);
    }
}
