//! How deep a page's elements nest, estimated in one pass over its text
//! before it is parsed.
//!
//! The HTML parser (html5ever) looks through the stack of open elements at
//! most start tags, so a page nested N levels deep takes time in N²: 50,000
//! nested `<div>`s (250 KB) take 13 s to parse, 100,000 take 43 s. Browsers
//! stop nesting at 512 levels; a press page nests a few dozen. A page whose
//! estimated depth passes [`MAX_DEPTH`] is refused before parsing.
//!
//! The estimate follows the parser where a page's depth comes from:
//! elements that close themselves (`<br>`, `<img>`), that the parser closes
//! when the next one opens or never nests (`<p>`, `<li>`, `<td>`, `<a>`,
//! headings, `<html>`/`<body>`), raw text (`<script>`, `<style>`,
//! `<textarea>`…, whose content is not markup), comments, and `/>` inside
//! SVG and MathML. An end tag closes the elements opened since the one it
//! names, as the parser does; an end tag with nothing to close is ignored.

use std::collections::HashMap;

/// The deepest nesting a page may have (estimated): twice the depth at
/// which a browser stops nesting; 1,229 saved press pages estimate at 40
/// at most, 13 for half of them.
pub(crate) const MAX_DEPTH: usize = 1024;

/// Elements that never hold others, or that the parser closes when the
/// next one opens or never nests: they do not add to the depth.
const NOT_NESTING: &[&str] = &[
    "a", "area", "base", "basefont", "bgsound", "body", "br", "button", "caption", "col", "colgroup", "dd",
    "dt", "embed", "form", "frame", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "html", "image", "img",
    "input", "keygen", "li", "link", "meta", "nobr", "option", "optgroup", "p", "param", "rb", "rp", "rt",
    "rtc", "select", "source", "tbody", "td", "tfoot", "th", "thead", "tr", "track", "wbr",
];

/// Elements whose content is text up to their end tag (outside SVG and
/// MathML).
const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp",
];

/// HTML elements that end SVG or MathML content when they open in it.
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// SVG and MathML elements whose content is HTML again.
const INTEGRATION_POINTS: &[&str] = &[
    "annotation-xml",
    "desc",
    "foreignobject",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "title",
];

/// An open element: its lowercase name, and whether it is SVG or MathML.
struct Open {
    name: String,
    foreign: bool,
}

/// Whether the elements of `html` nest deeper than `cap` levels (see the
/// module's opening); stops reading as soon as they do.
pub(crate) fn nests_deeper_than(html: &str, cap: usize) -> bool {
    let bytes = html.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    // Open elements by name, to tell in constant time whether an end tag
    // closes anything.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let pop = |open: &mut Vec<Open>, counts: &mut HashMap<String, usize>| {
        let top = open.pop()?;
        if let Some(n) = counts.get_mut(&top.name) {
            *n -= 1;
        }
        Some(top)
    };
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        at += offset + 1;
        match bytes.get(at) {
            Some(b'!') => {
                at = if bytes[at..].starts_with(b"!--") {
                    find(bytes, at + 3, b"-->").map_or(bytes.len(), |end| end + 3)
                } else {
                    tag_end(bytes, at)
                };
            }
            Some(b'?') => at = tag_end(bytes, at),
            Some(b'/') if bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let name = tag_name(bytes, at + 1);
                at = tag_end(bytes, at);
                if counts.get(&name).is_some_and(|&n| n > 0) {
                    while let Some(top) = pop(&mut open, &mut counts) {
                        if top.name == name {
                            break;
                        }
                    }
                }
            }
            Some(b) if b.is_ascii_alphabetic() => {
                let name = tag_name(bytes, at);
                let end = tag_end(bytes, at);
                let self_closing = end >= 2 && bytes[end - 2] == b'/';
                at = end;
                let in_foreign = |open: &[Open]| {
                    open.last()
                        .is_some_and(|top| top.foreign && !INTEGRATION_POINTS.contains(&top.name.as_str()))
                };
                let mut foreign = in_foreign(&open);
                if foreign && BREAKOUT.contains(&name.as_str()) {
                    // Back to HTML: the SVG or MathML elements close.
                    while in_foreign(&open) {
                        pop(&mut open, &mut counts);
                    }
                    foreign = false;
                }
                if !foreign {
                    if RAW_TEXT.contains(&name.as_str()) {
                        at = closing_tag(bytes, at, &name).unwrap_or(bytes.len());
                        continue;
                    }
                    if name == "plaintext" {
                        // The rest is text.
                        return false;
                    }
                    if NOT_NESTING.contains(&name.as_str()) {
                        continue;
                    }
                    foreign = name == "svg" || name == "math";
                }
                if foreign && self_closing {
                    continue;
                }
                *counts.entry(name.clone()).or_default() += 1;
                open.push(Open { name, foreign });
                if open.len() > cap {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The lowercase name of the tag starting at `at`.
fn tag_name(bytes: &[u8], at: usize) -> String {
    let end = bytes[at..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        .map_or(bytes.len(), |n| at + n);
    String::from_utf8_lossy(&bytes[at..end]).to_ascii_lowercase()
}

/// Just past the `>` that ends the tag starting at `at`, skipping quoted
/// attribute values (`<a title="x > y">`); the end of the text if none.
fn tag_end(bytes: &[u8], mut at: usize) -> usize {
    let mut after_equals = false;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'>' => return at + 1,
            b'"' | b'\'' if after_equals => {
                at = bytes[at + 1..]
                    .iter()
                    .position(|&c| c == b)
                    .map_or(bytes.len(), |n| at + 1 + n);
                after_equals = false;
            }
            b'=' => after_equals = true,
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        at += 1;
    }
    bytes.len()
}

/// Just past the end tag `</name…>` at or after `at`, case-insensitively.
fn closing_tag(bytes: &[u8], mut at: usize, name: &str) -> Option<usize> {
    while let Some(start) = find(bytes, at, b"</") {
        let after = start + 2 + name.len();
        if bytes
            .get(start + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(after)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        {
            return Some(tag_end(bytes, after));
        }
        at = start + 2;
    }
    None
}

/// The position of `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|n| from + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deeper(html: &str, cap: usize) -> bool {
        nests_deeper_than(html, cap)
    }

    #[test]
    fn nested_elements_count() {
        let html = "<div>".repeat(5) + "x" + &"</div>".repeat(5);
        assert!(deeper(&html, 4));
        assert!(!deeper(&html, 5));
        // Closed as they go: never deeper than one.
        assert!(!deeper(&"<div>x</div>".repeat(100), 1));
        // Upper case, attributes, a quoted ">".
        let html = "<DIV class=\"a > b\">".repeat(3) + &"</Div>".repeat(3) + &"<span>".repeat(3);
        assert!(!deeper(&html, 3));
        assert!(deeper(&(html + "<span>"), 3));
    }

    #[test]
    fn what_does_not_nest_does_not_count() {
        let html = "<p>a<br><img src=x><li>b<td>c<a href=y>d<h2>e".repeat(100);
        assert!(!deeper(&html, 0));
        // An end tag closes what was opened since its element.
        let html = "<section><div><span><b>x</section>".repeat(100);
        assert!(!deeper(&html, 4));
        // An end tag with nothing to close changes nothing.
        assert!(deeper(&("</div>".repeat(10) + "<div><div>"), 1));
    }

    #[test]
    fn raw_text_and_comments_are_not_markup() {
        let inside = "<div>".repeat(50);
        for html in [
            format!("<script>{inside}</script>"),
            format!("<STYLE type=x>{inside}</style >"),
            format!("<textarea>{inside}"),
            format!("<!--{inside}-->"),
            format!(
                "<![CDATA[x]]><!doctype html><?xml x?>{}",
                "<div></div>".repeat(50)
            ),
        ] {
            assert!(!deeper(&html, 1), "{html}");
        }
        // A script's text ends at its own end tag only.
        assert!(deeper(&format!("<script>x</scripts></script>{inside}"), 1));
    }

    #[test]
    fn self_closing_counts_only_in_svg_and_math() {
        let paths = "<path d=\"M0 0\"/>".repeat(100);
        assert!(!deeper(&format!("<div><svg>{paths}</svg></div>"), 2));
        // In HTML, `<div/>` opens a div.
        assert!(deeper(&"<div/>".repeat(3), 2));
        // In SVG, `<title>` and `<foreignObject>` hold HTML.
        assert!(deeper(&format!("<svg><title>{}", "<div>".repeat(5)), 5));
        assert!(deeper(&format!("<svg><foreignObject>{}", "<div/>".repeat(5)), 5));
        // An HTML element ends the SVG: `<div/>` opens a div again.
        assert!(deeper(&format!("<svg>{}", "<div/>".repeat(5)), 4));
        assert!(!deeper(
            &format!("<svg><g/><g/><g/><g/></svg>{}", "<div/>".repeat(4)),
            4
        ));
    }
}
