//! The plan of a sync: which files are read, which stay, which go, and why.
//!
//! A plan is a plain value computed from the files found under the roots
//! and what the index holds ([`crate::held`]), before anything is written:
//! the sync executes it, `--dry-run` and `status` execute it into a count
//! instead of the index. Its rules:
//! - a file the index does not hold is **added**; one whose stamp (size and
//!   modification time) differs is **changed**, unless its bytes hash as
//!   before (a copy, a checkout): then only its new stamp is remembered
//!   (**touched**), and it is not read;
//! - a file the index holds that is no longer found is **removed**;
//! - files that lost articles to an id another file held are read again
//!   whenever anything else changes, since the id may be free now;
//! - files are read in walk order, which decides who keeps a contested id;
//!   ids held by unchanged and touched files stay theirs.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use fihris_ingest::{FileEntry, Skipped};
use rayon::prelude::*;

use crate::held::{IndexedFile, Stamp};

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// New since the last sync.
    Added,
    /// Content changed since the last sync.
    Changed,
    /// Gone since the last sync: its articles were removed.
    Removed,
}

/// Why a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The index does not hold it.
    New,
    /// Its size or modification time is not the one indexed, and its bytes
    /// differ (or could not be hashed).
    Modified,
    /// Unchanged, but it lost articles to an id held elsewhere, and
    /// something else changes: the id may be free now.
    RetryIds,
}

/// A file to read.
#[derive(Debug, Clone, PartialEq)]
pub struct ToRead {
    /// The file as walked.
    pub entry: FileEntry,
    /// Its stamp now (none when it could not be read).
    pub stamp: Option<Stamp>,
    /// Added or changed.
    pub change: Change,
    /// Why it is read.
    pub why: Why,
}

/// Why a sync rebuilds from scratch instead of syncing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Asked for (`--full`).
    Asked,
    /// No index yet, or one of another schema version.
    NoIndex,
    /// The index was built with another stemmer or another way of reading
    /// files: every file must be read again.
    OtherReading,
}

/// What a sync will do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncPlan {
    /// Rebuild from scratch, and why; `None` for an incremental sync.
    pub rebuild: Option<Rebuild>,
    /// Supported files found under the roots.
    pub files: usize,
    /// Files to read, in walk order.
    pub read: Vec<ToRead>,
    /// Files whose stamp changed but not their bytes: not read, their new
    /// stamp kept.
    pub touched: Vec<(PathBuf, Option<Stamp>)>,
    /// Files the index holds as they are (touched ones not included).
    pub unchanged: Vec<String>,
    /// Files the index holds that are gone, sorted.
    pub removed: Vec<String>,
    /// Files found under the roots that cannot be indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Files that lost articles to a taken id at the last sync and are not
    /// read again (nothing else changes): they still have.
    pub still_duplicate: Vec<String>,
}

/// What a plan is made from.
pub(crate) struct Inputs<'a> {
    /// Supported files under the roots, in walk order.
    pub files: Vec<FileEntry>,
    /// What the walk skipped.
    pub skipped: Vec<Skipped>,
    /// Folders the walk could not list: the files the index holds under
    /// them stay as they are.
    pub unlisted: Vec<PathBuf>,
    /// What the index holds per file (nothing for a rebuild).
    pub indexed: &'a HashMap<String, IndexedFile>,
    /// Files that lost ids at the last sync (nothing for a rebuild).
    pub previous_duplicates: Vec<String>,
    /// Why the sync rebuilds, if it does.
    pub rebuild: Option<Rebuild>,
}

/// Plans a sync. `stamp` gives a file's stamp now; `hash` the hash of its
/// bytes (`None` when it cannot be read), asked only of files whose stamp
/// changed.
pub(crate) fn plan(
    inputs: Inputs<'_>,
    stamp: impl Fn(&Path) -> Option<Stamp>,
    hash: impl Fn(&Path) -> Option<u64> + Sync,
) -> SyncPlan {
    let Inputs {
        files,
        skipped,
        unlisted,
        indexed,
        previous_duplicates,
        rebuild,
    } = inputs;
    let key = |entry: &FileEntry| entry.path.display().to_string();
    let walked: HashSet<String> = files.iter().map(key).collect();
    let mut unchanged: Vec<String> = Vec::new();
    let mut read: Vec<ToRead> = Vec::new();
    for entry in &files {
        let current = stamp(&entry.path);
        let (change, why) = match indexed.get(&key(entry)) {
            Some(old) if current == Some((old.size, old.mtime)) => {
                unchanged.push(key(entry));
                continue;
            }
            Some(_) => (Change::Changed, Why::Modified),
            None => (Change::Added, Why::New),
        };
        read.push(ToRead {
            entry: entry.clone(),
            stamp: current,
            change,
            why,
        });
    }
    // A file under a folder that could not be listed is not known to be
    // gone: it stays.
    let unlisted: Vec<String> = unlisted.iter().map(|dir| format!("{}/", dir.display())).collect();
    let mut removed = Vec::new();
    for key in indexed.keys().filter(|k| !walked.contains(*k)) {
        if unlisted.iter().any(|dir| key.starts_with(dir.as_str())) {
            unchanged.push(key.clone());
        } else {
            removed.push(key.clone());
        }
    }
    removed.sort();

    // A touched file counts as a change here: the commit rewrites its stamp.
    let changes = !read.is_empty() || !removed.is_empty();
    // A file whose stamp changed may hold the same bytes (only its time
    // changed): it keeps its articles and ids.
    let same_bytes: HashSet<String> = read
        .par_iter()
        .filter(|f| f.why == Why::Modified)
        .filter_map(|f| {
            let k = key(&f.entry);
            let old = indexed.get(&k)?;
            (hash(&f.entry.path)? == old.hash).then_some(k)
        })
        .collect();
    let mut touched = Vec::new();
    read.retain(|f| {
        if !same_bytes.contains(&key(&f.entry)) {
            return true;
        }
        touched.push((f.entry.path.clone(), f.stamp));
        false
    });

    let mut still_duplicate = Vec::new();
    if changes {
        // Files that lost articles to a taken id are read again: the id
        // may be free now. Walk order decides who keeps a contested id.
        let retry: HashSet<&String> = previous_duplicates.iter().collect();
        for entry in &files {
            let k = key(entry);
            if retry.contains(&k) {
                if let Some(i) = unchanged.iter().position(|u| *u == k) {
                    unchanged.swap_remove(i);
                    read.push(ToRead {
                        entry: entry.clone(),
                        stamp: stamp(&entry.path),
                        change: Change::Changed,
                        why: Why::RetryIds,
                    });
                }
            }
        }
        let order: HashMap<&Path, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_path(), i))
            .collect();
        read.sort_by_key(|f| order.get(f.entry.path.as_path()).copied().unwrap_or(usize::MAX));
    } else {
        still_duplicate = previous_duplicates
            .into_iter()
            .filter(|k| walked.contains(k))
            .collect();
    }
    unchanged.sort();
    SyncPlan {
        rebuild,
        files: files.len(),
        read,
        touched,
        unchanged,
        removed,
        skipped,
        still_duplicate,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use fihris_ingest::{Compression, Format};

    use super::*;

    fn entry(name: &str) -> FileEntry {
        FileEntry {
            path: PathBuf::from(format!("/c/{name}")),
            root: PathBuf::from("/c"),
            id: name.to_string(),
            format: Format::Text,
            compression: Compression::None,
        }
    }

    fn held(size: u64, mtime: i64, hash: u64, ids: &[&str]) -> IndexedFile {
        IndexedFile {
            size,
            mtime,
            hash,
            ids: ids.iter().map(|s| s.to_string()).collect(),
            langs: ids.iter().map(|_| "fr".to_string()).collect(),
            touched: false,
        }
    }

    /// A file system in a map: name → (size, mtime, hash).
    struct World {
        files: BTreeMap<&'static str, (u64, i64, u64)>,
        indexed: HashMap<String, IndexedFile>,
        previous_duplicates: Vec<String>,
    }

    impl World {
        fn new(files: &[(&'static str, (u64, i64, u64))]) -> World {
            World {
                files: files.iter().copied().collect(),
                indexed: HashMap::new(),
                previous_duplicates: Vec::new(),
            }
        }

        fn hold(mut self, name: &str, file: IndexedFile) -> World {
            self.indexed.insert(format!("/c/{name}"), file);
            self
        }

        fn plan(&self) -> SyncPlan {
            let lookup = |path: &Path| {
                let name = path.file_name()?.to_str()?;
                self.files.get(name).copied()
            };
            plan(
                Inputs {
                    files: self.files.keys().map(|n| entry(n)).collect(),
                    skipped: Vec::new(),
                    unlisted: Vec::new(),
                    indexed: &self.indexed,
                    previous_duplicates: self.previous_duplicates.clone(),
                    rebuild: None,
                },
                |path| lookup(path).map(|(size, mtime, _)| (size, mtime)),
                |path| lookup(path).map(|(_, _, hash)| hash),
            )
        }
    }

    /// The plan in words: `name change why` per file read, then the others.
    fn words(plan: &SyncPlan) -> Vec<String> {
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let mut out: Vec<String> = plan
            .read
            .iter()
            .map(|f| format!("{} {:?} {:?}", name(&f.entry.path), f.change, f.why))
            .collect();
        out.extend(plan.touched.iter().map(|(p, _)| format!("{} touched", name(p))));
        out.extend(
            plan.unchanged
                .iter()
                .map(|k| format!("{} unchanged", name(Path::new(k)))),
        );
        out.extend(
            plan.removed
                .iter()
                .map(|k| format!("{} removed", name(Path::new(k)))),
        );
        out.extend(
            plan.still_duplicate
                .iter()
                .map(|k| format!("{} still duplicate", name(Path::new(k)))),
        );
        out
    }

    #[test]
    fn a_first_build_reads_every_file_in_walk_order() {
        let world = World::new(&[("b.txt", (10, 1, 7)), ("a.txt", (20, 1, 8))]);
        let plan = world.plan();
        assert_eq!(words(&plan), ["a.txt Added New", "b.txt Added New"]);
        assert_eq!(plan.files, 2);
    }

    #[test]
    fn added_changed_removed_unchanged() {
        let world = World::new(&[
            ("same.txt", (10, 1, 7)),
            ("edited.txt", (11, 2, 9)),
            ("new.txt", (5, 1, 3)),
        ])
        .hold("same.txt", held(10, 1, 7, &["s"]))
        .hold("edited.txt", held(10, 1, 8, &["e"]))
        .hold("gone.txt", held(10, 1, 6, &["g"]));
        assert_eq!(
            words(&world.plan()),
            [
                "edited.txt Changed Modified",
                "new.txt Added New",
                "same.txt unchanged",
                "gone.txt removed"
            ]
        );
    }

    #[test]
    fn a_new_time_on_the_same_bytes_is_only_a_touch() {
        let world = World::new(&[("copied.txt", (10, 99, 7))]).hold("copied.txt", held(10, 1, 7, &["c"]));
        let plan = world.plan();
        assert_eq!(words(&plan), ["copied.txt touched"]);
        assert_eq!(plan.touched[0].1, Some((10, 99)));
    }

    #[test]
    fn files_that_lost_ids_are_read_again_only_when_something_changes() {
        let mut world = World::new(&[("a.txt", (10, 1, 7)), ("b.txt", (10, 1, 8))])
            .hold("a.txt", held(10, 1, 7, &["x"]))
            .hold("b.txt", held(10, 1, 8, &[]));
        world.previous_duplicates = vec!["/c/b.txt".to_string(), "/c/gone.txt".to_string()];
        // Nothing changes: b.txt still lost its id; a file no longer found
        // is forgotten.
        assert_eq!(
            words(&world.plan()),
            ["a.txt unchanged", "b.txt unchanged", "b.txt still duplicate"]
        );
        // a.txt changes: the id may be free now, so b.txt is read again,
        // after a.txt (walk order decides who keeps an id).
        world.files.insert("a.txt", (12, 2, 70));
        assert_eq!(
            words(&world.plan()),
            ["a.txt Changed Modified", "b.txt Changed RetryIds"]
        );
    }

    #[test]
    fn a_file_that_cannot_be_hashed_is_read() {
        let world = World::new(&[("a.txt", (10, 2, 7))]).hold("a.txt", held(10, 1, 7, &["x"]));
        let plan = plan(
            Inputs {
                files: vec![entry("a.txt")],
                skipped: Vec::new(),
                unlisted: Vec::new(),
                indexed: &world.indexed,
                previous_duplicates: Vec::new(),
                rebuild: None,
            },
            |_| Some((10, 2)),
            |_| None,
        );
        assert_eq!(words(&plan), ["a.txt Changed Modified"]);
    }
}
