//! Sharing the exact analysis of a text with its stemmed analysis.
//!
//! The stemmed analyzer is the exact one followed by stopword removal and a
//! stemmer, and an index analyses every title and body with both (an exact
//! and a stemmed field). Tantivy indexes a document's fields one after the
//! other on the same thread (title, body, then their stemmed copies), so the
//! exact analysis of a text is remembered there ([`Record`]), and the
//! stemmed analysis of the same text takes its tokens from it instead of
//! cutting and normalizing the words again ([`Replay`]). On the French news
//! collection this was a third of the stemmed analyzer's time.
//!
//! An analysis is remembered only once its stream has been read to the end,
//! and taken (not copied) by the first stemmed analysis of an equal text on
//! the same thread; a text analysed stemmed without an exact analysis just
//! before is analysed in full. The tokens are the same either way (see the
//! tests). At most [`KEEP`] analyses are kept per thread, and only of
//! texts of at most [`MAX_RECORDED`] bytes: a remembered token takes about
//! eight times the bytes of its word, so a text of hundreds of MB would be
//! held several times over, while a press article is a few KB.

use std::cell::RefCell;
use std::collections::VecDeque;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Analyses remembered per thread: a document's title, body and source.
pub const KEEP: usize = 4;

/// Longest text whose analysis is remembered, in bytes (ten times a long
/// article); a longer one is analysed again by the stemmed analyzer.
pub const MAX_RECORDED: usize = 1 << 20;

/// One remembered analysis: the text and its tokens.
#[derive(Default)]
struct Analysis {
    text: String,
    /// The tokens' texts, one after the other.
    words: String,
    tokens: Vec<Recorded>,
}

/// A token without its text, which is `words[start..end]`.
#[derive(Clone, Copy)]
struct Recorded {
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
    start: usize,
    end: usize,
}

thread_local! {
    static RECENT: RefCell<VecDeque<Analysis>> = const { RefCell::new(VecDeque::new()) };
}

fn remember(analysis: Analysis) {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.len() == KEEP {
            recent.pop_front();
        }
        recent.push_back(analysis);
    });
}

fn take(text: &str) -> Option<Analysis> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let i = recent.iter().rposition(|a| a.text == text)?;
        recent.remove(i)
    })
}

/// A tokenizer that remembers the tokens of `T` for each text it reads to
/// the end, for a [`Replay`] on the same thread.
#[derive(Clone, Debug)]
pub struct Record<T>(pub T);

impl<T: Tokenizer> Tokenizer for Record<T> {
    type TokenStream<'a> = RecordStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RecordStream {
            inner: self.0.token_stream(text),
            analysis: (text.len() <= MAX_RECORDED).then(|| Analysis {
                text: text.to_string(),
                ..Analysis::default()
            }),
        }
    }
}

/// The stream of a [`Record`].
pub struct RecordStream<S> {
    inner: S,
    /// The analysis so far; remembered when the stream ends.
    analysis: Option<Analysis>,
}

impl<S: TokenStream> TokenStream for RecordStream<S> {
    fn advance(&mut self) -> bool {
        if self.inner.advance() {
            if let Some(analysis) = &mut self.analysis {
                let token = self.inner.token();
                let start = analysis.words.len();
                analysis.words.push_str(&token.text);
                analysis.tokens.push(Recorded {
                    offset_from: token.offset_from,
                    offset_to: token.offset_to,
                    position: token.position,
                    position_length: token.position_length,
                    start,
                    end: analysis.words.len(),
                });
            }
            true
        } else {
            if let Some(analysis) = self.analysis.take() {
                remember(analysis);
            }
            false
        }
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// A tokenizer that gives the tokens a [`Record`] of the same `T` remembered
/// for the text on this thread, or runs `T` when there are none.
#[derive(Clone, Debug)]
pub struct Replay<T> {
    inner: T,
    token: Token,
}

impl<T> Replay<T> {
    /// Replays analyses of `inner`, or runs it.
    pub fn new(inner: T) -> Replay<T> {
        Replay {
            inner,
            token: Token::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for Replay<T> {
    type TokenStream<'a> = ReplayStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        match take(text) {
            Some(analysis) => ReplayStream(Source::Replay {
                analysis,
                next: 0,
                token: &mut self.token,
            }),
            None => ReplayStream(Source::Run(self.inner.token_stream(text))),
        }
    }
}

/// The stream of a [`Replay`].
pub struct ReplayStream<'a, S>(Source<'a, S>);

/// Where a [`ReplayStream`] takes its tokens from.
enum Source<'a, S> {
    /// Tokens taken from a remembered analysis.
    Replay {
        analysis: Analysis,
        next: usize,
        token: &'a mut Token,
    },
    /// The tokenizer itself.
    Run(S),
}

impl<S: TokenStream> TokenStream for ReplayStream<'_, S> {
    fn advance(&mut self) -> bool {
        match &mut self.0 {
            Source::Replay {
                analysis,
                next,
                token,
            } => {
                let Some(r) = analysis.tokens.get(*next) else {
                    return false;
                };
                *next += 1;
                token.offset_from = r.offset_from;
                token.offset_to = r.offset_to;
                token.position = r.position;
                token.position_length = r.position_length;
                token.text.clear();
                token.text.push_str(&analysis.words[r.start..r.end]);
                true
            }
            Source::Run(stream) => stream.advance(),
        }
    }

    fn token(&self) -> &Token {
        match &self.0 {
            Source::Replay { token, .. } => token,
            Source::Run(stream) => stream.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match &mut self.0 {
            Source::Replay { token, .. } => token,
            Source::Run(stream) => stream.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, exact_analyzer, stem_analyzer, Stemmer};
    use tantivy::tokenizer::TextAnalyzer;

    const TEXTS: [&str; 4] = [
        "L’Agence nationale de l'emploi (ANEM) et Pôle emploi signent un jumelage de 24 mois.",
        "وقعت الوكالة الوطنية للتشغيل اتفاقية توأمة مع لـANAPEC و«بول أمبلوا».",
        "Les plus courts : a, de, le. Et un mot trèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèès long.",
        "",
    ];

    /// Tokens with their positions, which a replay must keep too (stopwords
    /// leave gaps that phrase queries rely on).
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    /// What the stemmed analyzer gives on a thread where nothing was
    /// analysed before (a fresh thread has nothing remembered).
    fn fresh(stemmer: Stemmer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let text = text.to_string();
        std::thread::spawn(move || tokens(&mut stem_analyzer(stemmer), &text))
            .join()
            .unwrap_or_default()
    }

    #[test]
    fn replayed_tokens_are_those_of_a_full_analysis() {
        for stemmer in Stemmer::ALL {
            let mut exact = exact_analyzer();
            let mut stem = stem_analyzer(stemmer);
            for text in TEXTS {
                // As tantivy does: the exact field, then the stemmed one.
                let exact_tokens = tokens(&mut exact, text);
                let replayed = tokens(&mut stem, text);
                assert_eq!(replayed, fresh(stemmer, text), "{stemmer:?} {text}");
                if !text.is_empty() {
                    assert!(exact_tokens.len() > replayed.len(), "{text}");
                }
            }
        }
    }

    #[test]
    fn title_then_body_then_their_stemmed_copies() {
        let mut exact = exact_analyzer();
        let mut stem = stem_analyzer(Stemmer::default());
        for text in TEXTS {
            analyze(&mut exact, text);
        }
        for text in TEXTS {
            assert_eq!(tokens(&mut stem, text), fresh(Stemmer::default(), text), "{text}");
        }
    }

    /// An exact stream read only in part is not remembered: the stemmed
    /// analysis runs in full.
    #[test]
    fn a_stream_read_in_part_is_not_replayed() {
        let mut exact = exact_analyzer();
        let mut stem = stem_analyzer(Stemmer::default());
        let text = TEXTS[0];
        {
            let mut stream = exact.token_stream(text);
            assert!(stream.advance());
        }
        assert_eq!(super::take(text).map(|a| a.tokens.len()), None);
        assert_eq!(tokens(&mut stem, text), fresh(Stemmer::default(), text));
    }

    /// A remembered analysis serves one stemmed analysis; the next one of
    /// the same text runs in full and gives the same tokens.
    #[test]
    fn an_analysis_is_taken_once() {
        let mut exact = exact_analyzer();
        let mut stem = stem_analyzer(Stemmer::default());
        let text = TEXTS[1];
        analyze(&mut exact, text);
        super::RECENT.with(|r| assert!(r.borrow().iter().any(|a| a.text == text)));
        let first = tokens(&mut stem, text);
        assert!(super::take(text).is_none());
        assert_eq!(tokens(&mut stem, text), first);
    }

    /// A text too long to be remembered is analysed in full, to the same
    /// tokens.
    #[test]
    fn a_long_text_is_not_remembered() {
        let mut exact = exact_analyzer();
        let mut stem = stem_analyzer(Stemmer::default());
        let text = "Le jumelage des agences. ".repeat(super::MAX_RECORDED / 20);
        assert!(text.len() > super::MAX_RECORDED);
        analyze(&mut exact, &text);
        assert!(super::take(&text).is_none());
        assert_eq!(tokens(&mut stem, &text), fresh(Stemmer::default(), &text));
    }

    #[test]
    fn at_most_keep_analyses_per_thread() {
        let mut exact = exact_analyzer();
        let texts: Vec<String> = (0..super::KEEP + 2)
            .map(|i| format!("texte numéro {i}"))
            .collect();
        for text in &texts {
            analyze(&mut exact, text);
        }
        assert!(super::take(&texts[0]).is_none());
        assert!(super::take(&texts[texts.len() - 1]).is_some());
        super::RECENT.with(|r| assert!(r.borrow().len() < super::KEEP));
    }
}
