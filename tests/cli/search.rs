//! `newsdex search`: ranking, stemming, highlighting, limits, determinism, output formats.

use std::collections::HashSet;

use newsdex::analysis::terms;

use crate::util::json;
use crate::util::{index_folder, newsdex, results, Indexed};

fn texts(json: &serde_json::Value) -> Vec<String> {
    results(json)
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_lowercase())
        .collect()
}

#[test]
fn stabilisation_force_ranks_isf_passages_first() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("stabilisation force", &["-n", "5"]);
    for text in texts(&json) {
        assert!(
            text.contains("stabilisation force") || text.contains("stabilization force"),
            "{text}"
        );
    }
}

#[test]
fn stemming_finds_other_forms_and_spellings() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("stabilising", &["-n", "50"]);
    let texts = texts(&json);
    assert!(texts.iter().any(|t| t.contains("stabilisation")));
    assert!(texts.iter().any(|t| t.contains("stabilization")));
}

#[test]
fn every_highlight_covers_a_word_matching_a_query_term() {
    let indexed = Indexed::corpus();
    for query in [
        "stabilisation force",
        "\"Nagorno-Karabakh\" OR Qarabağ",
        "OIC Jeddah -Hamas",
    ] {
        let json = indexed.search_json(query, &["-n", "20", "--no-expand", "--lang", "en"]);
        let wanted: HashSet<String> = terms(query).into_iter().collect();
        assert!(!results(&json).is_empty(), "{query}");
        for hit in results(&json) {
            let text = hit["text"].as_str().unwrap();
            let spans = hit["highlights"].as_array().unwrap();
            for span in spans {
                let word = &text[span["start"].as_u64().unwrap() as usize
                    ..span["end"].as_u64().unwrap() as usize];
                let got = terms(word);
                assert_eq!(got.len(), 1, "{word:?}");
                assert!(
                    wanted.contains(&got[0]),
                    "{word:?} does not match {query:?}"
                );
            }
        }
    }
}

#[test]
fn a_phrase_lights_only_its_own_occurrences() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("\"stabilisation force\"", &["-n", "20"]);
    for hit in results(&json) {
        let text = hit["text"].as_str().unwrap();
        let words: Vec<&str> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                &text[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize]
            })
            .collect();
        assert!(words.len().is_multiple_of(2), "{words:?}");
        for pair in words.chunks(2) {
            assert_eq!(terms(pair[0]), ["stabil"]);
            assert_eq!(terms(pair[1]), ["forc"]);
        }
    }
}

#[test]
fn limit_and_offset_page_through_results() {
    let indexed = Indexed::corpus();
    let all = indexed.search_json("Gaza", &["-n", "6"]);
    assert_eq!(results(&all).len(), 6);
    let second = indexed.search_json("Gaza", &["--limit", "3", "--offset", "3"]);
    assert_eq!(results(&second)[..], results(&all)[3..]);
    assert_eq!(results(&second)[0]["rank"], 4);
}

#[test]
fn results_are_deterministic() {
    let indexed = Indexed::corpus();
    let strip = |mut v: serde_json::Value| {
        v["took_ms"] = 0.into();
        v
    };
    let a = strip(indexed.search_json("force", &["-n", "30"]));
    let b = strip(indexed.search_json("force", &["-n", "30"]));
    assert_eq!(a, b);
    let ranked: Vec<(f64, String)> = results(&a)
        .iter()
        .map(|h| {
            (
                h["score"].as_f64().unwrap(),
                h["article_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for w in ranked.windows(2) {
        assert!(
            w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 <= w[1].1),
            "{w:?}"
        );
    }
}

#[test]
fn json_carries_the_documented_fields() {
    let indexed = Indexed::corpus();
    let json = indexed.search_json("Aliyev troops Gaza", &["-n", "1", "--lang", "en"]);
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["query"], "Aliyev troops Gaza");
    assert_eq!(
        json["executed_query"],
        "aliev AND troop AND (gaza OR gazz OR qazza OR gazastreifen)"
    );
    assert!(json["took_ms"].is_u64());
    let hit = &results(&json)[0];
    for key in [
        "rank",
        "score",
        "article_id",
        "passage",
        "title",
        "byline",
        "source",
        "date",
        "path",
        "text",
        "highlights",
        "snippet",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}");
    }
    assert_eq!(hit["rank"], 1);
    assert!(hit["date"].as_str().unwrap().starts_with("20"));
    assert!(hit["snippet"].as_str().unwrap().chars().count() <= 302);
}

#[test]
fn colour_follows_the_terminal_flag_and_no_color() {
    let indexed = Indexed::corpus();
    let run = |extra: &[&str], no_color: bool| {
        let mut cmd = newsdex();
        cmd.args(["search", "Gaza", "-n", "1", "--lang", "en", "--index"])
            .arg(indexed.index())
            .args(extra);
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(!run(&[], false).contains('\x1b'), "piped output is plain");
    assert!(run(&["--color", "always"], false).contains("\x1b[1;33m"));
    assert!(!run(&["--color", "never"], false).contains('\x1b'));
    assert!(!run(&[], true).contains('\x1b'));
    let text = run(&[], false);
    assert!(text.starts_with("searched: gaza OR gazz OR "), "{text}");
}

#[test]
fn exact_copies_fold_into_one_hit_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let story =
        "Wire story\n\nThe quokka census counted more animals than ever near the harbour.\n";
    crate::util::write(&dir.path().join("in/a.txt"), story);
    crate::util::write(&dir.path().join("in/b.txt"), story);
    crate::util::write(
        &dir.path().join("in/c.txt"),
        "Other\n\nA quokka was seen once.\n",
    );
    let index = dir.path().join("index");
    index_folder(&dir.path().join("in"), &index);
    let search = |extra: &[&str]| -> serde_json::Value {
        let args: Vec<&str> = ["search", "quokka census", "--json"]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        json(&index, &args)
    };
    let folded = search(&[]);
    let hits = results(&folded);
    let first = hits.iter().find(|h| h["article_id"] == "a.txt").unwrap();
    assert_eq!(first["copies"], 1);
    assert!(hits.iter().all(|h| h["article_id"] != "b.txt"));
    let all = search(&["--no-collapse"]);
    assert!(results(&all)
        .iter()
        .any(|h| h["article_id"] == "b.txt" && h["copy_of"] == "a.txt"));
    let run = newsdex()
        .args(["search", "quokka census", "--format", "trec", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let run = String::from_utf8(run.stdout).unwrap();
    assert!(run.contains(" a.txt ") && run.contains(" b.txt "), "{run}");
}

#[test]
fn articles_with_more_of_the_query_outrank_equal_best_passages() {
    // Two articles whose best passages are the same; only the second mentions the query's
    // words again in its other passage, so it ranks first as a whole.
    let dir = tempfile::tempdir().unwrap();
    let filler = |from: usize| -> String {
        (from..from + 90)
            .map(|i| format!("filler{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let lead = format!("The quokka marsupial was seen again. {}", filler(0));
    let alpha = format!("Island notes\n\n{lead}\n\n{}\n", filler(100));
    let beta = format!(
        "Island notes\n\n{lead}\n\nA second quokka and another marsupial. {}\n",
        filler(200)
    );
    crate::util::write(&dir.path().join("articles/alpha.txt"), alpha);
    crate::util::write(&dir.path().join("articles/beta.txt"), beta);
    let index = dir.path().join("index");
    index_folder(&dir.path().join("articles"), &index);
    let json = json(
        &index,
        &["search", "quokka marsupial", "--unit", "article", "--json"],
    );
    let ids: Vec<&str> = results(&json)
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["beta.txt", "alpha.txt"]);
    let passages: Vec<u64> = results(&json)
        .iter()
        .map(|h| h["passage"].as_u64().unwrap())
        .collect();
    assert_eq!(passages, [1, 1], "both are shown by their lead passage");
}

#[test]
fn feedback_adds_the_top_passages_words_and_finds_what_they_lead_to() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let story = |name: &str, text: &str| crate::util::write(&input.join(name), text);
    for (i, town) in ["Accra", "Abidjan", "Lagos"].iter().enumerate() {
        story(
            &format!("cocoa{i}.txt"),
            &format!(
                "Cocoa prices in {town}\n\nCocoa traders in {town} watched the ICCO buffer \
                 stock manager, who bought more cocoa as the buffer stock rules allow."
            ),
        );
    }
    story(
        "icco.txt",
        "Buffer stock talks\n\nThe ICCO council met in London to review the buffer stock \
         manager's purchases.",
    );
    story(
        "rail.txt",
        "Rail strike\n\nTrains stopped across the country as the rail strike entered its \
         second week.",
    );
    let index = dir.path().join("index");
    index_folder(&input, &index);
    let ids = |json: &serde_json::Value| -> Vec<String> {
        results(json)
            .iter()
            .map(|h| h["article_id"].as_str().unwrap().to_string())
            .collect()
    };
    let plain = json(&index, &["search", "cocoa", "--unit", "article", "--json"]);
    assert_eq!(ids(&plain).len(), 3, "{plain}");
    let fed = json(
        &index,
        &["search", "cocoa", "--unit", "article", "--json", "--prf"],
    );
    let executed = fed["executed_query"].as_str().unwrap();
    assert!(executed.starts_with("cocoa + feedback("), "{executed}");
    assert!(
        executed.contains("buffer") && executed.contains("stock"),
        "{executed}"
    );
    let found = ids(&fed);
    assert_eq!(found.len(), 4, "{fed}");
    assert!(
        found[3].ends_with("icco.txt"),
        "found by feedback words, after the cocoa stories: {found:?}"
    );
    assert_eq!(results(&fed)[3]["matched_all"], false);
    let exact = json(&index, &["search", "cocoa", "--json", "--prf", "--exact"]);
    assert!(!exact["executed_query"]
        .as_str()
        .unwrap()
        .contains("feedback"));
}
