//! Markdown articles (`.md`, `.markdown`).
//!
//! The Markdown is turned into the text a reader sees, line by line, and
//! then read like a `.txt` file (title, optional date and source header
//! lines, paragraphs separated by blank lines). The title is, in order: a
//! `title:` in YAML front matter, the first level-1 heading (`# Titre` or a
//! line underlined with `===`), the first non-empty line.
//!
//! What is removed: front matter (its `date:`, `source:`/`publisher:`/
//! `site_name:` and `lang:` are used), heading markers, emphasis (`*`, `_`,
//! `~~`, kept inside words such as `snake_case`), link targets (`[text](url)`
//! and `[text][ref]` → text; reference definitions dropped), images
//! (`![alt](src)`, dropped like `<img>` in `.html`), footnote marks
//! (`[^1]`), HTML tags and comments, blockquote and list markers, table
//! pipes and delimiter rows, thematic breaks, backslash escapes and common
//! character references (`&amp;`, `&nbsp;`, `&#233;`). Code blocks and
//! inline code are kept as text. Headings other than the title, list items
//! and code blocks start paragraphs of their own.
//!
//! This is not a full CommonMark parser: it reads the Markdown that press
//! exports and scrapers write; odd constructs are left as text, never lost.

use crate::date::{find_date, Date};
use crate::{squeeze_spaces, text, Parsed};

pub(crate) fn parse(source: &str) -> Parsed {
    let (front, rest) = front_matter(source);
    let plain = to_plain(rest, front.title.is_some());
    let title = front.title.or(plain.title);
    let mut parsed = text::parse_lines(plain.lines.iter().map(String::as_str), title);
    if front.date.is_some() {
        parsed.date = front.date;
    }
    if front.source.is_some() {
        parsed.source = front.source;
    }
    parsed.declared_lang = front.lang;
    parsed
}

/// What YAML front matter (`---` … `---` at the top) says.
#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<Date>,
    source: Option<String>,
    lang: Option<fihris_lang::Lang>,
}

/// Front matter at the top of `source`, and the text after it. Only
/// `key: value` lines are read; nested YAML is ignored.
fn front_matter(source: &str) -> (FrontMatter, &str) {
    let mut front = FrontMatter::default();
    let Some(first_end) = source.find('\n') else {
        return (front, source);
    };
    if source[..first_end].trim_end() != "---" {
        return (front, source);
    }
    let mut offset = first_end + 1;
    let mut pairs = Vec::new();
    for line in source[offset..].split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            for (key, value) in pairs {
                apply_front_matter(&mut front, key, value);
            }
            return (front, &source[offset..]);
        }
        if trimmed.is_empty() || trimmed.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        match trimmed.split_once(':') {
            Some((key, value)) if !key.is_empty() && !key.contains(char::is_whitespace) => {
                pairs.push((key, value.trim()));
            }
            // A line that is not YAML: the `---` was a thematic break.
            _ => return (FrontMatter::default(), source),
        }
    }
    // No closing line: not front matter.
    (FrontMatter::default(), source)
}

fn apply_front_matter(front: &mut FrontMatter, key: &str, value: &str) {
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
        .trim();
    if value.is_empty() {
        return;
    }
    match key.to_ascii_lowercase().as_str() {
        "title" if front.title.is_none() => front.title = Some(squeeze_spaces(&inline(value))),
        "date" | "published" | "publishdate" | "pubdate" if front.date.is_none() => {
            front.date = Date::parse_iso(value).or_else(|| find_date(value));
        }
        "source" | "publisher" | "site_name" | "site" if front.source.is_none() => {
            front.source = Some(squeeze_spaces(value));
        }
        "lang" | "language" if front.lang.is_none() => front.lang = value.parse().ok(),
        _ => {}
    }
}

/// Markdown as plain lines, with the first level-1 heading taken out.
#[derive(Debug, Default)]
struct Plain {
    title: Option<String>,
    /// The title comes from elsewhere (front matter): headings stay text.
    title_known: bool,
    lines: Vec<String>,
}

/// An open code fence: its character and length.
type Fence = (char, usize);

fn to_plain(source: &str, title_known: bool) -> Plain {
    let source = strip_html_comments(source);
    let mut plain = Plain {
        title_known,
        ..Plain::default()
    };
    let mut fence: Option<Fence> = None;
    // Whether the last line pushed is paragraph text that a setext
    // underline (`===`, `---`) would make a heading.
    let mut setext_candidate = false;
    for raw in source.lines() {
        let line = raw.trim_end();
        if let Some(open) = fence {
            if closes_fence(line, open) {
                fence = None;
                plain.lines.push(String::new());
            } else {
                plain.lines.push(line.to_string());
            }
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(open) = opens_fence(trimmed) {
            fence = Some(open);
            plain.lines.push(String::new());
            setext_candidate = false;
            continue;
        }
        if trimmed.is_empty() {
            plain.lines.push(String::new());
            setext_candidate = false;
            continue;
        }
        if setext_candidate {
            if let Some(level) = setext_underline(trimmed) {
                let heading = plain.lines.pop().unwrap_or_default();
                plain.heading(level, heading);
                setext_candidate = false;
                continue;
            }
        }
        if is_thematic_break(trimmed) || is_reference_definition(trimmed) {
            plain.lines.push(String::new());
            setext_candidate = false;
            continue;
        }
        if let Some((level, text)) = atx_heading(trimmed) {
            plain.heading(level, inline(text));
            setext_candidate = false;
            continue;
        }
        let (content, new_block) = strip_block_markers(trimmed);
        if content.starts_with('|') {
            if is_table_delimiter(content) {
                continue;
            }
            plain.lines.push(inline(&content.replace('|', "  ")));
            setext_candidate = false;
            continue;
        }
        if new_block {
            plain.lines.push(String::new());
        }
        let content = content.strip_suffix('\\').unwrap_or(content);
        plain.lines.push(inline(content));
        setext_candidate = !new_block;
    }
    plain
}

impl Plain {
    /// A heading: the first level-1 heading is the title; others are
    /// paragraphs of their own.
    fn heading(&mut self, level: usize, text: String) {
        if level == 1 && !self.title_known && self.title.is_none() && !text.trim().is_empty() {
            self.title = Some(text);
            return;
        }
        self.lines.push(String::new());
        self.lines.push(text);
        self.lines.push(String::new());
    }
}

/// `<!-- … -->` removed, even across lines (the line breaks inside stay, so
/// paragraphs do not merge).
fn strip_html_comments(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains("<!--") {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        match after.find("-->") {
            Some(end) => {
                out.extend(after[..end].chars().filter(|c| *c == '\n'));
                rest = &after[end + 3..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn opens_fence(trimmed: &str) -> Option<Fence> {
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.chars().take_while(|x| *x == c).count();
    (len >= 3).then_some((c, len))
}

fn closes_fence(line: &str, (c, len): Fence) -> bool {
    let trimmed = line.trim();
    trimmed.chars().all(|x| x == c) && trimmed.chars().count() >= len
}

/// 1 for a line of `=`, 2 for a line of `-`.
fn setext_underline(trimmed: &str) -> Option<usize> {
    if trimmed.chars().all(|c| c == '=') {
        Some(1)
    } else if trimmed.len() >= 2 && trimmed.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

/// `***`, `---`, `___` (spaces allowed between).
fn is_thematic_break(trimmed: &str) -> bool {
    let Some(first) = trimmed.chars().next().filter(|c| matches!(c, '*' | '-' | '_')) else {
        return false;
    };
    let mut count = 0;
    for c in trimmed.chars() {
        if c == first {
            count += 1;
        } else if c != ' ' && c != '\t' {
            return false;
        }
    }
    count >= 3
}

/// `[label]: target`.
fn is_reference_definition(trimmed: &str) -> bool {
    let Some(rest) = trimmed.strip_prefix('[') else {
        return false;
    };
    match rest.find("]:") {
        Some(end) => end > 0 && !rest[..end].contains(']') && !rest[end + 2..].trim().is_empty(),
        None => false,
    }
}

/// `## Heading ##` → (2, "Heading").
fn atx_heading(trimmed: &str) -> Option<(usize, &str)> {
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    // A closing run of `#` after a space.
    let text = match rest.trim_end_matches('#') {
        stripped
            if stripped.len() < rest.len() && (stripped.is_empty() || stripped.ends_with([' ', '\t'])) =>
        {
            stripped.trim_end()
        }
        _ => rest,
    };
    Some((level, text))
}

/// The line without blockquote and list markers; whether a list item
/// starts there.
fn strip_block_markers(mut line: &str) -> (&str, bool) {
    let mut list_item = false;
    loop {
        if let Some(rest) = line.strip_prefix('>') {
            line = rest.trim_start();
            continue;
        }
        if let Some(rest) = list_marker(line) {
            line = rest;
            list_item = true;
            // A task list box.
            for box_ in ["[ ] ", "[x] ", "[X] "] {
                if let Some(rest) = line.strip_prefix(box_) {
                    line = rest.trim_start();
                }
            }
            continue;
        }
        return (line, list_item);
    }
}

/// The text after a list marker (`- `, `* `, `+ `, `1. `, `1) `).
fn list_marker(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let marker_len = if digits == 0 {
        usize::from(line.starts_with(['-', '*', '+']))
    } else if digits <= 9 && line[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        0
    };
    if marker_len == 0 {
        return None;
    }
    let rest = &line[marker_len..];
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

/// `|---|:---:|` and the like.
fn is_table_delimiter(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Inline Markdown to text.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let run = run_len(&chars, i, '`');
                match find_run(&chars, i + run, '`', run) {
                    Some(close) => {
                        let code: String = chars[i + run..close].iter().collect();
                        out.push_str(
                            code.strip_prefix(' ')
                                .and_then(|c| c.strip_suffix(' '))
                                .unwrap_or(&code),
                        );
                        i = close + run;
                    }
                    None => {
                        out.extend(&chars[i..i + run]);
                        i += run;
                    }
                }
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link(&chars, i + 1) {
                Some((_, end)) => i = end,
                None => {
                    out.push('!');
                    i += 1;
                }
            },
            '[' => {
                if chars.get(i + 1) == Some(&'^') {
                    if let Some(close) = matching(&chars, i, '[', ']') {
                        i = close + 1;
                        continue;
                    }
                }
                match link(&chars, i) {
                    Some((label, end)) => {
                        out.push_str(&inline(&label));
                        i = end;
                    }
                    None => {
                        out.push('[');
                        i += 1;
                    }
                }
            }
            '<' => match tag(&chars, i) {
                Some((Some(url), end)) => {
                    out.push_str(&url);
                    i = end;
                }
                Some((None, end)) => {
                    // A tag separates words: "a<br>b" is two words.
                    out.push(' ');
                    i = end;
                }
                None => {
                    out.push('<');
                    i += 1;
                }
            },
            '&' => match entity(&chars, i) {
                Some((decoded, end)) => {
                    out.push(decoded);
                    i = end;
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            },
            '*' | '_' | '~' => {
                let run = run_len(&chars, i, c);
                let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
                let after = chars.get(i + run).copied();
                let is_alnum = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
                let is_space = |x: Option<char>| x.is_none_or(char::is_whitespace);
                let intraword = is_alnum(before) && is_alnum(after);
                let alone = is_space(before) && is_space(after);
                let strike_too_short = c == '~' && run < 2;
                if intraword || alone || strike_too_short {
                    out.extend(&chars[i..i + run]);
                }
                i += run;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn run_len(chars: &[char], start: usize, c: char) -> usize {
    chars[start..].iter().take_while(|x| **x == c).count()
}

/// The start of the next run of exactly `len` characters `c` from `from`.
fn find_run(chars: &[char], from: usize, c: char, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == c {
            let run = run_len(chars, i, c);
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// The index of the bracket closing the one at `open_at`, with nesting and
/// backslash escapes.
fn matching(chars: &[char], open_at: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open_at;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// A link at `at` (`[label](target)` or `[label][ref]`): its label and the
/// index after it.
fn link(chars: &[char], at: usize) -> Option<(String, usize)> {
    let close = matching(chars, at, '[', ']')?;
    let label: String = chars[at + 1..close].iter().collect();
    match chars.get(close + 1) {
        Some('(') => {
            let end = matching(chars, close + 1, '(', ')')?;
            Some((label, end + 1))
        }
        Some('[') => {
            let end = matching(chars, close + 1, '[', ']')?;
            Some((label, end + 1))
        }
        _ => None,
    }
}

/// An HTML tag or autolink at `at`: `Some(url)` for an autolink
/// (`<https://…>`), `None` for a tag, and the index after it.
fn tag(chars: &[char], at: usize) -> Option<(Option<String>, usize)> {
    let next = *chars.get(at + 1)?;
    if !(next.is_ascii_alphabetic() || next == '/' || next == '!' || next == '?') {
        return None;
    }
    let close = at + chars[at..].iter().position(|c| *c == '>')?;
    let inner: String = chars[at + 1..close].iter().collect();
    let is_autolink = !inner.contains(char::is_whitespace)
        && (inner.contains("://")
            || inner.starts_with("mailto:")
            || (inner.contains('@') && !inner.contains('/')));
    if is_autolink {
        let url = inner.strip_prefix("mailto:").unwrap_or(&inner).to_string();
        return Some((Some(url), close + 1));
    }
    Some((None, close + 1))
}

/// Named character references that press Markdown uses, sorted by name
/// (HTML's list has two thousand; others are left as written).
const ENTITIES: &[(&str, char)] = &[
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("ccedil", 'ç'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("euro", '€'),
    ("gt", '>'),
    ("hellip", '…'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("oelig", 'œ'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("rsquo", '’'),
];

/// A character reference at `at` (`&amp;`, `&#233;`, `&#xE9;`): the
/// character and the index after it.
fn entity(chars: &[char], at: usize) -> Option<(char, usize)> {
    let semi = at + chars[at..].iter().take(12).position(|c| *c == ';')?;
    let name: String = chars[at + 1..semi].iter().collect();
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        ENTITIES
            .binary_search_by(|(n, _)| n.cmp(&name.as_str()))
            .ok()
            .map(|i| ENTITIES[i].1)?
    };
    Some((decoded, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_header_body_and_links() {
        let p = parse(
            "# L'**ANEM** et [Pôle emploi](https://www.pole-emploi.fr \"site\") signent un jumelage\n\
             \n\
             *12 mars 2019*\n\
             Source : [Le Quotidien](https://lq.dz)\n\
             \n\
             Le projet, financé par l'_Union européenne_, durera\n\
             **deux ans**. ![photo](img/anem.jpg \"ANEM\")\n\
             \n\
             ## Un programme de trois volets\n\
             \n\
             - la formation des conseillers ;\n\
             - les outils [numériques][1].\n\
             \n\
             [1]: https://example.org/outils\n",
        );
        assert_eq!(p.title, "L'ANEM et Pôle emploi signent un jumelage");
        assert_eq!(p.date.map(|d| d.to_string()), Some("2019-03-12".to_string()));
        assert_eq!(p.source.as_deref(), Some("Le Quotidien"));
        assert_eq!(
            p.body,
            "Le projet, financé par l'Union européenne, durera deux ans.\n\n\
             Un programme de trois volets\n\n\
             la formation des conseillers ;\n\n\
             les outils numériques."
        );
    }

    #[test]
    fn title_is_first_line_without_heading() {
        let p = parse("Jumelage entre agences\n\nTexte **du** corps.\n");
        assert_eq!(p.title, "Jumelage entre agences");
        assert_eq!(p.body, "Texte du corps.");
        // A level-2 heading is not a level-1 heading, but it is the first
        // line: its markers go.
        let p = parse("## Brève\nUn paragraphe.\n");
        assert_eq!(p.title, "Brève");
        assert_eq!(p.body, "Un paragraphe.");
    }

    #[test]
    fn setext_heading_and_front_matter() {
        let p = parse(
            "---\ntitle: \"توأمة بين الوكالتين\"\ndate: 2020-01-15\nsource: الشروق\nlang: ar\n---\n\
             توأمة\n=====\n\nنص المقال.\n",
        );
        assert_eq!(p.title, "توأمة بين الوكالتين");
        assert_eq!(p.date.map(|d| d.to_string()), Some("2020-01-15".to_string()));
        assert_eq!(p.source.as_deref(), Some("الشروق"));
        assert_eq!(p.declared_lang, Some(fihris_lang::Lang::Ar));
        // The setext heading is not the title (front matter's is): it is a
        // paragraph of its own.
        assert_eq!(p.body, "توأمة\n\nنص المقال.");

        let p = parse("Titre souligné\n==============\nCorps.\n");
        assert_eq!(p.title, "Titre souligné");
        assert_eq!(p.body, "Corps.");
    }

    #[test]
    fn code_html_tables_and_escapes() {
        let p = parse(
            "# Titre\n\n\
             Texte <span class=\"x\">balisé</span><br>ligne &amp; suite&nbsp;: \\*pas d'emphase\\* \
             et `code_inline` avec snake_case et 5 * 3.<!-- commentaire\ncaché -->\n\
             \n\
             ```rust\nlet x = **pas** [un](lien);\n```\n\
             \n\
             | Agence | Pays |\n|---|:---:|\n| ANEM | Algérie |\n\
             \n\
             > Citation *importante*.\n\
             \n\
             ***\n\
             Voir <https://www.anem.dz> et[^1].\n",
        );
        assert_eq!(p.title, "Titre");
        assert_eq!(
            p.body,
            "Texte balisé ligne & suite : *pas d'emphase* et code_inline avec snake_case et 5 * 3.\n\n\
             let x = **pas** [un](lien);\n\n\
             Agence Pays ANEM Algérie\n\n\
             Citation importante.\n\n\
             Voir https://www.anem.dz et."
        );
    }

    #[test]
    fn inline_pieces() {
        let cases = [
            ("**gras** et __gras__", "gras et gras"),
            ("*it* _it_ ~~barré~~", "it it barré"),
            ("[texte](http://a.b/(x)) suite", "texte suite"),
            ("![image](a.png) légende", " légende"),
            ("[[imbriqué]](u)", "[imbriqué]"),
            ("[pas un lien] ici", "[pas un lien] ici"),
            ("a < b et c > d", "a < b et c > d"),
            ("&#233;t&#xE9; &eacute;, &inconnu;", "été é, &inconnu;"),
            ("``code ` avec`` fin", "code ` avec fin"),
            ("~ approx", "~ approx"),
        ];
        for (markdown, text) in cases {
            assert_eq!(inline(markdown), text, "{markdown}");
        }
    }

    #[test]
    fn entity_table_is_sorted() {
        assert!(ENTITIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn unclosed_things_do_not_lose_text() {
        let p = parse("---\nnot: front matter\n\n# Vrai titre\n```\ncode jamais fermé\n");
        assert_eq!(p.title, "Vrai titre");
        assert_eq!(p.body, "not: front matter\n\ncode jamais fermé");
    }
}
