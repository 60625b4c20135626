//! Query understanding: glossary expansion, spelling variants, syntax elements, exact matching.

use std::collections::HashSet;

use predicates::prelude::*;

use crate::util::{json, newsdex, results, run, write, Corpus, Indexed};

/// The highlighted words of every hit, lowercased.
fn lit_words(json: &serde_json::Value) -> HashSet<String> {
    let mut words = HashSet::new();
    for hit in results(json) {
        let text = hit["text"].as_str().unwrap();
        for span in hit["highlights"].as_array().unwrap() {
            let (a, b) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            words.insert(text[a..b].to_lowercase());
        }
    }
    words
}

fn all_text(json: &serde_json::Value) -> String {
    results(json)
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn garabagh_finds_every_spelling_and_lights_them() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("Garabagh", &["-n", "200", "--lang", "en"]);
    assert_eq!(
        json["executed_query"],
        "garabagh OR karabakh OR qarabag OR karabagh OR artsakh OR karabag OR bergkarabach"
    );
    let lit = lit_words(&json);
    for spelling in ["garabagh", "karabakh", "qarabağ", "artsakh"] {
        assert!(
            lit.contains(spelling),
            "{spelling} not highlighted in {lit:?}"
        );
    }
    let literal = indexed.search_json("Garabagh", &["-n", "200", "--no-expand", "--lang", "en"]);
    assert_eq!(literal["executed_query"], "garabagh");
    assert_eq!(lit_words(&literal), HashSet::from(["garabagh".to_string()]));
    assert!(json["total_hits"].as_u64() > literal["total_hits"].as_u64());
}

#[test]
fn isf_finds_the_force_spelled_out_both_ways() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("ISF", &["-n", "200"]);
    let text = all_text(&json);
    assert!(text.contains("international stabilisation force"));
    assert!(text.contains("international stabilization force"));
    let literal = indexed.search_json("ISF", &["-n", "200", "--no-expand"]);
    assert!(!all_text(&literal).contains("international stabilization force"));
}

#[test]
fn oic_finds_both_spellings_and_the_former_name() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("OIC", &["-n", "200"]);
    let text = all_text(&json);
    assert!(text.contains("organisation of islamic cooperation"));
    assert!(text.contains("organization of islamic cooperation"));
    assert!(text.contains("organisation of the islamic conference"));
}

#[test]
fn spelling_normalisation_works_both_ways() {
    let indexed = Indexed::corpus();
    for (query, other) in [
        ("defence", "defense"),
        ("defense", "defence"),
        ("stabilization", "stabilisation"),
        ("colour", "color"),
    ] {
        let json = indexed.search_json(query, &["-n", "200"]);
        assert!(
            lit_words(&json).iter().any(|w| w.starts_with(other)),
            "{query} should find {other}"
        );
    }
}

#[test]
fn exact_keeps_surface_forms_apart() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("stabilisation", &["-n", "200", "--exact"]);
    assert_eq!(
        lit_words(&json),
        HashSet::from(["stabilisation".to_string()])
    );
}

#[test]
fn field_prefixes_dates_fuzzy_and_prefix() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("source:\"Levant Ledger\" OIC", &["-n", "50"]);
    assert!(!results(&json).is_empty());
    assert!(results(&json)
        .iter()
        .all(|h| h["source"] == "Levant Ledger"));

    let json = indexed.search_json("Gaza date:2026-01", &["-n", "50"]);
    assert!(!results(&json).is_empty());
    assert!(results(&json)
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2026-01")));

    let json = indexed.search_json(
        "Gaza",
        &["-n", "50", "--since", "2026-02", "--until", "2026-02"],
    );
    assert!(!results(&json).is_empty());
    assert!(results(&json)
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2026-02")));

    let json = indexed.search_json("Garabag~1", &["-n", "50", "--no-expand"]);
    assert!(lit_words(&json).contains("garabagh"));

    let json = indexed.search_json("stabilis*", &["-n", "50"]);
    let lit = lit_words(&json);
    assert!(lit.iter().all(|w| w.starts_with("stabilis")), "{lit:?}");
    assert!(lit.contains("stabilisation"));

    let json = indexed.search_json("title:Gaza", &["-n", "50"]);
    assert!(results(&json)
        .iter()
        .all(|h| h["title"].as_str().unwrap().contains("Gaza")));
}

#[test]
fn plain_syntax_reads_operators_as_words() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("title:(Gaza \"force", &["--syntax", "plain"]);
    assert!(!results(&json).is_empty());
}

#[test]
fn glossary_lists_built_in_mined_and_user_entries() {
    let indexed = Indexed::corpus();
    newsdex()
        .args(["glossary", "--index"])
        .arg(indexed.index())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "International Stabilisation Force = ISF = International Stabilization Force",
        ))
        .stdout(predicate::str::contains(
            "International Stabilisation Force = ISF  [mined from the corpus (5×)]",
        ))
        .stdout(predicate::str::contains(
            "Organisation of Islamic Cooperation = OIC  [mined from the corpus",
        ));

    let glossary = indexed.dir.path().join("mine.toml");
    write(
        &glossary,
        "[[entry]]\nname = \"Fuzuli\"\nvariants = [\"Fizuli\"]\n",
    );
    let json = indexed.search_json(
        "Fizuli",
        &["--glossary", glossary.to_str().unwrap(), "--lang", "en"],
    );
    assert_eq!(json["executed_query"], "fizuli OR fuzuli");
    assert!(!results(&json).is_empty());
}

#[test]
fn a_glossary_stored_with_the_index_serves_every_search() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("mine.toml");
    write(
        &glossary,
        "[[entry]]\nname = \"Fuzuli\"\nvariants = [\"Fizuli\"]\n",
    );
    let index = dir.path().join("index");
    newsdex()
        .arg("index")
        .arg(crate::util::corpus())
        .arg("--glossary")
        .arg(&glossary)
        .arg("--index")
        .arg(&index)
        .assert()
        .success();
    let out = newsdex()
        .args(["search", "Fizuli", "--json", "--lang", "en", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["executed_query"], "fizuli OR fuzuli");
}

/// The articles holding each form of `price` as written, by file name.
fn articles_of(corpus: &Corpus, query: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["search", query, "--json", "-n", "50", "--unit", "article"];
    args.extend_from_slice(extra);
    let json = json(&corpus.index(), &args);
    let mut names: Vec<String> = results(&json)
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            path.rsplit('/').next().unwrap().to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_word_as_written_is_found_where_it_is_written_and_nowhere_else() {
    // `price` and `prices` share a term; the index keeps `prices` as written and marks `price`
    // where it stands for another form, so each must still be told apart.
    let corpus = Corpus::new(&[
        (
            "one.txt",
            "Market note\n\nThe price of oil fell. Traders watched the price.\n",
        ),
        ("two.txt", "Market note\n\nThe prices of oil fell.\n"),
        (
            "three.txt",
            "Market note\n\nOne price rose while other prices fell. Pricing was hard.\n",
        ),
        (
            "four.txt",
            "Market note\n\nPriced in dollars, oil fell. Stabilisation came later.\n",
        ),
        (
            "five.txt",
            "Нефть\n\nЦены на нефть упали. Price of oil in roubles.\n",
        ),
    ]);
    let exact = |query| articles_of(&corpus, query, &["--exact"]);
    assert_eq!(exact("price"), ["five.txt", "one.txt", "three.txt"]);
    assert_eq!(exact("prices"), ["three.txt", "two.txt"]);
    assert_eq!(exact("priced"), ["four.txt"]);
    assert_eq!(exact("\"the price\""), ["one.txt"]);
    assert_eq!(exact("\"other prices fell\""), ["three.txt"]);
    assert_eq!(exact("\"prices fell\""), ["three.txt"]);
    // With slop, the words' distances from their places add up to the slop at most.
    assert_eq!(exact("\"price oil\"~1"), ["five.txt", "one.txt"]);
    assert_eq!(exact("\"oil price\"~2"), Vec::<String>::new());
    assert_eq!(exact("\"oil price\"~3"), ["five.txt", "one.txt"]);
    assert_eq!(exact("цены"), ["five.txt"]);
    assert_eq!(exact("цена"), Vec::<String>::new());
    // Without --exact every form meets; a prefix matches the forms as written.
    assert_eq!(
        articles_of(&corpus, "price", &[]),
        ["five.txt", "four.txt", "one.txt", "three.txt", "two.txt"]
    );
    assert_eq!(
        articles_of(&corpus, "prices*", &[]),
        ["three.txt", "two.txt"]
    );
    assert_eq!(
        articles_of(&corpus, "pric*", &[]),
        ["five.txt", "four.txt", "one.txt", "three.txt", "two.txt"]
    );
    assert_eq!(articles_of(&corpus, "цен*", &[]), ["five.txt"]);
    // A word written nowhere gets the nearest word as written, whichever field keeps it, and
    // never a stem (`stabil`, the term of `stabilisation`, is written nowhere).
    let hint = |query: &str| {
        let out = run(&corpus.index(), &["search", query]);
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(hint("pricez").contains("did you mean price (not pricez)"));
    assert!(hint("stabilsation").contains("did you mean stabilisation (not stabilsation)"));
    assert!(
        !hint("stabik").contains("did you mean"),
        "{}",
        hint("stabik")
    );
}
