//! The query language: parsing what a user types into a small syntax tree.
//!
//! ```text
//! pôle emploi                 every word must match (or any, with --any)
//! "union européenne"          an exact phrase (exact fields only, never stemmed)
//! jumelage OR توأمة           either
//! emploi -chômage             NOT / - excludes
//! (anem OR anapec) jumelage   groups
//! title:jumelage body:"pôle emploi" source:APS
//! emplo*                      prefix
//! anapek~1                    fuzzy, at most 1 (or 2) edits
//! ```
//!
//! Anything else is text: a pasted headline such as "Emploi : l'ANEM
//! (Algérie) signe" parses as its words, because a colon is field syntax
//! only right after a field name, and parentheses, quotes and operators
//! that cannot be syntax are reported with the column where the problem is,
//! never silently dropped. `AND` is accepted and means what a space means.

/// Fields a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueryField {
    /// The headline.
    Title,
    /// The article text.
    Body,
    /// The publisher.
    Source,
}

impl QueryField {
    fn from_name(name: &str) -> Option<QueryField> {
        match name {
            "title" => Some(QueryField::Title),
            "body" => Some(QueryField::Body),
            "source" => Some(QueryField::Source),
            _ => None,
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A word, as typed (analysis happens when the query is built).
    Word {
        /// The text of the word.
        text: String,
        /// Restricted to one field.
        field: Option<QueryField>,
        /// `word*`: any word starting with it.
        prefix: bool,
        /// `word~N`: words within N edits.
        fuzzy: Option<u8>,
    },
    /// A quoted phrase.
    Phrase {
        /// The text between the quotes.
        text: String,
        /// Restricted to one field.
        field: Option<QueryField>,
    },
    /// All (or, with --any, some) of these; `Not` children exclude.
    And(Vec<Node>),
    /// Any of these.
    Or(Vec<Node>),
    /// Must not match.
    Not(Box<Node>),
}

/// A syntax error, with the 1-based column (in characters) where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based character column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at column {}", self.message, self.column)
    }
}

mod display;
mod lex;

use lex::{lex, Tok};

/// Parses a query typed by a user.
pub fn parse(query: &str) -> Result<Node, ParseError> {
    let tokens = lex(query)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        end_column: query.chars().count() + 1,
    };
    let node = parser.or_expr()?;
    if let Some((tok, column)) = parser.tokens.get(parser.pos) {
        let message = match tok {
            Tok::Close => "unmatched closing parenthesis".to_string(),
            _ => "unexpected text".to_string(),
        };
        return Err(ParseError {
            column: *column,
            message,
        });
    }
    Ok(node)
}

/// Splits a query into its plain words, ignoring all syntax: for known-item
/// evaluation, where queries are headlines and paragraphs.
pub fn plain(query: &str) -> Node {
    Node::And(
        query
            .split_whitespace()
            .map(|w| Node::Word {
                text: w.to_string(),
                field: None,
                prefix: false,
                fuzzy: None,
            })
            .collect(),
    )
}

struct Parser {
    tokens: Vec<(Tok, usize)>,
    pos: usize,
    /// The column just past the end of the query.
    end_column: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn column(&self) -> usize {
        match self.tokens.get(self.pos) {
            Some((_, c)) => *c,
            None => self.end_column,
        }
    }

    fn or_expr(&mut self) -> Result<Node, ParseError> {
        let mut alternatives = vec![self.and_expr()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            if matches!(self.peek(), None | Some(Tok::Close | Tok::Or)) {
                return Err(ParseError {
                    column: self.column(),
                    message: "OR needs something after it".to_string(),
                });
            }
            alternatives.push(self.and_expr()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Node::Or(alternatives)
        })
    }

    fn and_expr(&mut self) -> Result<Node, ParseError> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) => break,
                Some(Tok::Or) => {
                    if items.is_empty() {
                        return Err(ParseError {
                            column: self.column(),
                            message: "OR needs something before it".to_string(),
                        });
                    }
                    break;
                }
                Some(Tok::And) => {
                    self.pos += 1;
                    if items.is_empty() || matches!(self.peek(), None | Some(Tok::Close | Tok::Or)) {
                        return Err(ParseError {
                            column: self.column().saturating_sub(1).max(1),
                            message: "AND needs something on both sides".to_string(),
                        });
                    }
                }
                Some(_) => items.push(self.unary()?),
            }
        }
        if items.is_empty() {
            return Err(ParseError {
                column: self.column(),
                message: "empty query".to_string(),
            });
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Node::And(items)
        })
    }

    fn unary(&mut self) -> Result<Node, ParseError> {
        let Some((tok, column)) = self.tokens.get(self.pos).cloned() else {
            return Err(ParseError {
                column: self.column(),
                message: "unexpected end of query".to_string(),
            });
        };
        self.pos += 1;
        match tok {
            Tok::Not => {
                if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                    return Err(ParseError {
                        column,
                        message: "NOT needs something after it".to_string(),
                    });
                }
                Ok(Node::Not(Box::new(self.unary()?)))
            }
            Tok::Open => {
                let inner = self.or_expr()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(ParseError {
                        column,
                        message: "unclosed parenthesis".to_string(),
                    });
                }
                self.pos += 1;
                Ok(inner)
            }
            Tok::Phrase(text, field) => Ok(Node::Phrase { text, field }),
            Tok::Word { text, field, negated } => {
                let word = word_node(&text, field, column)?;
                Ok(if negated { Node::Not(Box::new(word)) } else { word })
            }
            Tok::FieldGroup(_) => Err(ParseError {
                column,
                message: "a field applies to one word or one \"phrase\", not to a group".to_string(),
            }),
            Tok::Close => Err(ParseError {
                column,
                message: "unmatched closing parenthesis".to_string(),
            }),
            Tok::Or | Tok::And => Err(ParseError {
                column,
                message: "operator without a word before it".to_string(),
            }),
        }
    }
}

/// A word with its `*` or `~N` suffix read.
fn word_node(text: &str, field: Option<QueryField>, column: usize) -> Result<Node, ParseError> {
    if let Some(stem) = text.strip_suffix('*') {
        if stem.is_empty() || stem.ends_with('*') {
            return Err(ParseError {
                column,
                message: "a prefix needs at least one letter before *".to_string(),
            });
        }
        return Ok(Node::Word {
            text: stem.to_string(),
            field,
            prefix: true,
            fuzzy: None,
        });
    }
    if let Some((word, distance)) = text.rsplit_once('~') {
        if !word.is_empty() {
            let distance = match distance {
                "" => 1,
                d => match d.parse::<u8>() {
                    Ok(n @ 0..=2) => n,
                    _ => {
                        return Err(ParseError {
                            column,
                            message: format!("fuzzy distance must be 0, 1 or 2, not {d:?}"),
                        })
                    }
                },
            };
            return Ok(Node::Word {
                text: word.to_string(),
                field,
                prefix: false,
                fuzzy: Some(distance),
            });
        }
    }
    Ok(Node::Word {
        text: text.to_string(),
        field,
        prefix: false,
        fuzzy: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Node {
        Node::Word {
            text: text.to_string(),
            field: None,
            prefix: false,
            fuzzy: None,
        }
    }

    #[test]
    fn words_phrases_and_operators() {
        assert_eq!(parse("pôle emploi"), Ok(Node::And(vec![w("pôle"), w("emploi")])));
        assert_eq!(
            parse("jumelage OR توأمة"),
            Ok(Node::Or(vec![w("jumelage"), w("توأمة")]))
        );
        assert_eq!(
            parse("emploi -chômage NOT crise"),
            Ok(Node::And(vec![
                w("emploi"),
                Node::Not(Box::new(w("chômage"))),
                Node::Not(Box::new(w("crise")))
            ]))
        );
        assert_eq!(
            parse("(anem OR anapec) \"union européenne\""),
            Ok(Node::And(vec![
                Node::Or(vec![w("anem"), w("anapec")]),
                Node::Phrase {
                    text: "union européenne".into(),
                    field: None
                }
            ]))
        );
        assert_eq!(parse("a AND b"), Ok(Node::And(vec![w("a"), w("b")])));
        assert_eq!(parse("«pôle emploi»"), parse("\"pôle emploi\""));
    }

    #[test]
    fn fields_prefix_fuzzy() {
        assert_eq!(
            parse("title:jumelage source:\"Le Monde\" emplo* anapek~1 anapek~"),
            Ok(Node::And(vec![
                Node::Word {
                    text: "jumelage".into(),
                    field: Some(QueryField::Title),
                    prefix: false,
                    fuzzy: None
                },
                Node::Phrase {
                    text: "Le Monde".into(),
                    field: Some(QueryField::Source)
                },
                Node::Word {
                    text: "emplo".into(),
                    field: None,
                    prefix: true,
                    fuzzy: None
                },
                Node::Word {
                    text: "anapek".into(),
                    field: None,
                    prefix: false,
                    fuzzy: Some(1)
                },
                Node::Word {
                    text: "anapek".into(),
                    field: None,
                    prefix: false,
                    fuzzy: Some(1)
                },
            ]))
        );
    }

    #[test]
    fn minus_before_a_group_excludes_it() {
        assert_eq!(
            parse("port -(oran OR alger)"),
            Ok(Node::And(vec![
                w("port"),
                Node::Not(Box::new(Node::Or(vec![w("oran"), w("alger")])))
            ]))
        );
        assert_eq!(parse("+(a b)"), Ok(Node::And(vec![w("a"), w("b")])));
    }

    #[test]
    fn pasted_headlines_are_text() {
        assert_eq!(
            parse("Emploi : l'ANEM (Algérie) 10:30"),
            Ok(Node::And(vec![
                w("Emploi"),
                w(":"),
                w("l'ANEM"),
                w("Algérie"),
                w("10:30")
            ]))
        );
        assert_eq!(
            parse("Covid-19 e-mail"),
            Ok(Node::And(vec![w("Covid-19"), w("e-mail")]))
        );
    }

    #[test]
    fn errors_say_where() {
        let err = |q: &str| parse(q).err().map(|e| e.to_string());
        assert_eq!(err("\"pôle emploi"), Some("unclosed quote at column 1".into()));
        assert_eq!(
            err("emploi (jeunes"),
            Some("unclosed parenthesis at column 8".into())
        );
        assert_eq!(
            err("emploi )"),
            Some("unmatched closing parenthesis at column 8".into())
        );
        assert_eq!(
            err("OR emploi"),
            Some("OR needs something before it at column 1".into())
        );
        assert_eq!(
            err("emploi OR"),
            Some("OR needs something after it at column 10".into())
        );
        assert_eq!(
            err("emploi NOT"),
            Some("NOT needs something after it at column 8".into())
        );
        assert_eq!(err(""), Some("empty query at column 1".into()));
        assert_eq!(err("()"), Some("empty query at column 2".into()));
        assert_eq!(err("title:"), Some("nothing after title: at column 7".into()));
        assert_eq!(
            err("*"),
            Some("a prefix needs at least one letter before * at column 1".into())
        );
        assert_eq!(
            err("anapek~5"),
            Some("fuzzy distance must be 0, 1 or 2, not \"5\" at column 1".into())
        );
        assert!(err("title:(a b)").is_some());
    }

    #[test]
    fn stray_closing_quotes_are_punctuation() {
        assert_eq!(
            parse("emploi » jeunes”"),
            Ok(Node::And(vec![w("emploi"), w("jeunes")]))
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let text = "ﻻ \"«( ) -+ OR AND NOT title: body:\" x~ y* ~ * - + » ”";
        let chars: Vec<char> = text.chars().collect();
        for i in 0..chars.len() {
            for j in i..chars.len() {
                let s: String = chars[i..j].iter().collect();
                let _ = parse(&s);
            }
        }
    }
}
