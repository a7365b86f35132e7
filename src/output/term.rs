//! Terminal primitives of the human printers: the styles (bold, dim, the
//! highlight), the width to fit and how it is found, the display width of
//! text (`unicode-width`), word wrapping, and right-to-left isolation of
//! Arabic text.

use std::io::{self, IsTerminal, Write};

use unicode_width::UnicodeWidthChar;

/// Marks around matched words where colour is off (also in JSON and CSV
/// snippets).
pub const MARK_OPEN: &str = "**";
/// See [`MARK_OPEN`].
pub const MARK_CLOSE: &str = "**";

/// Bold: titles and group headings.
pub const BOLD: anstyle::Style = anstyle::Style::new().bold();
/// Dim: metadata lines and footers.
pub const DIM: anstyle::Style = anstyle::Style::new().dimmed();
/// Back to the terminal's default style.
pub const RESET: anstyle::Reset = anstyle::Reset;
/// Bold yellow, for matched words and the bars of `stats`. Written as one
/// SGR sequence (`ESC[1;33m`), as fihris always has: `anstyle` would write
/// bold and yellow as two sequences, which a terminal shows the same but
/// scripts matching the bytes would not.
pub const HIGHLIGHT: &str = "\x1b[1;33m";

/// Indentation of the lines under a hit's title.
pub const INDENT: &str = "    ";

/// Right-to-left isolate (U+2067) … pop directional isolate (U+2069): an
/// Arabic title or snippet keeps its right-to-left order on a terminal that
/// implements the Unicode bidi algorithm, without disturbing the
/// left-to-right text around it.
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// Narrowest and widest line fitted, whatever `COLUMNS` or the terminal say.
const MIN_WIDTH: usize = 40;
/// See [`MIN_WIDTH`].
const MAX_WIDTH: usize = 160;
/// The width fitted when neither `COLUMNS` nor a terminal tells.
const DEFAULT_WIDTH: usize = 80;

/// The width to fit, between 40 and 160 columns: `COLUMNS` when the shell
/// exports a number there, else the width of the terminal when standard
/// output is one, else 80.
pub fn line_width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok());
    let terminal = || {
        let stdout = io::stdout();
        stdout
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(&stdout))
            .flatten()
            .map(|(terminal_size::Width(w), _)| usize::from(w))
    };
    columns
        .or_else(terminal)
        .map_or(DEFAULT_WIDTH, |c| c.clamp(MIN_WIDTH, MAX_WIDTH))
}

/// Whether to colour standard output for `--color auto`: what `anstream`
/// decides from the environment (`NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`,
/// `TERM`) and whether standard output is a terminal.
pub fn auto_color() -> bool {
    matches!(
        anstream::AutoStream::choice(&io::stdout()),
        anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi
    )
}

/// Columns `text` takes on a terminal, by `unicode-width`: escape
/// sequences take none, nor do combining marks (harakat, accents in NFD),
/// bidi controls and other zero-width characters; wide (CJK) characters
/// take two.
pub fn display_width(text: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in text.chars() {
        if in_escape {
            in_escape = !c.is_ascii_alphabetic();
            continue;
        }
        if c == '\x1b' {
            in_escape = true;
        } else {
            width += c.width().unwrap_or(0);
        }
    }
    width
}

/// The longest start of `text` that fits `width` columns.
pub fn truncate(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            return &text[..at];
        }
    }
    text
}

/// `text` followed by spaces up to `width` columns (by display width, as
/// `format!("{:<width$}")` would pad by characters).
pub fn pad_right(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(pad))
}

/// Greedy word wrap to `width` columns; a word longer than a line stays whole.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split_whitespace() {
        let w = display_width(word);
        if !line.is_empty() && line_width + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Whether a line of `text` in language `lang` reads right to left.
pub fn is_rtl(lang: &str, text: &str) -> bool {
    lang == "ar" || mostly_arabic(text)
}

/// Cheap: whether at least half the letters of `text` are Arabic. Only
/// decides right-to-left isolation of a line.
fn mostly_arabic(text: &str) -> bool {
    let arabic = text.chars().filter(|c| fihris_lang::is_arabic_block(*c)).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0 && arabic * 2 >= letters
}

/// `text` between right-to-left isolates when `rtl`.
pub fn isolate(text: &str, rtl: bool) -> String {
    if rtl {
        format!("{RLI}{text}{PDI}")
    } else {
        text.to_string()
    }
}

/// `text` isolated right to left when it is mostly Arabic.
pub fn isolate_auto(text: &str) -> String {
    isolate(text, is_rtl("", text))
}

/// Writes `prefix` and `text` as one line, `text` in `style` when `color`.
pub fn styled_line(
    out: &mut impl Write,
    prefix: &str,
    text: &str,
    style: anstyle::Style,
    color: bool,
) -> io::Result<()> {
    if color {
        writeln!(out, "{prefix}{}{text}{RESET}", style.render())
    } else {
        writeln!(out, "{prefix}{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(
            wrap("un deux trois quatre", 9),
            vec!["un deux", "trois", "quatre"]
        );
        assert_eq!(
            wrap("anticonstitutionnellement x", 5),
            vec!["anticonstitutionnellement", "x"]
        );
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn display_width_counts_columns() {
        assert_eq!(display_width("\x1b[1;33mjumelage\x1b[0m"), 8);
        // Harakat take no column.
        assert_eq!(display_width("تَوْأَمَة"), 5);
        // Accents in NFD, bidi isolates, zero-width joiners neither.
        assert_eq!(display_width("e\u{301}te\u{301}"), 3);
        assert_eq!(display_width("\u{2067}عمل\u{2069}"), 3);
        assert_eq!(display_width("a\u{200D}b"), 2);
        // Wide CJK characters take two.
        assert_eq!(display_width("就业"), 4);
        assert_eq!(wrap("就业 就业 x", 6), vec!["就业", "就业 x"]);
    }

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad_right("fr", 5), "fr   ");
        assert_eq!(pad_right("就业", 5), "就业 ");
        assert_eq!(pad_right("تَوْأَمَة", 6), "تَوْأَمَة ");
        assert_eq!(pad_right("anticonstitutionnel", 5), "anticonstitutionnel");
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("jumelage", 4), "jume");
        assert_eq!(truncate("就业市场", 5), "就业");
        assert_eq!(truncate("تَوْأَمَة", 3), "تَوْأَ");
        assert_eq!(truncate("abc", 10), "abc");
    }

    #[test]
    fn styles_render_today_bytes() {
        assert_eq!(BOLD.render().to_string(), "\x1b[1m");
        assert_eq!(DIM.render().to_string(), "\x1b[2m");
        assert_eq!(RESET.render().to_string(), "\x1b[0m");
    }
}
