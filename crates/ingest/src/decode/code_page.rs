//! Code pages: the encoding an HTML page declares in its `<meta>` tags,
//! and the detection among the Arabic and Latin code pages of the press
//! (chardetng's guess first), with the bytes that tell ISO-8859-15 from
//! Windows-1252.

use encoding_rs::{
    Encoding, ISO_8859_15, ISO_8859_6, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1256,
    X_USER_DEFINED,
};

use super::plausible::{plausible_arabic, plausible_latin};
use super::{legacy, Decoded};

/// The encoding an HTML page declares in a `<meta>` tag of its first 4 KiB:
/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">`. Declarations of UTF-8 or UTF-16 are ignored (the bytes are
/// not UTF-8 when this is asked; a UTF-16 page would have a BOM), and so
/// are the WHATWG's "replacement" and "x-user-defined".
pub(super) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    declared_encoding(bytes).filter(|e| ![UTF_8, UTF_16LE, UTF_16BE, REPLACEMENT, X_USER_DEFINED].contains(e))
}

/// The encoding the first `<meta>` with a charset declares in the page's
/// first 4096 bytes, whichever it is.
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&head[from..], b"<meta") {
        let start = from + pos + 5;
        let end = find(&head[start..], b">").map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(encoding) = charset_in_tag(tag) {
            return Some(encoding);
        }
        from = end;
    }
    None
}

fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find(tag, b"charset")?;
    let rest = tag[at + 7..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    Arabic,
    Latin,
}

pub(super) fn family(encoding: &'static Encoding) -> Option<Family> {
    if encoding == WINDOWS_1256 || encoding == ISO_8859_6 {
        Some(Family::Arabic)
    } else if encoding == WINDOWS_1252 || encoding == ISO_8859_15 {
        Some(Family::Latin)
    } else {
        None
    }
}

/// Tries the Arabic and Latin code pages, chardetng's guess first, and
/// takes the first whose text is plausible.
pub(super) fn detect(bytes: &[u8]) -> Option<Decoded<'static>> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    let mut order: Vec<&'static Encoding> = Vec::with_capacity(5);
    if family(guess).is_some() {
        order.push(guess);
    }
    // ISO-8859-15 last: where Windows-1252 reads the same text, it is
    // chosen below by its bytes; alone, it is for œ read as "c½ur".
    for encoding in [WINDOWS_1256, ISO_8859_6, WINDOWS_1252, ISO_8859_15] {
        if !order.contains(&encoding) {
            order.push(encoding);
        }
    }
    for encoding in order {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors {
            continue;
        }
        match family(encoding) {
            Some(Family::Arabic) if plausible_arabic(&text) => return Some(legacy(text, encoding)),
            Some(Family::Latin) if plausible_latin(&text) => {
                if encoding == ISO_8859_15 {
                    return Some(legacy(text, encoding));
                }
                // ISO-8859-15 differs from Windows-1252 in eight letters and
                // symbols; chardetng never names it, the bytes tell.
                if prefers_iso_8859_15(bytes) {
                    let (text15, errors15) = ISO_8859_15.decode_without_bom_handling(bytes);
                    if !errors15 && plausible_latin(&text15) {
                        return Some(legacy(text15, ISO_8859_15));
                    }
                }
                return Some(legacy(text, encoding));
            }
            _ => {}
        }
    }
    None
}

/// Whether bytes that are plausible Windows-1252 are rather ISO-8859-15: no
/// byte in 0x80–0x9F (printable in Windows-1252, controls in ISO-8859-15),
/// and more signs of ISO-8859-15 than of Windows-1252. The eight bytes that
/// differ are read by their neighbours: Œ œ Ÿ (0xBC–0xBE) next to a letter
/// and € (0xA4) next to a digit or space are ISO-8859-15; ¼ ½ ¾ after a
/// digit or alone, and ´ next to a letter (typed for an apostrophe: "d´un")
/// are Windows-1252. The others (Š š Ž ž against ¦ ¨ ´ ¸) tell nothing in
/// French text.
fn prefers_iso_8859_15(bytes: &[u8]) -> bool {
    if bytes.iter().any(|b| (0x80..=0x9F).contains(b)) {
        return false;
    }
    let is_letter = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0xC0);
    let is_digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let is_space = |b: Option<&u8>| b.is_none_or(u8::is_ascii_whitespace);
    let mut iso = 0usize;
    let mut windows = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let after = bytes.get(i + 1);
        match b {
            0xBC..=0xBE if is_digit(before) || (is_space(before) && is_space(after)) => windows += 1,
            0xBC..=0xBE if is_letter(before) || is_letter(after) => iso += 1,
            0xB4 if is_letter(before) && is_letter(after) => windows += 1,
            0xA4 if is_digit(before) || is_space(before) || is_digit(after) || is_space(after) => iso += 1,
            _ => {}
        }
    }
    iso > windows
}

#[cfg(test)]
mod tests {
    use super::super::tests::{decoded, encode, AR, FR, FR_OE};
    use super::super::Container;
    use super::*;

    #[test]
    fn arabic_code_pages() {
        for encoding in [WINDOWS_1256, ISO_8859_6] {
            let bytes = encode(encoding, AR);
            assert_eq!(
                decoded(&bytes, Container::Text),
                (AR.to_string(), Some(encoding.name())),
                "{}",
                encoding.name()
            );
        }
        // A short headline, and Arabic with Latin acronyms and French words
        // (Windows-1256 has the French accented letters).
        let headline = "توأمة بين الوكالتين";
        assert_eq!(
            decoded(&encode(WINDOWS_1256, headline), Container::Text),
            (headline.to_string(), Some("windows-1256"))
        );
        let mixed = "أعلنت الوكالة (ANEM) عن برنامج «Pôle emploi» الجديد لفائدة الشباب في ولاية وهران.";
        assert_eq!(
            decoded(&encode(WINDOWS_1256, mixed), Container::Text),
            (mixed.to_string(), Some("windows-1256"))
        );
    }

    #[test]
    fn latin_code_pages() {
        assert_eq!(
            decoded(&encode(WINDOWS_1252, FR), Container::Text),
            (FR.to_string(), Some("windows-1252"))
        );
        // Windows-1252 with œ and € at 0x9C and 0x80.
        assert_eq!(
            decoded(&encode(WINDOWS_1252, FR_OE), Container::Text),
            (FR_OE.to_string(), Some("windows-1252"))
        );
        // ISO-8859-15 puts œ at 0xBD and € at 0xA4.
        let bytes = encode(ISO_8859_15, FR_OE);
        assert!(bytes.contains(&0xBD) && bytes.contains(&0xA4));
        assert_eq!(
            decoded(&bytes, Container::Text),
            (FR_OE.to_string(), Some("ISO-8859-15"))
        );
        // Fractions and a ´ typed for an apostrophe are Windows-1252.
        let text = "Un 4x4 de 4½ tonnes, d´un coût de ½ million.";
        assert_eq!(
            decoded(&encode(WINDOWS_1252, text), Container::Text),
            (text.to_string(), Some("windows-1252"))
        );
        let text = "L'Haÿ-les-Roses : un chœur de 40 voix, 12 € la place.";
        assert_eq!(
            decoded(&encode(ISO_8859_15, text), Container::Text),
            (text.to_string(), Some("ISO-8859-15"))
        );
        // Without those letters ISO-8859-15 is ISO-8859-1, read as
        // Windows-1252 (the same characters).
        let plain = FR.replace('’', "'");
        assert_eq!(
            decoded(&encode(ISO_8859_15, &plain), Container::Text),
            (plain.clone(), Some("windows-1252"))
        );
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let page = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">\
             <title>{AR}</title></head><body><p>{AR}</p></body></html>"
        );
        assert_eq!(
            decoded(&encode(WINDOWS_1256, &page), Container::Html),
            (page.clone(), Some("windows-1256"))
        );
        let page = format!("<meta charset='iso-8859-6'><p>{AR}</p>");
        assert_eq!(
            decoded(&encode(ISO_8859_6, &page), Container::Html),
            (page.clone(), Some("ISO-8859-6"))
        );
        // A wrong declaration (ISO-8859-6 for Windows-1256 bytes) is not
        // believed: detection finds the right code page.
        let page = format!("<meta charset=\"ISO-8859-6\"><p>{AR}</p>");
        assert_eq!(
            decoded(&encode(WINDOWS_1256, &page), Container::Html),
            (page.clone(), Some("windows-1256"))
        );
        // An Arabic page without a declaration, with a lot of ASCII markup.
        let page = format!(
            "<html><head><style>body {{ font-family: Arial, sans-serif; margin: 0 auto; }}</style>\
             <script>var analytics = {{ enabled: true, account: 'press' }};</script></head>\
             <body><h1>{}</h1></body></html>",
            "توأمة بين الوكالتين"
        );
        assert_eq!(
            decoded(&encode(WINDOWS_1256, &page), Container::Html),
            (page.clone(), Some("windows-1256"))
        );
    }
}
