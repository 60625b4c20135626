//! What differs between two versions of a story: paragraphs kept, added, removed and changed.

use std::collections::HashSet;

use crate::model::Article;

/// Paragraphs whose words overlap at least this much (Jaccard) are one paragraph changed, not
/// one removed and another added.
const CHANGED_MIN_OVERLAP: f64 = 0.5;

/// One step from the first version's paragraphs to the other's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParagraphChange {
    /// In both, unchanged.
    Same(String),
    /// Only in the other version.
    Added(String),
    /// Only in the first version.
    Removed(String),
    /// Reworded: the first version's paragraph, then the other's.
    Changed(String, String),
}

/// The paragraphs of `first` turned into those of `other`: the longest run of paragraphs the
/// two share in order stays, and between its paragraphs each one removed is paired with one
/// added when their words mostly agree (a changed paragraph).
pub fn diff(first: &Article, other: &Article) -> Vec<ParagraphChange> {
    let (a, b) = (&first.paragraphs, &other.paragraphs);
    // lengths[i][j]: the longest common run of a[i..] and b[j..].
    let mut lengths = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i][j] = if a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut removed, mut added): (Vec<&String>, Vec<&String>) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            pair_up(&mut removed, &mut added, &mut out);
            out.push(ParagraphChange::Same(a[i].clone()));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lengths[i][j + 1] >= lengths[i + 1][j]) {
            added.push(&b[j]);
            j += 1;
        } else {
            removed.push(&a[i]);
            i += 1;
        }
    }
    pair_up(&mut removed, &mut added, &mut out);
    out
}

/// Emits the paragraphs removed and added between two kept ones: pairs that mostly agree as
/// changed, in order, the rest as removed then added.
fn pair_up(removed: &mut Vec<&String>, added: &mut Vec<&String>, out: &mut Vec<ParagraphChange>) {
    let mut rest_added = added.iter().peekable();
    for old in removed.iter() {
        match rest_added.peek() {
            Some(new) if overlap(old, new) >= CHANGED_MIN_OVERLAP => {
                out.push(ParagraphChange::Changed((*old).clone(), (**new).clone()));
                rest_added.next();
            }
            _ => out.push(ParagraphChange::Removed((*old).clone())),
        }
    }
    out.extend(rest_added.map(|new| ParagraphChange::Added((*new).clone())));
    removed.clear();
    added.clear();
}

/// The Jaccard index of two paragraphs' lowercase words.
fn overlap(a: &str, b: &str) -> f64 {
    let words = |text: &str| -> HashSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn kept_added_removed_and_changed_paragraphs() {
        let first = article(&[
            "The harbour reopened on Monday.",
            "Boats returned by noon and the market opened.",
            "Officials thanked the crews.",
        ]);
        let other = article(&[
            "PORT ELM (Wire) -",
            "The harbour reopened on Monday.",
            "Boats returned by noon and the fish market opened.",
            "The ferry resumes on Friday.",
        ]);
        assert_eq!(
            diff(&first, &other),
            [
                ParagraphChange::Added("PORT ELM (Wire) -".into()),
                ParagraphChange::Same("The harbour reopened on Monday.".into()),
                ParagraphChange::Changed(
                    "Boats returned by noon and the market opened.".into(),
                    "Boats returned by noon and the fish market opened.".into()
                ),
                ParagraphChange::Removed("Officials thanked the crews.".into()),
                ParagraphChange::Added("The ferry resumes on Friday.".into()),
            ]
        );
        assert!(diff(&first, &first)
            .iter()
            .all(|c| matches!(c, ParagraphChange::Same(_))));
        assert_eq!(diff(&article(&[]), &article(&[])), []);
    }
}
