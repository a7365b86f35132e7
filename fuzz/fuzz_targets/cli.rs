//! The command line: argument vectors for every subcommand (but `serve`,
//! which does not return) run by the real `fihris` binary, in a fresh copy
//! of a folder holding a small corpus, its index and a queries file.
//! Checks: the process exits with 0, 1 or 2, within 30 s, without a panic
//! message.
//!
//! The binary has no library to call, so each input spawns it: slow (tens
//! of runs a second) but exactly what a user runs. Build it first with
//! `cargo build` at the repository's root (or set FIHRIS_BIN).
//!
//! Input: arguments separated by NUL bytes; an argument of one byte is a
//! word of the vocabulary (subcommands, every flag of every `--help`, their
//! possible values, ids, dates, numbers, queries), a longer one is itself.
//! Inputs whose own arguments could name a path outside the run's folder
//! (`/`, `\`, `..`) or start `serve` are skipped.
#![no_main]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fihris_fuzz::{repo_root, scratch, Input};
use libfuzzer_sys::fuzz_target;

const SUBCOMMANDS: [&str; 11] = [
    "index",
    "search",
    "eval",
    "status",
    "show",
    "stats",
    "explain-match",
    "related",
    "dups",
    "completions",
    "man",
];

const VALUES: &[&str] = &[
    "index",
    "corpus",
    "idx",
    "queries.jsonl",
    "missing.jsonl",
    "fr",
    "ar",
    "und",
    "en",
    "xx",
    "2019",
    "2020-01",
    "2021-02-30",
    "2021-13-01",
    "1799",
    "2201",
    "0",
    "1",
    "2",
    "-1",
    "3",
    "1000000",
    "99999999999999999999",
    "0.5",
    "1.5",
    "-0.1",
    "NaN",
    "inf",
    "emploi",
    "pôle emploi",
    "\"pôle emploi\"",
    "title:emploi",
    "source:APS",
    "emplo*",
    "anapek~1",
    "anapek~9",
    "توأمة",
    "الشغل",
    "OR",
    "AND",
    "-chômage",
    "(",
    ")",
    "\"",
    "*",
    "~",
    "",
    " ",
    "=",
    "--",
    "-",
    "APS",
    "mixed/depeches-2019-2021.jsonl#1",
    "fr/salon-emploi-oran.txt",
    "ar/tawama-anem-taqyim-marhali.html",
    "fr/anem-pole-emploi-partenariat-ue.html",
];

fuzz_target!(|data: &[u8]| {
    let vocabulary = vocabulary();
    let mut input = Input::new(data);
    let mut args: Vec<String> = Vec::new();
    while !input.is_empty() && args.len() < 16 {
        let part = input.part(0);
        let arg = match part {
            [b] => vocabulary[usize::from(*b) % vocabulary.len()].clone(),
            _ => {
                let arg = String::from_utf8_lossy(part).into_owned();
                if arg.contains(['/', '\\']) || arg.contains("..") {
                    return;
                }
                arg
            }
        };
        if arg == "serve" {
            return;
        }
        args.push(arg);
    }
    run(&args);
});

/// Runs the binary on `args` in a fresh copy of the template folder.
fn run(args: &[String]) {
    let dir = scratch().join("cli-run");
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(template(), &dir);
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(&dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary().display()));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > Duration::from_secs(30) => {
                let _ = child.kill();
                panic!("fihris {args:?} still running after 30 s");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => panic!("cannot wait for fihris: {e}"),
        }
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
    }
    assert!(
        !stderr.contains("panicked"),
        "fihris {args:?} panicked:\n{stderr}"
    );
    assert!(
        matches!(status.code(), Some(0..=2)),
        "fihris {args:?} exited with {status}:\n{stderr}"
    );
}

/// The binary: FIHRIS_BIN, or the debug build of the repository.
fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let bin = std::env::var_os("FIHRIS_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo_root().join("target/debug/fihris"));
        assert!(
            bin.is_file(),
            "no {}: run cargo build first, or set FIHRIS_BIN",
            bin.display()
        );
        bin
    })
}

/// A folder with `corpus/` (the sample corpus), `index/` built from it by
/// the binary, and `queries.jsonl`.
fn template() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = scratch().join("cli-template");
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&repo_root().join("corpus"), &dir.join("corpus"));
        let queries = "{\"qid\": \"q1\", \"query\": \"jumelage anem\", \"target\": \"fr/anem-pole-emploi-jumelage.txt\", \"kind\": \"title\"}\n\
            {\"qid\": \"q2\", \"query\": \"توأمة\", \"target\": \"ar/tawama-anem-taqyim-marhali.html\", \"kind\": \"title\"}\n";
        std::fs::write(dir.join("queries.jsonl"), queries).unwrap_or_else(|e| panic!("{e}"));
        let status = Command::new(binary())
            .args(["index", "corpus"])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary().display()));
        assert!(status.success(), "cannot index the template corpus: {status}");
        dir
    })
}

/// Subcommands, values, and the flags and possible values every `--help`
/// lists.
fn vocabulary() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = SUBCOMMANDS.iter().chain(VALUES).map(|s| s.to_string()).collect();
        for sub in std::iter::once(None).chain(SUBCOMMANDS.iter().map(Some)) {
            let mut command = Command::new(binary());
            command.args(sub).arg("--help");
            let help = command
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default();
            for word in help.split(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '<' | '>')) {
                let word = word.trim_end_matches([':', '.', ')']);
                if (word.starts_with('-')
                    && word.len() > 1
                    && word[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                    && !words.iter().any(|w| w == word)
                {
                    words.push(word.to_string());
                }
            }
            // "[possible values: a, b, c]"
            let mut rest = help.as_str();
            while let Some(at) = rest.find("possible values: ") {
                rest = &rest[at + "possible values: ".len()..];
                let end = rest.find(']').unwrap_or(rest.len());
                for value in rest[..end].split(", ") {
                    if !words.iter().any(|w| w == value) {
                        words.push(value.to_string());
                    }
                }
            }
        }
        words
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot list {}: {e}", from.display()));
    for entry in entries.flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if let Err(e) = std::fs::copy(entry.path(), &target) {
            panic!("cannot copy {}: {e}", entry.path().display());
        }
    }
}
