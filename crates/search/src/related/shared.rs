//! What a related article shares with the source: the clauses it matches,
//! shown as the words it writes.

use std::collections::{HashMap, HashSet};

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, Term};

use super::{Clause, SharedTerm};
use crate::error::SearchError;

/// The clauses whose words the article at `address` contains.
/// `surfaces` maps the related article's analysed words (whether stemmed,
/// and the word) to their first form in its text.
pub(super) fn shared_terms(
    searcher: &Searcher,
    address: DocAddress,
    clauses: &[Clause],
    surfaces: &HashMap<(bool, String), String>,
    stem_fields: [Field; 2],
) -> Result<Vec<SharedTerm>, SearchError> {
    let reader = searcher.segment_reader(address.segment_ord);
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for clause in clauses {
        if let Some(alternative) = matched_alternative(reader, address.doc_id, clause)? {
            let texts: Vec<String> = alternative
                .iter()
                .map(|t| t.value().as_str().unwrap_or_default().to_string())
                .collect();
            let matched: Vec<String> = alternative
                .iter()
                .zip(&texts)
                .map(|(term, t)| {
                    let stemmed = stem_fields.contains(&term.field());
                    surfaces
                        .get(&(stemmed, t.clone()))
                        .cloned()
                        .unwrap_or_else(|| t.clone())
                })
                .collect();
            let term = texts.join(" ");
            if seen.insert(clause.word.to_lowercase()) {
                out.push(SharedTerm {
                    word: clause.word.clone(),
                    term: if clause.translated {
                        clause.term.clone()
                    } else {
                        term
                    },
                    matched: matched.join(" "),
                    translated: clause.translated,
                });
            }
        }
    }
    Ok(out)
}

/// The first alternative of the clause whose terms `doc` all has.
pub(super) fn matched_alternative<'c>(
    reader: &tantivy::SegmentReader,
    doc: tantivy::DocId,
    clause: &'c Clause,
) -> Result<Option<&'c Vec<Term>>, SearchError> {
    for alternative in &clause.probes {
        let mut all = !alternative.is_empty();
        for probe in alternative {
            if !contains(reader, probe, doc)? {
                all = false;
                break;
            }
        }
        if all {
            return Ok(Some(alternative));
        }
    }
    Ok(None)
}

/// Whether `doc` of the segment has `term`.
pub(super) fn contains(
    reader: &tantivy::SegmentReader,
    term: &Term,
    doc: tantivy::DocId,
) -> Result<bool, SearchError> {
    let field: Field = term.field();
    let index = reader.inverted_index(field)?;
    let Some(mut postings) = index
        .read_postings(term, IndexRecordOption::Basic)
        .map_err(tantivy::TantivyError::from)?
    else {
        return Ok(false);
    };
    if postings.doc() >= doc {
        return Ok(postings.doc() == doc);
    }
    Ok(postings.seek(doc) == doc)
}
