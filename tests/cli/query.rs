//! Query understanding: glossary expansion, spelling variants, syntax elements, exact matching.

use std::collections::HashSet;

use predicates::prelude::*;

use crate::util::{newsdex, results, write, Indexed};

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
