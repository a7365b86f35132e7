//! The lexer of the query language: a query's characters into tokens
//! (words with their field and sign, phrases, parentheses, operators),
//! each with its 1-based column.

use super::{ParseError, QueryField};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Open,
    Close,
    Or,
    And,
    Not,
    Phrase(String, Option<QueryField>),
    Word {
        text: String,
        field: Option<QueryField>,
        negated: bool,
    },
    /// `field:(`: a group restricted to a field is not supported; reported.
    FieldGroup(QueryField),
}

/// Characters that end a word.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”' | '«' | '»')
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '«')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '»')
}

pub(super) fn lex(query: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '(' {
            tokens.push((Tok::Open, column));
            i += 1;
            continue;
        }
        if c == ')' {
            tokens.push((Tok::Close, column));
            i += 1;
            continue;
        }
        if is_close_quote(c) && !is_open_quote(c) {
            // A stray closing quote (” or ») is punctuation.
            i += 1;
            continue;
        }
        if is_open_quote(c) {
            let (text, end) = quoted(&chars, i)?;
            tokens.push((Tok::Phrase(text, None), column));
            i = end;
            continue;
        }
        // "-(" excludes a group; "+(" is a group.
        if (c == '-' || c == '+') && chars.get(i + 1) == Some(&'(') {
            if c == '-' {
                tokens.push((Tok::Not, column));
            }
            i += 1;
            continue;
        }
        // A word, possibly with a leading -, +, and a field prefix.
        let mut start = i;
        let mut negated = false;
        if (c == '-' || c == '+')
            && chars
                .get(i + 1)
                .is_some_and(|n| !is_delimiter(*n) || is_open_quote(*n))
        {
            negated = c == '-';
            start += 1;
        }
        let mut end = start;
        while end < chars.len() && !is_delimiter(chars[end]) {
            end += 1;
        }
        let word: String = chars[start..end].iter().collect();
        // field:…
        let mut field = None;
        let mut body = word.as_str();
        if let Some((name, rest)) = word.split_once(':') {
            if let Some(f) = QueryField::from_name(name) {
                field = Some(f);
                body = rest;
            }
        }
        if field.is_some() && body.is_empty() {
            match chars.get(end) {
                Some(q) if is_open_quote(*q) => {
                    let (text, after) = quoted(&chars, end)?;
                    let phrase = (Tok::Phrase(text, field), column);
                    if negated {
                        tokens.push((Tok::Not, column));
                    }
                    tokens.push(phrase);
                    i = after;
                    continue;
                }
                Some('(') => {
                    if let Some(f) = field {
                        tokens.push((Tok::FieldGroup(f), column));
                    }
                    i = end;
                    continue;
                }
                _ => {
                    return Err(ParseError {
                        column: end + 1,
                        message: format!("nothing after {word}"),
                    })
                }
            }
        }
        if start > i && body.is_empty() {
            // A lone "-" or "+" before a quote: the quote follows.
            if negated {
                tokens.push((Tok::Not, column));
            }
            i = end;
            continue;
        }
        let tok = match (body, field, negated) {
            ("OR", None, false) => Tok::Or,
            ("AND", None, false) => Tok::And,
            ("NOT", None, false) => Tok::Not,
            _ => Tok::Word {
                text: body.to_string(),
                field,
                negated,
            },
        };
        tokens.push((tok, column));
        i = end;
    }
    Ok(tokens)
}

/// The text of a quoted phrase starting at `open`, and the index after it.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), ParseError> {
    let mut end = open + 1;
    while end < chars.len() && !is_close_quote(chars[end]) {
        end += 1;
    }
    if end >= chars.len() {
        return Err(ParseError {
            column: open + 1,
            message: "unclosed quote".to_string(),
        });
    }
    Ok((chars[open + 1..end].iter().collect(), end + 1))
}
