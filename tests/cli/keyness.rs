//! `newsdex terms` and `newsdex collocates` on the bundled corpus: on topic, and free of
//! function words and numbers.

use serde_json::Value;

use crate::util::{json, stdout, Indexed};

/// Function words that must never be listed (after analysis some are stems: "was" is "wa").
const FUNCTION: [&str; 12] = [
    "the", "a", "of", "and", "to", "in", "said", "was", "has", "his", "with", "for",
];

fn words(json: &Value, list: &str) -> Vec<String> {
    json[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["word"].as_str().unwrap().to_string())
        .collect()
}

fn assert_no_function_words_or_numbers(words: &[String]) {
    for word in words {
        for part in word.split(' ') {
            assert!(!FUNCTION.contains(&part), "{part} in {words:?}");
            assert!(part.chars().any(char::is_alphabetic), "{part} in {words:?}");
        }
    }
}

#[test]
fn terms_of_isf_are_about_the_stabilisation_force() {
    let indexed = Indexed::corpus();
    let found = json(&indexed.index(), &["terms", "ISF", "--json"]);
    assert_eq!(found["schema_version"], 1);
    assert_eq!(found["passages"], 32);
    assert_eq!(found["corpus_passages"], 209);
    let list = words(&found, "terms");
    assert_eq!(list.len(), 20);
    assert_no_function_words_or_numbers(&list);
    for expected in ["stabilisation", "force", "troops", "gaza"] {
        assert!(list.iter().any(|w| w == expected), "{expected} in {list:?}");
    }
    assert!(
        list.iter().any(|w| w.contains(' ')),
        "two-word phrases too: {list:?}"
    );
    let terms = found["terms"].as_array().unwrap();
    let g2: Vec<f64> = terms.iter().map(|t| t["g2"].as_f64().unwrap()).collect();
    assert!(
        g2.windows(2).all(|w| w[0] >= w[1]),
        "strongest first: {g2:?}"
    );
    for t in terms {
        let (inside, corpus) = (
            t["in_results"].as_u64().unwrap(),
            t["in_corpus"].as_u64().unwrap(),
        );
        assert!(inside >= 2 && inside <= corpus && corpus <= 209, "{t}");
    }

    let text = stdout(
        &indexed.index(),
        &["terms", "Garabagh", "-n", "5", "--lang", "en"],
    );
    assert!(
        text.starts_with("characteristic of: garabagh OR karabakh"),
        "{text}"
    );
    assert!(text.contains("word") && text.contains("G²"), "{text}");
    assert!(text.contains("karabakh"), "{text}");
    assert_eq!(text.lines().count(), 4 + 5, "{text}");
}

#[test]
fn collocates_of_troops_come_with_counts_and_examples() {
    let indexed = Indexed::corpus();
    let found = json(
        &indexed.index(),
        &["collocates", "troops", "--json", "-n", "10"],
    );
    assert_eq!(found["window"], 5);
    let list = words(&found, "collocates");
    assert_eq!(list.len(), 10);
    assert_no_function_words_or_numbers(&list);
    assert_eq!(list[0], "send", "{list:?}");
    for c in found["collocates"].as_array().unwrap() {
        let example = &c["example"];
        assert!(
            example["keyword"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .starts_with("troop"),
            "{c}"
        );
        let line = format!("{} {}", example["left"], example["right"]).to_lowercase();
        assert!(line.contains(&c["word"].as_str().unwrap()[..3]), "{c}");
        assert!(
            c["left"].as_u64().unwrap() + c["right"].as_u64().unwrap() >= 2,
            "{c}"
        );
    }
    // A narrower window sees fewer words.
    let narrow = json(
        &indexed.index(),
        &["collocates", "troops", "--window", "1", "--json"],
    );
    assert!(narrow["window_words"].as_u64() < found["window_words"].as_u64());
    let text = stdout(
        &indexed.index(),
        &["collocates", "ISF", "-n", "3", "--lang", "en"],
    );
    assert!(text.starts_with("collocates of: isf OR"), "{text}");
    assert!(text.contains("[International Stabili"), "{text}");
}
