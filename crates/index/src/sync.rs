//! Building and updating an index from folders of articles: [`build_index`]
//! plans (`plan.rs`), executes (`execute.rs`) and commits.
//!
//! `fihris index` syncs: it compares the files under the roots with what the
//! index holds (per file: path, size, modification time and a hash of the
//! content, stored in fast fields of every article of the file), reads only
//! new and changed files, deletes the articles of changed and removed files,
//! and commits everything in one tantivy commit. Until that commit readers
//! see the old index, and a sync that fails or is killed (even with SIGKILL)
//! leaves it as it was: the next run does the whole job again. The roots
//! are checked before the index is touched, so a typo in a folder name never
//! empties an index. `full` rebuilds from scratch.
//!
//! The result equals a full rebuild, with one documented exception: when a
//! new or changed file claims an id that an unchanged file already holds,
//! the indexed article keeps it (a full rebuild keeps the first in walk
//! order).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fihris_ingest::{walk_roots, ReadOptions, Skipped, WalkOptions};
use fihris_normalize::Stemmer;
use tantivy::Term;

use crate::disk::WriteErrors;
use crate::error::IndexError;
use crate::execute::{execute, Executed, Sink, BATCH_BYTES, PART_RECORDS};
use crate::held::{indexed_files, langs, stamp, IndexedFile};
use crate::lock::{lock, Writing};
use crate::plan::{plan, Change, Inputs, Rebuild, SyncPlan};
use crate::schema::{CommitInfo, Fields, FileStamp, INGEST_VERSION, SCHEMA_VERSION};
use crate::state::{commit_info, index_state, open_for_rebuild, open_for_sync, IndexState};

/// How to build an index.
#[derive(Clone)]
pub struct BuildOptions {
    /// Folders or files to index.
    pub roots: Vec<PathBuf>,
    /// Indexing threads (default: the number of cores, at most 8).
    pub threads: Option<usize>,
    /// Memory budget of the index writer, in bytes, shared by its threads.
    pub memory_budget: usize,
    /// Stemmer of the stemmed fields.
    pub stemmer: Stemmer,
    /// Largest file read, in bytes (decompressed size for `.gz`).
    pub max_file_bytes: u64,
    /// Largest article indexed, in bytes of title and body (see
    /// [`ReadOptions::max_article_bytes`]).
    pub max_article_bytes: u64,
    /// Follow symbolic links that lead out of the root they are found
    /// under (those that stay inside are always followed).
    pub follow: bool,
    /// Rebuild from scratch instead of syncing.
    pub full: bool,
    /// Work out what would change, and write nothing.
    pub dry_run: bool,
    /// Files are read and written a batch at a time, a batch holding files
    /// of at most this many bytes in all (one at least): only one batch's
    /// articles are in memory.
    pub batch_bytes: u64,
    /// A JSON Lines file larger than a batch is read in parts of this many
    /// records.
    pub part_records: usize,
    /// Called with (files read, files to read) as files are read, from
    /// several threads.
    pub progress: Option<Progress>,
}

/// A progress callback: (done, total).
pub type Progress = std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>;

impl BuildOptions {
    /// Options for `roots` with default threads and memory.
    pub fn new(roots: Vec<PathBuf>) -> BuildOptions {
        BuildOptions {
            roots,
            threads: None,
            memory_budget: 256 << 20,
            stemmer: Stemmer::default(),
            max_file_bytes: ReadOptions::DEFAULT_MAX_BYTES,
            max_article_bytes: ReadOptions::DEFAULT_MAX_ARTICLE_BYTES,
            follow: false,
            full: false,
            dry_run: false,
            batch_bytes: BATCH_BYTES,
            part_records: PART_RECORDS,
            progress: None,
        }
    }
}

impl std::fmt::Debug for BuildOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildOptions")
            .field("roots", &self.roots)
            .field("stemmer", &self.stemmer)
            .field("full", &self.full)
            .field("dry_run", &self.dry_run)
            .finish_non_exhaustive()
    }
}

/// What a build did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Supported files found under the roots.
    pub files: usize,
    /// Articles in the index after the build.
    pub articles: usize,
    /// Articles in the index after the build, by language code.
    pub by_lang: BTreeMap<String, usize>,
    /// Files added, changed or removed, in walk order (removed last).
    pub changes: Vec<(PathBuf, Change)>,
    /// Files found unchanged (not read again).
    pub unchanged: usize,
    /// Whether the index was rebuilt from scratch.
    pub full: bool,
    /// Why it was rebuilt, if it was.
    pub rebuild: Option<Rebuild>,
    /// The plan the build executed: what it read, kept and removed, and
    /// why (for a dry run, what a sync would do).
    pub plan: SyncPlan,
    /// Files and records not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Files that were not UTF-8, and the encoding they were decoded from.
    pub decoded: Vec<(PathBuf, &'static str)>,
    /// Files in which mojibake was repaired, and how many sequences.
    pub repaired: Vec<(PathBuf, usize)>,
    /// Wall time of the whole build.
    pub elapsed: Duration,
}

impl BuildReport {
    /// Number of files with the given change.
    pub fn count(&self, change: Change) -> usize {
        self.changes.iter().filter(|(_, c)| *c == change).count()
    }
}

/// Builds or syncs the index at `dir` from the roots: plan, execute,
/// commit. With `dry_run`, the plan is executed into a count and nothing is
/// written (not even the lock is taken).
pub fn build_index(dir: &Path, options: &BuildOptions) -> Result<BuildReport, IndexError> {
    let start = Instant::now();
    let Planned {
        plan,
        indexed,
        writing,
    } = planned(dir, options)?;
    let rebuild = plan.rebuild;
    let mut report = BuildReport {
        files: plan.files,
        full: rebuild.is_some(),
        rebuild,
        ..BuildReport::default()
    };

    let Some(writing) = writing else {
        // A dry run: what the sync would read, counted by language.
        let mut sink = Sink::Count(BTreeMap::new());
        let executed = execute(&plan, &indexed, options, &mut sink)?;
        let Sink::Count(added_langs) = sink else {
            return Err(IndexError::NotAnIndex(dir.to_path_buf()));
        };
        report.articles = planned_articles(&executed, &indexed);
        report.by_lang = added_langs;
        for lang in executed
            .unchanged
            .iter()
            .filter_map(|k| indexed.get(k))
            .flat_map(|f| f.langs.iter())
        {
            *report.by_lang.entry(lang.clone()).or_default() += 1;
        }
        fill(&mut report, executed, plan);
        report.elapsed = start.elapsed();
        return Ok(report);
    };

    let errors = writing.errors.clone();
    let index = write(dir, writing, plan, &indexed, options, &mut report)
        .map_err(|e| Writing::explain(&errors, e))?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    report.articles = searcher.num_docs() as usize;
    report.by_lang = langs(&searcher)?;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Executes the plan into the index writer and commits; returns the index.
/// Until the commit, the index on disk is the old one.
fn write(
    dir: &Path,
    writing: Writing,
    plan: SyncPlan,
    indexed: &HashMap<String, IndexedFile>,
    options: &BuildOptions,
    report: &mut BuildReport,
) -> Result<tantivy::Index, IndexError> {
    let Writing {
        index, mut writer, ..
    } = writing;
    let rebuild = plan.rebuild;
    // What does not depend on reading goes first: a rebuild deletes
    // everything, a sync the articles of removed files. A changed file's
    // old articles are deleted just before its new ones are added (a
    // deletion applies to what was added before it).
    let fields =
        Fields::from_schema(&index.schema()).ok_or_else(|| IndexError::NotAnIndex(dir.to_path_buf()))?;
    if rebuild.is_some() {
        writer.delete_all_documents()?;
    } else {
        for key in &plan.removed {
            writer.delete_term(Term::from_field_text(fields.file, key));
        }
    }
    let mut sink = Sink::Writer {
        writer: &mut writer,
        fields,
    };
    let mut executed = execute(&plan, indexed, options, &mut sink)?;
    drop(sink);
    // When nothing was read again, the files that lost articles to a taken
    // id still have (otherwise the plan has none here).
    executed
        .duplicate_files
        .extend(plan.still_duplicate.iter().cloned());
    let info = commit_payload(options, &executed, indexed);
    let payload = serde_json::to_string(&info)
        .map_err(|e| IndexError::Tantivy(tantivy::TantivyError::InternalError(e.to_string())))?;
    fill(report, executed, plan);
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    // The commit stands whatever happens to the merges it started (a merge
    // that fails, on a full disk, leaves the segments unmerged: the next
    // sync merges them).
    let _ = writer.wait_merging_threads();

    Ok(index)
}

/// The report's account of what was read, skipped and removed, and the
/// plan it executed.
fn fill(report: &mut BuildReport, executed: Executed, plan: SyncPlan) {
    report.unchanged = executed.unchanged.len();
    report.changes = executed.changes;
    report.changes.extend(
        plan.removed
            .iter()
            .map(|key| (PathBuf::from(key.as_str()), Change::Removed)),
    );
    report.skipped = executed.skipped;
    report.decoded = executed.decoded;
    report.repaired = executed.repaired;
    report.plan = plan;
}

/// Articles after the sync: those of unchanged files, and the new ones.
fn planned_articles(executed: &Executed, indexed: &HashMap<String, IndexedFile>) -> usize {
    executed.added
        + executed
            .unchanged
            .iter()
            .filter_map(|k| indexed.get(k))
            .map(|f| f.ids.len())
            .sum::<usize>()
}

/// What the commit records: the build's settings, and the fingerprints no
/// document carries (files with no article, files touched, files that lost
/// ids).
fn commit_payload(
    options: &BuildOptions,
    executed: &Executed,
    indexed: &HashMap<String, IndexedFile>,
) -> CommitInfo {
    let stamp_of = |key: &String, old: &IndexedFile| FileStamp {
        path: key.clone(),
        size: old.size,
        mtime: old.mtime,
        hash: old.hash,
    };
    // Files that give no article keep their fingerprint in the payload.
    let mut empty_files = executed.empty_files.clone();
    for key in &executed.unchanged {
        if let Some(old) = indexed.get(key).filter(|f| f.ids.is_empty()) {
            empty_files.push(stamp_of(key, old));
        }
    }
    empty_files.sort_by(|a, b| a.path.cmp(&b.path));
    // Touched files of earlier syncs that are still unchanged keep their
    // remembered stamp.
    let mut touched_files = executed.touched.clone();
    for key in &executed.unchanged {
        if let Some(old) = indexed.get(key).filter(|f| f.touched) {
            if !touched_files.iter().any(|t| &t.path == key) {
                touched_files.push(stamp_of(key, old));
            }
        }
    }
    touched_files.sort_by(|a, b| a.path.cmp(&b.path));
    CommitInfo {
        tool: CommitInfo::TOOL.to_string(),
        schema_version: SCHEMA_VERSION,
        roots: options.roots.iter().map(|r| r.display().to_string()).collect(),
        follow: options.follow,
        committed_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        articles: planned_articles(executed, indexed) as u64,
        stemmer: options.stemmer.name().to_string(),
        ingest_version: INGEST_VERSION,
        empty_files,
        duplicate_files: executed.duplicate_files.clone(),
        touched_files,
    }
}

/// The plan of a sync of the index at `dir` from the roots, computed
/// without writing anything: what would be read, kept and removed, and why.
/// Of the files, only those whose stamp changed are read (to hash them).
pub fn plan_sync(dir: &Path, options: &BuildOptions) -> Result<SyncPlan, IndexError> {
    let dry = BuildOptions {
        dry_run: true,
        ..options.clone()
    };
    Ok(planned(dir, &dry)?.plan)
}

/// A plan, what it was made from, and (unless a dry run) the writer.
struct Planned {
    plan: SyncPlan,
    indexed: HashMap<String, IndexedFile>,
    writing: Option<Writing>,
}

/// Walks the roots, takes the writer lock (unless a dry run), reads what
/// the index holds and plans the sync.
fn planned(dir: &Path, options: &BuildOptions) -> Result<Planned, IndexError> {
    let walk = WalkOptions {
        exclude: vec![dir.to_path_buf()],
        follow: options.follow,
    };
    let walked = walk_roots(&options.roots, &walk)?;

    // What the index holds, unless it must be rebuilt.
    let mut existing = match index_state(dir)? {
        IndexState::Current(index) => Some(index),
        IndexState::Foreign => return Err(IndexError::NotAnIndex(dir.to_path_buf())),
        IndexState::Missing | IndexState::Outdated => None,
    };
    // Another stemmer, or another way of reading files: everything must be
    // read again.
    let rebuild = match existing.as_ref().and_then(commit_info) {
        _ if options.full => Some(Rebuild::Asked),
        None => Some(Rebuild::NoIndex),
        Some(info) if info.stemmer() != options.stemmer || info.ingest_version != INGEST_VERSION => {
            Some(Rebuild::OtherReading)
        }
        Some(_) => None,
    };

    // Take the writer lock before planning, so that two syncs never plan
    // from the same state: the second one stops here.
    let mut writing = None;
    if !options.dry_run {
        // Opened again, its writes watched: a failed write is then named.
        let errors = WriteErrors::default();
        let index = match (existing.take(), rebuild) {
            (Some(_), None) => open_for_sync(dir, &errors)?,
            _ => open_for_rebuild(dir, &errors)?,
        };
        fihris_normalize::register(index.tokenizers(), options.stemmer);
        let threads = options.threads.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .clamp(1, 8)
        });
        writing = Some(lock(dir, index, errors, threads, options.memory_budget)?);
    }
    // What the index holds now (read after taking the lock).
    let held = writing.as_ref().map(|w| &w.index).or(existing.as_ref());
    let (indexed, previous_duplicates) = match (held, rebuild) {
        (Some(index), None) => (
            indexed_files(index)?,
            commit_info(index)
                .map(|info| info.duplicate_files)
                .unwrap_or_default(),
        ),
        _ => (HashMap::new(), Vec::new()),
    };
    let plan = plan(
        Inputs {
            files: walked.files,
            skipped: walked.skipped,
            unlisted: walked.unlisted,
            indexed: &indexed,
            previous_duplicates,
            rebuild,
        },
        stamp,
        |path| fihris_ingest::file_hash(path).ok().map(|(_, hash)| hash),
    );
    Ok(Planned {
        plan,
        indexed,
        writing,
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    /// Per file of an index: sorted (id, lang) pairs and the file's hash.
    type Contents = BTreeMap<String, (Vec<(String, String)>, u64)>;

    fn contents(dir: &Path) -> Contents {
        let index = tantivy::Index::open_in_dir(dir).unwrap_or_else(|e| panic!("{e}"));
        let files = indexed_files(&index).unwrap_or_else(|e| panic!("{e}"));
        files
            .into_iter()
            .map(|(key, f)| {
                let name = Path::new(&key)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut pairs: Vec<(String, String)> = f.ids.into_iter().zip(f.langs).collect();
                pairs.sort();
                (name, (pairs, f.hash))
            })
            .collect()
    }

    /// What a report says, without times and paths' folders.
    fn summary(report: &BuildReport) -> Vec<String> {
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let mut out = vec![format!("articles {} {:?}", report.articles, report.by_lang)];
        out.extend(report.changes.iter().map(|(p, c)| format!("{} {c:?}", name(p))));
        out.extend(report.skipped.iter().map(|s| {
            format!(
                "skipped {}:{:?} {}",
                name(&s.path),
                s.line,
                s.reason.replace(&*s.path.display().to_string(), "")
            )
        }));
        out.extend(
            report
                .repaired
                .iter()
                .map(|(p, n)| format!("repaired {} {n}", name(p))),
        );
        out.extend(
            report
                .decoded
                .iter()
                .map(|(p, e)| format!("decoded {} {e}", name(p))),
        );
        out.push(format!("unchanged {}", report.unchanged));
        out
    }

    fn record(id: &str, title: &str) -> String {
        format!("{{\"id\":\"{id}\",\"title\":\"{title}\",\"body\":\"Le café de l'emploi de {title} ouvre ses portes aux chercheurs d'emploi de la région.\"}}\n")
    }

    /// Builds `corpus` twice, in small batches and parts and in one batch,
    /// and checks both give the same index and report.
    fn build_both(corpus: &Path, small: &Path, whole: &Path, dry_run: bool) -> (Vec<String>, Contents) {
        let run = |dir: &Path, batch_bytes: u64, part_records: usize| {
            let options = BuildOptions {
                batch_bytes,
                part_records,
                dry_run,
                ..BuildOptions::new(vec![corpus.to_path_buf()])
            };
            build_index(dir, &options).unwrap_or_else(|e| panic!("{e}"))
        };
        let a = run(small, 1, 3);
        let b = run(whole, BATCH_BYTES, PART_RECORDS);
        assert_eq!(summary(&a), summary(&b));
        let contents_small = contents(small);
        assert_eq!(contents_small, contents(whole));
        (summary(&a), contents_small)
    }

    /// Reading in batches of one file and JSON Lines files in parts of three
    /// records gives what reading everything at once gives: the same
    /// articles, ids claimed in walk order, skipped records, repairs; and a
    /// sync afterwards too.
    #[test]
    fn batches_and_parts_change_nothing() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let corpus = tmp.path().join("corpus");
        let (small, whole) = (tmp.path().join("small"), tmp.path().join("whole"));
        std::fs::create_dir_all(&corpus).unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str, text: &str| {
            std::fs::write(corpus.join(name), text).unwrap_or_else(|e| panic!("{e}"))
        };
        let mut big = String::new();
        for i in 0..10 {
            big.push_str(&record(&format!("r{i}"), &format!("Oran {i}")));
        }
        big.push_str("{broken\n");
        big.push_str(&record("r3", "Tlemcen (id repris)"));
        big.push_str(&record("m1", "CafÃ© de Blida"));
        write("a.jsonl", &big);
        write(
            "b.jsonl",
            &(record("r1", "Annaba (id pris)") + &record("b1", "Annaba")),
        );
        write(
            "c.txt",
            "Titre du texte\n\nUn texte en français sur l'emploi des jeunes à Béjaïa.",
        );
        // Compressed, UTF-16 (read whole, not streamed) and broken files.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(
            &mut gz,
            (record("e1", "Tiaret") + &record("e2", "Médéa")).as_bytes(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let gz = gz.finish().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(corpus.join("e.jsonl.gz"), gz).unwrap_or_else(|e| panic!("{e}"));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in record("f1", "Mostaganem").encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        std::fs::write(corpus.join("f.jsonl"), utf16).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(corpus.join("g.jsonl"), b"{\"id\":\"g1\",\"title\":\"caf\xe9\"}\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let (report, contents) = build_both(&corpus, &small, &whole, false);
        assert_eq!(contents["e.jsonl.gz"].0.len(), 2, "{contents:?}");
        assert_eq!(contents["f.jsonl"].0.len(), 1, "{contents:?}");
        assert!(
            report.contains(&"decoded f.jsonl UTF-16LE".to_string()),
            "{report:?}"
        );
        assert!(
            report
                .iter()
                .any(|l| l.starts_with("skipped g.jsonl:None not UTF-8")),
            "{report:?}"
        );
        assert_eq!(contents["a.jsonl"].0.len(), 11, "{contents:?}");
        assert!(
            report
                .iter()
                .any(|l| l.starts_with("skipped b.jsonl:Some(1) duplicate id")),
            "{report:?}"
        );
        assert!(
            report
                .iter()
                .any(|l| l.starts_with("skipped a.jsonl:Some(11) invalid JSON")),
            "{report:?}"
        );
        assert!(report.contains(&"repaired a.jsonl 2".to_string()), "{report:?}");

        // A sync: a changed file, a removed one, a new one.
        write("a.jsonl", &big.replace("Oran 5", "Oran cinq"));
        std::fs::remove_file(corpus.join("c.txt")).unwrap_or_else(|e| panic!("{e}"));
        write("d.jsonl", &record("d1", "Sétif"));
        let (dry, _) = build_both(&corpus, &small, &whole, true);
        let (report, contents) = build_both(&corpus, &small, &whole, false);
        assert_eq!(dry[0], report[0]);
        assert!(report.contains(&"a.jsonl Changed".to_string()), "{report:?}");
        assert!(report.contains(&"d.jsonl Added".to_string()), "{report:?}");
        assert!(!contents.contains_key("c.txt"));
        assert_eq!(contents["a.jsonl"].0.len(), 11);
    }

    /// The report carries the plan it executed: a dry run says what a sync
    /// would read and why, a file only copied over itself is a touch.
    #[test]
    fn reports_carry_their_plan() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let corpus = tmp.path().join("corpus");
        let index = tmp.path().join("index");
        std::fs::create_dir_all(&corpus).unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str, text: &str| {
            std::fs::write(corpus.join(name), text).unwrap_or_else(|e| panic!("{e}"))
        };
        write("a.jsonl", &record("a1", "Oran"));
        write("b.jsonl", &record("b1", "Annaba"));
        let options = BuildOptions::new(vec![corpus.clone()]);
        let first = build_index(&index, &options).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.plan.rebuild, Some(Rebuild::NoIndex));
        assert_eq!(first.plan.read.len(), 2);

        write("b.jsonl", &record("b1", "Annaba, Skikda"));
        write("c.jsonl", &record("c1", "Tlemcen"));
        let later = std::time::SystemTime::now() + Duration::from_secs(5);
        let file = std::fs::File::options()
            .write(true)
            .open(corpus.join("a.jsonl"))
            .unwrap_or_else(|e| panic!("{e}"));
        file.set_modified(later).unwrap_or_else(|e| panic!("{e}"));
        let dry = BuildOptions {
            dry_run: true,
            ..options.clone()
        };
        let plan = build_index(&index, &dry).unwrap_or_else(|e| panic!("{e}")).plan;
        assert_eq!(
            plan,
            plan_sync(&index, &options).unwrap_or_else(|e| panic!("{e}"))
        );
        let read: Vec<(String, crate::Why)> = plan.read.iter().map(|f| (f.entry.id.clone(), f.why)).collect();
        assert_eq!(
            read,
            [
                ("b.jsonl".to_string(), crate::Why::Modified),
                ("c.jsonl".to_string(), crate::Why::New)
            ]
        );
        assert_eq!(plan.touched.len(), 1, "{plan:?}");
    }
}
