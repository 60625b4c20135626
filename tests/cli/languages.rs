//! Articles in other languages and scripts: detection, each language's stemmer, names across
//! scripts, `--lang`, and the ways to state a language.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::{corpus, json, newsdex, results, run, stdout, Corpus, Indexed};

/// The bundled articles not in English, by folder, with their language.
const OTHER_LANGUAGES: [(&str, &str); 5] = [
    ("kaspiyskiy-vestnik", "ru"),
    ("bogaz-postasi", "tr"),
    ("xezer-xeberleri", "az"),
    ("gazette-du-levant", "fr"),
    ("rhein-kurier", "de"),
];

fn folder_of(hit: &Value) -> String {
    let path = hit["path"].as_str().unwrap_or_default();
    path.trim_start_matches("corpus/")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The folders of the hits, each once, in order.
fn folders(json: &Value) -> Vec<String> {
    let mut out: Vec<String> = results(json).iter().map(folder_of).collect();
    out.dedup();
    out
}

#[test]
fn languages_of_the_bundled_articles_are_detected() {
    let indexed = Indexed::corpus();
    let export = stdout(&indexed.index(), &["export"]);
    let mut found = BTreeMap::new();
    for line in export.lines() {
        let article: Value = serde_json::from_str(line).unwrap();
        let folder = folder_of(&article);
        let language = article["language"].as_str().unwrap().to_string();
        let expected = OTHER_LANGUAGES
            .iter()
            .find(|(f, _)| *f == folder)
            .map_or("en", |(_, l)| l);
        assert_eq!(language, expected, "{}", article["path"]);
        *found.entry(language).or_insert(0) += 1;
    }
    assert_eq!(found.len(), 6, "{found:?}");
    let stats = json(&indexed.index(), &["stats", "--json"]);
    assert_eq!(stats["languages"][0]["language"], "en");
    assert_eq!(stats["languages"].as_array().unwrap().len(), 6);
}

#[test]
fn inflected_forms_are_found_through_the_article_language() {
    let indexed = Indexed::corpus();
    for (query, folder, code) in [
        ("разминированием", "kaspiyskiy-vestnik", "ru"),
        ("askerler", "bogaz-postasi", "tr"),
        ("minaların", "xezer-xeberleri", "az"),
        ("habitant", "gazette-du-levant", "fr"),
        ("Landmine", "rhein-kurier", "de"),
    ] {
        // The form typed does not occur in the article: only its stemmer joins them.
        let dir = corpus().join(folder);
        for file in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
            assert!(!words.contains(&query), "{query} occurs in {folder}");
        }
        let found = indexed.search_json(query, &["--lang", code]);
        assert_eq!(
            folders(&found).first().map(String::as_str),
            Some(folder),
            "{query}"
        );
        let hit = &results(&found)[0];
        assert_eq!(hit["language"], code);
        assert!(
            !hit["highlights"].as_array().unwrap().is_empty(),
            "{query}: what matched lights up"
        );
    }
}

#[test]
fn no_false_match_across_languages() {
    let indexed = Indexed::corpus();
    // `мины` (mines) stems to `мин`: a Latin `min` or `mine` must not reach it by its letters.
    for query in ["min", "mine", "mines"] {
        let found = indexed.search_json(query, &["--lang", "ru"]);
        assert!(results(&found).is_empty(), "{query}: {:?}", folders(&found));
    }
    // A Turkish stem does not meet the English word it is spelled like, nor the reverse.
    let found = indexed.search_json("force", &["--lang", "tr,az,ru"]);
    assert!(results(&found).is_empty(), "{:?}", folders(&found));
}

#[test]
fn names_are_found_across_scripts() {
    let indexed = Indexed::corpus();
    // Cyrillic finds the Latin spelling, and the Latin spelling finds the Russian article,
    // which writes the name in another case (`Карабахе`).
    let cyrillic = indexed.search_json("Карабах", &["-n", "50"]);
    let found = folders(&cyrillic);
    assert!(
        found.contains(&"atlantic-dispatch".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"kaspiyskiy-vestnik".to_string()),
        "{found:?}"
    );
    let latin = indexed.search_json("Karabakh", &["--lang", "ru"]);
    assert_eq!(folders(&latin), ["kaspiyskiy-vestnik"]);
    let hit = &results(&latin)[0];
    let text = hit["text"].as_str().unwrap();
    let lit: Vec<&str> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &text[h["start"].as_u64().unwrap() as usize..h["end"].as_u64().unwrap() as usize])
        .collect();
    assert!(lit.contains(&"Карабахе"), "{lit:?}");
    // Алиев (BGN/PCGN: aliev) and Aliyev meet.
    let aliev = indexed.search_json("Алиев", &["-n", "50"]);
    assert!(folders(&aliev).len() > 1, "{:?}", folders(&aliev));
    let aliyev = indexed.search_json("Aliyev", &["--lang", "ru"]);
    assert_eq!(folders(&aliyev), ["kaspiyskiy-vestnik"]);
    // Transliteration is shown and can be switched off.
    assert!(cyrillic["executed_query"]
        .as_str()
        .unwrap()
        .starts_with("(karabakh OR"));
    let kept = indexed.search_json("Карабах", &["--no-transliterate", "-n", "50"]);
    assert_eq!(folders(&kept), ["kaspiyskiy-vestnik"]);
    let latin_only = indexed.search_json("Karabakh", &["--no-transliterate", "--lang", "ru"]);
    assert!(results(&latin_only).is_empty());
}

#[test]
fn glossary_knows_other_language_forms() {
    let indexed = Indexed::corpus();
    let found = folders(&indexed.search_json("Bergkarabach", &["-n", "100"]));
    for folder in [
        "kaspiyskiy-vestnik",
        "xezer-xeberleri",
        "rhein-kurier",
        "atlantic-dispatch",
    ] {
        assert!(found.contains(&folder.to_string()), "{folder}: {found:?}");
    }
    let gaza = folders(&indexed.search_json("Gazze", &["--lang", "fr"]));
    assert_eq!(gaza.first().map(String::as_str), Some("gazette-du-levant"));
}

#[test]
fn lang_filters_every_view() {
    let indexed = Indexed::corpus();
    let index = indexed.index();
    let count = json(
        &index,
        &[
            "count", "Karabakh", "--by", "language", "--lang", "ru,de", "--json",
        ],
    );
    let languages: Vec<&str> = count["by_language"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["language"].as_str().unwrap())
        .collect();
    assert_eq!(
        languages,
        ["ru", "de"],
        "one article each; the one with more passages first"
    );
    assert_eq!(count["articles"], 2);
    let all = json(&index, &["count", "Karabakh", "--by", "language", "--json"]);
    assert!(all["articles"].as_u64().unwrap() > 2);
    let search = indexed.search_json("Gaza", &["--lang", "fr,tr", "-n", "50"]);
    assert!(!results(&search).is_empty());
    assert!(results(&search)
        .iter()
        .all(|h| h["language"] == "fr" || h["language"] == "tr"));
    let kwic = json(&index, &["kwic", "Karabakh", "--lang", "ru", "--json"]);
    let lines = kwic["lines"].as_array().unwrap();
    assert!(!lines.is_empty());
    assert!(lines
        .iter()
        .all(|l| l["article_id"].as_str().unwrap().contains("kaspiyskiy")));
    let timeline = json(&index, &["timeline", "Karabakh", "--lang", "ru", "--json"]);
    assert!(
        timeline.to_string().contains("\"articles\":1"),
        "{timeline}"
    );
    let bad = run(&index, &["search", "Karabakh", "--lang", "xx"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown language \"xx\""));
}

#[test]
fn a_language_can_be_stated() {
    let corpus = Corpus::new(&[
        (
            "wire.jsonl",
            concat!(
                r#"{"id":"a","title":"Talks","body":"The talks on the border resumed on Monday in the capital.","lang":"fr"}"#,
                "\n",
                r#"{"id":"b","title":"Border talks","body":"Talks about the border went on in the capital all week."}"#,
                "\n"
            ),
        ),
        (
            "other.jsonl",
            r#"{"id":"c","title":"More talks","body":"Officials met again in the capital to talk about the border.","lng":"German"}"#,
        ),
    ]);
    let language = |json: &Value, id: &str| {
        results(json)
            .iter()
            .find(|h| h["article_id"] == id)
            .map(|h| h["language"].clone())
    };
    let index = corpus.index();
    let found = json(&index, &["search", "capital", "--json"]);
    assert_eq!(language(&found, "a"), Some("fr".into()));
    assert_eq!(language(&found, "b"), Some("en".into()));
    assert_eq!(language(&found, "c"), Some("en".into()));
    // `--field language=NAME` names the field; `--language` sets the rest of the run.
    newsdex()
        .args([
            "index",
            "--rebuild",
            "--field",
            "language=lng",
            "--language",
            "tr",
        ])
        .arg(corpus.root())
        .arg("--index")
        .arg(&index)
        .assert()
        .success();
    let found = json(&index, &["search", "capital", "--json"]);
    assert_eq!(language(&found, "a"), Some("tr".into()));
    assert_eq!(language(&found, "b"), Some("tr".into()));
    assert_eq!(language(&found, "c"), Some("de".into()));
}
