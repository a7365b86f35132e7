//! `fihris serve`: the real binary serving a sample index on a free port
//! of loopback, asked over HTTP as a client would (`ureq`), and in
//! headless Chromium (`browser.rs`). The API answers byte for byte what
//! `--json` prints; what articles hold is shown as text, never markup;
//! ids, numbers and the token are checked; a sync by `fihris index` while
//! serving shows up without a restart, and no request fails meanwhile.

mod browser;

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::util::{json_lines, Hay, FR_FILLER, INDEX};

/// The body of the jumelage story (and of its copy, with another ending).
const JUMELAGE: &str = "L'Agence nationale de l'emploi (ANEM) et l'opérateur public français \
    Pôle emploi ont lancé à Alger un projet de jumelage institutionnel d'une durée de vingt-quatre \
    mois, financé par l'Union européenne. Le projet vise à moderniser l'accueil des demandeurs \
    d'emploi dans douze agences pilotes réparties sur six wilayas, dont Oran, Constantine et \
    Ouargla. Trois cents conseillers seront formés aux nouvelles méthodes de placement.";

/// An article whose every field holds markup and script.
pub const EVIL_TITLE: &str =
    "<script>document.title='pwned'</script> Recrutement <img src=x onerror=alert(1)>";

/// The sample corpus: a French story and its copy, a French article on
/// training, an Arabic article on the same twinning (توأمة), an Arabic
/// article on football, and an article made of markup.
pub fn sample_hay() -> Hay {
    let hay = Hay::new();
    let records = [
        json!({"id": "fr-jumelage", "title": "L'ANEM et Pôle emploi lancent un jumelage",
               "body": format!("{JUMELAGE}\n\n{FR_FILLER}"), "lang": "fr", "date": "2020-01-15",
               "source": "L'Écho de l'Oranie"}),
        json!({"id": "fr-jumelage-copie", "title": "Jumelage entre l'ANEM et Pôle emploi",
               "body": format!("{JUMELAGE}\n\n{FR_FILLER} Les premiers résultats sont attendus en 2021."),
               "lang": "fr", "date": "2020-01-16", "source": "Le Messager"}),
        json!({"id": "fr-formation", "title": "Formation professionnelle : un jumelage à Oran",
               "body": format!("Le centre de formation professionnelle d'Oran accueille cette année \
                   mille stagiaires dans le cadre d'un jumelage avec une école de Marseille. \
                   Les filières du bâtiment et de l'hôtellerie sont les plus demandées.\n\n{FR_FILLER}"),
               "lang": "fr", "date": "2019-03-10", "source": "APS"}),
        json!({"id": "ar-tawama", "title": "توأمة بين الوكالة الوطنية للتشغيل وبول أمبلوا الفرنسية",
               "body": "أطلقت الوكالة الوطنية للتشغيل والمتعامل العمومي الفرنسي بول أمبلوا بالجزائر العاصمة \
                   مشروع توأمة مؤسساتية لمدة أربعة وعشرين شهرا بتمويل من الاتحاد الأوروبي. ويهدف المشروع \
                   إلى عصرنة استقبال طالبي العمل في اثنتي عشرة وكالة نموذجية موزعة على ست ولايات منها \
                   وهران وقسنطينة وورقلة، وتكوين ثلاثمائة مستشار على الطرق الجديدة للتوظيف.",
               "lang": "ar", "date": "2020-01-16", "source": "الشروق"}),
        json!({"id": "ar-kora", "title": "مولودية وهران تتعادل على أرضها",
               "body": "تعادل فريق مولودية وهران مساء السبت على ملعب أحمد زبانة أمام ضيفه شبيبة الساورة \
                   بهدف لمثله، في مباراة حضرها أكثر من عشرين ألف مناصر.",
               "lang": "ar", "date": "2021-05-02", "source": "الخبر"}),
        json!({"id": "x-evil", "title": EVIL_TITLE,
               "body": "</div></li></ol><script>document.title='pwned'</script> Le recrutement reprend. \
                   <a href=\"javascript:alert(3)\">cliquez ici</a> <iframe src=\"javascript:alert(4)\"></iframe>",
               "lang": "fr", "date": "2022-06-01",
               "source": "<b onmouseover=alert(5)>Évil</b> javascript:alert(6)"}),
    ];
    let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
    hay.write("corpus/press.jsonl", &lines);
    hay.index();
    hay
}

/// A running `fihris serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without the final slash.
    pub base: String,
    /// What it said at start-up.
    pub banner: String,
}

impl Server {
    /// `fihris --index idx serve --bind 127.0.0.1:0 extra…` in the hay.
    pub fn start(hay: &Hay, extra: &[&str]) -> Server {
        Server::start_with(hay, &["--bind", "127.0.0.1:0"], extra, &[])
    }

    /// `fihris --index idx serve bind… extra…` with `env` set.
    pub fn start_with(hay: &Hay, bind: &[&str], extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut args = vec!["--index", INDEX, "serve"];
        args.extend_from_slice(bind);
        args.extend_from_slice(extra);
        Server::spawn(hay, &args, env)
    }

    /// `fihris args…` with `env` set, once it says where it serves.
    pub fn spawn(hay: &Hay, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = hay.command(args);
        command.env_remove("FIHRIS_TOKEN");
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start fihris serve");
        let stderr = child.stderr.take().expect("the server's stderr");
        let mut lines = BufReader::new(stderr).lines();
        // The banner names the address; a first use builds the index
        // before, and says so.
        let banner = lines
            .by_ref()
            .map_while(Result::ok)
            .find(|line| line.contains("http://"))
            .unwrap_or_else(|| panic!("fihris serve said nothing: {:?}", child.wait()));
        // Whatever it says later (it should say nothing) is drained.
        std::thread::spawn(move || lines.for_each(drop));
        let port = banner
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|address| address.rsplit(':').next())
            .unwrap_or_else(|| panic!("no address in {banner:?}"))
            .to_string();
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            banner,
        }
    }

    /// `GET path` (path and query, e.g. `/api/search?q=x`).
    pub fn get(&self, path: &str) -> Answer {
        get(&format!("{}{path}", self.base), &[])
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// A header's value ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    }
}

/// An HTTP client that never goes through a proxy and never follows
/// redirects, and does not treat 4xx and 5xx as errors.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// `GET url` with `headers`.
pub fn get(url: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = agent().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = response.body_mut().read_to_string().expect("a UTF-8 body");
    Answer {
        status,
        headers,
        body,
    }
}

/// `value` percent-encoded for a query string.
pub fn enc(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn api_answers_byte_for_byte_what_json_prints() {
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    let cases: &[(&str, &[&str])] = &[
        ("/api/search?q=jumelage", &["search", "jumelage", "--json"]),
        (
            "/api/search?q=jumelage&limit=2&offset=1&lang=fr&sort=date",
            &[
                "search", "jumelage", "--json", "--limit", "2", "--offset", "1", "--lang", "fr", "--sort",
                "date",
            ],
        ),
        (
            "/api/search?q=jumelage&collapse=1",
            &["search", "jumelage", "--json", "--collapse"],
        ),
        (
            "/api/search?q=jumelage&since=2020&until=2020-01&source=messager",
            &[
                "search", "jumelage", "--json", "--since", "2020", "--until", "2020-01", "--source",
                "messager",
            ],
        ),
        (
            &format!("/api/search?q={}", enc("توأمة")),
            &["search", "توأمة", "--json"],
        ),
        (
            &format!("/api/search?q={}", enc("title:jumelage -oran")),
            &["search", "title:jumelage -oran", "--json"],
        ),
        (
            "/api/search?q=jumelage&cross=0&explain=1",
            &["search", "jumelage", "--json", "--no-cross", "--explain"],
        ),
        ("/api/show?id=fr-jumelage", &["show", "fr-jumelage", "--json"]),
        (
            "/api/show?id=x-evil&raw=1",
            &["show", "x-evil", "--json", "--raw"],
        ),
        (
            "/api/related?id=fr-jumelage",
            &["related", "fr-jumelage", "--json"],
        ),
        (
            "/api/related?id=ar-tawama&limit=2",
            &["related", "ar-tawama", "--json", "--limit", "2"],
        ),
        ("/api/dups", &["dups", "--json"]),
        (
            "/api/dups?threshold=0.9&lang=ar",
            &["dups", "--json", "--threshold", "0.9", "--lang", "ar"],
        ),
        (
            "/api/stats?q=jumelage&by=year",
            &["stats", "jumelage", "--json", "--by", "year"],
        ),
        ("/api/stats?by=lang", &["stats", "--json", "--by", "lang"]),
        (
            "/api/stats?q=jumelage&by=source",
            &["stats", "jumelage", "--json", "--by", "source"],
        ),
    ];
    for (path, args) in cases {
        let mut all = vec!["--index", INDEX];
        all.extend_from_slice(args);
        let cli = hay.run(&all);
        let answer = server.get(path);
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        assert_eq!(
            answer.header("content-type"),
            "application/jsonl; charset=utf-8",
            "{path}"
        );
        assert_eq!(
            answer.body,
            cli.stdout,
            "{path} against fihris {}",
            args.join(" ")
        );
    }
    // The cases are not empty answers.
    assert_eq!(json_lines(&server.get("/api/search?q=jumelage").body).len(), 4);
    assert_eq!(json_lines(&server.get("/api/dups").body).len(), 1);
}

#[test]
fn every_answer_has_a_strict_content_security_policy() {
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    for path in [
        "/",
        "/?q=jumelage",
        "/article?id=fr-jumelage",
        "/api/search?q=x",
        "/nowhere",
        "/style.css",
    ] {
        let answer = server.get(path);
        let csp = answer.header("content-security-policy");
        assert!(csp.starts_with("default-src 'none'"), "{path}: {csp:?}");
        assert!(!csp.contains("unsafe"), "{path}: {csp:?}");
        assert_eq!(answer.header("x-content-type-options"), "nosniff", "{path}");
    }
    assert!(server.banner.contains("loopback only"), "{}", server.banner);
    let answer = server.get("/nowhere");
    assert_eq!(answer.status, 404);
    // Read-only: nothing but GET (and HEAD).
    let post = agent()
        .post(format!("{}/api/search?q=x", server.base))
        .send("")
        .expect("POST answered");
    assert_eq!(post.status().as_u16(), 405);
}

#[test]
fn the_page_shows_hits_paging_and_the_chart() {
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    let page = server.get("/?q=jumelage&limit=2&lang=fr");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.header("content-type").starts_with("text/html"));
    assert!(page.body.contains("3 résultats"), "{}", page.body);
    assert!(
        page.body.contains(r#"href="/article?id=fr-jumelage""#),
        "{}",
        page.body
    );
    assert!(page.body.contains("<mark>jumelage</mark>"), "{}", page.body);
    assert!(
        page.body
            .contains(r#"rel="next" href="/?q=jumelage&amp;lang=fr&amp;offset=2""#),
        "{}",
        page.body
    );
    // The chart: one bar per year, each a link to the year's search.
    assert!(
        page.body.contains(
            r#"<a href="/?q=jumelage&amp;lang=fr&amp;since=2020&amp;until=2020" class="bar-link">"#
        ),
        "{}",
        page.body
    );
    let second = server.get("/?q=jumelage&limit=2&lang=fr&offset=2");
    assert!(
        second.body.contains(r#"<ol class="hits" start="3">"#),
        "{}",
        second.body
    );
    assert!(second.body.contains(r#"rel="prev""#));
    // In Arabic.
    let ar = server.get(&format!("/?q={}&ui=ar", enc("توأمة")));
    assert!(ar.body.contains(r#"<html lang="ar" dir="rtl">"#), "{}", ar.body);
    assert!(
        ar.body.contains(r#"<p class="snippet" dir="auto" lang="ar">"#),
        "{}",
        ar.body
    );
    let by_accept = get(
        &format!("{}/", server.base),
        &[("Accept-Language", "ar-DZ,fr;q=0.5")],
    );
    assert!(by_accept.body.contains(r#"dir="rtl""#));
}

#[test]
fn the_article_page_shows_related_articles_and_copies() {
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    let page = server.get("/article?id=fr-jumelage");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("<h1 dir=\"auto\">L&#39;ANEM et Pôle emploi lancent un jumelage</h1>")
            || page
                .body
                .contains("<h1 dir=\"auto\">L'ANEM et Pôle emploi lancent un jumelage</h1>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<details class=\"removed\">"), "{}", page.body);
    // Its copy among the same language's related articles and the
    // near-duplicates; the Arabic version among the other language's.
    let same = section(&page.body, "related same");
    assert!(same.contains("/article?id=fr-jumelage-copie"), "{same}");
    let other = section(&page.body, "related other");
    assert!(other.contains("/article?id=ar-tawama"), "{other}");
    assert!(other.contains("jumelage → "), "{other}");
    let dups = section(&page.body, "duplicates");
    assert!(dups.contains("/article?id=fr-jumelage-copie"), "{dups}");
}

/// The `<section class="CLASS">` of a page, up to its end.
fn section<'a>(page: &'a str, class: &str) -> &'a str {
    let start = page
        .find(&format!("<section class=\"{class}\">"))
        .unwrap_or_else(|| panic!("no section {class}: {page}"));
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn what_articles_hold_is_shown_as_text() {
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    for path in [
        "/?q=recrutement",
        "/article?id=x-evil",
        "/?q=recrutement&by=source",
    ] {
        let page = server.get(path);
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        for markup in [
            "<script",
            "<img",
            "<iframe",
            "<b ",
            "</div></li>",
            "href=\"javascript:",
        ] {
            assert!(
                !page.body.contains(markup),
                "{path} holds {markup:?}:\n{}",
                page.body
            );
        }
        assert!(page.body.contains("&lt;script&gt;"), "{path}: {}", page.body);
    }
    let article = server.get("/article?id=x-evil");
    assert!(
        article.body.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{}",
        article.body
    );
    assert!(
        article.body.contains("&lt;/div&gt;&lt;/li&gt;&lt;/ol&gt;"),
        "{}",
        article.body
    );
    // The search page quotes the query back escaped too.
    let page = server.get(&format!("/?q={}", enc("\"><script>alert(1)</script>")));
    assert!(!page.body.contains("<script>"), "{}", page.body);
}

#[test]
fn bad_parameters_are_400_with_the_reason() {
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    let cases = [
        (
            "/api/search?q=x&limit=100000000000000000000000",
            "limit is too large: 100000000000000000000000 (at most 1000)",
        ),
        (
            "/api/search?q=x&limit=1001",
            "limit is too large: 1001 (at most 1000)",
        ),
        (
            "/api/search?q=x&offset=99999999999",
            "offset is too large: 99999999999 (at most 100000)",
        ),
        (
            "/api/search?q=x&limit=-1",
            "invalid limit: \"-1\" (expected a whole number from 0 to 1000)",
        ),
        (
            "/api/search?q=x&sort=random",
            "invalid sort: \"random\" (expected score or date)",
        ),
        ("/api/search", "missing parameter q (the query)"),
        (
            "/api/search?q=%22jumelage",
            "invalid query: unclosed quote at column 1",
        ),
        (
            "/api/stats?by=weather",
            "invalid by: \"weather\" (expected year, month, source, author or lang)",
        ),
        ("/api/search?q=x&since=yesterday", "invalid since: "),
        (
            "/api/related?id=fr-jumelage&limit=5000",
            "limit is too large: 5000 (at most 1000)",
        ),
    ];
    for (path, message) in cases {
        let answer = server.get(path);
        assert_eq!(answer.status, 400, "{path}: {}", answer.body);
        let error: Value = serde_json::from_str(&answer.body).expect("a JSON error");
        let text = error["error"].as_str().unwrap_or_default();
        assert!(text.starts_with(message), "{path}: {text:?}");
    }
    let long = "a".repeat(5000);
    let answer = server.get(&format!("/api/search?q={long}"));
    assert_eq!(answer.status, 400);
    assert!(
        answer
            .body
            .contains("q is too long: 5000 characters (at most 1000)"),
        "{}",
        answer.body
    );
    // The page says it on a page.
    let page = server.get("/?q=x&limit=99999999999999999999999999");
    assert_eq!(page.status, 400);
    assert!(page.header("content-type").starts_with("text/html"));
    assert!(page.body.contains("limit is too large"), "{}", page.body);
    // The server is still there.
    assert_eq!(server.get("/api/search?q=jumelage").status, 200);
}

#[test]
fn odd_ids_are_404_and_files_are_never_read() {
    let hay = sample_hay();
    hay.write(
        "corpus/fr/secret.txt",
        "Un secret\n\nNe pas lire ce fichier par le serveur.\n",
    );
    let server = Server::start(&hay, &[]);
    let ids = [
        "../corpus/press.jsonl",
        "fr/../../etc/passwd",
        "/etc/passwd",
        "C:\\Windows\\win.ini",
        "fr-jumelage\u{0}",
        "fr-jumelage\n",
        "no-such-article",
        // A real file, but not an indexed id: `related` would read it.
        "corpus/fr/secret.txt",
    ];
    for id in ids {
        for route in ["/api/show", "/api/related", "/article"] {
            let answer = server.get(&format!("{route}?id={}", enc(id)));
            assert_eq!(answer.status, 404, "{route} {id:?}: {}", answer.body);
            assert!(
                !answer.body.contains("Ne pas lire"),
                "{route} {id:?}: {}",
                answer.body
            );
        }
    }
    // Invalid UTF-8 in a parameter.
    assert_eq!(server.get("/api/show?id=%FF%FE").status / 100, 4);
    assert_eq!(server.get("/api/show?id=fr-jumelage").status, 200);
}

#[test]
fn another_address_needs_a_token() {
    let hay = sample_hay();
    let refused = hay.run(&["--index", INDEX, "serve", "--bind", "0.0.0.0:0"]);
    refused.assert_code(2);
    assert_eq!(
        refused.stderr,
        "fihris: error: serving on 0.0.0.0:0 (not loopback) needs an access token: --token TOKEN or FIHRIS_TOKEN\n"
    );

    let server = Server::start_with(&hay, &["--bind", "0.0.0.0:0"], &["--token", "s3cret-t0ken"], &[]);
    assert!(
        server.banner.contains("every request needs the access token"),
        "{}",
        server.banner
    );
    for path in [
        "/",
        "/api/search?q=jumelage",
        "/article?id=fr-jumelage",
        "/style.css",
        "/nowhere",
    ] {
        let answer = server.get(path);
        assert_eq!(answer.status, 401, "{path}");
        assert_eq!(answer.body, "", "{path}: 401 and nothing else");
        let wrong = get(
            &format!("{}{path}", server.base),
            &[("Authorization", "Bearer s3cret-t0keN")],
        );
        assert_eq!(wrong.status, 401, "{path}");
    }
    let url = format!("{}/api/search?q=jumelage", server.base);
    let bearer = get(&url, &[("Authorization", "Bearer s3cret-t0ken")]);
    assert_eq!(bearer.status, 200);
    assert_eq!(json_lines(&bearer.body).len(), 4);
    // In the address, for a browser: a cookie carries it on.
    let query = server.get("/?q=jumelage&token=s3cret-t0ken");
    assert_eq!(query.status, 200);
    let cookie = query.header("set-cookie");
    assert!(
        cookie.starts_with("fihris_token=s3cret-t0ken;") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let by_cookie = get(
        &format!("{}/article?id=fr-jumelage", server.base),
        &[("Cookie", "fihris_token=s3cret-t0ken")],
    );
    assert_eq!(by_cookie.status, 200);
    drop(server);

    // From the environment.
    let server = Server::start_with(
        &hay,
        &["--bind", "0.0.0.0:0"],
        &[],
        &[("FIHRIS_TOKEN", "from-env")],
    );
    assert_eq!(server.get("/api/search?q=jumelage").status, 401);
    assert_eq!(server.get("/api/search?q=jumelage&token=from-env").status, 200);
}

#[test]
fn a_sync_while_serving_shows_without_a_restart() {
    let hay = sample_hay();
    let server = Server::start(&hay, &[]);
    assert_eq!(server.get("/api/search?q=tramway").body, "");

    // Requests keep coming while another process syncs the index.
    let base = server.base.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let asking = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut answers = Vec::new();
            let started = Instant::now();
            while !stop.load(std::sync::atomic::Ordering::Relaxed)
                && started.elapsed() < Duration::from_secs(120)
            {
                let answer = get(&format!("{base}/api/search?q=jumelage&limit=20"), &[]);
                answers.push((answer.status, json_lines(&answer.body).len()));
                let page = get(&format!("{base}/?q=tramway"), &[]);
                answers.push((page.status, 4));
            }
            answers
        })
    };
    for i in 0..20 {
        hay.write(
            &format!("corpus/new/{i:02}.txt"),
            &format!("Le tramway d'Oran, ligne {i}\n\nLe tramway d'Oran ouvre une nouvelle ligne {i} vers l'est de la ville, avec un jumelage des horaires.\n\n{FR_FILLER}\n"),
        );
    }
    let sync = hay.run(&["--index", INDEX, "index", "corpus"]);
    sync.assert_code(0);
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answers = asking.join().expect("the asking thread");
    assert!(!answers.is_empty());
    for (status, hits) in &answers {
        assert_eq!(*status, 200);
        // The old index (4 hits) or the new one (24, the first 20 shown),
        // never in between.
        assert!(*hits == 4 || *hits == 20, "{answers:?}");
    }

    let found = json_lines(&server.get("/api/search?q=tramway&limit=100").body);
    assert_eq!(found.len(), 20);
    let page = server.get("/?q=tramway");
    assert!(page.body.contains("20 résultats"), "{}", page.body);
    assert!(page.body.contains("/article?id=new%2F00.txt"), "{}", page.body);
    assert_eq!(server.get("/api/show?id=new%2F07.txt").status, 200);

    // And a removal.
    hay.remove("corpus/new/07.txt");
    hay.run(&["--index", INDEX, "index", "corpus"]).assert_code(0);
    assert_eq!(server.get("/api/show?id=new%2F07.txt").status, 404);
    assert_eq!(
        json_lines(&server.get("/api/search?q=tramway&limit=100").body).len(),
        19
    );
}

#[test]
fn a_fresh_folder_with_a_corpus_is_served_at_once() {
    // As `cargo run --release -- serve` on a fresh clone: no index yet, the
    // sample corpus beside it.
    let hay = Hay::new();
    hay.write(
        "corpus/fr/jumelage.txt",
        &format!("L'ANEM et Pôle emploi lancent un jumelage\n\n{JUMELAGE}\n"),
    );
    let server = Server::spawn(&hay, &["serve", "--bind", "127.0.0.1:0"], &[]);
    let answer = server.get("/api/search?q=jumelage");
    assert_eq!(answer.status, 200, "{}", answer.body);
    let hits = json_lines(&answer.body);
    assert_eq!(hits.len(), 1, "{}", answer.body);
    assert_eq!(hits[0]["id"], "fr/jumelage.txt");
    assert!(hay.join("index").join("meta.json").exists());
}
