//! Function words: words that tell nothing about a subject on their own. In a bag of query words
//! they neither need to match nor light up alone; inside a phrase or a name they stay.

/// The 33 English stop words of Lucene's classic analyzer.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];
