//! The source of `related`: an indexed article (by id), or any file (read
//! as `fihris index` would read it), and how to tell the file's own article
//! among the hits once it is indexed.

use std::path::{Path, PathBuf};

use fihris_index::minhash::Signature;
use fihris_ingest::{FileEntry, ReadOptions, Reader};
use fihris_lang::Lang;
use tantivy::DocAddress;

use super::{RelatedSource, RelatedTo, Source};
use crate::error::SearchError;
use crate::Fihris;

impl Fihris {
    /// The source article of a related search.
    pub(super) fn related_source(&self, to: &RelatedTo, read: &ReadOptions) -> Result<Source, SearchError> {
        let path = match to {
            RelatedTo::Id(id) => {
                if let Some(address) = self.address_of(id)? {
                    return self.indexed_source(address);
                }
                let path = PathBuf::from(id);
                if !path.exists() && !file_and_line(&path).is_some_and(|(f, _)| f.exists()) {
                    return Err(SearchError::UnknownArticle(id.clone()));
                }
                path
            }
            RelatedTo::Path(path) => path.clone(),
        };
        let (file, line) = match file_and_line(&path) {
            Some((file, line)) if !path.exists() && file.exists() => (file, Some(line)),
            _ => (path.clone(), None),
        };
        let parent = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let entry = FileEntry::new(file.clone(), &parent).ok_or_else(|| SearchError::Article {
            path: file.clone(),
            reason: "not a format fihris reads (txt, md, html, json, jsonl)".to_string(),
        })?;
        let read = Reader::new(*read).read(&entry)?;
        let mut articles = read.articles;
        let article = match (line, articles.len()) {
            (_, 0) => {
                return Err(SearchError::Article {
                    path: file,
                    reason: "no article in it".to_string(),
                })
            }
            (None, 1) => articles.remove(0),
            (None, count) => {
                return Err(SearchError::Article {
                    path: file,
                    reason: format!("{count} articles in it; name one as FILE#LINE"),
                })
            }
            (Some(line), _) => match articles.iter().position(|a| a.line == Some(line)) {
                Some(i) => articles.remove(i),
                None => {
                    return Err(SearchError::Article {
                        path: file,
                        reason: format!("no article at line {line}"),
                    })
                }
            },
        };
        let signature = Signature::of_text(&mut fihris_index::minhash::analyzer(), &article.body);
        Ok(Source {
            info: RelatedSource {
                id: None,
                path: match line {
                    Some(line) => format!("{}#{line}", article.path.display()),
                    None => article.path.display().to_string(),
                },
                title: article.title.clone(),
                lang: article.lang.code().to_string(),
            },
            lang: article.lang,
            signature,
            file: Some((file, article.id.clone())),
            body: article.body,
        })
    }

    fn indexed_source(&self, address: DocAddress) -> Result<Source, SearchError> {
        let searcher = self.reader.searcher();
        let a = self.article_at(&searcher, address, false)?;
        let signature = self
            .signatures_at(&searcher, &[address])?
            .pop()
            .unwrap_or_default();
        Ok(Source {
            lang: a.meta.lang.parse().unwrap_or(Lang::Und),
            info: RelatedSource {
                id: Some(a.meta.id),
                path: a.meta.path,
                title: a.meta.title,
                lang: a.meta.lang,
            },
            body: a.body,
            signature,
            file: None,
        })
    }
}

/// `name.jsonl#12` as the file and the line, if it has that form.
pub(super) fn file_and_line(path: &Path) -> Option<(PathBuf, usize)> {
    let text = path.to_str()?;
    let (file, line) = text.rsplit_once('#')?;
    Some((PathBuf::from(file), line.parse().ok()?))
}

/// Whether two paths name the same file.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether an indexed id is `id` as read from the file alone (ids of files
/// are relative to the indexed folder, so the index's may be longer).
pub(super) fn ends_with_id(indexed: &str, id: &str) -> bool {
    indexed == id || indexed.strip_suffix(id).is_some_and(|rest| rest.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_line_and_ids() {
        assert_eq!(
            file_and_line(Path::new("a/b.jsonl#12")),
            Some((PathBuf::from("a/b.jsonl"), 12))
        );
        assert_eq!(file_and_line(Path::new("a/b.jsonl")), None);
        assert!(ends_with_id("fr/a.txt", "a.txt"));
        assert!(ends_with_id("a.txt", "a.txt"));
        assert!(!ends_with_id("fr/ba.txt", "a.txt"));
    }
}
