//! What `fihris index` leaves behind when it cannot finish, and what
//! readers see while it writes (issue 17):
//! - killed with SIGKILL at seeded random moments of a full build and of a
//!   sync: the index opens, `check` finds it sound and holding the old or
//!   the new articles, `search` answers, and one more `fihris index` gives
//!   exactly the stored articles of a clean rebuild (same `check` digest);
//! - a full disk (a small tmpfs, filled to leave a chosen free space, so
//!   that the disk fills at different moments of a sync or a build): exit
//!   2, one line naming the file that could not be written, the previous
//!   commit whole;
//! - readers searching in a loop while syncs add, change and delete files:
//!   no failed query, each answer from one commit.
//!
//! The tests here are small versions, for CI; the `#[ignore]`d ones are the
//! full runs (100 kill points, every 16 KiB of free space, 10,000 queries
//! during 20 syncs) that `bench/reliability.sh` runs and tabulates. Their
//! seed comes from `FIHRIS_SEED` (printed either way). Mounting a tmpfs
//! needs root: without it the full-disk tests say so and pass.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{filled_record, Hay, Run, AR_FILLER, FR_FILLER};

/// A small seeded generator (xorshift64*): the moments of a run can be
/// replayed from the printed seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The seed of a run: `FIHRIS_SEED`, or the clock.
fn seed(name: &str) -> u64 {
    let seed = std::env::var("FIHRIS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!("{name}: seed {seed} (FIHRIS_SEED={seed} replays it)");
    seed
}

/// A count from the environment variable `name`, or `default`.
fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A JSON Lines record with the filler of its language, dated and sourced
/// alike.
fn record(id: &str, title: &str, body: &str, lang: &str) -> String {
    filled_record(id, title, body, lang, "2021-03-04", "APS")
}

/// The corpus before the change: `records` records in one JSON Lines file
/// and `files` text files (fr and ar).
fn old_corpus(hay: &Hay, records: usize, files: usize) {
    let mut text = String::new();
    for i in 0..records {
        text.push_str(&record(
            &format!("wire-{i}"),
            &format!("Dépêche {i}"),
            &format!("Communiqué numéro {i} de l'agence."),
            "fr",
        ));
    }
    hay.write("corpus/wire.jsonl", &text);
    for i in 0..files {
        let (lang, filler) = if i % 3 == 0 {
            ("ar", AR_FILLER)
        } else {
            ("fr", FR_FILLER)
        };
        hay.write(
            &format!("corpus/{lang}/{i:04}.txt"),
            &format!("Note {i}\n\nNote de service numéro {i}, première version.\n\n{filler}\n"),
        );
    }
}

/// The change a sync indexes: a second JSON Lines file of `records`
/// records, a tenth of the text files changed, a tenth removed.
fn change_corpus(hay: &Hay, records: usize, files: usize) {
    let mut text = String::new();
    for i in 0..records {
        text.push_str(&record(
            &format!("more-{i}"),
            &format!("Autre dépêche {i}"),
            &format!("Second communiqué {i} de l'agence."),
            if i % 4 == 0 { "ar" } else { "fr" },
        ));
    }
    hay.write("corpus/more.jsonl", &text);
    for i in (0..files).step_by(10) {
        let lang = if i % 3 == 0 { "ar" } else { "fr" };
        hay.write(
            &format!("corpus/{lang}/{i:04}.txt"),
            &format!("Note {i}\n\nNote de service numéro {i}, seconde version.\n\n{FR_FILLER}\n"),
        );
    }
    for i in (5..files).step_by(10) {
        let lang = if i % 3 == 0 { "ar" } else { "fr" };
        hay.remove(&format!("corpus/{lang}/{i:04}.txt"));
    }
}

/// `fihris --index DIR index corpus`.
fn index_into(hay: &Hay, dir: &str) -> Run {
    hay.run(&["--index", dir, "index", "corpus"])
}

/// What `fihris check --json` says of the index at `dir`: (articles,
/// digest), or the run when it failed.
fn check(hay: &Hay, dir: &str) -> Result<(u64, String), Run> {
    let out = hay.run(&["--index", dir, "check", "--json"]);
    if out.code != 0 {
        return Err(out);
    }
    let v: Value = serde_json::from_str(out.stdout.trim()).expect("check --json prints one object");
    Ok((
        v["articles"].as_u64().expect("articles"),
        v["digest"].as_str().expect("digest").to_string(),
    ))
}

/// Copies the folder `from` to `to` (files only, as an index folder is).
fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).expect("create a folder");
    for entry in std::fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("read a folder entry");
        if entry.file_type().expect("file type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a file");
        }
    }
}

/// Starts `fihris --index DIR index corpus` in the background.
fn spawn_index(hay: &Hay, dir: &str) -> Child {
    hay.command(["--index", dir, "index", "corpus"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start fihris index")
}

/// What one kill point gave.
#[derive(Debug, Default)]
struct KillTally {
    run: usize,
    recovered: usize,
    mismatches: Vec<String>,
    /// Kills that left no index yet, the old (or an empty) one, the new
    /// one; runs that had finished before the kill.
    no_index: usize,
    old: usize,
    new: usize,
    finished: usize,
}

/// Kills `fihris index` at `points` random moments, alternately of a full
/// build (from nothing) and of a sync (from the old index to the changed
/// corpus); after each: `check` (sound, old or new articles), `search`
/// answers, and one more `fihris index` gives the digest of a clean
/// rebuild.
fn kill_points(points: usize, records: usize, files: usize, name: &str) -> KillTally {
    let seed = seed(name);
    let mut rng = Rng::new(seed);
    let hay = Hay::new();
    old_corpus(&hay, records, files);
    index_into(&hay, "idx-old").assert_code(0);
    let old = check(&hay, "idx-old").unwrap_or_else(|r| panic!("old index: {}", r.stderr));
    change_corpus(&hay, records / 2, files);
    let start = Instant::now();
    index_into(&hay, "idx-ref").assert_code(0);
    let build_time = start.elapsed();
    let new = check(&hay, "idx-ref").unwrap_or_else(|r| panic!("rebuilt index: {}", r.stderr));
    copy_dir(&hay.join("idx-old"), &hay.join("idx"));
    let start = Instant::now();
    index_into(&hay, "idx").assert_code(0);
    let sync_time = start.elapsed();
    assert_eq!(
        check(&hay, "idx").map(|c| c.1).ok(),
        Some(new.1.clone()),
        "a sync and a rebuild hold the same stored articles"
    );
    eprintln!(
        "{name}: old {} articles, new {}; build {build_time:.1?}, sync {sync_time:.1?}",
        old.0, new.0
    );

    let mut tally = KillTally::default();
    for point in 0..points {
        let build = point % 2 == 0;
        let span = if build { build_time } else { sync_time };
        // Up to a little beyond the usual duration: some runs finish.
        let delay = Duration::from_millis(rng.below(span.as_millis() as u64 * 11 / 10 + 1));
        let _ = std::fs::remove_dir_all(hay.join("idx"));
        if !build {
            copy_dir(&hay.join("idx-old"), &hay.join("idx"));
        }
        let mut child = spawn_index(&hay, "idx");
        let begun = Instant::now();
        while begun.elapsed() < delay && child.try_wait().expect("poll").is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        let finished = child.try_wait().expect("poll").is_some();
        let _ = child.kill();
        let status = child.wait().expect("wait for the killed run");
        tally.run += 1;
        let what = format!(
            "point {point} ({} killed at {delay:?}{}, {status})",
            if build { "build" } else { "sync" },
            if finished { ", had finished" } else { "" }
        );
        let mut problems = Vec::new();
        let has_meta = hay.join("idx/meta.json").exists();
        tally.finished += usize::from(finished);
        tally.no_index += usize::from(!has_meta);
        // A build killed before it created the index leaves none: nothing
        // to open (and nothing to damage).
        if has_meta || !build {
            match check(&hay, "idx") {
                Err(out) => problems.push(format!("check failed: {}", out.stderr.trim())),
                Ok((articles, digest)) => {
                    let before = if build { (0, None) } else { (old.0, Some(&old.1)) };
                    let is_new = articles == new.0 && digest == new.1;
                    let is_old = articles == before.0 && before.1.is_none_or(|d| *d == digest);
                    tally.new += usize::from(is_new);
                    tally.old += usize::from(is_old && !is_new);
                    if !is_new && !is_old {
                        problems.push(format!(
                            "{articles} articles (digest {digest}): neither old nor new"
                        ));
                    }
                }
            }
            let out = hay.run(&[
                "--index",
                "idx",
                "search",
                "--no-cross",
                "--limit",
                "3",
                "calendrier",
            ]);
            if out.code != 0 && out.code != 1 {
                problems.push(format!("search exit {}: {}", out.code, out.stderr.trim()));
            }
        }
        let again = index_into(&hay, "idx");
        if again.code != 0 {
            problems.push(format!("next index exit {}: {}", again.code, again.stderr.trim()));
        }
        match check(&hay, "idx") {
            Ok((articles, digest)) if digest == new.1 => {
                debug_assert_eq!(articles, new.0);
            }
            Ok((articles, digest)) => problems.push(format!(
                "after the next index: {articles} articles, digest {digest}, a rebuild has {} {}",
                new.0, new.1
            )),
            Err(out) => problems.push(format!("check after the next index: {}", out.stderr.trim())),
        }
        if problems.is_empty() {
            tally.recovered += 1;
        } else {
            tally.mismatches.push(format!("{what}: {}", problems.join("; ")));
        }
    }
    eprintln!(
        "{name}: seed {seed}: kill points run {}, recovered {}, mismatches {}; killed before the index \
         existed {}, leaving the old (or empty) index {}, the new one {} (finished before the kill {})",
        tally.run,
        tally.recovered,
        tally.mismatches.len(),
        tally.no_index,
        tally.old,
        tally.new,
        tally.finished
    );
    tally
}

#[test]
fn index_killed_at_random_moments_recovers_to_a_clean_rebuild() {
    let tally = kill_points(env_count("FIHRIS_KILL_POINTS", 6), 600, 40, "kill points");
    assert!(tally.mismatches.is_empty(), "{:#?}", tally.mismatches);
}

#[test]
#[ignore = "the full run (100 kill points), for bench/reliability.sh"]
fn index_killed_at_100_moments_recovers_to_a_clean_rebuild() {
    let tally = kill_points(
        env_count("FIHRIS_KILL_POINTS", 100),
        3000,
        200,
        "kill points (full)",
    );
    println!(
        "RESULT SIGKILL during a build or a sync | {} | {} | {} recovered; the kill left no index {}, the old (or empty) one {}, \
         the new one {}",
        tally.run,
        tally.mismatches.len(),
        tally.recovered,
        tally.no_index,
        tally.old,
        tally.new
    );
    assert!(tally.mismatches.is_empty(), "{:#?}", tally.mismatches);
}

#[test]
fn check_verifies_an_index_and_names_a_damaged_file() {
    let hay = Hay::new();
    old_corpus(&hay, 20, 6);
    index_into(&hay, "idx").assert_code(0);
    let out = hay.run(&["--index", "idx", "check"]);
    out.assert_code(0);
    let line = out.stdout.trim();
    assert!(
        line.starts_with("idx: ok, 26 articles in ")
            && line.contains(" segments, checksums verified, digest "),
        "{line}"
    );
    let (articles, digest) = check(&hay, "idx").unwrap_or_else(|r| panic!("{}", r.stderr));
    assert_eq!(articles, 26);
    assert_eq!(digest.len(), 16);
    assert!(line.ends_with(&digest), "{line}");

    // Another index of the same files: the same digest.
    index_into(&hay, "idx-2").assert_code(0);
    assert_eq!(check(&hay, "idx-2").map(|c| c.1).ok(), Some(digest));

    // A flipped byte in a segment file.
    let store = std::fs::read_dir(hay.join("idx"))
        .expect("read the index")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "store"))
        .expect("a store file");
    let mut bytes = std::fs::read(&store).expect("read the store");
    bytes[3] ^= 0x55;
    std::fs::write(&store, bytes).expect("write the store");
    let out = hay.run(&["--index", "idx", "check"]);
    out.assert_code(2);
    let name = store.file_name().expect("a name").to_string_lossy().into_owned();
    let line = out.one_error_line();
    assert!(
        line.starts_with("fihris: error: the index at idx is damaged: ")
            && line.contains(&name)
            && line.ends_with(" does not match its checksum; rebuild it with `fihris index --full`"),
        "{line}"
    );
    assert!(out.stdout.is_empty());

    hay.run(&["--index", "nowhere", "check"]).assert_code(2);
}

/// A tmpfs mounted on a temporary folder, unmounted when dropped; `None`
/// (with a message) where mounting is not allowed.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::Builder::new()
            .prefix("fihris-tmpfs-")
            .tempdir()
            .expect("create a mount point");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Free bytes on the file system.
    fn free(&self) -> u64 {
        let out = Command::new("df")
            .args(["-B1", "--output=avail"])
            .arg(self.path())
            .output()
            .expect("run df");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .expect("df prints the free bytes")
    }

    /// Fills the file system up to `free` bytes left (a file `fill`).
    fn leave_free(&self, free: u64) {
        let fill = self.path().join("fill");
        let _ = std::fs::remove_file(&fill);
        let bytes = self.free().saturating_sub(free);
        let file = std::fs::File::create(&fill).expect("create the filler");
        let chunk = vec![0u8; 1 << 16];
        let mut left = bytes;
        let mut file = std::io::BufWriter::new(file);
        while left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            if std::io::Write::write_all(&mut file, &chunk[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = std::io::Write::flush(&mut file);
    }

    fn unfill(&self) {
        let _ = std::fs::remove_file(self.path().join("fill"));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// What the full-disk runs gave.
#[derive(Debug, Default)]
struct DiskTally {
    /// The files named by the error lines, by kind.
    named: std::collections::BTreeMap<String, usize>,
    /// The least free space a run succeeded with.
    least_free_to_succeed: Option<u64>,
    run: usize,
    failed_cleanly: usize,
    succeeded: usize,
    problems: Vec<String>,
}

/// Syncs (or, with `build`, rebuilds with `--full`) an index on a tmpfs
/// filled to leave each of `free` bytes: the run succeeds, or fails with
/// exit 2 and one line naming a file of the index folder, the previous
/// commit whole (same digest); then, with the space back, one more run
/// gives the new index.
fn full_disk(free: &[u64], build: bool, name: &str) -> Option<DiskTally> {
    let tmpfs = Tmpfs::mount("8m")?;
    let hay = Hay::new();
    old_corpus(&hay, 300, 30);
    index_into(&hay, "idx-old").assert_code(0);
    let old = check(&hay, "idx-old").unwrap_or_else(|r| panic!("{}", r.stderr));
    change_corpus(&hay, 1200, 30);
    index_into(&hay, "idx-ref").assert_code(0);
    let new = check(&hay, "idx-ref").unwrap_or_else(|r| panic!("{}", r.stderr));
    let idx = tmpfs.path().join("idx");
    let idx_arg = idx.to_string_lossy().into_owned();
    let mut tally = DiskTally::default();
    for &bytes in free {
        tmpfs.unfill();
        copy_dir(&hay.join("idx-old"), &idx);
        tmpfs.leave_free(bytes);
        let mut args = vec!["--index", idx_arg.as_str(), "index"];
        if build {
            args.push("--full");
        }
        args.push("corpus");
        let out = hay.run(&args);
        tally.run += 1;
        let mut problems = Vec::new();
        match out.code {
            0 => {
                tally.succeeded += 1;
                tally.least_free_to_succeed =
                    Some(tally.least_free_to_succeed.map_or(bytes, |b| b.min(bytes)));
                match check(&hay, &idx_arg) {
                    Ok(c) if c == new => {}
                    Ok(c) => problems.push(format!("exit 0 but not the new index: {c:?}")),
                    Err(r) => problems.push(format!("exit 0 but: {}", r.stderr.trim())),
                }
            }
            2 => {
                let lines = out.stderr_lines();
                let named = lines.len() == 1
                    && lines[0].starts_with(&format!(
                        "fihris: error: cannot build the index: cannot write {idx_arg}"
                    ))
                    && lines[0].ends_with(": no space left on device");
                if named {
                    // Which write failed: a segment's kind of file, or
                    // tantivy's own files (meta.json, .managed.json).
                    let file = lines[0]
                        .rsplit_once(": no space left")
                        .map_or("", |(l, _)| l)
                        .rsplit('/')
                        .next()
                        .unwrap_or_default();
                    let kind = match file.split_once('.') {
                        Some((stem, rest)) if stem.len() == 32 => format!("*.{rest}")
                            .split('.')
                            .filter(|p| p.parse::<u64>().is_err())
                            .collect::<Vec<_>>()
                            .join("."),
                        _ => file.to_string(),
                    };
                    *tally.named.entry(kind).or_default() += 1;
                } else {
                    problems.push(format!("not one line naming a file: {}", out.stderr.trim()));
                }
                match check(&hay, &idx_arg) {
                    Ok(c) if c == old => {}
                    Ok(c) => problems.push(format!("old index changed: {c:?}")),
                    Err(r) => problems.push(format!("old index damaged: {}", r.stderr.trim())),
                }
                if problems.is_empty() {
                    tally.failed_cleanly += 1;
                }
            }
            code => problems.push(format!("exit {code}: {}", out.stderr.trim())),
        }
        if idx.join("fihris-lexicon.cache.tmp").exists() {
            problems.push("a partial lexicon cache left behind".to_string());
        }
        tmpfs.unfill();
        let again = index_into(&hay, &idx_arg);
        if again.code != 0 {
            problems.push(format!("next index exit {}: {}", again.code, again.stderr.trim()));
        }
        match check(&hay, &idx_arg) {
            Ok(c) if c == new => {}
            Ok(c) => problems.push(format!("after the next index: {c:?}, a rebuild has {new:?}")),
            Err(r) => problems.push(format!("after the next index: {}", r.stderr.trim())),
        }
        if !problems.is_empty() {
            tally
                .problems
                .push(format!("{bytes} bytes free: {}", problems.join("; ")));
        }
    }
    eprintln!("{name}: {tally:?}");
    Some(tally)
}

#[test]
fn sync_on_a_full_disk_fails_in_one_line_and_keeps_the_old_index() {
    let free = [0, 64 << 10, 256 << 10, 512 << 10];
    let Some(tally) = full_disk(&free, false, "full disk (sync)") else {
        return;
    };
    assert!(tally.problems.is_empty(), "{:#?}", tally.problems);
    assert!(tally.failed_cleanly >= 2, "the disk never filled: {tally:?}");
}

#[test]
fn rebuild_on_a_full_disk_fails_in_one_line_and_keeps_the_previous_commit() {
    let Some(tally) = full_disk(&[128 << 10], true, "full disk (build)") else {
        return;
    };
    assert!(tally.problems.is_empty(), "{:#?}", tally.problems);
    assert_eq!(tally.failed_cleanly, 1, "{tally:?}");
}

#[test]
#[ignore = "the full run (a sync and a rebuild at every 16 KiB, then 4 KiB, of free space), for bench/reliability.sh"]
fn index_on_a_disk_full_at_every_moment() {
    let coarse: Vec<u64> = (0..=96).map(|i| i * (16 << 10)).collect();
    for (build, name) in [(false, "sync"), (true, "build")] {
        let Some(mut tally) = full_disk(&coarse, build, &format!("full disk ({name})")) else {
            return;
        };
        // Every 4 KiB (a tmpfs page) up to the least free space that was
        // enough: each write of the run fails in turn.
        if let Some(least) = tally.least_free_to_succeed {
            let fine: Vec<u64> = (0..least / (4 << 10))
                .map(|i| i * (4 << 10) + (4 << 10) / 2)
                .collect();
            if let Some(more) = full_disk(&fine, build, &format!("full disk ({name}, 4 KiB steps)")) {
                tally.run += more.run;
                tally.failed_cleanly += more.failed_cleanly;
                tally.succeeded += more.succeeded;
                tally.problems.extend(more.problems);
                for (kind, n) in more.named {
                    *tally.named.entry(kind).or_default() += n;
                }
            }
        }
        println!(
            "RESULT full disk during a {name} (tmpfs filled to leave 0-1.5 MiB by 16 KiB, then by 4 KiB up \
             to the least enough) | {} | {} | {} failed with exit 2 and one line naming the file (failed \
             writes: {}), previous commit whole; {} succeeded",
            tally.run,
            tally.problems.len(),
            tally.failed_cleanly,
            tally
                .named
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", "),
            tally.succeeded
        );
        assert!(tally.problems.is_empty(), "{:#?}", tally.problems);
    }
}

/// The generation files of commit `k` of [`readers_during_syncs`]: two
/// files added per commit, one of the earlier ones removed (so commit `k`
/// holds `k + 2` of them), and `current.txt` changed (titled after `k`).
fn generation_titles(k: usize) -> Vec<String> {
    let mut titles: Vec<String> = (0..2 * k + 2)
        .filter(|j| !(j % 2 == 0 && j / 2 < k))
        .map(|j| format!("Jalon {j}"))
        .collect();
    titles.push(format!("Jalon courant {k}"));
    titles.sort();
    titles
}

/// Writes the generation files of commit `k` (see [`generation_titles`]).
fn write_generation(hay: &Hay, k: usize) {
    for j in 0..2 * k + 2 {
        let path = format!("corpus/gen/g{j:03}.txt");
        if j % 2 == 0 && j / 2 < k {
            let _ = std::fs::remove_file(hay.join(&path));
        } else if !hay.join(&path).exists() {
            hay.write(
                &path,
                &format!("Jalon {j}\n\nLe jalon numéro {j} du projet.\n\n{FR_FILLER}\n"),
            );
        }
    }
    hay.write(
        "corpus/gen/current.txt",
        &format!("Jalon courant {k}\n\nLe jalon courant du projet, version {k}.\n\n{FR_FILLER}\n"),
    );
}

/// What the readers saw.
#[derive(Debug, Default)]
struct ReaderTally {
    /// Syncs run as two `fihris index` at once, and how many times one of
    /// the two was refused (otherwise one ran after the other).
    two_writers: (usize, usize),
    queries: usize,
    during_sync: usize,
    failures: Vec<String>,
}

/// Two readers query in a loop (`fihris search`, a process per query)
/// while `syncs` syncs add, change and remove files, spread over the first
/// `queries` queries: one reader lists the hits of a word only the
/// changing files hold (their titles must be those of one commit), the
/// other counts every article (the count must be one commit's: each commit
/// holds one more). Neither may fail or see an older commit after a newer.
/// Each sync is two `fihris index` started at once: one is refused, or
/// runs after the other.
fn readers_during_syncs(queries: usize, syncs: usize, name: &str) -> ReaderTally {
    let hay = Arc::new(Hay::new());
    old_corpus(&hay, 200, 20);
    write_generation(&hay, 0);
    index_into(&hay, "idx").assert_code(0);
    let base = check(&hay, "idx").unwrap_or_else(|r| panic!("{}", r.stderr)).0 - 3;
    let commits: Vec<Vec<String>> = (0..=syncs).map(generation_titles).collect();
    let totals: Vec<u64> = (0..=syncs).map(|k| base + k as u64 + 3).collect();

    let done = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let syncing = Arc::new(AtomicBool::new(false));
    let finished = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Mutex::new(ReaderTally::default()));
    let reader = |titles: bool| {
        let (hay, done, syncing, finished, tally) = (
            Arc::clone(&hay),
            Arc::clone(&done),
            Arc::clone(&syncing),
            Arc::clone(&finished),
            Arc::clone(&tally),
        );
        let (commits, totals) = (commits.clone(), totals.clone());
        std::thread::spawn(move || {
            let mut last = 0;
            while !(finished.load(Ordering::SeqCst) && done.load(Ordering::SeqCst) >= queries) {
                let during = syncing.load(Ordering::SeqCst);
                let args: &[&str] = if titles {
                    &[
                        "--index",
                        "idx",
                        "search",
                        "--no-cross",
                        "--json",
                        "--limit",
                        "100",
                        "jalon",
                    ]
                } else {
                    &[
                        "--index",
                        "idx",
                        "search",
                        "--no-cross",
                        "--limit",
                        "0",
                        "--any",
                        "calendrier",
                        "الرزنامة",
                    ]
                };
                let out = hay.run(args);
                let seen = if out.code != 0 {
                    Err(format!("exit {}: {}", out.code, out.stderr.trim()))
                } else if titles {
                    let mut got: Vec<String> = crate::util::json_lines(&out.stdout)
                        .iter()
                        .map(|h| crate::util::str_field(h, "title").to_string())
                        .collect();
                    got.sort();
                    commits
                        .iter()
                        .position(|c| *c == got)
                        .ok_or_else(|| format!("titles of no commit: {got:?}"))
                } else {
                    let count = out
                        .stdout
                        .split_whitespace()
                        .next()
                        .and_then(|n| n.parse::<u64>().ok());
                    count
                        .and_then(|n| totals.iter().position(|t| *t == n))
                        .ok_or_else(|| format!("count of no commit: {}", out.stdout.trim()))
                };
                let mut tally = tally.lock().expect("the tally");
                tally.queries += 1;
                tally.during_sync += usize::from(during || syncing.load(Ordering::SeqCst));
                match seen {
                    Ok(k) if k >= last => last = k,
                    Ok(k) => tally
                        .failures
                        .push(format!("commit {k} seen after commit {last}")),
                    Err(e) => tally.failures.push(e),
                }
                drop(tally);
                done.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let readers = [reader(true), reader(false)];
    // Pairs of `fihris index` started at once, and how many had one refused.
    let mut two_writers = (0, 0);
    for k in 1..=syncs {
        // Spread over the queries.
        while done.load(Ordering::SeqCst) < queries * (k - 1) / syncs {
            std::thread::sleep(Duration::from_millis(5));
        }
        write_generation(&hay, k);
        syncing.store(true, Ordering::SeqCst);
        // Two at once: one syncs, the other is refused (or runs after it).
        let first = hay
            .command(["--index", "idx", "index", "corpus"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start fihris index");
        let second = index_into(&hay, "idx");
        let first = first.wait_with_output().expect("wait for fihris index");
        syncing.store(false, Ordering::SeqCst);
        let first_code = first.status.code().unwrap_or(-1);
        let refusal = "is writing to the index at idx; try again when it is done";
        let refused = |code: i32, stderr: &str| code == 2 && stderr.trim_end().ends_with(refusal);
        let first_refused = refused(first_code, &String::from_utf8_lossy(&first.stderr));
        let second_refused = refused(second.code, &second.stderr);
        assert!(
            (first_code == 0 || first_refused)
                && (second.code == 0 || second_refused)
                && !(first_refused && second_refused),
            "two fihris index at once: exit {first_code} ({}) and {} ({})",
            String::from_utf8_lossy(&first.stderr).trim(),
            second.code,
            second.stderr.trim()
        );
        two_writers.0 += 1;
        two_writers.1 += usize::from(first_refused || second_refused);
    }
    finished.store(true, Ordering::SeqCst);
    for r in readers {
        r.join().expect("a reader thread");
    }
    let (articles, _) = check(&hay, "idx").unwrap_or_else(|r| panic!("{}", r.stderr));
    assert_eq!(articles, totals[syncs], "articles after the last sync");
    let mut tally = std::mem::take(&mut *tally.lock().expect("the tally"));
    tally.two_writers = two_writers;
    eprintln!(
        "{name}: {} queries ({} during a sync), {} failures; {} syncs as two fihris index at once, one \
         refused {} times",
        tally.queries,
        tally.during_sync,
        tally.failures.len(),
        tally.two_writers.0,
        tally.two_writers.1
    );
    tally
}

#[test]
fn readers_see_one_commit_at_a_time_during_syncs() {
    let tally = readers_during_syncs(env_count("FIHRIS_READER_QUERIES", 150), 4, "readers");
    assert!(tally.failures.is_empty(), "{:#?}", tally.failures);
}

#[test]
#[ignore = "the full run (10,000 queries during 20 syncs), for bench/reliability.sh"]
fn readers_see_one_commit_at_a_time_during_20_syncs() {
    let tally = readers_during_syncs(env_count("FIHRIS_READER_QUERIES", 10_000), 20, "readers (full)");
    println!(
        "RESULT reader queries during 20 syncs | {} | {} | {} while a sync ran; each answer one commit's",
        tally.queries,
        tally.failures.len(),
        tally.during_sync
    );
    println!(
        "RESULT two fihris index at once (each of the 20 syncs) | {} | 0 | one of the two refused with exit 2 \
         {} times, one run after the other {} times",
        tally.two_writers.0,
        tally.two_writers.1,
        tally.two_writers.0 - tally.two_writers.1
    );
    assert!(
        tally.failures.is_empty(),
        "{:#?}",
        &tally.failures[..tally.failures.len().min(20)]
    );
}

/// The files of the folder `dir`, by name.
fn file_names(dir: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("read a folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn sync_run_again_after_a_failed_one_is_not_blocked_by_its_leftover_files() {
    // A sync that failed (a full disk) just before its commit left a
    // segment's deletes on disk, written but never committed; the same
    // sync run again writes a file of the same name. Here the leftover is
    // made by copying it from a twin index that ran the sync.
    let hay = Hay::new();
    old_corpus(&hay, 20, 20);
    index_into(&hay, "idx").assert_code(0);
    copy_dir(&hay.join("idx"), &hay.join("twin"));
    change_corpus(&hay, 5, 20);
    index_into(&hay, "twin").assert_code(0);
    let before = file_names(&hay.join("idx"));
    let deletes: Vec<String> = file_names(&hay.join("twin"))
        .into_iter()
        .filter(|name| name.ends_with(".del") && !before.contains(name))
        .collect();
    assert!(!deletes.is_empty(), "the sync deleted no article");
    let managed_path = hay.join("idx/.managed.json");
    let mut managed: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(&managed_path).expect("read .managed.json"))
            .expect(".managed.json is a list of names");
    for name in &deletes {
        std::fs::copy(hay.join("twin").join(name), hay.join("idx").join(name)).expect("copy");
        managed.push(name.clone());
    }
    std::fs::write(&managed_path, serde_json::to_string(&managed).expect("JSON")).expect("write");

    let out = index_into(&hay, "idx");
    out.assert_code(0);
    assert_eq!(
        check(&hay, "idx").ok(),
        check(&hay, "twin").ok(),
        "the sync run again gives what it gave the first time"
    );
}

#[test]
fn index_on_a_read_only_file_system_answers_and_a_sync_is_refused_in_one_line() {
    let Some(tmpfs) = Tmpfs::mount("8m") else {
        return;
    };
    let hay = Hay::new();
    old_corpus(&hay, 20, 6);
    let idx = tmpfs.path().join("idx");
    let idx_arg = idx.to_string_lossy().into_owned();
    index_into(&hay, &idx_arg).assert_code(0);
    let before = check(&hay, &idx_arg).unwrap_or_else(|r| panic!("{}", r.stderr));
    // Refused while a file is open for writing: the build's may still be
    // closing.
    let remount = || {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(tmpfs.path())
            .output()
            .expect("run mount")
    };
    let mut remounted = remount();
    for _ in 0..50 {
        if remounted.status.success() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        remounted = remount();
    }
    assert!(
        remounted.status.success(),
        "remount the tmpfs read-only: {}",
        String::from_utf8_lossy(&remounted.stderr)
    );

    // Readers need no lock file there: search and check answer.
    let out = hay.run(&[
        "--index",
        &idx_arg,
        "search",
        "--no-cross",
        "--limit",
        "0",
        "--any",
        "calendrier",
        "الرزنامة",
    ]);
    out.assert_code(0);
    assert_eq!(out.stdout.trim(), format!("{} matching articles", before.0));
    assert_eq!(check(&hay, &idx_arg).ok(), Some(before));
    // A sync is refused for what it is, not as another writer.
    change_corpus(&hay, 5, 6);
    let out = index_into(&hay, &idx_arg);
    out.assert_code(2);
    assert_eq!(
        out.one_error_line(),
        format!(
            "fihris: error: cannot build the index: cannot write {idx_arg}/.tantivy-writer.lock: read-only file \
             system"
        )
    );
}
