//! Stories: versions of one text (an outlet's updates of a story, a wire story reprinted) share
//! a story id, keep every paragraph, and are all found by a search for one of their sentences.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::results;
use crate::util::{index_folder, stdout, write, Corpus};

const PLACES: [&str; 6] = [
    "Brackwater",
    "Eastmoor",
    "Fennick",
    "Gorsedale",
    "Hollin",
    "Kestrel",
];
const THINGS: [&str; 8] = [
    "footbridge",
    "library",
    "tram depot",
    "sea wall",
    "market hall",
    "reservoir",
    "bus station",
    "orchard",
];
const PEOPLE: [&str; 6] = [
    "Ada Moss",
    "Ben Quill",
    "Cora Vale",
    "Dev Ashby",
    "Elin Roe",
    "Finn Hart",
];
const ACTS: [&str; 6] = ["repair", "reopen", "extend", "inspect", "rebuild", "close"];

/// The `p`-th paragraph of story `s`: three sentences no other paragraph of the corpus holds.
fn paragraph(s: usize, p: usize) -> String {
    let pick = |list: &[&'static str], k: usize| list[(s * 5 + p * 3 + k) % list.len()];
    format!(
        "{} told the {} council that crews would {} the {} by week {}. \
         Residents near the {} in {} counted {} complaints since spring {}. \
         Paragraph {p} of report {s} notes that the {} budget rose to {} thousand.",
        pick(&PEOPLE, 0),
        pick(&PLACES, 1),
        pick(&ACTS, 2),
        pick(&THINGS, 3),
        10 + s * 7 + p,
        pick(&THINGS, 5),
        pick(&PLACES, 6),
        40 + s * 13 + p * 11,
        2000 + s * 3 + p,
        pick(&THINGS, 7),
        100 + s * 17 + p * 5,
    )
}

const FOOTER: &str = "Read more local news from the Gazette every morning.";
const STORIES: usize = 4;
const VERSIONS: usize = 4;

/// The paragraphs of version `v` of story `s`: each update adds a paragraph and rewords the
/// second one a little.
fn version(s: usize, v: usize) -> Vec<String> {
    let mut paragraphs: Vec<String> = (0..4 + v).map(|p| paragraph(s, p)).collect();
    if v > 0 {
        paragraphs[1] = paragraphs[1].replace("counted", &format!("have counted (update {v})"));
    }
    paragraphs
}

/// One outlet's articles: every story in [`VERSIONS`] updates, each ending with the outlet's
/// footer; with `metadata`, the byline names the outlet and a date is given, without it the
/// files are bare scraped text (headline and paragraphs) in one folder.
fn files(metadata: bool) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for s in 0..STORIES {
        for v in 0..VERSIONS {
            let mut text = format!("Works at {} {} (update {v})\n", PLACES[s], THINGS[s]);
            if metadata {
                text += &format!("By Staff | Gazette\n{} March 2026\n", 1 + s * 5 + v);
            }
            for p in version(s, v) {
                text += &format!("\n{p}\n");
            }
            text += &format!("\n{FOOTER}\n");
            files.push((format!("gazette/s{s}-v{v}.txt"), text));
        }
    }
    files
}

fn corpus(metadata: bool) -> Corpus {
    let files = files(metadata);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Corpus::new(&refs)
}

/// Every article of the index, as `export` writes it, by id.
fn exported(corpus: &Corpus) -> BTreeMap<String, Value> {
    stdout(&corpus.index(), &["export"])
        .lines()
        .map(|line| {
            let article: Value = serde_json::from_str(line).expect("JSON line");
            (article["id"].as_str().expect("id").to_string(), article)
        })
        .collect()
}

fn versions_keep_every_paragraph_and_share_a_story(metadata: bool) {
    let corpus = corpus(metadata);
    let articles = exported(&corpus);
    assert_eq!(articles.len(), STORIES * VERSIONS);
    for s in 0..STORIES {
        for v in 0..VERSIONS {
            let id = format!("gazette/s{s}-v{v}.txt");
            let article = &articles[&id];
            let body = article["body"].as_str().expect("body");
            let expected = version(s, v).join("\n\n");
            assert_eq!(
                body, expected,
                "{id}: every paragraph kept, the footer gone"
            );
            assert_eq!(
                article["story"],
                format!("gazette/s{s}-v0.txt"),
                "{id}: its story is named after the first version"
            );
        }
    }
    for s in 0..STORIES {
        let sentence = paragraph(s, 2);
        let sentence = sentence.split(". ").nth(1).expect("second sentence");
        let query = format!("\"{sentence}\"");
        let json = crate::util::json(
            &corpus.index(),
            &["search", &query, "--json", "--versions", "-n", "50"],
        );
        let mut found: Vec<&str> = results(&json)
            .iter()
            .map(|hit| hit["article_id"].as_str().expect("id"))
            .collect();
        found.sort_unstable();
        let expected: Vec<String> = (0..VERSIONS)
            .map(|v| format!("gazette/s{s}-v{v}.txt"))
            .collect();
        assert_eq!(found, expected, "{query} finds every version");
    }
}

#[test]
fn an_outlets_updated_stories_lose_no_paragraph() {
    versions_keep_every_paragraph_and_share_a_story(true);
}

#[test]
fn scraped_files_without_metadata_lose_no_paragraph() {
    versions_keep_every_paragraph_and_share_a_story(false);
}

#[test]
fn search_shows_one_hit_per_story_with_its_other_versions() {
    let corpus = corpus(true);
    let sentence = paragraph(1, 0);
    let sentence = sentence.split(". ").next().expect("first sentence");
    let query = format!("\"{sentence}\"");
    let json = crate::util::json(&corpus.index(), &["search", &query, "--json"]);
    let hits = results(&json);
    assert_eq!(hits.len(), 1, "the four versions fold into one hit: {json}");
    let hit = &hits[0];
    assert_eq!(hit["story"], "gazette/s1-v0.txt");
    let versions: Vec<&str> = hit["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| v["article_id"].as_str().expect("id"))
        .collect();
    assert_eq!(versions.len(), VERSIONS - 1);
    assert!(!versions.contains(&hit["article_id"].as_str().expect("id")));
    assert!(hit["versions"][0]["date"]
        .as_str()
        .is_some_and(|d| d.starts_with("2026-03")));
    let text = stdout(&corpus.index(), &["search", &query]);
    assert!(text.contains("+3 versions, first 2026-03-06"), "{text}");
}

#[test]
fn show_lists_the_other_versions_of_the_story() {
    let corpus = corpus(true);
    let text = stdout(&corpus.index(), &["show", "gazette/s2-v1.txt"]);
    assert!(
        text.contains("other versions of story gazette/s2-v0.txt:"),
        "{text}"
    );
    for v in [0, 2, 3] {
        assert!(
            text.contains(&format!("  gazette/s2-v{v}.txt · Gazette · 2026-03-")),
            "{text}"
        );
    }
    let json = crate::util::json(&corpus.index(), &["show", "gazette/s2-v1.txt", "--json"]);
    let versions = json["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), VERSIONS - 1);
    assert_eq!(versions[0]["article_id"], "gazette/s2-v0.txt");
    assert_eq!(
        versions[0]["title"],
        "Works at Fennick tram depot (update 0)"
    );
}

#[test]
fn versions_keep_their_headlines_as_written_in_another_language() {
    let paragraphs = [
        "Городской совет Брэквотера утвердил ремонт пешеходного моста через реку до конца весны.",
        "По словам инженеров, работы начнутся в апреле и займут около шести недель подряд.",
        "Жители жаловались на состояние моста с прошлой осени, напомнил глава городского совета.",
        "Смета ремонта выросла до девяноста тысяч, из них треть выделит областной бюджет.",
        "Подрядчика выбрали на открытом конкурсе, в котором участвовали четыре строительные фирмы.",
        "На время работ пешеходов направят по временному настилу рядом со старой пристанью.",
        "Движение транспорта по соседней улице на время работ ограничат только по ночам.",
    ];
    let headlines = [
        "Мост в Брэквотере отремонтируют к лету",
        "Мост в Брэквотере отремонтируют к лету: сроки уточнены",
    ];
    let mut files = Vec::new();
    for (v, headline) in headlines.iter().enumerate() {
        let mut text = format!(
            "{headline}
By Staff | Вестник
{} March 2026
",
            3 + v
        );
        for p in &paragraphs[..6 + v] {
            text += &format!("\n{p}\n");
        }
        files.push((format!("vestnik/most-v{v}.txt"), text));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let corpus = Corpus::new(&refs);
    let json = crate::util::json(&corpus.index(), &["show", "vestnik/most-v1.txt", "--json"]);
    assert_eq!(json["language"], "ru", "{json}");
    let versions = json["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 1, "{json}");
    assert_eq!(versions[0]["article_id"], "vestnik/most-v0.txt");
    assert_eq!(versions[0]["title"], headlines[0]);
    assert_eq!(versions[0]["date"], "2026-03-03");
    let json = crate::util::json(&corpus.index(), &["search", "моста", "--json"]);
    let hits = json["results"].as_array().expect("results");
    assert_eq!(hits.len(), 1, "one story, one hit: {json}");
    let shown = hits[0]["article_id"].as_str().expect("id");
    let other = if shown.ends_with("v0.txt") { 1 } else { 0 };
    assert_eq!(hits[0]["title"], headlines[1 - other]);
    let versions = hits[0]["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 1, "{json}");
    assert_eq!(
        versions[0]["article_id"],
        format!("vestnik/most-v{other}.txt")
    );
    assert_eq!(versions[0]["source"], "Вестник");
    assert_eq!(versions[0]["date"], format!("2026-03-0{}", 3 + other));
}

#[test]
fn count_tells_stories_from_articles() {
    let corpus = corpus(true);
    let json = crate::util::json(&corpus.index(), &["count", "council", "--format", "json"]);
    assert_eq!(json["articles"], STORIES * VERSIONS);
    assert_eq!(json["stories"], STORIES);
    let text = stdout(&corpus.index(), &["count", "council", "--by", "source"]);
    assert!(
        text.contains(&format!("in 16 articles ({STORIES} stories)")),
        "{text}"
    );
    let text = stdout(
        &corpus.index(),
        &["count", "council", "--by", "source", "--unit", "story"],
    );
    assert!(
        text.contains(&format!("{STORIES} stories in 16 articles (")),
        "{text}"
    );
    assert!(
        text.contains("source   stories  shared  articles  passages"),
        "{text}"
    );
    let json = crate::util::json(
        &corpus.index(),
        &[
            "count",
            "council",
            "--by",
            "source",
            "--unique-stories",
            "--json",
        ],
    );
    assert_eq!(json["unit"], "story");
    assert_eq!(json["by_source"][0]["stories"], STORIES);
    assert_eq!(json["by_source"][0]["shared_stories"], 0, "one outlet only");
}

#[test]
fn count_by_source_shows_the_stories_outlets_share() {
    let files = files(true);
    let mut all: Vec<(&str, String)> = files
        .iter()
        .filter(|(p, _)| p.ends_with("-v0.txt"))
        .map(|(p, t)| (p.as_str(), t.clone()))
        .collect();
    all.push(("valley/s0.txt", reprint(0, 1, 20)));
    let refs: Vec<(&str, &str)> = all.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let corpus = Corpus::new(&refs);
    let json = crate::util::json(
        &corpus.index(),
        &[
            "count", "council", "--by", "source", "--unit", "story", "--json",
        ],
    );
    let rows: Vec<(&str, u64, u64)> = json["by_source"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| {
            (
                s["source"].as_str().expect("source"),
                s["stories"].as_u64().expect("stories"),
                s["shared_stories"].as_u64().expect("shared"),
            )
        })
        .collect();
    assert_eq!(rows, [("Gazette", 4, 1), ("Valley Times", 1, 1)], "{json}");
}

#[test]
fn a_timeline_of_stories_counts_each_story_once_at_its_first_version() {
    let corpus = corpus(true);
    let periods = |extra: &[&str]| {
        let args: Vec<&str> = ["timeline", "council", "--by", "day", "--format", "json"]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        let json = crate::util::json(&corpus.index(), &args);
        json["series"][0]["counts"]
            .as_array()
            .expect("periods")
            .iter()
            .map(|p| p["articles"].as_u64().expect("count"))
            .sum::<u64>()
    };
    assert_eq!(periods(&[]), (STORIES * VERSIONS) as u64);
    assert_eq!(periods(&["--unit", "article"]), (STORIES * VERSIONS) as u64);
    assert_eq!(periods(&["--unit", "story"]), STORIES as u64);
    assert_eq!(periods(&["--unique-stories"]), STORIES as u64, "an alias");
    assert_eq!(periods(&["--unit-story"]), STORIES as u64, "an older alias");
    let text = stdout(
        &corpus.index(),
        &["timeline", "council", "--by", "year", "--unit", "story"],
    );
    assert!(text.starts_with("stories per year:"), "{text}");
    let json = crate::util::json(
        &corpus.index(),
        &["timeline", "council", "--unit", "story", "--json"],
    );
    assert_eq!(json["unit"], "story");
    let both = crate::util::run(
        &corpus.index(),
        &[
            "timeline",
            "council",
            "--unit",
            "article",
            "--unique-stories",
        ],
    );
    assert_eq!(both.status.code(), Some(2), "--unit and its alias conflict");
}

#[test]
fn kwic_shows_one_version_per_story_when_asked() {
    let corpus = corpus(true);
    let lines = |extra: &[&str]| {
        let args: Vec<&str> = ["kwic", "footbridge", "--format", "json"]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        let json = crate::util::json(&corpus.index(), &args);
        let mut ids: Vec<String> = json["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .map(|l| l["article_id"].as_str().expect("id").to_string())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let all = lines(&[]);
    assert!(all.len() > STORIES, "{all:?}");
    let first = lines(&["--unit", "story"]);
    assert!(
        !first.is_empty() && first.iter().all(|id| id.ends_with("-v0.txt")),
        "{first:?}"
    );
    assert_eq!(lines(&["--unique-stories"]), first);

    let totals = |extra: &[&str]| {
        let args: Vec<&str> = ["kwic", "footbridge", "--format", "json"]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        let json = crate::util::json(&corpus.index(), &args);
        (
            json["articles"].as_u64().expect("articles"),
            json["passages"].as_u64().expect("passages"),
        )
    };
    let (articles, passages) = totals(&["--unit", "story"]);
    assert_eq!(
        articles,
        first.len() as u64,
        "the totals count the versions kept"
    );
    assert!(passages >= articles && totals(&[]).0 == all.len() as u64);
}

#[test]
fn stories_lists_the_stories_of_several_versions_widest_first() {
    let corpus = corpus(true);
    let json = crate::util::json(&corpus.index(), &["stories", "--json", "-n", "2"]);
    let top = crate::util::json(&corpus.index(), &["stories", "--json", "--top", "2"]);
    assert_eq!(top, json, "--top is -n");
    assert_eq!(json["total"], STORIES);
    let listed = json["stories"].as_array().expect("stories");
    assert_eq!(listed.len(), 2);
    for story in listed {
        assert_eq!(story["versions"], VERSIONS);
        assert_eq!(story["outlets"], serde_json::json!(["Gazette"]));
        assert!(story["title"].as_str().unwrap().ends_with("(update 0)"));
        assert!(story["first"].as_str().unwrap() < story["last"].as_str().unwrap());
    }
    // A query narrows the count to the articles it matches: one story's place.
    let one = crate::util::json(&corpus.index(), &["stories", PLACES[0], "--json"]);
    assert!(one["executed_query"].is_string());
    let ids: Vec<&str> = one["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["story"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"gazette/s0-v0.txt"), "{ids:?}");
    let text = stdout(&corpus.index(), &["stories"]);
    assert!(
        text.starts_with(&format!(
            "{STORIES} stories carried by more than one article"
        )),
        "{text}"
    );
    assert!(text.contains("4 versions · 1 outlet: Gazette"), "{text}");
}

#[test]
fn show_diff_names_the_paragraphs_an_update_added_and_changed() {
    let corpus = corpus(true);
    let json = crate::util::json(
        &corpus.index(),
        &[
            "show",
            "gazette/s1-v0.txt",
            "--diff",
            "gazette/s1-v2.txt",
            "--json",
        ],
    );
    assert_eq!(json["diff"]["other"], "gazette/s1-v2.txt");
    let ops: Vec<&str> = json["diff"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["op"].as_str().unwrap())
        .collect();
    // Version 2 rewords the second paragraph and adds two at the end.
    assert_eq!(
        ops,
        ["same", "changed", "same", "same", "added", "added"],
        "{json}"
    );
    let changed = &json["diff"]["changes"][1];
    assert!(changed["other"].as_str().unwrap().contains("(update 2)"));
    let text = stdout(
        &corpus.index(),
        &[
            "show",
            "gazette/s1-v0.txt",
            "--diff",
            "gazette/s1-v2.txt",
            "--color",
            "never",
        ],
    );
    assert!(text.contains("changes to gazette/s1-v2.txt:"), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("+ ")).count(),
        2,
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("~ ")).count(),
        2,
        "{text}"
    );
    let missing = crate::util::run(
        &corpus.index(),
        &["show", "gazette/s1-v0.txt", "--diff", "gazette/none.txt"],
    );
    assert_eq!(missing.status.code(), Some(2));
}

/// Version `v` of story `s` as another outlet prints it: its own headline, byline and day.
fn reprint(s: usize, v: usize, day: usize) -> String {
    let mut text = format!(
        "Council moves on the {} at {}\nBy Wire | Valley Times\n{day} March 2026\n",
        THINGS[s], PLACES[s]
    );
    for p in version(s, v) {
        text += &format!("\n{p}\n");
    }
    text
}

/// The `story` of every article of the index, by id.
fn stories_of(corpus: &Corpus) -> BTreeMap<String, String> {
    exported(corpus)
        .into_iter()
        .map(|(id, a)| (id, a["story"].as_str().expect("story").to_string()))
        .collect()
}

#[test]
fn a_later_run_adds_a_reprint_to_the_story_already_indexed() {
    let files = files(true);
    let first: Vec<(&str, &str)> = files
        .iter()
        .filter(|(p, _)| p.ends_with("-v0.txt") && !p.contains("s2-"))
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let corpus = Corpus::new(&first);
    // A second run: a reprint of story 0 and an unrelated story.
    write(&corpus.root().join("valley/s0.txt"), reprint(0, 2, 20));
    write(
        &corpus.root().join("gazette/s2-v0.txt"),
        &files[2 * VERSIONS].1,
    );
    index_folder(&corpus.root(), &corpus.index());
    let stories = stories_of(&corpus);
    assert_eq!(stories["valley/s0.txt"], "gazette/s0-v0.txt", "{stories:?}");
    assert_eq!(stories["gazette/s2-v0.txt"], "gazette/s2-v0.txt");
    assert_eq!(stories["gazette/s1-v0.txt"], "gazette/s1-v0.txt");
    // Search folds the two versions; `stories` lists them as one story of two outlets.
    let sentence = paragraph(0, 1);
    let query = format!("\"{}\"", sentence.split(". ").next().expect("sentence"));
    let json = crate::util::json(&corpus.index(), &["search", &query, "--json"]);
    let hits = results(&json);
    assert_eq!(hits.len(), 1, "{json}");
    assert_eq!(hits[0]["story"], "gazette/s0-v0.txt");
    assert_eq!(hits[0]["versions"].as_array().map(Vec::len), Some(1));
    let json = crate::util::json(&corpus.index(), &["stories", "--json"]);
    assert_eq!(json["total"], 1, "{json}");
    assert_eq!(json["stories"][0]["story"], "gazette/s0-v0.txt");
    assert_eq!(json["stories"][0]["versions"], 2);
    assert_eq!(
        json["stories"][0]["outlets"],
        serde_json::json!(["Gazette", "Valley Times"])
    );
    // A third run: a version dated before the story's first keeps the story's id.
    write(&corpus.root().join("valley/s1.txt"), reprint(1, 1, 1));
    index_folder(&corpus.root(), &corpus.index());
    let stories = stories_of(&corpus);
    assert_eq!(stories["valley/s1.txt"], "gazette/s1-v0.txt", "{stories:?}");
    assert_eq!(stories["valley/s0.txt"], "gazette/s0-v0.txt");
}

#[test]
fn signatures_of_a_file_read_again_or_gone_go_with_its_articles() {
    let files = files(true);
    let corpus = Corpus::new(&[(files[0].0.as_str(), files[0].1.as_str())]);
    let original = corpus.root().join(&files[0].0);
    // The original changes into another story: a reprint of its old text is a story of its own.
    write(&original, &files[VERSIONS].1);
    write(&corpus.root().join("valley/s0.txt"), reprint(0, 1, 20));
    index_folder(&corpus.root(), &corpus.index());
    assert_eq!(stories_of(&corpus)["valley/s0.txt"], "valley/s0.txt");
    // Only one signatures file is left, the one the last commit names.
    let signatures: Vec<String> = std::fs::read_dir(corpus.index())
        .expect("index folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("stories-"))
        .collect();
    assert_eq!(signatures.len(), 1, "{signatures:?}");
    // Without its signatures file, the index still takes new articles, grouped among themselves.
    std::fs::remove_file(corpus.index().join(&signatures[0])).expect("remove");
    write(&corpus.root().join("hill/s0.txt"), reprint(0, 2, 21));
    index_folder(&corpus.root(), &corpus.index());
    let stories = stories_of(&corpus);
    assert_eq!(stories["hill/s0.txt"], "hill/s0.txt", "{stories:?}");
}
