//! Verifying an index, as Lucene's `CheckIndex` does: every file of every
//! segment against its checksum, every stored article read back, every id
//! held once. A digest of the stored articles tells whether two indexes
//! hold the same articles with the same stored fields (a sync and a full
//! rebuild of the same files must give the same digest).

use std::path::{Path, PathBuf};

use fihris_normalize::fnv::fnv1a;
use tantivy::schema::document::Document;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use crate::error::IndexError;
use crate::state::open;

/// What [`check`] found in a sound index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Articles (live documents), each read back from the store.
    pub articles: usize,
    /// Segments of the last commit.
    pub segments: usize,
    /// A hash of every stored article (its id and stored fields), whatever
    /// the segments and their order: equal for equal contents.
    pub digest: u64,
}

/// What is wrong with a damaged index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    /// Files whose bytes do not match their checksum.
    #[error("{} does not match its checksum{}", .0[0].display(), more(.0.len()))]
    Checksum(Vec<PathBuf>),
    /// An id held by more than one article.
    #[error("article id {0:?} is held by {1} articles")]
    DuplicateId(String, usize),
    /// An article without an id.
    #[error("an article of segment {0} has no id")]
    NoId(String),
}

fn more(n: usize) -> String {
    if n > 1 {
        format!(" (and {} more files)", n - 1)
    } else {
        String::new()
    }
}

/// Verifies the index at `dir`: the checksum of every file of the last
/// commit's segments, every stored article, every id once. A damaged index
/// is an [`IndexError::Damaged`]; a file that cannot be read, its error.
pub fn check(dir: &Path) -> Result<CheckReport, IndexError> {
    let opened = open(dir)?;
    let index = &opened.index;
    let metas = index.load_metas()?;
    let mut damaged: Vec<PathBuf> = index
        .validate_checksum()?
        .into_iter()
        .map(|p| dir.join(p))
        .collect();
    if !damaged.is_empty() {
        damaged.sort();
        return Err(damaged_error(dir, Damage::Checksum(damaged)));
    }

    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut entries: Vec<(String, u64)> = Vec::with_capacity(searcher.num_docs() as usize);
    let schema = index.schema();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(1).map_err(tantivy::TantivyError::from)?;
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let stored: TantivyDocument = store.get(doc)?;
            let Some(id) = stored
                .get_first(opened.fields.id)
                .and_then(|v| v.as_str())
                .map(str::to_string)
            else {
                return Err(damaged_error(
                    dir,
                    Damage::NoId(segment.segment_id().uuid_string()),
                ));
            };
            entries.push((id, fnv1a(stored.to_json(&schema).as_bytes())));
        }
    }
    entries.sort_unstable();
    if let Some(w) = entries.windows(2).find(|w| w[0].0 == w[1].0) {
        let id = w[0].0.clone();
        let n = entries.iter().filter(|(i, _)| *i == id).count();
        return Err(damaged_error(dir, Damage::DuplicateId(id, n)));
    }
    let mut all = String::with_capacity(entries.len() * 40);
    for (id, hash) in &entries {
        all.push_str(id);
        all.push('\0');
        all.push_str(&format!("{hash:016x}\n"));
    }
    Ok(CheckReport {
        articles: entries.len(),
        segments: metas.segments.len(),
        digest: fnv1a(all.as_bytes()),
    })
}

fn damaged_error(dir: &Path, damage: Damage) -> IndexError {
    IndexError::Damaged {
        path: dir.to_path_buf(),
        damage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{build_index, BuildOptions};

    fn build(corpus: &Path, dir: &Path) {
        build_index(dir, &BuildOptions::new(vec![corpus.to_path_buf()])).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn same_articles_same_digest_and_a_damaged_file_is_named() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir_all(&corpus).unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str, text: &str| {
            std::fs::write(corpus.join(name), text).unwrap_or_else(|e| panic!("{e}"))
        };
        write(
            "a.txt",
            "Premier titre\n\nUn texte en français sur le calendrier.\n",
        );
        write(
            "b.txt",
            "Second titre\n\nUn autre texte en français sur la salle.\n",
        );
        let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
        build(&corpus, &one);
        // The same articles, through a sync: another order of segments.
        write("c.txt", "Troisième titre\n\nUn texte de plus.\n");
        build(&corpus, &two);
        std::fs::remove_file(corpus.join("c.txt")).unwrap_or_else(|e| panic!("{e}"));
        build(&corpus, &two);
        let (a, b) = (check(&one), check(&two));
        let (a, b) = (
            a.unwrap_or_else(|e| panic!("{e}")),
            b.unwrap_or_else(|e| panic!("{e}")),
        );
        assert_eq!(a.articles, 2);
        assert_eq!(a.digest, b.digest);
        write("b.txt", "Second titre\n\nUn autre texte, changé.\n");
        build(&corpus, &two);
        let changed = check(&two).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(changed.digest, a.digest);

        // One flipped byte in a segment's store.
        let store = std::fs::read_dir(&one)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "store"))
            .unwrap_or_else(|| panic!("no store file"));
        let mut bytes = std::fs::read(&store).unwrap_or_else(|e| panic!("{e}"));
        bytes[0] ^= 0xff;
        std::fs::write(&store, bytes).unwrap_or_else(|e| panic!("{e}"));
        match check(&one) {
            Err(IndexError::Damaged {
                damage: Damage::Checksum(files),
                ..
            }) => assert_eq!(files, [store]),
            other => panic!("not a damaged index: {other:?}"),
        }
    }
}
