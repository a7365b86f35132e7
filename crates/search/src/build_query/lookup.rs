//! Which of a word's generated forms the index holds.
//!
//! An Arabic query word has hundreds of generated forms (clitics ×
//! inflections × pronouns: 294 for الجزائر, 610 for وزير), sorted by bytes,
//! of which a few dozen occur. Looked up one by one, each walks the term
//! dictionary's FST from its root: on the Arabic dev queries (ranking only)
//! that was 62 % of the query time (`perf`), as each form is looked up in
//! the title and body forms fields of every segment.
//!
//! The forms come in runs sharing a long prefix (الجزائر, الجزائرات,
//! الجزائرين…; بجزائر, بجزائرات, بجزائراتكم…: 21 runs for the 294 forms of
//! الجزائر). A run of at least [`RUN_FORMS`] forms sharing at least
//! [`RUN_PREFIX`] bytes is read as one range of the dictionary (every term
//! beginning with the prefix, in order, each kept if it is one of the run's
//! forms): one descent of the FST instead of one per form. A prefix that
//! many other words share could make a range long; a range is cut after
//! [`RUN_SCAN`] terms per form and its remaining forms looked up one by one.
//! Shorter runs (French words have a handful of forms) are looked up one by
//! one. Walking the dictionary with an automaton of the forms was measured
//! slower than one lookup per form (see `matching.rs`).

use tantivy::schema::Field;
use tantivy::termdict::TermDictionary;
use tantivy::Term;

/// The fewest forms read as a range.
const RUN_FORMS: usize = 3;
/// The shortest common prefix, in bytes, read as a range: two Arabic
/// letters of a clitic and two of the word, or eight Latin letters.
const RUN_PREFIX: usize = 8;
/// How many dictionary terms per form of the run a range may read before
/// the rest of its forms are looked up one by one.
const RUN_SCAN: usize = 16;

/// Those of `forms` (sorted by bytes) that some segment of the index holds
/// in each of `fields`: the terms, field by field, forms in order.
pub(super) fn existing_terms(searcher: &tantivy::Searcher, fields: &[Field], forms: &[String]) -> Vec<Term> {
    let runs = runs(forms);
    let mut out = Vec::new();
    for &field in fields {
        let mut found = vec![false; forms.len()];
        for segment in searcher.segment_readers() {
            let Ok(index) = segment.inverted_index(field) else {
                continue;
            };
            mark_existing(index.terms(), forms, &runs, &mut found);
        }
        out.extend(
            forms
                .iter()
                .zip(found)
                .filter(|(_, found)| *found)
                .map(|(form, _)| Term::from_field_text(field, form)),
        );
    }
    out
}

/// `forms` cut into consecutive runs: `(end, prefix length)`, a run with a
/// prefix length of 0 being looked up form by form.
fn runs(forms: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < forms.len() {
        let first = forms[start].as_bytes();
        let mut common = first.len();
        let mut end = start + 1;
        while let Some(next) = forms.get(end) {
            let shared = common_prefix(first, next.as_bytes()).min(common);
            if shared < RUN_PREFIX {
                break;
            }
            common = shared;
            end += 1;
        }
        if end - start >= RUN_FORMS {
            out.push((end, common));
        } else {
            out.push((end, 0));
        }
        start = end;
    }
    out
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Marks in `found` the forms that `terms` holds (those already marked are
/// not looked up again).
fn mark_existing(terms: &TermDictionary, forms: &[String], runs: &[(usize, usize)], found: &mut [bool]) {
    let mut start = 0;
    for &(end, prefix) in runs {
        let mut lookups_from = start;
        if prefix > 0 && found[start..end].iter().any(|f| !f) {
            lookups_from = scan_run(terms, &forms[start..end], prefix, &mut found[start..end]);
            lookups_from += start;
        }
        for i in lookups_from..end {
            if !found[i] {
                found[i] = matches!(terms.term_ord(forms[i].as_bytes()), Ok(Some(_)));
            }
        }
        start = end;
    }
}

/// Reads the terms beginning with the run's common prefix (`prefix` bytes
/// of its first form), marking the run's forms among them. Returns how many
/// of the run's forms were decided (all of them, unless the range was cut
/// after [`RUN_SCAN`] terms per form, or could not be read).
fn scan_run(terms: &TermDictionary, run: &[String], prefix: usize, found: &mut [bool]) -> usize {
    let lower = &run[0].as_bytes()[..prefix];
    let Some(upper) = successor(lower) else {
        return 0;
    };
    let Ok(mut stream) = terms.range().ge(lower).lt(&upper).into_stream() else {
        return 0;
    };
    let budget = RUN_SCAN * run.len();
    let mut read = 0;
    // Forms before `next` are decided: found, or absent from the range read so far.
    let mut next = 0;
    while stream.advance() {
        let key = stream.key();
        while next < run.len() && run[next].as_bytes() < key {
            next += 1;
        }
        if next == run.len() {
            return run.len();
        }
        if run[next].as_bytes() == key {
            found[next] = true;
            next += 1;
        }
        read += 1;
        if read >= budget {
            return next;
        }
    }
    run.len()
}

/// The smallest byte string greater than every string beginning with
/// `prefix` (None if there is none: all bytes 0xFF).
fn successor(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut upper = prefix.to_vec();
    while let Some(last) = upper.pop() {
        if last < u8::MAX {
            upper.push(last + 1);
            return Some(upper);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index};

    /// A searcher over one `STRING` field holding `words`, each document
    /// holding up to `per_doc` of them (several segments when asked).
    fn searcher_of(words: &[String], segments: usize) -> (tantivy::Searcher, Field) {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("w", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .unwrap_or_else(|e| panic!("{e}"));
        let chunk = words.len().div_ceil(segments.max(1)).max(1);
        for part in words.chunks(chunk) {
            for word in part {
                writer
                    .add_document(doc!(field => word.as_str()))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            writer.commit().unwrap_or_else(|e| panic!("{e}"));
        }
        let reader = index.reader().unwrap_or_else(|e| panic!("{e}"));
        (reader.searcher(), field)
    }

    /// What one lookup per form per segment finds.
    fn naive(searcher: &tantivy::Searcher, field: Field, forms: &[String]) -> Vec<Term> {
        forms
            .iter()
            .filter(|form| {
                searcher.segment_readers().iter().any(|s| {
                    s.inverted_index(field)
                        .map(|i| matches!(i.terms().term_ord(form.as_bytes()), Ok(Some(_))))
                        .unwrap_or(false)
                })
            })
            .map(|form| Term::from_field_text(field, form))
            .collect()
    }

    fn sorted(mut forms: Vec<String>) -> Vec<String> {
        forms.sort();
        forms.dedup();
        forms
    }

    #[test]
    fn arabic_runs_read_as_ranges() {
        let forms = sorted(
            [
                "الجزائر",
                "الجزائرات",
                "الجزائرين",
                "بالجزائر",
                "بالجزائرات",
                "بجزائر",
                "وجزائر",
            ]
            .map(String::from)
            .to_vec(),
        );
        let r = runs(&forms);
        // الجزائر… (3 forms), بالجزائر… (2: looked up one by one), بجزائر and
        // وجزائر (one each).
        assert_eq!(r.iter().filter(|(_, p)| *p > 0).count(), 1, "{r:?}");
        assert_eq!(r.last().map(|(end, _)| *end), Some(forms.len()));
        let index_words: Vec<String> = ["الجزائر", "الجزائرية", "الجزائرين", "بجزائر", "جزائر"]
            .map(String::from)
            .to_vec();
        let (searcher, field) = searcher_of(&index_words, 2);
        let found: Vec<String> = existing_terms(&searcher, &[field], &forms)
            .iter()
            .filter_map(|t| t.value().as_str().map(String::from))
            .collect();
        assert_eq!(found, ["الجزائر", "الجزائرين", "بجزائر"]);
    }

    #[test]
    fn a_long_range_is_cut_and_finished_by_lookups() {
        // Many dictionary terms share the run's prefix and sort before its
        // last form: the range is cut, the last form still found.
        let mut words: Vec<String> = (0..200).map(|i| format!("prefixed{i:04}")).collect();
        words.push("prefixedzz".to_string());
        let forms = sorted(vec!["prefixed".into(), "prefixedaa".into(), "prefixedzz".into()]);
        assert_eq!(runs(&forms), [(3, 8)]);
        let (searcher, field) = searcher_of(&words, 1);
        assert_eq!(
            existing_terms(&searcher, &[field], &forms),
            naive(&searcher, field, &forms)
        );
        assert_eq!(existing_terms(&searcher, &[field], &forms).len(), 1);
    }

    #[test]
    fn successor_of_a_prefix() {
        assert_eq!(successor(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(successor(&[b'a', 0xFF]), Some(b"b".to_vec()));
        assert_eq!(successor(&[0xFF, 0xFF]), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The ranges find exactly what one lookup per form finds, whatever
        /// the forms and the dictionary (words over a small alphabet, so
        /// that prefixes are shared and runs form).
        #[test]
        fn same_as_one_lookup_per_form(
            index_words in proptest::collection::vec("[ab]{0,3}(ال|بال)?[ab]{6,10}", 1..120),
            forms in proptest::collection::vec("[ab]{0,3}(ال|بال)?[ab]{6,10}", 0..80),
            segments in 1usize..4,
        ) {
            let forms = sorted(forms);
            let (searcher, field) = searcher_of(&index_words, segments);
            prop_assert_eq!(existing_terms(&searcher, &[field], &forms), naive(&searcher, field, &forms));
        }
    }
}
