//! `newsdex timeline`: articles per period, checked against hand-counted dates.

use serde_json::{json, Value};

use crate::util::newsdex;
use crate::util::{json, run, stdout, Corpus};

/// Five articles: two in ISO week 2026-W01 (one of them in December 2025), one in 2026-W02,
/// none in February, one in March, one undated. "harbour" is in the first, the March and the
/// undated one.
fn corpus() -> Corpus {
    Corpus::new(&[
        (
            "a.txt",
            "Winter ferry timetable\nBy Ann Lee | Coast Post\n30 December 2025\n\nThe ferry leaves the harbour at dawn.\n",
        ),
        (
            "b.txt",
            "New year ferry\nBy Ann Lee | Coast Post\n2 January 2026\n\nThe ferry ran on New Year's Day.\n",
        ),
        (
            "c.txt",
            "Ferry delayed\nBy Bob Stone | Coast Post\n5 January 2026\n\nFog delayed the ferry for hours.\n",
        ),
        (
            "d.txt",
            "Spring sailings\nBy Bob Stone | Valley Times\n10 March 2026\n\nThe ferry adds sailings from the harbour.\n",
        ),
        (
            "e.txt",
            "Harbour history\n\nThe ferry has served the harbour for a century.\n",
        ),
    ])
}

fn series(json: &Value, i: usize) -> Vec<(String, u64)> {
    json["series"][i]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["period"].as_str().unwrap().to_string(),
                c["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|(p, n)| (p.to_string(), *n)).collect()
}

#[test]
fn buckets_by_month_year_week_and_day() {
    let corpus = corpus();
    let index = corpus.index();
    let by = |period: &str| {
        json(
            &index,
            &["timeline", "ferry", "--by", period, "--format", "json"],
        )
    };

    let month = by("month");
    assert_eq!(month["schema_version"], 1);
    assert_eq!(month["by"], "month");
    assert_eq!(month["series"][0]["query"], "ferry");
    assert_eq!(month["series"][0]["executed_query"], "ferri");
    assert_eq!(
        series(&month, 0),
        pairs(&[
            ("2025-12", 1),
            ("2026-01", 2),
            ("2026-02", 0),
            ("2026-03", 1)
        ])
    );
    assert_eq!(month["undated"], json!({"ferry": 1}));
    assert_eq!(month["series"][0]["undated"], 1);

    assert_eq!(series(&by("year"), 0), pairs(&[("2025", 1), ("2026", 3)]));

    let week = series(&by("week"), 0);
    assert_eq!(week.len(), 11, "2026-W01 to 2026-W11: {week:?}");
    assert_eq!(week[0], ("2026-W01".to_string(), 2));
    assert_eq!(week[1], ("2026-W02".to_string(), 1));
    assert!(week[2..10].iter().all(|(_, n)| *n == 0));
    assert_eq!(week[10], ("2026-W11".to_string(), 1));

    let day = series(&by("day"), 0);
    assert_eq!(day.len(), 2 + 31 + 28 + 10);
    assert_eq!(day[0], ("2025-12-30".to_string(), 1));
    assert_eq!(day[1], ("2025-12-31".to_string(), 0));
    assert_eq!(day[3], ("2026-01-02".to_string(), 1));
    assert_eq!(day[6], ("2026-01-05".to_string(), 1));
    assert_eq!(day.last().unwrap(), &("2026-03-10".to_string(), 1));
    assert_eq!(day.iter().map(|(_, n)| n).sum::<u64>(), 4);
}

#[test]
fn several_queries_share_one_axis() {
    let corpus = corpus();
    let index = corpus.index();
    let both = json(
        &index,
        &["timeline", "ferry", "harbour", "--format", "json"],
    );
    assert_eq!(
        series(&both, 1),
        pairs(&[
            ("2025-12", 1),
            ("2026-01", 0),
            ("2026-02", 0),
            ("2026-03", 1)
        ])
    );
    assert_eq!(both["undated"], json!({"ferry": 1, "harbour": 1}));

    let csv = stdout(&index, &["timeline", "ferry", "harbour", "--format", "csv"]);
    assert_eq!(
        csv,
        "period,ferry,harbour\n2025-12,1,1\n2026-01,2,0\n2026-02,0,0\n2026-03,1,1\n"
    );
    let out = run(&index, &["timeline", "ferry", "--format", "csv"]);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("articles without a date (in no month): ferry 1"));
}

#[test]
fn date_limits_apply_and_leave_out_the_undated() {
    let corpus = corpus();
    let index = corpus.index();
    let since = json(
        &index,
        &[
            "timeline", "ferry", "--since", "2026", "--until", "2026-01", "--format", "json",
        ],
    );
    assert_eq!(series(&since, 0), pairs(&[("2026-01", 2)]));
    assert_eq!(since["undated"], json!({"ferry": 0}));
    let none = json(&index, &["timeline", "tram", "--format", "json"]);
    assert_eq!(none["series"][0]["counts"], json!([]));
    let text = stdout(&index, &["timeline", "tram"]);
    assert!(text.contains("no dated article matches"), "{text}");
}

#[test]
fn text_bars_fill_the_terminal_width() {
    let corpus = corpus();
    let out = newsdex()
        .args(["timeline", "ferry", "--index"])
        .arg(corpus.index())
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("202")).collect();
    assert_eq!(rows.len(), 4, "{text}");
    assert_eq!(rows[1].chars().count(), 60, "{text}");
    assert!(rows[1].starts_with("2026-01  2 █"));
    assert_eq!(rows[2], "2026-02  0");
    let half = rows[0].chars().filter(|&c| c == '█').count();
    let full = rows[1].chars().filter(|&c| c == '█').count();
    assert!(half * 2 >= full - 1 && half * 2 <= full + 1, "{text}");
    assert!(text.contains("articles without a date (in no month): ferry 1"));
}

#[test]
fn svg_chart_is_standalone_and_labelled() {
    let corpus = corpus();
    let svg_path = corpus.dir.path().join("chart.svg");
    let out = newsdex()
        .args(["timeline", "ferry", "harbour", "--index"])
        .arg(corpus.index())
        .arg("--svg")
        .arg(&svg_path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(">ferry · harbour</text>"));
    for label in [
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-03",
        "0",
        "1",
        "2",
        "month",
        "articles per month",
    ] {
        assert_eq!(
            svg.matches(&format!(">{label}</text>")).count(),
            1,
            "one <text> for {label}"
        );
    }
    let opened = svg.matches('<').count() - svg.matches("</").count();
    let self_closed = svg.matches("/>").count();
    assert_eq!(
        opened - self_closed,
        svg.matches("</").count(),
        "balanced tags"
    );
    for tag in ["svg", "text", "title", "circle"] {
        let open = svg.matches(&format!("<{tag}")).count();
        let close = svg.matches(&format!("</{tag}>")).count();
        assert_eq!(open, close, "<{tag}>");
    }
}

/// `(period, articles, share)` of a normalised series.
fn shares(json: &Value, i: usize) -> Vec<(String, u64, Option<f64>)> {
    json["series"][i]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["period"].as_str().unwrap().to_string(),
                c["articles"].as_u64().unwrap(),
                c["share"].as_f64(),
            )
        })
        .collect()
}

fn totals(json: &Value) -> Vec<u64> {
    json["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["articles"].as_u64().unwrap())
        .collect()
}

#[test]
fn normalize_gives_each_count_as_a_share_of_the_period() {
    let corpus = corpus();
    let index = corpus.index();
    // Dated articles: 2025: a; 2026: b, c, d. "harbour": a, d (and the undated e).
    let year = json(
        &index,
        &[
            "timeline",
            "harbour",
            "--by",
            "year",
            "--normalize",
            "--json",
        ],
    );
    assert_eq!(totals(&year), [1, 3]);
    assert_eq!(
        shares(&year, 0),
        [
            ("2025".to_string(), 1, Some(1.0)),
            ("2026".to_string(), 1, Some(1.0 / 3.0))
        ]
    );
    // By month: January holds b and c, February nothing (no share), "fog" only c.
    let month = json(
        &index,
        &["timeline", "fog", "harbour", "--normalize", "--json"],
    );
    assert_eq!(totals(&month), [1, 2, 0, 1]);
    assert_eq!(
        shares(&month, 0),
        [
            ("2025-12".to_string(), 0, Some(0.0)),
            ("2026-01".to_string(), 1, Some(0.5)),
            ("2026-02".to_string(), 0, None),
            ("2026-03".to_string(), 0, Some(0.0))
        ]
    );
    assert!(month["series"][1]["counts"][2]["share"].is_null());
    // --since restricts the totals too: January then holds c only.
    let since = json(
        &index,
        &[
            "timeline",
            "ferry",
            "--since",
            "2026-01-03",
            "--normalize",
            "--json",
        ],
    );
    assert_eq!(totals(&since), [1, 0, 1]);
    assert_eq!(shares(&since, 0)[0], ("2026-01".to_string(), 1, Some(1.0)));
    // Without --normalize nothing changes.
    let plain = json(&index, &["timeline", "fog", "--json"]);
    assert!(plain.get("totals").is_none());
    assert!(plain["series"][0]["counts"][0].get("share").is_none());

    let csv = stdout(
        &index,
        &[
            "timeline",
            "fog",
            "harbour",
            "--normalize",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        csv,
        "period,fog,harbour,total,fog share,harbour share\n\
         2025-12,0,1,1,0,1\n\
         2026-01,1,0,2,0.5,0\n\
         2026-02,0,0,0,,\n\
         2026-03,0,1,1,0,1\n"
    );
    let text = stdout(&index, &["timeline", "fog", "harbour", "--normalize"]);
    assert!(text.contains("as a share of all articles"), "{text}");
    assert!(text.contains("2026-01  fog      1 of 2  50.0% █"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("2026-02") && l.ends_with("0 of 0      -")),
        "{text}"
    );
}

#[test]
fn normalize_counts_stories_once_with_the_story_unit() {
    let corpus = Corpus::three();
    let index = corpus.index();
    // The Valley Times copy (March) is a version of the Coast Post story of January.
    let articles = json(&index, &["timeline", "ferry", "--normalize", "--json"]);
    assert_eq!(totals(&articles), [2, 0, 1]);
    let stories = json(
        &index,
        &[
            "timeline",
            "ferry",
            "--unique-stories",
            "--normalize",
            "--json",
        ],
    );
    assert_eq!(totals(&stories), [2]);
    assert_eq!(shares(&stories, 0), [("2026-01".to_string(), 2, Some(1.0))]);
}
