//! The page of `newsdex serve` in a real browser: headless Chromium driven over WebDriver by
//! chromedriver (Debian's `chromium` and `chromium-driver`, which `.ci/run` installs). The page
//! loads, a search shows highlighted passages, a facet click filters, the article view opens,
//! the keys work, and hostile article text stays text: no script of an article runs.
//! Screenshots go to `target/browser-screenshots/`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::http::{encode, request, Served};
use crate::util::{stdout, Corpus, Indexed};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The key WebDriver names an element reference by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver on a free loopback port with one headless Chromium session; both end when
/// it is dropped.
struct Browser {
    driver: Child,
    address: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        assert!(
            std::path::Path::new(CHROMEDRIVER).exists(),
            "{CHROMEDRIVER} is missing: apt-get install chromium chromium-driver"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let address = format!("127.0.0.1:{port}");
        let started = Instant::now();
        while std::net::TcpStream::connect(&address).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver does not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().expect("a profile folder");
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,1000",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let mut browser = Browser {
            driver,
            address,
            session: String::new(),
            _profile: profile,
        };
        let created = browser.command("POST", "/session", Some(capabilities));
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        browser
    }

    /// A WebDriver command; its `value`.
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let answer = request(&self.address, method, path, body.as_deref());
        let value: Value = answer.json();
        assert!(
            answer.status == 200,
            "{method} {path}: {} {value}",
            answer.status
        );
        value["value"].clone()
    }

    fn session_command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.command(method, &format!("/session/{}{path}", self.session), body)
    }

    fn go(&self, url: &str) {
        self.session_command("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body) in the page; its return value.
    fn run(&self, script: &str) -> Value {
        self.session_command(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Waits until `script` returns true (at most 20 s).
    fn wait_for(&self, script: &str, what: &str) {
        let started = Instant::now();
        while self.run(script) != Value::Bool(true) {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn find(&self, css: &str) -> String {
        let found = self.session_command(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        found[ELEMENT].as_str().expect("an element").to_string()
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.session_command(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.session_command(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Presses keys (`\u{E007}` is Enter, `\u{E00C}` Escape) wherever the focus is.
    fn press(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [
                    json!({"type": "keyDown", "value": key}),
                    json!({"type": "keyUp", "value": key}),
                ]
            })
            .collect();
        self.session_command(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        self.session_command("DELETE", "/actions", None);
    }

    fn resize(&self, width: u32, height: u32) {
        self.session_command(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        );
    }

    /// Saves a screenshot as `target/browser-screenshots/NAME.png`.
    fn screenshot(&self, name: &str) -> PathBuf {
        let encoded = self.session_command("GET", "/screenshot", None);
        let png = base64_decode(encoded.as_str().expect("base64"));
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
        std::fs::create_dir_all(&folder).expect("screenshot folder");
        let path = folder.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("screenshot written");
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = request(
                &self.address,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .map(value)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    out
}

#[test]
#[ignore = "needs chromium"]
fn a_search_shows_highlights_a_facet_filters_and_the_article_opens() {
    let indexed = Indexed::corpus();
    stdout(
        &indexed.index(),
        &[
            "watch",
            "add",
            "ISF since March",
            "ISF",
            "--since",
            "2026-03",
        ],
    );
    let served = Served::start(&indexed.index());
    let browser = Browser::start();
    browser.go(&format!(
        "{}/?q={}",
        served.url(),
        encode("stabilisation force")
    ));
    browser.wait_for(
        "return document.querySelectorAll('#results .hit').length === 10",
        "the first page of results",
    );
    let marks = browser.run("return document.querySelectorAll('#results .hit mark').length");
    assert!(marks.as_u64().unwrap() >= 10, "highlights: {marks}");
    let marked = browser.run("return document.querySelector('#results mark').textContent");
    assert!(
        marked
            .as_str()
            .unwrap()
            .to_lowercase()
            .starts_with("stabili")
            || marked.as_str().unwrap().to_lowercase() == "force",
        "{marked}"
    );
    browser.wait_for(
        "return document.querySelectorAll('#facet-sources button').length > 1 && !document.getElementById('chart').hidden",
        "the facets and the chart",
    );
    browser.screenshot("search");

    // A facet click filters: every hit is then from that source, and the URL says so.
    let source = browser
        .run("return document.querySelector('#facet-sources button .label').textContent")
        .as_str()
        .unwrap()
        .to_string();
    browser.click("#facet-sources button");
    browser.wait_for(
        &format!(
            "return new URLSearchParams(location.search).get('q') === 'stabilisation force source:\"{source}\"' \
             && document.querySelectorAll('#results .hit').length > 0 \
             && document.getElementById('status').textContent.includes('source')"
        ),
        "the filtered results",
    );
    let sources = browser.run(
        "return [...document.querySelectorAll('#results .hit .meta')].map(m => m.textContent)",
    );
    for meta in sources.as_array().unwrap() {
        assert!(
            meta.as_str().unwrap().starts_with(&source),
            "{meta} is not from {source}"
        );
    }
    browser.wait_for(
        "return document.querySelector('#facet-sources button[aria-pressed=\"true\"]') !== null",
        "the facet shown as chosen",
    );

    // The article view opens with the query lit, and the URL names the article.
    browser.click("#results .hit a.title");
    browser.wait_for(
        "return !document.getElementById('article-view').hidden \
         && document.querySelectorAll('#article-body p').length > 1",
        "the article view",
    );
    let lit = browser.run("return document.querySelectorAll('#article-body mark').length");
    assert!(lit.as_u64().unwrap() > 0, "the article's highlights: {lit}");
    let id = browser.run("return new URLSearchParams(location.search).get('a')");
    assert!(id.as_str().unwrap().ends_with(".txt") || id.as_str().unwrap().ends_with(".md"));
    browser.screenshot("article");
    browser.press("\u{E00C}");
    browser.wait_for(
        "return document.getElementById('article-view').hidden && !new URLSearchParams(location.search).has('a')",
        "Escape to close the article",
    );

    // Keys: / to the search box, a new query with Enter, Escape and j to the first hit, Enter
    // opens it.
    browser.press("/");
    browser.wait_for(
        "return document.activeElement === document.getElementById('q')",
        "/ to focus the search box",
    );
    browser.run("document.getElementById('q').value = ''");
    browser.type_into("#q", "Garabagh\u{E007}");
    browser.wait_for(
        "return new URLSearchParams(location.search).get('q') === 'Garabagh' \
         && document.querySelectorAll('#results .hit').length > 0",
        "the results of a typed query",
    );
    // Escape leaves the search box, j goes to the first hit.
    browser.press("\u{E00C}j");
    browser.wait_for(
        "return document.activeElement === document.querySelector('#results .hit a.title')",
        "j to focus the first hit",
    );
    assert_eq!(
        browser.run("return document.getElementById('q').value"),
        json!("Garabagh"),
        "Escape keeps the query in the box"
    );
    browser.press("\u{E007}");
    browser.wait_for(
        "return !document.getElementById('article-view').hidden",
        "Enter to open the hit",
    );
    browser.press("\u{E00C}");

    // A concordance of the query.
    browser.click("#show-kwic");
    browser.wait_for(
        "return document.querySelectorAll('#kwic tr').length > 0",
        "the concordance",
    );
    browser.screenshot("kwic");

    // The saved searches.
    browser.click("#show-saved");
    browser.wait_for(
        "return document.querySelectorAll('#saved .watch').length === 1 \
         && document.querySelector('#saved .watch h3').textContent.startsWith('ISF since March') \
         && new URLSearchParams(location.search).get('view') === 'saved'",
        "the saved searches",
    );
    browser.screenshot("saved");

    // On a phone-sized screen nothing is wider than the screen.
    browser.resize(390, 844);
    browser.go(&format!("{}/?q={}", served.url(), encode("ISF")));
    browser.wait_for(
        "return document.querySelectorAll('#results .hit').length > 0",
        "results on a phone",
    );
    let overflow =
        browser.run("return document.documentElement.scrollWidth <= window.innerWidth + 1");
    assert_eq!(
        overflow,
        Value::Bool(true),
        "the page is wider than a phone"
    );
    browser.screenshot("phone");
}

#[test]
#[ignore = "needs chromium"]
fn hostile_article_text_stays_text_and_no_script_of_an_article_runs() {
    let corpus = Corpus::new(&[
        (
            "evil/img.txt",
            "<img src=x onerror=\"window.__pwned=1;document.title='pwned'\"> lighthouse\n\
             By <b onmouseover=alert(1)>Mallory</b> | <script>window.__pwned=2</script>\n\
             5 January 2026\n\n\
             The lighthouse <script>window.__pwned=3;document.title='pwned'</script> keeper \
             wrote <img src=x onerror=window.__pwned=4> here.\n",
        ),
        (
            "evil/feed.json",
            "{\"title\": \"<script>window.__pwned=5</script> lighthouse beam\", \
              \"source\": \"<img src=x onerror=window.__pwned=6>\", \
              \"date\": \"2026-01-06\", \
              \"url\": \"javascript:window.__pwned=7\", \
              \"body\": \"The lighthouse beam <iframe src=javascript:window.__pwned=8></iframe> turned.\"}",
        ),
    ]);
    let served = Served::start(&corpus.index());
    let browser = Browser::start();
    browser.go(&format!("{}/?q=lighthouse", served.url()));
    browser.wait_for(
        "return document.querySelectorAll('#results .hit').length === 2 \
         && document.querySelectorAll('#facet-sources button').length > 0",
        "the hostile results",
    );
    let titles = browser.run(
        "return [...document.querySelectorAll('#results .hit a.title')].map(a => a.textContent)",
    );
    let titles: Vec<&str> = titles
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(
        titles.contains(
            &"<img src=x onerror=\"window.__pwned=1;document.title='pwned'\"> lighthouse"
        ),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"<script>window.__pwned=5</script> lighthouse beam"),
        "{titles:?}"
    );
    let injected = "return document.querySelectorAll('main img, main script, main iframe, main b, #article-view img, #article-view script, #article-view iframe').length";
    assert_eq!(
        browser.run(injected),
        json!(0),
        "article markup became elements"
    );
    let passages = browser.run("return document.getElementById('results').textContent");
    assert!(passages
        .as_str()
        .unwrap()
        .contains("<script>window.__pwned=3"));
    browser.screenshot("hostile");

    for title in [
        "#results .hit:nth-child(1) a.title",
        "#results .hit:nth-child(2) a.title",
    ] {
        browser.click(title);
        browser.wait_for(
            "return !document.getElementById('article-view').hidden \
             && document.querySelectorAll('#article-body p').length > 0",
            "the hostile article",
        );
        assert_eq!(
            browser.run(injected),
            json!(0),
            "article markup became elements"
        );
        let links = browser.run(
            "return [...document.querySelectorAll('#article-view a')].map(a => a.getAttribute('href'))",
        );
        assert!(
            !links.to_string().contains("javascript:"),
            "a javascript: link: {links}"
        );
        browser.press("\u{E00C}");
        browser.wait_for(
            "return document.getElementById('article-view').hidden",
            "the article to close",
        );
    }
    // Give any event a script would have waited for (an image's error) time to fire.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        browser.run("return typeof window.__pwned"),
        json!("undefined")
    );
    assert_ne!(browser.run("return document.title"), json!("pwned"));
}
