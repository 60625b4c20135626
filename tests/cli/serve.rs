//! `newsdex serve` through HTTP: every JSON route answers the bytes the command line prints for
//! the same arguments; bad requests get their 4xx and the server goes on; an indexing run shows
//! without a restart; Ctrl-C stops it.

use std::time::Duration;

use crate::http::{encode, request, request_for, Served};
use crate::util::{index_folder, stdout, write, Corpus, Indexed};

/// Each route beside the command line that must print the same bytes.
const SAME_AS_CLI: &[(&str, &[&str])] = &[
    (
        "/api/search?q=stabilisation+force&n=3&no_timing=1",
        &["search", "stabilisation force", "-n", "3", "--json", "--no-timing"],
    ),
    (
        "/api/search?q=Garabagh&unit=article&since=2026-01&until=2026-03&versions=1&offset=1&no_timing=1",
        &[
            "search", "Garabagh", "--unit", "article", "--since", "2026-01", "--until", "2026-03",
            "--versions", "--offset", "1", "--json", "--no-timing",
        ],
    ),
    (
        "/api/search?q=ISF&sort=-date&per_article=1&exact=1&no_timing=1",
        &[
            "search", "ISF", "--sort", "-date", "--per-article", "1", "--exact", "--json",
            "--no-timing",
        ],
    ),
    (
        "/api/article/levant-ledger%2F2026-03-24-gaza-residents-force-command.txt?highlight=force",
        &[
            "show",
            "levant-ledger/2026-03-24-gaza-residents-force-command.txt",
            "--highlight",
            "force",
            "--json",
        ],
    ),
    (
        "/api/article/levant-ledger/2026-03-24-gaza-residents-force-command.txt",
        &[
            "show",
            "levant-ledger/2026-03-24-gaza-residents-force-command.txt",
            "--json",
        ],
    ),
    ("/api/count?q=gaza&by=source", &["count", "gaza", "--by", "source", "--json"]),
    (
        "/api/count?q=Karabakh&by=language&lang=ru,az,en",
        &["count", "Karabakh", "--by", "language", "--lang", "ru,az,en", "--json"],
    ),
    (
        "/api/search?q=Karabakh&no_transliterate=1&no_timing=1",
        &["search", "Karabakh", "--no-transliterate", "--no-timing", "--json"],
    ),
    (
        "/api/count?q=ISF&by=entity&n=3",
        &["count", "ISF", "--by", "entity", "-n", "3", "--json"],
    ),
    (
        "/api/timeline?q=ISF&by=year&normalize=1&unit=story",
        &["timeline", "ISF", "--by", "year", "--normalize", "--unit", "story", "--json"],
    ),
    (
        "/api/count?q=gaza&by=source&unit=story",
        &["count", "gaza", "--by", "source", "--unit", "story", "--json"],
    ),
    (
        "/api/count?q=troops&no_expand=1&since=2026-02",
        &["count", "troops", "--no-expand", "--since", "2026-02", "--json"],
    ),
    (
        "/api/timeline?q=gaza&q=baku&by=week",
        &["timeline", "gaza", "baku", "--by", "week", "--json"],
    ),
    (
        "/api/timeline?q=ISF&unique_stories=1",
        &["timeline", "ISF", "--unique-stories", "--json"],
    ),
    (
        "/api/kwic?q=ISF&unit=story",
        &["kwic", "ISF", "--unit", "story", "--json"],
    ),
    (
        "/api/kwic?q=ISF&width=30&n=5&sort=left",
        &["kwic", "ISF", "--width", "30", "-n", "5", "--sort", "left", "--json"],
    ),
    ("/api/stats?n=3", &["stats", "-n", "3", "--json"]),
    ("/api/stories?n=2", &["stories", "-n", "2", "--json"]),
    ("/api/glossary?n=4", &["glossary", "-n", "4", "--json"]),
];

#[test]
fn every_route_answers_the_json_the_command_line_prints() {
    let indexed = Indexed::corpus();
    let served = Served::start(&indexed.index());
    for (route, args) in SAME_AS_CLI {
        let answer = served.get(route);
        assert_eq!(answer.status, 200, "{route}: {}", answer.text());
        assert_eq!(answer.header("content-type"), Some("application/json"));
        assert_eq!(answer.text(), stdout(&indexed.index(), args), "{route}");
    }
}

#[test]
fn the_timeline_chart_is_the_svg_the_command_line_writes() {
    let indexed = Indexed::corpus();
    let served = Served::start(&indexed.index());
    let answer = served.get("/api/timeline.svg?q=gaza&q=ISF&by=month");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("image/svg+xml"));
    let file = indexed.dir.path().join("chart.svg");
    let file_arg = file.to_str().unwrap();
    stdout(
        &indexed.index(),
        &["timeline", "gaza", "ISF", "--svg", file_arg, "--json"],
    );
    assert_eq!(answer.body, std::fs::read(&file).unwrap());
}

#[test]
fn bad_requests_get_their_status_and_the_server_goes_on_answering() {
    let corpus = Corpus::three();
    let served = Served::start(&corpus.index());
    let query_error = served.get("/api/search?q=titel%3Aharbour");
    assert_eq!(query_error.status, 400);
    let error = query_error.json();
    assert_eq!(
        error["error"]["message"],
        "unknown field \"titel\"; fields are title, source, author, date"
    );
    assert_eq!(error["error"]["position"]["start"], 1);
    assert_eq!(error["error"]["position"]["end"], 6);
    let long_query = format!("/api/search?q={}", "harbour+".repeat(700));
    let long_url = format!("/api/search?q={}", "a".repeat(9000));
    let cases: Vec<(String, &str, u16)> = vec![
        ("/api/search".into(), "GET", 400),
        ("/api/search?q=%22unclosed".into(), "GET", 400),
        ("/api/search?q=harbour&n=many".into(), "GET", 400),
        ("/api/search?q=harbour&unit=story".into(), "GET", 400),
        ("/api/search?q=harbour&since=yesterday".into(), "GET", 400),
        ("/api/search?q=%ZZ".into(), "GET", 400),
        ("/api/search?q=%FF".into(), "GET", 400),
        ("/api/timeline?by=month".into(), "GET", 400),
        ("/api/timeline?q=harbour&by=decade".into(), "GET", 400),
        ("/api/count?q=harbour&by=colour".into(), "GET", 400),
        ("/api/nothing".into(), "GET", 404),
        ("/etc/passwd".into(), "GET", 404),
        ("/../../etc/passwd".into(), "GET", 404),
        ("/api/article/no-such-article".into(), "GET", 404),
        (
            "/api/article/..%2F..%2F..%2Fetc%2Fpasswd".into(),
            "GET",
            404,
        ),
        ("/api/article/%2Fetc%2Fpasswd".into(), "GET", 404),
        // The path an article came from is not an id: the server opens no path a URL names.
        (
            format!(
                "/api/article/{}",
                encode(
                    &corpus
                        .root()
                        .join("coast/harbour.txt")
                        .display()
                        .to_string()
                )
            ),
            "GET",
            404,
        ),
        ("/api/search?q=harbour".into(), "POST", 405),
        ("/api/search?q=harbour".into(), "DELETE", 405),
        ("/".into(), "PUT", 405),
        (long_query, "GET", 413),
        (long_url, "GET", 414),
    ];
    for (target, method, status) in &cases {
        let answer = request(&served.address, method, target, None);
        assert_eq!(
            answer.status,
            *status,
            "{method} {target}: {}",
            answer.text()
        );
        let error = answer.json();
        assert!(error["error"]["message"].is_string(), "{target}: {error}");
        // The server keeps answering after each refusal.
        let fine = served.get("/api/count?q=harbour");
        assert_eq!(fine.status, 200, "after {method} {target}");
        assert_eq!(fine.json()["articles"], 2);
    }
}

#[test]
fn a_request_for_another_host_is_refused_by_a_loopback_server() {
    let corpus = Corpus::three();
    let served = Served::start(&corpus.index());
    let port = served.address.rsplit(':').next().unwrap();
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "192.168.1.20",
    ] {
        let answer = request_for(&served.address, host, "GET", "/api/stats", None);
        assert_eq!(answer.status, 403, "{host}: {}", answer.text());
        assert!(answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("localhost"));
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let answer = request_for(&served.address, &host, "GET", "/api/stats", None);
        assert_eq!(answer.status, 200, "{host}");
    }
}

#[test]
fn ids_with_slashes_and_hashes_are_found_by_their_escaped_form() {
    let corpus = Corpus::new(&[(
        "wire/feed.jsonl",
        "{\"title\": \"Kelp farms spread\", \"body\": \"Kelp farms spread along the coast this spring.\"}\n\
         {\"title\": \"Otters return\", \"body\": \"Otters returned to the kelp beds of the bay.\"}\n",
    )]);
    let served = Served::start(&corpus.index());
    let answer = served.get("/api/article/wire%2Ffeed.jsonl%232");
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json()["title"], "Otters return");
    // Unescaped, `#` ends the path: the id asked for is `wire/feed.jsonl`, which is none.
    assert_eq!(served.get("/api/article/wire/feed.jsonl").status, 404);
}

#[test]
fn the_page_and_its_assets_are_served_with_a_policy_against_inline_script() {
    let corpus = Corpus::three();
    let served = Served::start(&corpus.index());
    let page = served.get("/?q=harbour");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let policy = page.header("content-security-policy").expect("a CSP");
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let html = page.text();
    assert!(html.contains("src=\"/app.js\""), "{html}");
    assert!(!html.contains("<script>"), "inline script in the page");
    let handler = html.split(" on").skip(1).any(|rest| {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase())
            .collect();
        !name.is_empty() && rest[name.len()..].starts_with('=')
    });
    assert!(!handler, "an inline handler in the page");
    let script = served.get("/app.js");
    assert_eq!(script.status, 200);
    assert!(script
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    assert!(
        !script.text().contains("innerHTML"),
        "the script never writes HTML"
    );
    assert_eq!(served.get("/app.css").status, 200);
}

#[test]
fn an_indexing_run_shows_without_a_restart() {
    let corpus = Corpus::three();
    let served = Served::start(&corpus.index());
    let before = served.get("/api/count?q=lighthouse");
    assert_eq!(before.json()["articles"], 0);
    assert_eq!(served.get("/api/stats").json()["articles"], 3);
    write(
        &corpus.root().join("coast/lighthouse.txt"),
        "Lighthouse keeper retires\nBy Ann Lee | Coast Post\n9 February 2026\n\n\
         The lighthouse keeper of Port Elm retired after forty years at the lighthouse.\n",
    );
    index_folder(&corpus.root(), &corpus.index());
    let after = served.get("/api/count?q=lighthouse");
    assert_eq!(after.json()["articles"], 1, "{}", after.text());
    assert_eq!(served.get("/api/stats").json()["articles"], 4);
    assert_eq!(
        served
            .get(&format!("/api/search?q={}", encode("lighthouse keeper")))
            .json()["results"][0]["article_id"],
        "coast/lighthouse.txt"
    );
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let corpus = Corpus::three();
    let mut served = Served::start(&corpus.index());
    assert_eq!(served.get("/api/stats").status, 200);
    let signalled = std::process::Command::new("kill")
        .args(["-INT", &served.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(signalled.success());
    let status = served
        .wait(Duration::from_secs(20))
        .expect("the server stops after Ctrl-C");
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_burst_of_200_searches_from_8_clients_all_succeed() {
    let indexed = Indexed::corpus();
    let served = Served::start(&indexed.index());
    let queries = [
        "gaza",
        "stabilisation force",
        "ISF",
        "\"rules of engagement\"",
        "Garabagh",
    ];
    let clients: Vec<_> = (0..8)
        .map(|client| {
            let address = served.address.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        let query = queries[(client + i) % queries.len()];
                        let target = format!("/api/search?q={}", encode(query));
                        let answer = request(&address, "GET", &target, None);
                        answer.status == 200 && answer.json()["results"].is_array()
                    })
                    .filter(|ok| *ok)
                    .count()
            })
        })
        .collect();
    let succeeded: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    assert_eq!(succeeded, 200);
}
