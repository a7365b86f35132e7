//! Snippets: the passage of a hit's body that shows the query's words, with
//! their byte ranges to highlight, or the body's lead when only the title
//! matched.

use tantivy::snippet::SnippetGenerator;

use crate::search::Snippet;

/// The best passage of `body` for the query (the passage of the first
/// generator that highlights anything), or its beginning when the query
/// matched only the title.
pub(crate) fn make_snippet(generators: &[SnippetGenerator], body: &str, max_chars: usize) -> Snippet {
    // The first generator that highlights anything: the stemmed one
    // finds every matched word (exact forms have their stem too); the exact
    // one is needed only for queries the stemmed fields do not answer
    // (phrases). Each generator analyses the whole body, a fifth of the
    // time of a long query.
    let snippet = generators
        .iter()
        .map(|g| g.snippet(body))
        .find(|s| !s.highlighted().is_empty())
        .unwrap_or_else(tantivy::snippet::Snippet::empty);
    let (text, highlights) = if snippet.fragment().is_empty() {
        (lead(body, max_chars), Vec::new())
    } else {
        (snippet.fragment().to_string(), snippet.highlighted().to_vec())
    };
    // Newlines become spaces: same length, so the ranges stay right.
    Snippet {
        text: text.replace(['\n', '\r', '\t'], " "),
        highlights,
    }
}

/// The first `max_chars` characters of `text`, cut at a word boundary.
fn lead(text: &str, max_chars: usize) -> String {
    let end = match text.char_indices().nth(max_chars) {
        None => return text.to_string(),
        Some((i, _)) => i,
    };
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_cuts_at_a_word() {
        assert_eq!(lead("un deux trois", 20), "un deux trois");
        assert_eq!(lead("un deux trois", 9), "un deux…");
        assert_eq!(lead("توأمة بين وكالتين", 8), "توأمة…");
    }
}
