//! The test harness: a temporary folder of articles (a "hay") and a way to
//! run the real `fihris` binary in it.
//!
//! Every command runs with the hay as its current folder and without
//! `FIHRIS_INDEX`, `COLUMNS` or the colour variables (`NO_COLOR`,
//! `CLICOLOR`, `CLICOLOR_FORCE`) inherited from the caller's environment,
//! so a developer's settings never change what the tests see.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

/// The index folder the helpers pass with `--index`, relative to the hay.
pub const INDEX: &str = "idx";

/// A temporary folder holding a small corpus (under `corpus/` by
/// convention) and, once built, an index.
pub struct Hay {
    dir: tempfile::TempDir,
}

impl Hay {
    /// An empty hay.
    pub fn new() -> Hay {
        let dir = tempfile::Builder::new()
            .prefix("fihris-test-")
            .tempdir()
            .expect("create a temporary folder");
        Hay { dir }
    }

    /// The hay's folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `rel` inside the hay.
    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `text` to `rel` (parent folders are created).
    pub fn write(&self, rel: &str, text: &str) -> &Hay {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes to `rel` (parent folders are created).
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Hay {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the parent folder");
        }
        std::fs::write(&path, bytes).expect("write a test file");
        self
    }

    /// Deletes the file `rel`.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.join(rel)).expect("remove a test file");
    }

    /// Creates a symbolic link at `rel` pointing to `target`.
    #[cfg(unix)]
    pub fn symlink(&self, target: &str, rel: &str) {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the parent folder");
        }
        std::os::unix::fs::symlink(target, path).expect("create a symbolic link");
    }

    /// The `fihris` command with `args`, run in the hay with a clean
    /// environment; callers may add environment variables before running it.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fihris"));
        cmd.args(args)
            .current_dir(self.path())
            .env_remove("FIHRIS_INDEX")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("COLUMNS");
        cmd
    }

    /// Runs `fihris args…` in the hay.
    pub fn run(&self, args: &[&str]) -> Run {
        run(self.command(args))
    }

    /// `fihris --index idx index corpus`, which must succeed (exit 0).
    pub fn index(&self) -> Run {
        let out = self.run(&["--index", INDEX, "index", "corpus"]);
        out.assert_code(0);
        out
    }

    /// `fihris --index idx --color never search --no-cross args…`: the
    /// tests of matching in one language leave cross-lingual expansion out
    /// (tests/crosslingual tests it, with [`Hay::search_cross`]).
    pub fn search(&self, args: &[&str]) -> Run {
        let mut all = vec!["--index", INDEX, "--color", "never", "search", "--no-cross"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `fihris --index idx --color never search args…`, cross-lingual
    /// expansion on (the default).
    pub fn search_cross(&self, args: &[&str]) -> Run {
        let mut all = vec!["--index", INDEX, "--color", "never", "search"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `fihris --index idx search --json args…`, checked to exit 0 with
    /// hits or 1 without; returns the parsed hits.
    pub fn search_json(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.search(&all).json_results()
    }

    /// The ids of the hits of `search --json args…`, best first.
    pub fn ids(&self, args: &[&str]) -> Vec<String> {
        ids(&self.search_json(args))
    }

    /// The only hit of `search --json args…`, whose id must be `id`.
    pub fn only_hit(&self, args: &[&str], id: &str) -> Value {
        let hits = self.search_json(args);
        assert_eq!(ids(&hits), [id], "hits of {args:?}");
        hits.into_iter().next().expect("one hit")
    }
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 if killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics, showing both outputs, unless the exit code is `code`.
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Lines of standard error.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Standard output parsed as JSON Lines.
    pub fn json(&self) -> Vec<Value> {
        json_lines(&self.stdout)
    }

    /// The JSON lines of standard output, checked against the exit code:
    /// 0 with lines, 1 without (the "no results" code).
    pub fn json_results(&self) -> Vec<Value> {
        let lines = self.json();
        self.assert_code(if lines.is_empty() { 1 } else { 0 });
        lines
    }

    /// Panics unless standard error is exactly one line, an error message
    /// starting with "fihris: error:"; returns that line.
    pub fn one_error_line(&self) -> &str {
        let lines = self.stderr_lines();
        assert_eq!(
            lines.len(),
            1,
            "expected one line on stderr, got:\n{}",
            self.stderr
        );
        assert!(
            lines[0].starts_with("fihris: error: "),
            "not an error line: {}",
            lines[0]
        );
        lines[0]
    }
}

/// Runs a command to completion and captures its outputs.
pub fn run(mut cmd: Command) -> Run {
    let output = cmd.output().expect("run the fihris binary");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Parses JSON Lines: every non-empty line must be a JSON object.
pub fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| {
            let value: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            assert!(value.is_object(), "not a JSON object: {line}");
            value
        })
        .collect()
}

/// The `id` fields of JSON hits, in order.
pub fn ids(hits: &[Value]) -> Vec<String> {
    hits.iter().map(|h| str_field(h, "id").to_string()).collect()
}

/// The ids sorted, to compare sets of hits.
pub fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

/// The sorted keys of a JSON object (panics on anything else).
pub fn sorted_keys(v: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// A string field of a JSON hit.
pub fn str_field<'a>(hit: &'a Value, name: &str) -> &'a str {
    hit[name]
        .as_str()
        .unwrap_or_else(|| panic!("field {name} is not a string in {hit}"))
}

/// Filler French sentences, long enough for language detection and neutral
/// for every query of the tests (none of their words is searched for).
pub const FR_FILLER: &str = "Les responsables ont présenté le calendrier aux partenaires sociaux \
     dans la salle des conférences de la wilaya, avec des représentants des communes.";

/// Filler Arabic sentence, neutral for every query of the tests.
pub const AR_FILLER: &str =
    "وقد عرض المسؤولون الرزنامة على الشركاء الاجتماعيين في قاعة المحاضرات بحضور ممثلي البلديات.";

/// A French plain-text article: title line, blank line, body and filler.
pub fn fr_article(title: &str, body: &str) -> String {
    format!("{title}\n\n{body}\n\n{FR_FILLER}\n")
}

/// An Arabic plain-text article: title line, blank line, body and filler.
pub fn ar_article(title: &str, body: &str) -> String {
    format!("{title}\n\n{body}\n\n{AR_FILLER}\n")
}

/// A JSON Lines record (with its newline) whose body ends with the filler
/// of its language.
pub fn filled_record(id: &str, title: &str, body: &str, lang: &str, date: &str, source: &str) -> String {
    let filler = if lang == "ar" { AR_FILLER } else { FR_FILLER };
    let value = json!({
        "id": id,
        "title": title,
        "body": format!("{body} {filler}"),
        "lang": lang,
        "date": date,
        "source": source,
    });
    format!("{value}\n")
}

/// Parses CSV as RFC 4180 defines it (what `pandas.read_csv` reads): fields
/// separated by commas, records ended by a newline (LF or CRLF); a field
/// holding a comma, a quote or a newline is between double quotes, with its
/// quotes doubled. Panics on anything else (a bare quote inside an unquoted
/// field, text after a closing quote, an unclosed quote), so that a test
/// catches output a CSV reader would misread.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    // Whether the current field was quoted (and is now closed).
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if field.is_empty() && !quoted => {
                // A quoted field, up to the closing quote.
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => field.push(c),
                        None => panic!("unclosed quote in CSV:\n{text}"),
                    }
                }
                quoted = true;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                quoted = false;
            }
            c => {
                assert!(!quoted, "text after a closing quote in CSV:\n{text}");
                assert!(c != '"', "bare quote in an unquoted CSV field:\n{text}");
                field.push(c);
            }
        }
    }
    assert!(
        field.is_empty() && record.is_empty() && !quoted,
        "the last CSV record does not end with a newline:\n{text}"
    );
    records
}
