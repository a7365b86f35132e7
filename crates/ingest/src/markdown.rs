//! Markdown articles (`.md`, `.markdown`).
//!
//! The Markdown is turned into the text a reader sees, line by line, and
//! then read like a `.txt` file (title, optional date and source header
//! lines, paragraphs separated by blank lines). The title is, in order: a
//! `title:` in YAML front matter, the first level-1 heading (`# Titre` or a
//! line underlined with `===`), the first non-empty line.
//!
//! What is removed: front matter (its `date:`, `source:`/`publisher:`/
//! `site_name:`, `author:` and `lang:` are used), heading markers, emphasis (`*`, `_`,
//! `~~`, kept inside words such as `snake_case`), link targets (`[text](url)`
//! and `[text][ref]` → text; reference definitions dropped), images
//! (`![alt](src)`, dropped like `<img>` in `.html`), footnote marks
//! (`[^1]`) and footnote definitions, HTML tags and comments, blockquote
//! and list markers, table pipes and delimiter rows, thematic breaks,
//! backslash escapes and character references (`&amp;`, `&nbsp;`,
//! `&#233;`). Emphasis delimiters that open or close nothing are dropped
//! too, except inside a word or alone between spaces. Code blocks and
//! inline code are kept as text. Headings other than the title, list items
//! and code blocks start paragraphs of their own.
//!
//! The Markdown is read by pulldown-cmark (CommonMark, with tables,
//! footnotes, strikethrough and task lists); front matter and HTML comments
//! are taken out before. All HTML character references are decoded.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::date::{find_date, Date};
use crate::{squeeze_spaces, text, Parsed};

pub(crate) fn parse(source: &str) -> Parsed {
    let (front, rest) = front_matter(source);
    let plain = to_plain(rest, front.title.is_some());
    let title = front.title.or(plain.title);
    let order = text::numeric_order(&plain.lines.join("\n"));
    let mut parsed = text::parse_lines(plain.lines.iter().map(String::as_str), title, order);
    if front.date.is_some() {
        parsed.date = front.date;
    }
    if front.source.is_some() {
        parsed.source = front.source;
    }
    if front.author.is_some() {
        parsed.author = front.author;
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
    author: Option<String>,
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
        "author" if front.author.is_none() => front.author = Some(squeeze_spaces(value)),
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

impl Plain {
    /// A heading: the first level-1 heading is the title; others are
    /// paragraphs of their own.
    fn heading(&mut self, level: HeadingLevel, text: String) {
        if level == HeadingLevel::H1 && !self.title_known && self.title.is_none() && !text.trim().is_empty() {
            self.title = Some(text);
            return;
        }
        self.lines.push(String::new());
        self.lines.push(text);
        self.lines.push(String::new());
    }
}

/// The extensions read besides CommonMark.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Turns parser events into lines: one line per source line of a
/// paragraph (soft breaks stay line breaks, so header lines are seen), a
/// blank line between blocks.
#[derive(Debug, Default)]
struct Lines {
    plain: Plain,
    /// The line being written.
    line: String,
    /// Inside an image (its text is dropped) or a footnote definition.
    hidden: usize,
    /// Inside a code block: its text is kept line by line.
    code: bool,
}

impl Lines {
    /// Ends the line being written.
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.plain.lines.push(line);
    }

    /// Ends a block: the line being written, then a blank line.
    fn end_block(&mut self) {
        if !self.line.is_empty() {
            self.end_line();
        }
        self.plain.lines.push(String::new());
    }

    fn text(&mut self, text: &str) {
        if self.hidden > 0 {
            return;
        }
        if self.code {
            for (i, piece) in text.split('\n').enumerate() {
                if i > 0 {
                    self.end_line();
                }
                self.line.push_str(piece);
            }
        } else {
            self.line.push_str(text);
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::Html(html) => {
                for (i, line) in html.split('\n').enumerate() {
                    if i > 0 {
                        self.end_line();
                    }
                    if self.hidden == 0 {
                        self.line.push_str(&without_tags(line));
                    }
                }
            }
            // A tag separates words: "a<br>b" is two words.
            Event::InlineHtml(_) => self.text(" "),
            Event::SoftBreak | Event::HardBreak => {
                if self.hidden == 0 {
                    self.end_line();
                }
            }
            Event::Rule => self.end_block(),
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { .. } | Tag::Paragraph | Tag::Item | Tag::Table(_) | Tag::BlockQuote(_) => {
                if !self.line.is_empty() {
                    self.end_block();
                }
                if matches!(tag, Tag::Item) {
                    self.plain.lines.push(String::new());
                }
            }
            Tag::CodeBlock(_) => {
                self.end_block();
                self.code = true;
            }
            Tag::TableCell => self.line.push_str("  "),
            Tag::Image { .. } | Tag::FootnoteDefinition(_) => self.hidden += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(level) => {
                let text = std::mem::take(&mut self.line);
                self.plain.heading(level, text);
            }
            TagEnd::Paragraph | TagEnd::Item | TagEnd::Table | TagEnd::BlockQuote(_) => self.end_block(),
            TagEnd::TableHead | TagEnd::TableRow => self.end_line(),
            TagEnd::CodeBlock => {
                self.code = false;
                self.end_block();
            }
            TagEnd::Image | TagEnd::FootnoteDefinition => self.hidden = self.hidden.saturating_sub(1),
            _ => {}
        }
    }
}

fn to_plain(source: &str, title_known: bool) -> Plain {
    let source = strip_html_comments(source);
    let mut lines = Lines {
        plain: Plain {
            title_known,
            ..Plain::default()
        },
        ..Lines::default()
    };
    // For each emphasis open: its closing delimiters, when they are inside
    // a word and so kept as text.
    let mut closing: Vec<Option<String>> = Vec::new();
    for (event, range) in Parser::new_ext(&source, options()).into_offset_iter() {
        match &event {
            Event::Text(text) if is_stray_delimiter(&source, range.clone(), text) => continue,
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) => {
                let width = match tag {
                    Tag::Emphasis => 1,
                    Tag::Strong => 2,
                    _ => usize::MAX,
                };
                let (open, close) = intraword_delimiters(&source, range, width);
                if let Some(open) = open {
                    lines.text(&open);
                }
                closing.push(close);
                continue;
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                if let Some(close) = closing.pop().flatten() {
                    lines.text(&close);
                }
                continue;
            }
            _ => {}
        }
        lines.event(event);
    }
    if !lines.line.is_empty() {
        lines.end_line();
    }
    lines.plain
}

/// The delimiters of an emphasis span at `range` that are inside a word on
/// both sides ("c*nne", "a*b*c"): kept as text, as they always were. The
/// opening ones, then the closing ones.
fn intraword_delimiters(
    source: &str,
    range: std::ops::Range<usize>,
    width: usize,
) -> (Option<String>, Option<String>) {
    let Some(span) = source.get(range.clone()) else {
        return (None, None);
    };
    let Some(c) = span.chars().next() else {
        return (None, None);
    };
    // Delimiters are ASCII: one byte each.
    let open_len = (span.len() - span.trim_start_matches(c).len()).min(width);
    let close_len = (span.len() - span.trim_end_matches(c).len()).min(width);
    let is_alnum = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    let inside = |start: usize, end: usize| {
        let whole_start = source[..start].trim_end_matches(c).len();
        let whole_end = end + (source[end..].len() - source[end..].trim_start_matches(c).len());
        is_alnum(source[..whole_start].chars().next_back()) && is_alnum(source[whole_end..].chars().next())
    };
    let open = inside(range.start, range.start + open_len).then(|| span[..open_len].to_string());
    let close = inside(range.end - close_len, range.end).then(|| span[span.len() - close_len..].to_string());
    (open, close)
}

/// Whether a text event is a run of emphasis delimiters (`*`, `_`, `~~`)
/// that opens or closes nothing ("sondage*", "*العرض" in a list typed
/// without spaces): dropped, as they always were, unless inside a word
/// ("c*nne") or alone between spaces ("5 * 3"). An escaped one (`\*`) is
/// text.
fn is_stray_delimiter(source: &str, range: std::ops::Range<usize>, text: &str) -> bool {
    let Some(c) = text.chars().next().filter(|c| matches!(c, '*' | '_' | '~')) else {
        return false;
    };
    if !text.chars().all(|x| x == c) || source.get(range.clone()) != Some(text) {
        return false;
    }
    // The whole run in the source, which the parser may have cut.
    let start = source[..range.start].trim_end_matches(c).len();
    let end = range.end + (source[range.end..].len() - source[range.end..].trim_start_matches(c).len());
    let before = source[..start].chars().next_back();
    let after = source[end..].chars().next();
    let is_alnum = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    let is_space = |x: Option<char>| x.is_none_or(char::is_whitespace);
    let intraword = is_alnum(before) && is_alnum(after);
    let alone = is_space(before) && is_space(after);
    let strike_too_short = c == '~' && end - start < 2;
    !(intraword || alone || strike_too_short)
}

/// The text of a line of HTML: tags become spaces.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        match rest[start..].find('>') {
            Some(end) => {
                out.push(' ');
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Inline Markdown (a front matter value) to text.
fn inline(text: &str) -> String {
    let mut lines = Lines::default();
    lines.plain.title_known = true;
    for event in Parser::new_ext(text, options()) {
        lines.event(event);
    }
    lines.end_line();
    let words: Vec<&str> = lines
        .plain
        .lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    words.join(" ")
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
    fn author_from_front_matter_or_byline() {
        let p = parse("---\nauthor: \"Nadia Benali\"\n---\n# Titre\n\nTexte.\n");
        assert_eq!(p.author.as_deref(), Some("Nadia Benali"));
        let p = parse("# Titre\n\n*Par Karim L.*\n\nTexte du corps.\n");
        assert_eq!(p.author.as_deref(), Some("Karim L."));
        assert_eq!(p.body, "Texte du corps.");
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
            // Front matter values are squeezed after: spaces at the ends do not count.
            assert_eq!(
                squeeze_spaces(&inline(markdown)),
                squeeze_spaces(text),
                "{markdown}"
            );
        }
    }

    #[test]
    fn unclosed_things_do_not_lose_text() {
        let p = parse("---\nnot: front matter\n\n# Vrai titre\n```\ncode jamais fermé\n");
        assert_eq!(p.title, "Vrai titre");
        assert_eq!(p.body, "not: front matter\n\ncode jamais fermé");
    }
}
