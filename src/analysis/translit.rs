//! Transliteration to Latin letters, so that a name written in one script finds it written in
//! another: Cyrillic and Greek after BGN/PCGN (`Карабах` → `karabakh`, `Алиев` → `aliev`),
//! Arabic letter by letter without short vowels (`غزة` → `ghzh`). Latin letters with
//! diacritics (Azerbaijani and Turkish `ə ğ ı ş ç ö ü`) are left to diacritic folding.

use std::borrow::Cow;

/// The Latin spelling of one lowercase letter, or `None` for a letter kept as it is.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        // Russian, after BGN/PCGN (`е`, `ё` are `e` everywhere: `Алиев` → `aliev`).
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        // Ukrainian and Azerbaijani Cyrillic.
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ә' => "e",
        'ғ' => "gh",
        'ҹ' => "j",
        'һ' => "h",
        'ј' => "y",
        'ө' => "o",
        'ү' => "u",
        'ҝ' => "g",
        // Greek (monotonic and polytonic vowels alike).
        'α' | 'ά' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' | 'έ' => "e",
        'ζ' => "z",
        'η' | 'ή' | 'ι' | 'ί' | 'ϊ' | 'ΐ' => "i",
        'θ' => "th",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ό' | 'ω' | 'ώ' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' | 'ύ' | 'ϋ' | 'ΰ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        // Arabic consonants; short vowels, shadda and hamza carry no letter.
        'ا' | 'أ' | 'آ' | 'ى' => "a",
        'إ' => "i",
        'ب' => "b",
        'ت' | 'ط' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' | 'ة' => "h",
        'خ' => "kh",
        'د' | 'ض' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' | 'ظ' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'و' | 'ؤ' => "w",
        'ي' | 'ئ' => "y",
        'ع' | 'ء' | 'ـ' | '\u{064B}'..='\u{0652}' => "",
        _ => return None,
    })
}

/// Whether `text` holds a letter that [`to_latin`] rewrites.
pub fn needs_transliteration(text: &str) -> bool {
    text.chars()
        .any(|c| !c.is_ascii() && latin(lower(c)).is_some())
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// `text` in Latin letters, lowercase where it was rewritten; unchanged (borrowed) when it has
/// nothing to rewrite.
pub fn to_latin(text: &str) -> Cow<'_, str> {
    if !needs_transliteration(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match latin(lower(c)) {
            Some(letters) => out.push_str(letters),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The key a transliterated term is indexed by: its Latin letters with the `y` of `iy` before a
/// vowel dropped, the one spelling that tells `Aliyev` (English, Azerbaijani) from `Алиев`
/// (`aliev`, Russian after BGN/PCGN) and `Aliev` (French).
pub fn latin_key(term: &str) -> Cow<'_, str> {
    let latin = to_latin(term);
    if !latin.contains("iy") {
        return latin;
    }
    let chars: Vec<char> = latin.chars().collect();
    let vowel = |c: Option<&char>| c.is_some_and(|c| "aeiou".contains(*c));
    let mut out = String::with_capacity(latin.len());
    for (i, &c) in chars.iter().enumerate() {
        let glide = c == 'y' && i > 0 && chars[i - 1] == 'i' && vowel(chars.get(i + 1));
        if !glide {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_after_bgn_pcgn() {
        assert_eq!(to_latin("Карабах"), "karabakh");
        assert_eq!(to_latin("алиев"), "aliev");
        assert_eq!(to_latin("Шуша"), "shusha");
        assert_eq!(to_latin("разминирование"), "razminirovanie");
        assert_eq!(to_latin("объявить"), "obyavit");
    }

    #[test]
    fn greek_and_arabic() {
        assert_eq!(to_latin("Αθήνα"), "athina");
        assert_eq!(to_latin("غزة"), "ghzh");
    }

    #[test]
    fn latin_text_is_borrowed() {
        assert!(matches!(to_latin("Qarabağ"), Cow::Borrowed(_)));
        assert!(!needs_transliteration("Qarabağ Şuşa"));
        assert!(needs_transliteration("Баку"));
    }

    #[test]
    fn keys_join_aliyev_and_aliev() {
        assert_eq!(latin_key("aliyev"), "aliev");
        assert_eq!(latin_key("алиев"), "aliev");
        assert_eq!(latin_key("aliyeva"), "alieva");
        assert_eq!(latin_key("kiyv"), "kiyv");
        assert_eq!(latin_key("karabakh"), "karabakh");
    }
}
