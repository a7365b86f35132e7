//! The page in a real browser: headless Chromium driven through WebDriver
//! (`chromedriver`, spoken to over HTTP with a few W3C WebDriver commands),
//! doing what a person does: typing a query, reading the hits, following
//! one to its article and on to a related one, clicking a bar of the
//! chart, and looking at an article made of markup.
//!
//! Skipped, with a message, when /usr/bin/chromedriver is absent; CI
//! installs Debian's `chromium` and `chromium-driver` (`.ci/run`).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{agent, enc, sample_hay, Server, EVIL_TITLE};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// The key of an element reference in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one browser session, both ended when
/// dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A headless Chromium, or `None` (said on stderr) without chromedriver.
    fn start() -> Option<Browser> {
        if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
            eprintln!("skipped: browser test needs {CHROMEDRIVER} and {CHROMIUM} (Debian chromium-driver, chromium)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let profile = tempfile::Builder::new()
            .prefix("fihris-chromium-")
            .tempdir()
            .expect("a profile folder");
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            _profile: profile,
        };
        let started = Instant::now();
        while !browser.ready() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--no-proxy-server",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--window-size=1100,1400",
            "--lang=fr",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain([format!("--user-data-dir={}", browser._profile.path().display())])
        .collect::<Vec<_>>();
        let created = browser.command(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
            }}}),
        );
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        Some(browser)
    }

    fn ready(&self) -> bool {
        agent()
            .get(format!("{}/status", self.base))
            .call()
            .ok()
            .and_then(|mut r| r.body_mut().read_to_string().ok())
            .and_then(|body| serde_json::from_str::<Value>(&body).ok())
            .is_some_and(|v| v["value"]["ready"] == json!(true))
    }

    /// A WebDriver command; its `value`. Panics on a WebDriver error.
    fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let agent = agent();
        let response = match method {
            "GET" => agent.get(&url).call(),
            "DELETE" => agent.delete(&url).call(),
            _ => agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        };
        let mut response = response.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let text = response.body_mut().read_to_string().expect("a WebDriver answer");
        let answer: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"));
        assert!(
            answer["value"].get("error").is_none(),
            "{method} {path}: {answer}"
        );
        answer["value"].clone()
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    fn go(&self, url: &str) {
        self.command("POST", &self.session_path("/url"), json!({ "url": url }));
    }

    fn url(&self) -> String {
        self.command("GET", &self.session_path("/url"), Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The elements matching a CSS selector.
    fn all(&self, css: &str) -> Vec<String> {
        let found = self.command(
            "POST",
            &self.session_path("/elements"),
            json!({"using": "css selector", "value": css}),
        );
        found
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first element matching a CSS selector (panics without one).
    fn one(&self, css: &str) -> String {
        self.all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {css} on {}", self.url()))
    }

    fn text(&self, element: &str) -> String {
        self.command(
            "GET",
            &self.session_path(&format!("/element/{element}/text")),
            Value::Null,
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    fn attribute(&self, element: &str, name: &str) -> String {
        self.command(
            "GET",
            &self.session_path(&format!("/element/{element}/attribute/{name}")),
            Value::Null,
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// A computed CSS property (`direction`: what the browser decided).
    fn css(&self, element: &str, property: &str) -> String {
        self.command(
            "GET",
            &self.session_path(&format!("/element/{element}/css/{property}")),
            Value::Null,
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    fn click(&self, element: &str) {
        self.command(
            "POST",
            &self.session_path(&format!("/element/{element}/click")),
            json!({}),
        );
    }

    fn type_in(&self, element: &str, text: &str) {
        self.command(
            "POST",
            &self.session_path(&format!("/element/{element}/value")),
            json!({ "text": text }),
        );
    }

    /// Waits until the address holds `part`.
    fn wait_for_url(&self, part: &str) -> String {
        let started = Instant::now();
        loop {
            let url = self.url();
            if url.contains(part) {
                return url;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{url} never held {part}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs a script in the page; its result.
    fn script(&self, script: &str) -> Value {
        self.command(
            "POST",
            &self.session_path("/execute/sync"),
            json!({"script": script, "args": []}),
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let url = format!("{}{}", self.base, self.session_path(""));
            let _ = agent().delete(&url).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn a_french_query_typed_in_the_box_then_an_article_and_a_related_one() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    browser.go(&format!("{}/", server.base));
    let q = browser.one("input[name=q]");
    browser.type_in(&q, "jumelage\u{E007}");
    browser.wait_for_url("q=jumelage");
    // Ranked hits: the story and its copy first, the Arabic version found
    // through the lexicon, with the words it shares.
    let titles: Vec<String> = browser
        .all("li.hit a.title")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(
        titles[..3].iter().all(|t| t.to_lowercase().contains("jumelage")),
        "{titles:?}"
    );
    assert!(titles[3].contains("توأمة"), "{titles:?}");
    let marked: Vec<String> = browser
        .all("li.hit .snippet mark")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert!(marked.iter().any(|m| m == "jumelage"), "{marked:?}");
    let shared = browser.all("li.hit .shared");
    assert_eq!(shared.len(), 1);
    assert!(
        browser.text(&shared[0]).contains("توأمة"),
        "{}",
        browser.text(&shared[0])
    );

    // Follow the first hit to its article.
    let first = browser.one("li.hit a.title");
    browser.click(&first);
    browser.wait_for_url("/article?id=");
    let h1 = browser.one("h1");
    assert_eq!(browser.text(&h1), titles[0]);
    // The removed text is behind a toggle.
    let details = browser.one("details.removed");
    assert_eq!(browser.attribute(&details, "open"), "");
    // Related articles in the other language, then one of them.
    let other = browser.all("section.other li > a");
    let arabic = other
        .iter()
        .find(|e| browser.text(e).contains("توأمة"))
        .expect("the Arabic version among the related articles");
    browser.click(arabic);
    browser.wait_for_url("id=ar-tawama");
    let h1 = browser.one("h1");
    assert_eq!(browser.css(&h1, "direction"), "rtl");
}

#[test]
fn an_arabic_snippet_reads_right_to_left() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    browser.go(&format!("{}/?q={}&lang=ar", server.base, enc("توأمة")));
    let snippets = browser.all("li.hit .snippet");
    assert_eq!(snippets.len(), 1);
    assert!(browser.text(&snippets[0]).contains("توأمة"));
    assert_eq!(browser.css(&snippets[0], "direction"), "rtl");
    let title = browser.one("li.hit a.title");
    assert_eq!(browser.css(&title, "direction"), "rtl");
    // A French hit in the same page layout stays left to right.
    browser.go(&format!("{}/?q=jumelage&lang=fr", server.base));
    let snippet = browser.one("li.hit .snippet");
    assert_eq!(browser.css(&snippet, "direction"), "ltr");
    // The Arabic interface.
    browser.go(&format!("{}/?ui=ar", server.base));
    let body = browser.one("body");
    assert_eq!(browser.css(&body, "direction"), "rtl");
}

#[test]
fn a_bar_of_the_chart_leads_to_the_filtered_search() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    browser.go(&format!("{}/?q=jumelage", server.base));
    let bars = browser.all("svg.chart a");
    let labels: Vec<String> = browser
        .all("svg.chart text.label")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert_eq!(labels, ["2019", "2020"]);
    assert_eq!(bars.len(), 2);
    browser.click(&bars[1]);
    browser.wait_for_url("since=2020");
    let dates: Vec<String> = browser
        .all("li.hit .date")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert_eq!(dates.len(), 3, "{dates:?}");
    assert!(dates.iter().all(|d| d.starts_with("2020-")), "{dates:?}");
    // By source, from the chart's own links.
    let by_source = browser
        .all(".coverage nav a")
        .into_iter()
        .find(|e| browser.text(e) == "par source")
        .expect("a link to the chart by source");
    browser.click(&by_source);
    browser.wait_for_url("by=source");
    let labels: Vec<String> = browser
        .all("svg.chart text.label")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert!(labels.contains(&"Le Messager".to_string()), "{labels:?}");
}

#[test]
fn markup_in_articles_stays_text_in_the_browser() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    let pages = [
        ("/?q=recrutement", "recrutement · fihris".to_string()),
        ("/article?id=x-evil", format!("{EVIL_TITLE} · fihris")),
    ];
    for (path, title) in pages {
        browser.go(&format!("{}{path}", server.base));
        let counts = browser.script(
            "return [document.scripts.length, document.images.length, \
             document.querySelectorAll('iframe, b, a[href^=javascript]').length, document.title]",
        );
        assert_eq!(counts[0], json!(0), "{path}: {counts}");
        assert_eq!(counts[1], json!(0), "{path}: {counts}");
        assert_eq!(counts[2], json!(0), "{path}: {counts}");
        // The script in the title never ran: the title is the text.
        assert_eq!(counts[3], json!(title), "{path}: {counts}");
    }
    // What a person reads is the markup, as text.
    let h1 = browser.one("h1");
    assert_eq!(browser.text(&h1), EVIL_TITLE);
    let body = browser.one("div.body");
    assert!(
        browser.text(&body).contains("</div></li></ol><script>"),
        "{}",
        browser.text(&body)
    );
    let source = browser.one(".meta .source");
    assert_eq!(
        browser.text(&source),
        "<b onmouseover=alert(5)>Évil</b> javascript:alert(6)"
    );
}
