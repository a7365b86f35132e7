//! The machinery shared by fihris's token filters.
//!
//! Most of our filters look at one token at a time and either rewrite its
//! text in place or drop it. Rather than repeat tantivy's three-type filter
//! pattern (filter, tokenizer wrapper, stream) in every file, each filter
//! implements [`TokenMap`] and is wrapped by [`MapFilter`]. Offsets are left
//! alone unless a map moves them on purpose (elision skips the elided
//! article so that highlights cover only the word).

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A per-token transformation.
pub trait TokenMap: Clone + Send + Sync + 'static {
    /// Rewrites `token` in place; `scratch` is a reusable buffer. Returns
    /// `false` to drop the token. Tokens left with empty text are dropped
    /// too.
    fn apply(&self, token: &mut Token, scratch: &mut String) -> bool;
}

/// A tantivy [`TokenFilter`] made from a [`TokenMap`].
#[derive(Clone, Debug)]
pub struct MapFilter<M>(pub M);

impl<M: TokenMap> TokenFilter for MapFilter<M> {
    type Tokenizer<T: Tokenizer> = MapTokenizer<M, T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapTokenizer<M, T> {
        MapTokenizer {
            map: self.0,
            inner: tokenizer,
            scratch: String::new(),
        }
    }
}

/// The tokenizer a [`MapFilter`] wraps around its inner tokenizer.
#[derive(Clone, Debug)]
pub struct MapTokenizer<M, T> {
    map: M,
    inner: T,
    scratch: String,
}

impl<M: TokenMap, T: Tokenizer> Tokenizer for MapTokenizer<M, T> {
    type TokenStream<'a> = MapTokenStream<'a, M, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapTokenStream {
            map: &self.map,
            tail: self.inner.token_stream(text),
            scratch: &mut self.scratch,
        }
    }
}

/// The stream of a [`MapTokenizer`].
pub struct MapTokenStream<'a, M, S> {
    map: &'a M,
    tail: S,
    scratch: &'a mut String,
}

impl<M: TokenMap, S: TokenStream> TokenStream for MapTokenStream<'_, M, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            if self.map.apply(token, self.scratch) && !token.text.is_empty() {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Replaces the token's text by the result of `f` over its characters,
/// writing through `scratch` so that no allocation happens once the buffers
/// have grown. `f` pushes zero or more characters for each input character.
pub(crate) fn rewrite_chars(token: &mut Token, scratch: &mut String, mut f: impl FnMut(char, &mut String)) {
    scratch.clear();
    for c in token.text.chars() {
        f(c, scratch);
    }
    std::mem::swap(&mut token.text, scratch);
}
