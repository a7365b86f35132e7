//! A parsed query written back in the query language: what `parse` reads
//! back to the same tree (a property test holds it to that), for messages
//! and logs that show how a query was understood.

use std::fmt::{self, Display, Formatter};

use super::{Node, QueryField};

impl QueryField {
    /// The name a query uses for the field.
    pub fn name(self) -> &'static str {
        match self {
            QueryField::Title => "title",
            QueryField::Body => "body",
            QueryField::Source => "source",
        }
    }
}

impl Display for Node {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Node::Word {
                text,
                field,
                prefix,
                fuzzy,
            } => {
                // A leading + keeps a word that begins with a sign a word.
                let sign = if field.is_none() && text.starts_with(['-', '+']) {
                    "+"
                } else {
                    ""
                };
                write!(f, "{sign}{}{text}", field_prefix(*field))?;
                if *prefix {
                    f.write_str("*")?;
                }
                match fuzzy {
                    Some(n) => write!(f, "~{n}"),
                    None => Ok(()),
                }
            }
            Node::Phrase { text, field } => write!(f, "{}\"{text}\"", field_prefix(*field)),
            Node::And(children) => {
                for (i, child) in children.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    grouped(f, child, matches!(child, Node::And(_) | Node::Or(_)))?;
                }
                Ok(())
            }
            Node::Or(children) => {
                for (i, child) in children.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" OR ")?;
                    }
                    grouped(f, child, matches!(child, Node::Or(_)))?;
                }
                Ok(())
            }
            Node::Not(child) => match &**child {
                Node::Word {
                    text, field: None, ..
                } if text.starts_with(['-', '+']) => write!(f, "NOT {child}"),
                Node::Word { .. } | Node::Phrase { .. } => write!(f, "-{child}"),
                _ => {
                    f.write_str("NOT ")?;
                    grouped(f, child, matches!(&**child, Node::And(_) | Node::Or(_)))
                }
            },
        }
    }
}

fn field_prefix(field: Option<QueryField>) -> String {
    field.map(|f| format!("{}:", f.name())).unwrap_or_default()
}

/// `node`, in parentheses when `group`.
fn grouped(f: &mut Formatter<'_>, node: &Node, group: bool) -> fmt::Result {
    match group {
        true => write!(f, "({node})"),
        false => write!(f, "{node}"),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::parse;

    #[test]
    fn examples_print_back() {
        for (query, printed) in [
            ("pôle emploi", "pôle emploi"),
            ("jumelage OR توأمة", "jumelage OR توأمة"),
            ("emploi -chômage NOT (a OR b)", "emploi -chômage NOT (a OR b)"),
            ("(anem OR anapec) jumelage", "(anem OR anapec) jumelage"),
            (
                "title:jumelage body:\"pôle emploi\"",
                "title:jumelage body:\"pôle emploi\"",
            ),
            ("emplo* anapek~1 a AND b", "emplo* anapek~1 a b"),
            ("+-x --y", "+-x NOT +-y"),
        ] {
            let node = parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
            assert_eq!(node.to_string(), printed, "{query}");
        }
    }

    /// Pieces of queries, syntax and text mixed, joined with or without
    /// spaces: most joins are queries, some are errors.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "emploi",
            "توأمة",
            "x",
            "OR",
            "AND",
            "NOT",
            "(",
            ")",
            "\"",
            "“",
            "”",
            "«",
            "»",
            "-",
            "+",
            "title:",
            "body:",
            "source:",
            "*",
            "~",
            "~1",
            "~2",
            ":",
            "-(",
            "+(",
            "a:b",
            "2019",
            "l'ANEM",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// A query that parses prints back to a query that parses to the
        /// same tree.
        #[test]
        fn printed_queries_parse_to_the_same_tree(
            pieces in prop::collection::vec((piece(), prop::bool::ANY), 1..12)
        ) {
            let query: String = pieces
                .iter()
                .map(|(p, space)| if *space { format!("{p} ") } else { p.to_string() })
                .collect();
            if let Ok(node) = parse(&query) {
                let printed = node.to_string();
                prop_assert_eq!(parse(&printed), Ok(node), "{:?} printed {:?}", query, printed);
            }
        }
    }
}
