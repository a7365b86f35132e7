//! Hostile files and arguments (issue 17): a gzip bomb, nesting 100,000
//! levels deep, named pipes, sockets and devices, names that are not
//! UTF-8, links out of the corpus, files that vanish while indexed, what
//! cannot be read, and every numeric and path option at absurd values.
//! Each is reported and skipped (or read), the rest is indexed, and the
//! binary exits 0, 1 or 2, never panics, and says what went wrong in one
//! line. The large versions (a 2 GB line, tens of GB of gzip) are
//! `bench/hostile.sh`'s.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{fr_article, run, Hay, Run, INDEX};

/// A corpus with two good articles; the tests add hostile files to it.
fn hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/jumelage.txt",
        &fr_article(
            "Jumelage entre l'ANEM et Pôle emploi",
            "Le projet de jumelage financé par l'Union européenne durera deux ans.",
        ),
    )
    .write(
        "corpus/hotels.txt",
        &fr_article(
            "L'apprentissage séduit les hôteliers de Tanger",
            "Une nouvelle promotion d'apprentis rejoint les établissements hôteliers.",
        ),
    );
    hay
}

/// Checks what every run of this module must show: an exit code of 0, 1 or
/// 2, no panic, and on 2 one error line.
fn sane(out: &Run, what: &str) {
    assert!(
        matches!(out.code, 0..=2),
        "{what}: exit code {}\n{}",
        out.code,
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{what}: {}", out.stderr);
    if out.code == 2 {
        out.one_error_line();
    }
}

/// The good articles are indexed and found.
fn good_ones_indexed(hay: &Hay) {
    assert_eq!(hay.ids(&["jumelage"]), ["jumelage.txt"]);
    assert_eq!(hay.ids(&["apprentis"]), ["hotels.txt"]);
}

/// The reasons stderr gives for skipped files, as "name: reason".
fn skipped(out: &Run) -> Vec<String> {
    out.stderr_lines()
        .iter()
        .filter_map(|l| l.strip_prefix("skipped corpus/"))
        .map(str::to_string)
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("compress in memory");
    encoder.finish().expect("compress in memory")
}

#[test]
fn a_gzip_bomb_is_refused_at_the_cap() {
    let hay = hay();
    // 64 MiB of text in 64 KiB: one member of 1 MiB, 64 times (a reader
    // of gzip reads every member).
    let member = gzip(&b"emploi ".repeat((1 << 20) / 7));
    let bomb: Vec<u8> = member.iter().copied().cycle().take(member.len() * 64).collect();
    assert!(bomb.len() < 200 << 10, "{}", bomb.len());
    hay.write_bytes("corpus/bomb.txt.gz", &bomb);
    let start = Instant::now();
    let out = hay.run(&["--index", INDEX, "index", "corpus", "--max-file-size", "16"]);
    sane(&out, "gzip bomb");
    out.assert_code(0);
    assert_eq!(
        skipped(&out),
        ["bomb.txt.gz: file too large (> 16 MiB decompressed, cap 16 MiB)"]
    );
    // Read up to the cap only: 16 MiB, not 64.
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    good_ones_indexed(&hay);
}

/// A JSON Lines record of `len` bytes with this id and a body of "emploi"
/// words (`len` counts the braces and fields, as the reader does).
fn record_of_len(id: &str, len: usize) -> String {
    let open = format!("{{\"id\":\"{id}\",\"title\":\"T\",\"body\":\"");
    let body_len = len - open.len() - 2;
    let body: String = "emploi ".chars().cycle().take(body_len).collect();
    format!("{open}{body}\"}}")
}

/// An article over `--max-article-size` is skipped with its reason, before
/// its text is copied; a file of one article or a record over 4 times the
/// cap, unread. The other articles, records of the same file included,
/// are indexed.
#[test]
fn an_article_over_the_cap_is_skipped() {
    let hay = hay();
    const MIB: usize = 1 << 20;
    // A text file of 1.5 MiB: its text is its article.
    let long: String = "Le salon de l'emploi. "
        .chars()
        .cycle()
        .take(MIB + MIB / 2)
        .collect();
    hay.write("corpus/long.txt", &long);
    // Over 4 MiB: not read.
    let huge: String = "emploi ".chars().cycle().take(4 * MIB + MIB / 2).collect();
    hay.write("corpus/huge.md", &huge);
    // Records: one good, one whose title and body take 1.5 MiB (its line
    // a little more), one of 4.5 MiB; the file (6 MiB) is read as a stream.
    let good = r#"{"id":"salon","title":"Salon de l'emploi","body":"Le salon de l'emploi d'Oran accueille des recruteurs."}"#;
    let over = record_of_len("over", MIB + MIB / 2 + 40);
    let lines = [good.to_string(), over, record_of_len("unread", 4 * MIB + MIB / 2)];
    hay.write("corpus/records.jsonl", &(lines.join("\n") + "\n"));
    let out = hay.run(&["--index", INDEX, "index", "corpus", "--max-article-size", "1"]);
    sane(&out, "articles over the cap");
    out.assert_code(0);
    assert_eq!(
        skipped(&out),
        [
            "huge.md: file too large for one article (4.5 MiB > cap 4 MiB, 4 times --max-article-size)",
            "long.txt: article text too large (1.5 MiB > cap 1 MiB; see --max-article-size)",
            "records.jsonl:2: article text too large (1.5 MiB > cap 1 MiB; see --max-article-size)",
            "records.jsonl:3: record too large (4.5 MiB > cap 4 MiB, 4 times --max-article-size)",
        ]
    );
    good_ones_indexed(&hay);
    assert_eq!(hay.ids(&["recruteurs"]), ["salon"]);
}

#[test]
fn nesting_100000_levels_deep_is_refused_or_read() {
    let hay = hay();
    let deep = 100_000;
    hay.write("corpus/deep.json", &("[".repeat(deep) + &"]".repeat(deep)));
    // Deep in a field fihris does not read, then in one it reads.
    let value = "[".repeat(deep) + &"]".repeat(deep);
    hay.write(
        "corpus/deep.jsonl",
        &format!(
            "{{\"id\":\"n1\",\"title\":\"Emploi des jeunes\",\"body\":\"Le recrutement reprend.\",\"extra\":{value}}}\n{{\"id\":\"n2\",\"title\":{value}}}\n"
        ),
    );
    hay.write(
        "corpus/deep.html",
        &("<h1>Profond</h1>".to_string() + &"<div>".repeat(deep) + &"</div>".repeat(deep)),
    );
    // JSON-LD nested as deep in a page that is not.
    hay.write(
        "corpus/deep-ld.html",
        &format!(
            "<html><head><script type=\"application/ld+json\">{value}</script></head><body><h1>Données liées</h1><p>Le recrutement des saisonniers commence en avril.</p></body></html>"
        ),
    );
    hay.write(
        "corpus/deep.md",
        &format!("# Citations\n\n{} recrutement\n", ">".repeat(deep)),
    );
    hay.write(
        "corpus/brackets.md",
        &format!("# Liens\n\n{}x{}\n", "[".repeat(deep), "](u)".repeat(deep)),
    );
    let out = hay.run(&["--index", INDEX, "index", "corpus"]);
    sane(&out, "deep nesting");
    out.assert_code(0);
    let reasons = skipped(&out);
    assert_eq!(reasons.len(), 3, "{}", out.stderr);
    assert_eq!(
        reasons[0],
        "deep.html: elements nested more than 1024 levels deep"
    );
    assert!(
        reasons[1].starts_with("deep.json: invalid JSON: recursion limit exceeded"),
        "{}",
        reasons[1]
    );
    // serde_json stops at the first bracket where it wants a string.
    assert!(reasons[2].starts_with("deep.jsonl:2: "), "{}", reasons[2]);
    good_ones_indexed(&hay);
    assert_eq!(hay.ids(&["données", "liées"]), ["deep-ld.html"]);
    assert_eq!(hay.ids(&["citations"]), ["deep.md"]);
    assert_eq!(hay.ids(&["recrutement", "reprend"]), ["n1"]);
}

/// Creates a named pipe with mkfifo(1); false when it cannot.
#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn pipes_sockets_devices_odd_names_and_links_out_are_skipped() {
    use std::os::unix::ffi::OsStrExt;
    let hay = hay();
    // A pipe opened for reading waits for a writer: it must never be opened.
    assert!(mkfifo(&hay.join("corpus/pipe.txt")), "mkfifo");
    let _socket = std::os::unix::net::UnixListener::bind(hay.join("corpus/socket.txt")).expect("bind");
    std::fs::write(
        hay.join("corpus")
            .join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")),
        fr_article("Café", "Le café des recruteurs ouvre à Oran."),
    )
    .expect("write");
    hay.write(
        "outside/secret.txt",
        &fr_article("Dehors", "Un texte hors du corpus."),
    );
    hay.symlink("../outside", "corpus/away");
    hay.symlink("/dev/null", "corpus/null.txt");
    hay.write(
        "corpus/inner/liens.txt",
        &fr_article("Liens", "Un texte lié de l'intérieur."),
    );
    hay.symlink("inner/liens.txt", "corpus/inside.txt");
    let out = hay.run(&["--index", INDEX, "index", "corpus"]);
    sane(&out, "special files");
    out.assert_code(0);
    let not_followed = "symbolic link out of the indexed folder, not followed (--follow follows it)";
    assert_eq!(
        skipped(&out),
        [
            format!("away: {not_followed}"),
            "caf\u{fffd}.txt: file name is not valid UTF-8".to_string(),
            format!("null.txt: {not_followed}"),
            "pipe.txt: not a regular file (named pipe)".to_string(),
            "socket.txt: not a regular file (socket)".to_string(),
        ]
    );
    good_ones_indexed(&hay);
    assert_eq!(
        hay.ids(&["intérieur"]),
        ["inner/liens.txt", "inside.txt"],
        "a link inside the corpus is followed"
    );
    assert!(hay.ids(&["dehors"]).is_empty());

    // With --follow, the links out are followed: a device is still not read.
    let out = hay.run(&["--index", INDEX, "index", "corpus", "--follow"]);
    sane(&out, "special files, --follow");
    out.assert_code(0);
    assert!(
        skipped(&out).contains(&"null.txt: not a regular file (character device)".to_string()),
        "{}",
        out.stderr
    );
    assert_eq!(hay.ids(&["dehors"]), ["away/secret.txt"]);
    // Status walks as the last sync did: nothing pending.
    let status = hay.run(&["--index", INDEX, "status"]);
    status.assert_code(0);
    assert!(
        status
            .stdout
            .contains("0 added, 0 changed, 0 removed since the last sync"),
        "{}",
        status.stdout
    );

    // A pipe or a device named as the corpus is an error: nothing indexed
    // is removed.
    for root in ["corpus/pipe.txt", "/dev/null"] {
        let out = hay.run(&["--index", INDEX, "index", root]);
        sane(&out, root);
        out.assert_code(2);
        assert!(out.stderr.contains("not a file or a folder"), "{}", out.stderr);
    }
    good_ones_indexed(&hay);
}

#[test]
fn files_vanishing_and_changing_while_indexed_are_skipped() {
    let hay = hay();
    let churn = hay.join("corpus/churn");
    std::fs::create_dir_all(&churn).expect("mkdir");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churner = {
        let stop = stop.clone();
        let churn = churn.clone();
        std::thread::spawn(move || {
            let text = fr_article("Remous", "Un fichier qui va et vient pendant l'indexation.");
            let mut i = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let name = churn.join(format!("f{}.txt", i % 50));
                // Created, grown, cut, renamed, removed, in turn.
                let _ = match i % 5 {
                    0 => std::fs::write(&name, &text),
                    1 => std::fs::write(&name, text.repeat(50)),
                    2 => std::fs::write(&name, ""),
                    3 => std::fs::rename(&name, churn.join(format!("g{}.txt", i % 50))),
                    _ => std::fs::remove_file(churn.join(format!("g{}.txt", i % 50))),
                };
                i += 1;
            }
        })
    };
    for round in 0..3 {
        let out = hay.run(&["--index", INDEX, "index", "corpus"]);
        sane(&out, &format!("churn round {round}"));
        out.assert_code(0);
        for line in out.stderr_lines() {
            assert!(
                ["skipped ", "added ", "changed ", "removed ", "repaired "]
                    .iter()
                    .any(|p| line.starts_with(p)),
                "{line}"
            );
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churner.join().expect("the churning thread");
    good_ones_indexed(&hay);
}

/// Whether the tests run as root (who reads files whatever their mode).
#[cfg(unix)]
fn running_as_root(hay: &Hay) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(hay.path()).is_ok_and(|m| m.uid() == 0)
}

/// `fihris args…` in the hay without the rights of root: as is when the
/// tests are not root, else as `nobody` through setpriv(1); `None` when
/// neither can be done (then rights cannot be denied).
#[cfg(unix)]
fn unprivileged(hay: &Hay, args: &[&str]) -> Option<Run> {
    use std::os::unix::fs::PermissionsExt;
    if !running_as_root(hay) {
        return Some(hay.run(args));
    }
    let setpriv = Command::new("setpriv")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !setpriv {
        return None;
    }
    // Nobody may write in the hay (for the index), not in what it denies.
    std::fs::set_permissions(hay.path(), std::fs::Permissions::from_mode(0o777)).ok()?;
    let mut cmd = hay.command(args);
    let bin = cmd.get_program().to_os_string();
    let mut wrapped = Command::new("setpriv");
    wrapped
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(bin)
        .args(cmd.get_args())
        .current_dir(hay.path());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => wrapped.env(key, v),
            None => wrapped.env_remove(key),
        };
    }
    cmd = wrapped;
    Some(run(cmd))
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn what_cannot_be_read_is_skipped_and_kept() {
    let hay = hay();
    hay.write(
        "corpus/sub/locked.txt",
        &fr_article("Verrou", "Un dossier fermé aux autres."),
    );
    hay.write(
        "corpus/secret.txt",
        &fr_article("Secret", "Un fichier fermé aux autres."),
    );
    let Some(first) = unprivileged(&hay, &["--index", INDEX, "index", "corpus"]) else {
        eprintln!("skipped: running as root without setpriv, rights cannot be denied");
        return;
    };
    first.assert_code(0);
    chmod(&hay.join("corpus/sub"), 0o000);
    chmod(&hay.join("corpus/secret.txt"), 0o000);
    let new_one = fr_article("Nouveau", "Un fichier lisible ajouté.");
    hay.write("corpus/new.txt", &new_one);
    let out = unprivileged(&hay, &["--index", INDEX, "index", "corpus"]).expect("as before");
    sane(&out, "permission denied");
    out.assert_code(0);
    assert_eq!(skipped(&out), ["sub: cannot read: permission denied"]);
    // The folder that cannot be listed keeps its articles; the file that
    // cannot be read is unchanged, so kept too; the new file is read.
    let search = |word: &str| {
        let out = unprivileged(&hay, &["--index", INDEX, "search", "--json", word]).expect("as before");
        out.json().len()
    };
    assert_eq!(search("verrou"), 1);
    assert_eq!(search("secret"), 1);
    assert_eq!(search("nouveau"), 1);

    // A corpus or an index folder without rights is an error, and the
    // index is left as it was.
    chmod(&hay.join("corpus"), 0o000);
    let out = unprivileged(&hay, &["--index", INDEX, "index", "corpus"]).expect("as before");
    sane(&out, "corpus without rights");
    out.assert_code(2);
    assert_eq!(
        out.one_error_line(),
        "fihris: error: cannot build the index: cannot read corpus: permission denied"
    );
    chmod(&hay.join("corpus"), 0o755);
    assert_eq!(search("verrou"), 1);
    chmod(&hay.join(INDEX), 0o000);
    for args in [vec!["search", "emploi"], vec!["index", "corpus"], vec!["status"]] {
        let mut all = vec!["--index", INDEX];
        all.extend(args);
        let out = unprivileged(&hay, &all).expect("as before");
        sane(&out, "index folder without rights");
        out.assert_code(2);
        assert!(out.stderr.contains("permission denied"), "{}", out.stderr);
    }
    chmod(&hay.join(INDEX), 0o755);
    chmod(&hay.join("corpus/sub"), 0o755);
    chmod(&hay.join("corpus/secret.txt"), 0o644);
}

#[cfg(unix)]
#[test]
fn an_index_of_another_user_is_not_called_foreign() {
    let hay = hay();
    hay.index();
    // Tantivy writes meta.json for its owner alone.
    let Some(out) = unprivileged(&hay, &["--index", INDEX, "search", "emploi"]) else {
        eprintln!("skipped: running as root without setpriv, rights cannot be denied");
        return;
    };
    if !running_as_root(&hay) {
        // Same user: readable.
        return;
    }
    sane(&out, "another user's index");
    out.assert_code(2);
    assert_eq!(
        out.one_error_line(),
        "fihris: error: cannot use index folder idx: permission denied"
    );
}

/// Values every numeric option is tried with.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "18446744073709551615",
    "18446744073709551584",
    "576460752303423488",
    "1e3",
    "abc",
    "",
];

/// The options of `fihris COMMAND` that take a number (or a date or an
/// address, which hold numbers), read from its help: "--limit".
fn numeric_options(hay: &Hay, command: &str) -> Vec<String> {
    let help = hay.run(&[command, "--help"]);
    help.assert_code(0);
    help.stdout
        .lines()
        .filter_map(|line| {
            // "  -n, --limit <N>"
            let mut words = line.split_whitespace().skip_while(|w| !w.starts_with("--"));
            let flag = words.next()?;
            let value = words.next()?;
            ["<N>", "<MIB>", "<T>", "<DATE>", "<ADDR>"]
                .contains(&value)
                .then(|| flag.to_string())
        })
        .collect()
}

/// Runs `fihris args…`, killed after a few seconds if it is still running
/// (`serve` with a valid address serves until stopped).
fn run_bounded(hay: &Hay, args: &[&str]) -> Run {
    let mut cmd = hay.command(args);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run fihris");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let output = child.wait_with_output().expect("wait");
    Run {
        code: output.status.code().unwrap_or(0),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn every_numeric_option_at_absurd_values() {
    let hay = hay();
    hay.index();
    let commands: &[(&str, &[&str])] = &[
        ("index", &["corpus", "--dry-run"]),
        ("search", &["emploi"]),
        ("stats", &[]),
        ("related", &["jumelage.txt"]),
        ("dups", &[]),
        ("serve", &["--bind", "127.0.0.1:0"]),
        ("eval", &["queries.jsonl"]),
        ("status", &[]),
        ("show", &["jumelage.txt"]),
        ("explain-match", &["emploi"]),
    ];
    hay.write(
        "queries.jsonl",
        "{\"qid\":\"1\",\"query\":\"jumelage\",\"target\":\"jumelage.txt\"}\n",
    );
    let mut tried = 0;
    for (command, base) in commands {
        for option in numeric_options(&hay, command) {
            for value in NUMBERS {
                let joined = format!("{option}={value}");
                let mut forms = vec![vec![joined.as_str()], vec![option.as_str(), value]];
                if value.is_empty() {
                    forms.pop();
                }
                for form in forms {
                    let mut args = vec!["--index", INDEX, command];
                    args.extend(*base);
                    args.extend(form);
                    let out = run_bounded(&hay, &args);
                    sane(&out, &args.join(" "));
                    tried += 1;
                }
            }
        }
    }
    // Options found in the help: index 1, search 4, stats 2, related 3,
    // dups 5, serve 1.
    assert!(tried >= 16 * 15, "{tried}");
    // A file or article size cap of 0 would skip every file: refused.
    for option in ["--max-file-size", "--max-article-size"] {
        let out = hay.run(&["--index", INDEX, "index", "corpus", option, "0"]);
        out.assert_code(2);
        assert!(out.one_error_line().contains("0 is not in 1.."), "{}", out.stderr);
    }
    // The huge values are clamped, not overflowed.
    let out = hay.run(&[
        "--index",
        INDEX,
        "search",
        "emploi",
        "--limit",
        "18446744073709551615",
    ]);
    out.assert_code(0);
    let out = hay.run(&[
        "--index",
        INDEX,
        "search",
        "emploi",
        "--offset",
        "18446744073709551615",
        "--limit",
        "18446744073709551615",
    ]);
    out.assert_code(1);
}

#[test]
fn every_path_option_at_a_missing_path_a_file_and_a_folder() {
    let hay = hay();
    hay.index();
    hay.write("afile.dat", "pas un dossier");
    std::fs::create_dir_all(hay.join("afolder")).expect("mkdir");
    let index_commands: &[&[&str]] = &[
        &["search", "emploi"],
        &["stats"],
        &["status"],
        &["show", "jumelage.txt"],
        &["explain-match", "emploi"],
        &["related", "jumelage.txt"],
        &["dups"],
        &["eval", "afile.dat"],
        &["index", "corpus", "--dry-run"],
    ];
    for index in ["missing/idx", "afile.dat", "corpus/jumelage.txt"] {
        for args in index_commands {
            let mut all = vec!["--index", index];
            all.extend(*args);
            let out = hay.run(&all);
            sane(&out, &all.join(" "));
            // A dry run needs no index: it says what would be added.
            let code = if index == "missing/idx" && args[0] == "index" {
                0
            } else {
                2
            };
            assert_eq!(out.code, code, "{}: {}", all.join(" "), out.stderr);
        }
    }
    // The index refuses a file, whatever the command.
    let out = hay.run(&["--index", "afile.dat", "index", "corpus"]);
    assert_eq!(
        out.one_error_line(),
        "fihris: error: cannot build the index: afile.dat is not a fihris index (refusing to touch it)"
    );
    // Corpus paths, query files and articles at a missing path, a file of
    // another kind, a folder.
    let cases: &[(&[&str], i32)] = &[
        (&["index", "missing"], 2),
        (&["index", "afile.dat"], 1),
        (&["index", "afolder"], 1),
        (&["eval", "missing.jsonl"], 2),
        (&["eval", "afolder"], 2),
        (&["related", "missing.txt"], 2),
        (&["related", "afolder"], 2),
        (&["related", "afile.dat"], 2),
        (&["show", "afolder"], 1),
    ];
    for (args, code) in cases {
        let mut all = vec!["--index", "other-idx"];
        if args[0] != "index" {
            all = vec!["--index", INDEX];
        }
        all.extend(*args);
        let out = hay.run(&all);
        sane(&out, &all.join(" "));
        assert_eq!(out.code, *code, "{}: {}", all.join(" "), out.stderr);
    }
    good_ones_indexed(&hay);
}
