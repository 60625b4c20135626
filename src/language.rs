//! The language of an article: the languages newsdex knows (ISO 639-1 codes, the Snowball
//! stemmer each is analysed with, its script), reading a code a user or a record gives, and
//! detecting the language of a text.

use std::fmt;

/// The writing system of a language, which decides whether its words are transliterated to
/// Latin letters in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin letters (with diacritics, folded away in the index).
    Latin,
    /// Cyrillic, transliterated.
    Cyrillic,
    /// Greek, transliterated.
    Greek,
    /// Arabic, transliterated.
    Arabic,
    /// Another script, indexed as written.
    Other,
}

/// A language newsdex knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 code (`ru`).
    pub code: &'static str,
    /// English name (`Russian`).
    pub name: &'static str,
    /// ISO 639-3 code (`rus`).
    pub code3: &'static str,
    /// The Snowball stemmer its words are stemmed with, by name (`None`: not stemmed).
    pub stemmer: Option<&'static str>,
    /// Its script.
    pub script: Script,
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

const fn lang(
    code: &'static str,
    code3: &'static str,
    name: &'static str,
    stemmer: Option<&'static str>,
    script: Script,
) -> Language {
    Language {
        code,
        name,
        code3,
        stemmer,
        script,
    }
}

use Script::{Arabic, Cyrillic, Greek, Latin, Other};

/// Every language newsdex knows, English first. Those with a stemmer are the Snowball
/// stemmers tantivy ships; Azerbaijani is stemmed with the Turkish one (the two languages share
/// their suffixes: `-lar/-lər`, `-ın/-in`, `-da/-də`).
pub const LANGUAGES: &[Language] = &[
    lang("en", "eng", "English", Some("english"), Latin),
    lang("ar", "ara", "Arabic", Some("arabic"), Arabic),
    lang("az", "aze", "Azerbaijani", Some("turkish"), Latin),
    lang("da", "dan", "Danish", Some("danish"), Latin),
    lang("de", "deu", "German", Some("german"), Latin),
    lang("el", "ell", "Greek", Some("greek"), Greek),
    lang("es", "spa", "Spanish", Some("spanish"), Latin),
    lang("fi", "fin", "Finnish", Some("finnish"), Latin),
    lang("fr", "fra", "French", Some("french"), Latin),
    lang("hu", "hun", "Hungarian", Some("hungarian"), Latin),
    lang("it", "ita", "Italian", Some("italian"), Latin),
    lang("nl", "nld", "Dutch", Some("dutch"), Latin),
    lang("no", "nor", "Norwegian", Some("norwegian"), Latin),
    lang("pt", "por", "Portuguese", Some("portuguese"), Latin),
    lang("ro", "ron", "Romanian", Some("romanian"), Latin),
    lang("ru", "rus", "Russian", Some("russian"), Cyrillic),
    lang("sv", "swe", "Swedish", Some("swedish"), Latin),
    lang("ta", "tam", "Tamil", Some("tamil"), Other),
    lang("tr", "tur", "Turkish", Some("turkish"), Latin),
    lang("uk", "ukr", "Ukrainian", None, Cyrillic),
    lang("hi", "hin", "Hindi", None, Other),
    lang("ja", "jpn", "Japanese", None, Other),
    lang("ko", "kor", "Korean", None, Other),
    lang("vi", "vie", "Vietnamese", None, Latin),
    lang("zh", "zho", "Chinese", None, Other),
];

/// English: the language whose terms carry no prefix in the index.
pub const ENGLISH: Language = LANGUAGES[0];

impl Language {
    /// The language a code or name stands for: an ISO 639-1 or 639-3 code or the English name,
    /// in any case, with any region (`en-GB`, `pt_BR`); `nb`/`nn` are Norwegian, `cmn` Chinese.
    pub fn parse(text: &str) -> Option<Language> {
        let text = text.trim().to_ascii_lowercase();
        let base = text.split(['-', '_']).next().unwrap_or_default();
        let base = match base {
            "nb" | "nn" | "nob" | "nno" => "no",
            "cmn" => "zh",
            other => other,
        };
        LANGUAGES
            .iter()
            .copied()
            .find(|l| l.code == base || l.code3 == base || l.name.eq_ignore_ascii_case(&text))
    }

    /// Whether its words are written in Latin letters.
    pub fn is_latin(self) -> bool {
        self.script == Script::Latin
    }
}

/// The codes newsdex knows, for messages (`en, ar, az, …`).
pub fn known_codes() -> String {
    LANGUAGES
        .iter()
        .map(|l| l.code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// How much of an article's text detection reads (bytes): the opening of a news article tells
/// its language, and reading more costs time.
const DETECTION_BYTES: usize = 1000;
/// A text with fewer letters than this is too short to tell Latin-script languages apart; it is
/// taken as English (texts in another script go by their script).
const MIN_LETTERS: usize = 24;

/// Detects the language of an article from its title and the opening of its body.
///
/// `whichlang` (a small linear model over byte n-grams, 16 languages) decides; Azerbaijani, which
/// it does not know and reads as Turkish, is told apart by `ə`, a letter Turkish never uses;
/// Greek and Tamil go by their script. A text too short to judge is English, unless its script
/// says otherwise.
pub fn detect(title: &str, body: &str) -> Language {
    let mut text = String::with_capacity(DETECTION_BYTES + title.len() + 1);
    text.push_str(title);
    text.push('\n');
    text.push_str(&body[..floor_char_boundary(body, DETECTION_BYTES)]);
    let mut letters = 0;
    let (mut greek, mut tamil, mut cyrillic, mut arabic, mut schwa) = (0, 0, 0, 0, false);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c {
            '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => greek += 1,
            '\u{0B80}'..='\u{0BFF}' => tamil += 1,
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            'ə' | 'Ə' => schwa = true,
            _ => {}
        }
    }
    let by_code = |code| Language::parse(code).unwrap_or(ENGLISH);
    if greek * 2 > letters {
        return by_code("el");
    }
    if tamil * 2 > letters {
        return by_code("ta");
    }
    if letters < MIN_LETTERS {
        return if cyrillic * 2 > letters {
            by_code("ru")
        } else if arabic * 2 > letters {
            by_code("ar")
        } else {
            ENGLISH
        };
    }
    let found = by_code(whichlang::detect_language(&text).three_letter_code());
    let found = if found.code == "tr" && schwa {
        by_code("az")
    } else {
        found
    };
    if found.is_latin() && found != ENGLISH && !outweighs_english(found, &text) {
        return ENGLISH;
    }
    found
}

/// Function words of the Latin-script languages detection may answer, the evidence that a text
/// is in one of them rather than in English.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "by",
            "it", "as", "at", "said",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "du", "de", "et", "un", "une", "dans", "pour", "sur", "est",
            "qui", "que", "au", "aux", "par", "pas",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "den", "dem", "und", "ein", "eine", "ist", "nicht", "mit", "von",
            "auf", "für", "sich", "im", "in", "zu", "wird",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "için", "ile", "da", "de", "olarak", "gibi", "daha", "çok", "ama",
            "ancak",
        ],
    ),
    (
        "az",
        &[
            "və", "bir", "bu", "üçün", "ilə", "da", "də", "olaraq", "kimi", "daha", "çox", "amma",
            "isə",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "con", "para", "una",
            "se", "es", "al",
        ],
    ),
    (
        "it",
        &[
            "il", "la", "le", "di", "del", "della", "e", "che", "per", "con", "una", "è", "nel",
            "dei", "gli", "non",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "as", "de", "do", "da", "dos", "das", "e", "que", "em", "no", "na", "para",
            "com", "uma", "é", "não",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "op", "dat", "die", "met", "voor", "niet", "zijn",
            "te", "ook",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "en", "ett", "på", "av", "för", "med", "till", "är",
            "inte", "den", "har", "om",
        ],
    ),
    (
        "vi",
        &[
            "và", "của", "là", "các", "có", "được", "trong", "cho", "với", "người", "những", "một",
            "này", "đã",
        ],
    ),
];

/// Whether `text` shows more signs of `language` than of English: its function words and its
/// words with letters English does not write (`ş`, `é`, `ä`) against English function words,
/// at least two; or, in prose (few figures, few capitals), no English function word at all.
/// Tables of figures, headlines in capitals and wire abbreviations (`Shr 1.51 dlr vs 1.62 dlr`)
/// fool a statistical detector, not this.
fn outweighs_english(language: Language, text: &str) -> bool {
    let words_of = |code: &str| {
        FUNCTION_WORDS
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(&[][..], |(_, w)| *w)
    };
    let (english, own) = (words_of("en"), words_of(language.code));
    let (mut against, mut for_it) = (0, 0);
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let with_digits = tokens
        .iter()
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = text.chars().filter(|c| c.is_uppercase()).count();
    let prose = with_digits * 10 <= tokens.len() && capitals * 5 <= letters;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let word = word.as_str();
        against += usize::from(english.contains(&word));
        let foreign = !word.is_ascii();
        for_it += usize::from(own.contains(&word) || foreign);
    }
    (for_it >= 2 && for_it > against) || (against == 0 && prose)
}

/// The largest index ≤ `at` that starts a character of `text`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(title: &str, body: &str) -> &'static str {
        detect(title, body).code
    }

    #[test]
    fn codes_and_names_are_read() {
        for text in ["ru", "RUS", "Russian", "ru-RU", "ru_ru"] {
            assert_eq!(Language::parse(text).map(|l| l.code), Some("ru"), "{text}");
        }
        assert_eq!(Language::parse("nb").map(|l| l.code), Some("no"));
        assert_eq!(Language::parse("klingon"), None);
        assert_eq!(Language::parse(""), None);
    }

    #[test]
    fn short_news_sentences_are_detected() {
        for (expected, text) in [
            ("az", "Qarabağda minalardan təmizləmə işləri davam edir."),
            ("az", "Köçkünlər doğma kəndlərinə qayıtmağa hazırlaşırlar."),
            ("tr", "Barış gücü askerleri bölgeden çekildi."),
            ("tr", "Uluslararası kuruluşlar insani yardım gönderdi."),
            ("ru", "В Карабахе продолжается разминирование территорий."),
            ("fr", "Le déminage se poursuit dans le Haut-Karabakh."),
            ("de", "Im Bergkarabach wird weiter nach Landminen gesucht."),
            ("ar", "تستمر عمليات إزالة الألغام في قره باغ."),
            ("en", "Peacekeepers left the region earlier than planned."),
            ("el", "Η ειρηνευτική δύναμη αποχώρησε από την περιοχή."),
        ] {
            assert_eq!(code("", text), expected, "{text}");
        }
    }

    /// Fifteen short news sentences in each of seven languages, written for these tests.
    #[test]
    fn sentences_of_seven_languages_are_detected() {
        for (code, text) in [
            ("az", include_str!("../tests/data/languages/az.txt")),
            ("tr", include_str!("../tests/data/languages/tr.txt")),
            ("ru", include_str!("../tests/data/languages/ru.txt")),
            ("fr", include_str!("../tests/data/languages/fr.txt")),
            ("de", include_str!("../tests/data/languages/de.txt")),
            ("ar", include_str!("../tests/data/languages/ar.txt")),
            ("en", include_str!("../tests/data/languages/en.txt")),
        ] {
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            assert_eq!(lines.len(), 15);
            let wrong: Vec<(&str, &str)> = lines
                .iter()
                .map(|l| (*l, detect("", l).code))
                .filter(|(_, found)| *found != code)
                .collect();
            assert!(wrong.is_empty(), "{code}: {wrong:?}");
        }
    }

    #[test]
    fn wire_tables_and_abbreviations_stay_english() {
        for (title, body) in [
            ("IRVING BANK CORP 1ST QTR NET", "Shr 1.51 dlr vs 1.62 dlr\n\nNet 28.6 mln vs 30.4 mln\n\nAssets 23.8 billion vs 20.9 billion\n\nDeposits 15.5 billion vs 14 billion\n\nLoans 13.8 billion vs 12 billion"),
            ("CASH WHOLESALE PORK PRICES", "CLOSE APRIL 6\n\nCENTS PER LB CHANGE\n\nBELLIES\n\n12-14 60 up 1 to up 2\n\n14-16 60 up 1\n\nHAMS\n\n14-17 78-1/2 unch"),
            ("CARSON PIRIE SCOTT AND CO SETS DIVIDEND", "Qtly div 17-1/2 cts vs 17-1/2 cts prior\n\nPay June 5\n\nRecord May 22"),
        ] {
            assert_eq!(code(title, body), "en", "{title}");
        }
    }

    #[test]
    fn short_texts_go_by_script_else_english() {
        assert_eq!(code("ASSETS ROSE", ""), "en");
        assert_eq!(code("Карабах", ""), "ru");
        assert_eq!(code("", ""), "en");
    }

    #[test]
    fn detection_reads_only_the_opening() {
        let body = "é".repeat(DETECTION_BYTES);
        assert_eq!(floor_char_boundary(&body, 1001), 1000);
        let _ = detect("", &body);
    }
}
