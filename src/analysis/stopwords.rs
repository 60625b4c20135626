//! Function words: words that tell nothing about a subject on their own. In a bag of query words
//! they neither need to match nor light up alone; inside a phrase or a name they stay.

/// The 33 English stop words of Lucene's classic analyzer.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// Function words of the other languages whose articles newsdex most often meets: a short list
/// each (articles, prepositions, conjunctions, the commonest pronouns and particles).
const OTHER_STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "ru",
        &[
            "и", "в", "во", "не", "что", "на", "с", "со", "как", "а", "то", "по", "к", "у", "из",
            "за", "от", "о", "об", "для", "до", "же", "ли", "или", "но", "это", "его", "её",
        ],
    ),
    (
        "tr",
        &[
            "ve", "ile", "bir", "bu", "da", "de", "için", "ki", "ne", "o", "olarak", "gibi",
            "daha", "çok", "veya", "ya", "mi", "ama", "şu",
        ],
    ),
    (
        "az",
        &[
            "və", "ilə", "bir", "bu", "da", "də", "üçün", "ki", "o", "olaraq", "kimi", "daha",
            "çox", "və ya", "amma", "isə",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "un", "une", "des", "de", "du", "et", "en", "au", "aux", "à",
            "dans", "par", "pour", "sur", "que", "qui", "est", "ne", "pas", "ou", "ce", "il",
            "elle",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "und", "oder", "in",
            "im", "mit", "von", "zu", "zum", "zur", "auf", "für", "ist", "nicht", "sich", "es",
        ],
    ),
];

/// The function words of a query read in English and in `languages` (English's alone when the
/// index holds English only).
pub fn stop_words(
    languages: &[crate::language::Language],
) -> impl Iterator<Item = &'static str> + '_ {
    let others = OTHER_STOP_WORDS
        .iter()
        .filter(|(code, _)| languages.iter().any(|l| l.code == *code))
        .flat_map(|(_, words)| words.iter().copied());
    STOP_WORDS.iter().copied().chain(others)
}
