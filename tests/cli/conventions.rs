//! The conventions every subcommand shares, held in snapshots so that drift shows in review: the
//! help of each subcommand, and the JSON of each view on the bundled corpus.

use serde_json::Value;

use crate::util::{newsdex, Indexed};

/// Every subcommand of `newsdex`.
const SUBCOMMANDS: [&str; 17] = [
    "index",
    "search",
    "eval",
    "glossary",
    "show",
    "export",
    "stats",
    "stories",
    "check",
    "count",
    "timeline",
    "kwic",
    "serve",
    "watch",
    "terms",
    "collocates",
    "engine-config",
];

fn help(args: &[&str]) -> String {
    let out = newsdex().args(args).arg("--help").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_of_every_subcommand() {
    insta::assert_snapshot!("help", help(&[]));
    for sub in SUBCOMMANDS {
        insta::assert_snapshot!(format!("help_{sub}"), help(&[sub]));
    }
}

#[test]
fn every_subcommand_that_prints_takes_format_and_json_and_every_list_takes_n() {
    for sub in SUBCOMMANDS
        .iter()
        .filter(|s| !["index", "serve", "engine-config"].contains(*s))
    {
        let text = help(&[sub]);
        assert!(text.contains("--format <FORMAT>"), "{sub}");
        assert!(text.contains("--json"), "{sub}");
    }
    for sub in [
        "search",
        "kwic",
        "stats",
        "glossary",
        "stories",
        "watch",
        "count",
        "terms",
        "collocates",
    ] {
        assert!(help(&[sub]).contains("-n, --limit <N>"), "{sub}");
    }
}

#[test]
fn an_unknown_flag_is_answered_with_the_flags_of_its_subcommand() {
    let out = newsdex()
        .args(["show", "x", "--highlite", "ISF"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`newsdex show` has no flag '--highlite'"),
        "{stderr}"
    );
    assert!(stderr.contains("--highlight"), "{stderr}");
    assert!(!stderr.contains("tip:"), "{stderr}");
}

#[test]
fn the_index_comes_from_newsdex_index_when_no_flag_names_it() {
    let indexed = Indexed::corpus();
    let out = newsdex()
        .args(["stats", "--json"])
        .env("NEWSDEX_INDEX", indexed.index())
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["articles"], 49);
}

/// Replaces the values of `keys` (anywhere in `value`) that differ from run to run.
fn redact(value: &mut Value, keys: &[&str]) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if keys.contains(&key.as_str()) {
                    *inner = Value::String(format!("[{key}]"));
                } else {
                    redact(inner, keys);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact(v, keys)),
        _ => {}
    }
}

#[test]
fn json_of_every_view() {
    let indexed = Indexed::corpus();
    let index = indexed.index();
    let index = index.to_str().unwrap();
    let saved = newsdex()
        .args([
            "watch", "add", "ISF", "ISF", "--since", "2026-02", "--index", index,
        ])
        .output()
        .unwrap();
    assert!(saved.status.success());
    let views: [(&str, &[&str]); 14] = [
        ("stats", &["stats", "-n", "2"]),
        ("stories", &["stories", "-n", "2"]),
        ("check", &["check"]),
        ("count", &["count", "ISF", "--by", "source"]),
        ("timeline", &["timeline", "ISF", "OIC", "--by", "year"]),
        (
            "timeline_normalized",
            &["timeline", "ISF", "OIC", "--by", "year", "--normalize"],
        ),
        (
            "count_by_entity",
            &["count", "ISF", "--by", "entity", "-n", "3"],
        ),
        ("terms", &["terms", "ISF", "-n", "3"]),
        ("collocates", &["collocates", "troops", "-n", "2"]),
        ("kwic", &["kwic", "OIC", "-n", "2", "--width", "20"]),
        ("glossary", &["glossary", "-n", "2"]),
        (
            "show",
            &[
                "show",
                "corpus/caspian-courier/2026-01-06-baku-rules-out-gaza-troops.txt",
                "--highlight",
                "Aliyev",
            ],
        ),
        (
            "search",
            &["search", "Aliyev troops", "-n", "1", "--no-timing"],
        ),
        ("watch", &["watch", "--peek"]),
    ];
    for (name, args) in views {
        let out = newsdex()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .args(["--json", "--index", index])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut json: Value = serde_json::from_slice(&out.stdout).unwrap();
        redact(&mut json, &["size_bytes", "last_indexed", "index", "bytes"]);
        insta::assert_json_snapshot!(format!("view_{name}"), json);
    }
}
