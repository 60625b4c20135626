//! `newsdex watch`: saved searches list exactly the matching articles an indexing run adds,
//! then nothing; the page's route shows the same without remembering it.

use serde_json::Value;

use crate::http::Served;
use crate::util::{index_folder, json, run, stdout, write, Corpus};

fn new_ids(report: &Value, name: &str) -> Vec<String> {
    let watch = report["watches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == name)
        .unwrap_or_else(|| panic!("no watch {name} in {report}"));
    watch["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["article_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_check_lists_exactly_the_new_matches_then_nothing() {
    let corpus = Corpus::three();
    let index = corpus.index();
    stdout(&index, &["watch", "add", "ferries", "ferry"]);
    stdout(
        &index,
        &[
            "watch",
            "add",
            "spring harbour",
            "harbour",
            "--since",
            "2026-04",
        ],
    );
    let first = json(&index, &["watch", "--json"]);
    assert!(new_ids(&first, "ferries").is_empty(), "{first}");
    assert_eq!(first["watches"][0]["matching"], 3);
    let none = run(&index, &["watch", "--fail-empty"]);
    assert_eq!(none.status.code(), Some(1), "nothing new: exit 1");

    write(
        &corpus.root().join("coast/ferry-strike.txt"),
        "Ferry crews strike\nBy Ann Lee | Coast Post\n2 April 2026\n\n\
         Ferry crews stopped work on Thursday over the new rota.\n",
    );
    write(
        &corpus.root().join("valley/harbour-fest.txt"),
        "Harbour festival returns\nBy Dee Park | Valley Times\n9 May 2026\n\n\
         The harbour festival returns in May with boats and music.\n",
    );
    write(
        &corpus.root().join("valley/orchard.txt"),
        "Orchard blossoms early\nBy Dee Park | Valley Times\n3 April 2026\n\n\
         The orchards of the valley blossomed two weeks early this year.\n",
    );
    index_folder(&corpus.root(), &index);

    let peeked = json(&index, &["watch", "--peek", "--json"]);
    assert_eq!(new_ids(&peeked, "ferries"), ["coast/ferry-strike.txt"]);
    let checked = run(&index, &["watch", "--json", "--fail-empty"]);
    assert_eq!(checked.status.code(), Some(0));
    let checked: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(checked, peeked, "--peek remembered nothing");
    assert_eq!(new_ids(&checked, "ferries"), ["coast/ferry-strike.txt"]);
    assert_eq!(
        new_ids(&checked, "spring harbour"),
        ["valley/harbour-fest.txt"]
    );
    let fresh = &checked["watches"][0]["new"][0];
    assert_eq!(fresh["title"], "Ferry crews strike");
    assert_eq!(fresh["source"], "Coast Post");
    assert_eq!(fresh["date"], "2026-04-02");

    let again = json(&index, &["watch", "--json"]);
    assert!(new_ids(&again, "ferries").is_empty(), "{again}");
    assert!(new_ids(&again, "spring harbour").is_empty(), "{again}");
    assert!(again["watches"][0]["checked"].is_string());
    assert_eq!(
        run(&index, &["watch", "--fail-empty"]).status.code(),
        Some(1)
    );
    let text = stdout(&index, &["watch"]);
    assert!(text.contains("ferries: nothing new since"), "{text}");
}

#[test]
fn saved_searches_are_listed_removed_and_checked_for_mistakes() {
    let corpus = Corpus::three();
    let index = corpus.index();
    stdout(&index, &["watch", "add", "ferries", "ferry", "--exact"]);
    let taken = run(&index, &["watch", "add", "ferries", "harbour"]);
    assert_eq!(taken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("already named \"ferries\""));
    let bad = run(&index, &["watch", "add", "typo", "titel:ferry"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown field \"titel\""));
    let list = json(&index, &["watch", "list", "--json"]);
    let watches = list["watches"].as_array().unwrap();
    assert_eq!(watches.len(), 1, "{list}");
    assert_eq!(watches[0]["name"], "ferries");
    assert_eq!(watches[0]["exact"], true);
    assert!(watches[0]["checked"].is_null());
    let listed = stdout(&index, &["watch", "list"]);
    assert!(listed.contains("ferries: ferry --exact"), "{listed}");
    stdout(&index, &["watch", "rm", "ferries"]);
    assert_eq!(
        run(&index, &["watch", "rm", "ferries"]).status.code(),
        Some(2)
    );
    let empty = stdout(&index, &["watch", "list"]);
    assert!(empty.contains("no saved searches"), "{empty}");
    assert!(!corpus.index().join("watches.tmp").exists());
}

#[test]
fn the_saved_panel_shows_what_watch_peek_shows_and_remembers_nothing() {
    let corpus = Corpus::three();
    let index = corpus.index();
    stdout(&index, &["watch", "add", "ferries", "ferry"]);
    let served = Served::start(&index);
    write(
        &corpus.root().join("coast/ferry-strike.txt"),
        "Ferry crews strike\nBy Ann Lee | Coast Post\n2 April 2026\n\n\
         Ferry crews stopped work on Thursday over the new rota.\n",
    );
    index_folder(&corpus.root(), &index);
    let answer = served.get("/api/watch");
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(
        answer.text(),
        stdout(&index, &["watch", "--peek", "--json"])
    );
    assert_eq!(
        new_ids(&answer.json(), "ferries"),
        ["coast/ferry-strike.txt"]
    );
    let checked = json(&index, &["watch", "--json"]);
    assert_eq!(new_ids(&checked, "ferries"), ["coast/ferry-strike.txt"]);
    assert!(new_ids(&served.get("/api/watch").json(), "ferries").is_empty());
}

#[test]
fn saved_searches_outlive_a_rebuild_beside_the_old_index() {
    let corpus = Corpus::three();
    let index = corpus.index();
    stdout(&index, &["watch", "add", "ferries", "ferry"]);
    // An index of another format is rebuilt beside the old one and swapped in.
    std::fs::write(
        index.join("newsdex.json"),
        r#"{"format": 0, "written_by": "old"}"#,
    )
    .unwrap();
    crate::util::index_with(&index, &[corpus.root().as_os_str(), "--rebuild".as_ref()]);
    let list = json(&index, &["watch", "list", "--json"]);
    assert_eq!(list["watches"][0]["name"], "ferries", "{list}");
    let checked = json(&index, &["watch", "--json"]);
    assert!(new_ids(&checked, "ferries").is_empty(), "{checked}");
}
