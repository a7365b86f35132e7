//! Decoding file bytes to text, deciding the encoding with confidence.
//!
//! In order:
//! 1. A byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE (UTF-32 is
//!    refused). A JSON text without one may still be UTF-16: its first
//!    character is ASCII, so the place of the zero bytes tells (RFC 4627);
//!    other text is UTF-16 without a BOM when its zero bytes are all on one
//!    side of the byte pairs and the text it gives is plausible.
//! 2. NUL bytes, or more than 5% control bytes, mean binary data.
//! 3. Valid UTF-8 is UTF-8; mojibake in it is repaired (see `mojibake.rs`).
//! 4. Otherwise JSON is an error (RFC 8259: JSON is UTF-8), and so is text
//!    that is mostly valid UTF-8 with a few bad bytes: decoding it with a
//!    code page would turn its good characters into garbage.
//! 5. An HTML page's own `<meta charset>` (or `http-equiv` content type) is
//!    used when its bytes decode without errors and look right.
//! 6. Else the code pages of French and Arabic press are tried, chardetng's
//!    guess first: Windows-1256 and ISO-8859-6 (Arabic), Windows-1252
//!    (which also reads ISO-8859-1) and ISO-8859-15 (French). A code page is
//!    accepted only when the text it gives is plausible for its script (see
//!    [`plausible_arabic`] and [`plausible_latin`]); if none is, the file is
//!    refused rather than indexed as garbage.

use std::borrow::Cow;

use encoding_rs::{
    Encoding, ISO_8859_15, ISO_8859_6, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1256,
    X_USER_DEFINED,
};

use fihris_lang::is_arabic_block;
use fihris_lang::script::VOWEL_MARKS;

use crate::mojibake;

/// The reason given when no encoding fits.
pub(crate) const NO_CODE_PAGE_FITS: &str = "not UTF-8 and no Arabic or Latin code page fits";
/// The reason given for binary data.
pub(crate) const BINARY: &str = "binary data, not text";

/// What the bytes are expected to hold, which changes what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// Plain text or Markdown: any supported encoding.
    Text,
    /// A web page: its `<meta charset>` is honoured.
    Html,
    /// JSON: UTF-8 or UTF-16 only.
    Json,
}

/// Decoded text and how it was decoded.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text, without a byte-order mark.
    pub text: Cow<'a, str>,
    /// The encoding's name when it was not UTF-8 ("windows-1256").
    pub encoding: Option<&'static str>,
    /// How many mojibake sequences were repaired.
    pub mojibake_repairs: usize,
}

/// Decodes UTF-8 (an initial BOM is removed) or says why not. Other
/// encodings are refused; [`read_bytes`](crate::read_bytes) detects them.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16 text is not supported; convert it to UTF-8".to_string());
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if text.contains('\0') {
                Err("binary data (NUL bytes), not text".to_string())
            } else {
                Ok(text)
            }
        }
        Err(e) => Err(format!("not UTF-8: invalid byte at offset {}", e.valid_up_to())),
    }
}

/// Decodes a file's bytes, or says why they are not text fihris can read.
pub(crate) fn decode(bytes: &[u8], container: Container) -> Result<Decoded<'_>, String> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err("UTF-32 text is not supported; convert it to UTF-8".to_string());
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_8 {
            return match std::str::from_utf8(body) {
                Ok(text) => utf8(text, container),
                Err(e) => Err(format!(
                    "not UTF-8 despite its byte-order mark: invalid byte at offset {}",
                    e.valid_up_to() + bom_len
                )),
            };
        }
        return utf16(encoding, body, container);
    }
    if container == Container::Json {
        if let Some(encoding) = json_utf16_without_bom(bytes) {
            return utf16(encoding, bytes, container);
        }
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        return utf16(encoding, bytes, container);
    }
    if is_binary(bytes) {
        return Err(BINARY.to_string());
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return utf8(text, container),
        Err(e) => e,
    };
    let offset = error.valid_up_to();
    if container == Container::Json {
        return Err(format!(
            "not UTF-8: invalid byte at offset {offset} (JSON must be UTF-8 or UTF-16)"
        ));
    }
    if mostly_utf8(bytes) {
        return Err(format!(
            "not UTF-8: invalid byte at offset {offset} in otherwise UTF-8 text"
        ));
    }
    if container == Container::Html {
        if let Some(encoding) = declared_charset(bytes) {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            let plausible = match family(encoding) {
                Some(Family::Arabic) => plausible_arabic(&text),
                Some(Family::Latin) => plausible_latin(&text),
                None => !has_controls(&text),
            };
            if !had_errors && plausible {
                return Ok(legacy(text, encoding));
            }
        }
    }
    detect(bytes).ok_or_else(|| NO_CODE_PAGE_FITS.to_string())
}

/// Mojibake is repaired here, except in JSON, whose fields are repaired
/// one by one after parsing (json.rs).
fn utf8(text: &str, container: Container) -> Result<Decoded<'_>, String> {
    if text.contains('\0') {
        return Err(BINARY.to_string());
    }
    let (text, mojibake_repairs) = match container {
        Container::Json => (Cow::Borrowed(text), 0),
        _ => mojibake::repair(text),
    };
    Ok(Decoded {
        text,
        encoding: None,
        mojibake_repairs,
    })
}

fn utf16(encoding: &'static Encoding, body: &[u8], container: Container) -> Result<Decoded<'static>, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(format!(
            "invalid {} text (odd length or unpaired surrogate)",
            encoding.name()
        ));
    }
    if text.contains('\0') || control_share_too_high(&text) {
        return Err(BINARY.to_string());
    }
    let (repaired, mojibake_repairs) = match container {
        Container::Json => (Cow::Borrowed(text.as_ref()), 0),
        _ => mojibake::repair(&text),
    };
    Ok(Decoded {
        text: Cow::Owned(repaired.into_owned()),
        encoding: Some(encoding.name()),
        mojibake_repairs,
    })
}

fn legacy(text: Cow<'_, str>, encoding: &'static Encoding) -> Decoded<'static> {
    Decoded {
        text: Cow::Owned(text.into_owned()),
        encoding: Some(encoding.name()),
        mojibake_repairs: 0,
    }
}

/// UTF-16 without a BOM in a JSON text: the first two bytes are an ASCII
/// character and a zero, in the order of the byte order (RFC 4627, 3).
fn json_utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0, b, ..] if *b != 0 && b.is_ascii() => Some(UTF_16BE),
        [b, 0, ..] if *b != 0 && b.is_ascii() => Some(UTF_16LE),
        _ => None,
    }
}

/// UTF-16 without a BOM in a text file: zero bytes, all on one side of
/// each byte pair (the high byte of ASCII characters and spaces), and a
/// decoded text that is plausible French, Arabic or plain ASCII. Binary data
/// has zero bytes on both sides.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros_at = |parity: usize| bytes.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let encoding = match (zeros_at(0), zeros_at(1)) {
        (0, 0) => return None,
        (0, _) => UTF_16LE,
        (_, 0) => UTF_16BE,
        _ => return None,
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let plausible = !had_errors
        && !control_share_too_high(&text)
        && (plausible_latin(&text) || plausible_arabic(&text) || (text.is_ascii() && !has_controls(&text)));
    plausible.then_some(encoding)
}

/// A control byte that text does not hold (tab, line feed, form feed and
/// carriage return are text; so is ESC, for terminal colours).
pub(crate) fn is_control_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

/// NUL bytes, or more than one byte in twenty a control byte.
fn is_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let controls = bytes.iter().filter(|b| is_control_byte(**b)).count();
    controls * 20 > bytes.len()
}

fn control_share_too_high(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        total += 1;
        if u8::try_from(u32::from(c)).is_ok_and(is_control_byte) {
            controls += 1;
        }
    }
    controls * 20 > total
}

/// Bytes that are mostly valid UTF-8 characters with a few invalid bytes:
/// at least two non-ASCII characters, and four times as many as invalid
/// sequences. Text in a code page seldom forms valid UTF-8 sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good).map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                match e.error_len() {
                    Some(len) => rest = &after[len..],
                    None => break,
                }
            }
        }
    }
    valid >= 2 && valid >= 4 * invalid
}

/// The encoding an HTML page declares in a `<meta>` tag of its first 4 KiB:
/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">`. Declarations of UTF-8 or UTF-16 are ignored (the bytes are
/// not UTF-8 when this is asked; a UTF-16 page would have a BOM), and so
/// are the WHATWG's "replacement" and "x-user-defined".
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&head[from..], b"<meta") {
        let start = from + pos + 5;
        let end = find(&head[start..], b">").map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(encoding) = charset_in_tag(tag) {
            if ![UTF_8, UTF_16LE, UTF_16BE, REPLACEMENT, X_USER_DEFINED].contains(&encoding) {
                return Some(encoding);
            }
            return None;
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
enum Family {
    Arabic,
    Latin,
}

fn family(encoding: &'static Encoding) -> Option<Family> {
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
fn detect(bytes: &[u8]) -> Option<Decoded<'static>> {
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

/// Counts over a decoded text that tell whether it is in the right code
/// page. Words are maximal runs of letters (`char::is_alphabetic`, which
/// includes Arabic marks).
#[derive(Debug, Default)]
struct Profile {
    /// Characters.
    chars: usize,
    /// U+FFFD, C1 controls, and C0 controls other than whitespace and ESC.
    controls: usize,
    /// Letters outside ASCII.
    non_ascii_letters: usize,
    /// Letters of the Arabic block (U+0600–U+06FF), marks included.
    arabic_letters: usize,
    /// Arabic vowel marks (harakat, U+064B–U+0652).
    harakat: usize,
    /// Words with a letter outside ASCII.
    non_ascii_words: usize,
    /// Words with an Arabic letter.
    arabic_words: usize,
    /// Words mixing Arabic and other letters ("ةcole").
    mixed_words: usize,
    /// Words with a letter outside ASCII that look foreign to Latin text:
    /// four letters or more and mostly outside ASCII ("ÇáÌÒÇÆÑ"), or an
    /// upper-case letter right after a lower-case one, both outside ASCII.
    odd_latin_words: usize,
    /// Symbols outside ASCII between two letters ("caf‚", "ط§ظ"), except
    /// apostrophes, dashes, the middle dot, joiners and Arabic punctuation
    /// ("السابق،جلول": typists leave out the space after "،").
    symbols_inside_words: usize,
}

impl Profile {
    /// At most one control character in a thousand: stray ones are found
    /// in real press text; a wrong code page gives many more.
    fn few_controls(&self) -> bool {
        self.controls * 1000 <= self.chars
    }

    fn of(text: &str) -> Profile {
        let mut p = Profile::default();
        let mut word = Word::default();
        // A symbol right after a letter, waiting to see if a letter follows.
        let mut pending_symbol = false;
        for c in text.chars() {
            p.chars += 1;
            if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{1B}')) {
                p.controls += 1;
            }
            if c.is_alphabetic() {
                if pending_symbol {
                    p.symbols_inside_words += 1;
                }
                pending_symbol = false;
                word.push(c);
                if !c.is_ascii() {
                    p.non_ascii_letters += 1;
                }
                if is_arabic(c) {
                    p.arabic_letters += 1;
                    if VOWEL_MARKS.contains(&c) {
                        p.harakat += 1;
                    }
                }
                continue;
            }
            let after_letter = word.letters > 0;
            word.finish(&mut p);
            pending_symbol =
                after_letter && !c.is_ascii() && !c.is_whitespace() && !is_word_joiner(c) && !is_arabic(c);
        }
        word.finish(&mut p);
        p
    }
}

/// The word being read by [`Profile::of`].
#[derive(Debug, Default)]
struct Word {
    letters: usize,
    non_ascii: usize,
    arabic: usize,
    case_flip: bool,
    previous_lower_non_ascii: bool,
}

impl Word {
    fn push(&mut self, c: char) {
        self.letters += 1;
        if !c.is_ascii() {
            self.non_ascii += 1;
        }
        if is_arabic(c) {
            self.arabic += 1;
        }
        // Both letters outside ASCII: "emblématiqueÉglise" (two words run
        // together) is French, "ÇáÌÒ" (Arabic read as Windows-1252) is not.
        if c.is_uppercase() && !c.is_ascii() && self.previous_lower_non_ascii {
            self.case_flip = true;
        }
        self.previous_lower_non_ascii = c.is_lowercase() && !c.is_ascii();
    }

    fn finish(&mut self, p: &mut Profile) {
        if self.letters > 0 {
            if self.non_ascii > 0 {
                p.non_ascii_words += 1;
                let mostly_non_ascii = self.letters >= 4 && self.non_ascii * 2 > self.letters;
                if mostly_non_ascii || self.case_flip {
                    p.odd_latin_words += 1;
                }
            }
            if self.arabic > 0 {
                p.arabic_words += 1;
                if self.arabic < self.letters {
                    p.mixed_words += 1;
                }
            }
        }
        *self = Word::default();
    }
}

/// The Arabic block alone (U+0600–U+06FF), marks included.
fn is_arabic(c: char) -> bool {
    is_arabic_block(c)
}

/// Characters that may stand between two letters of a word, or of two
/// words run together by a scraper: apostrophes, the middle dot and bullet
/// of inclusive writing ("candidat·e·s", "Génération•s"), "n°", quotes,
/// dashes, soft hyphen, no-break space and the zero-width joiners.
fn is_word_joiner(c: char) -> bool {
    matches!(
        c,
        '’' | '‘'
            | 'ʼ'
            | '´'
            | '·'
            | '•'
            | '°'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '“'
            | '”'
            | '„'
            | '‐'
            | '‑'
            | '–'
            | '—'
            | '\u{AD}'
            | '\u{A0}'
            | '\u{200C}'
            | '\u{200D}'
    )
}

fn has_controls(text: &str) -> bool {
    Profile::of(text).controls > 0
}

/// Arabic text: few controls (see [`Profile::few_controls`]); at least one letter outside ASCII, and 80% of
/// them Arabic; at most 2% of Arabic words mixing scripts; harakat at most
/// 30% of Arabic letters (press text is not vocalized; ISO-8859-6 bytes read
/// as Windows-1256 or the reverse give many); at most 2% of words with a
/// symbol inside. ASCII letters are not counted, so markup does not matter.
pub(crate) fn plausible_arabic(text: &str) -> bool {
    let p = Profile::of(text);
    p.few_controls()
        && p.non_ascii_letters > 0
        && p.arabic_letters * 10 >= p.non_ascii_letters * 8
        && p.mixed_words * 50 <= p.arabic_words
        && p.harakat * 10 <= p.arabic_letters * 3
        && p.symbols_inside_words * 50 <= p.non_ascii_words
}

/// French (Latin) text: few controls, no Arabic letters; at most 10% of the
/// words with a letter outside ASCII look foreign (mostly accented letters,
/// or an upper-case letter after a lower-case one: Arabic or Cyrillic bytes
/// read as Windows-1252); at most 2% of them with a symbol inside.
pub(crate) fn plausible_latin(text: &str) -> bool {
    let p = Profile::of(text);
    p.few_controls()
        && p.arabic_letters == 0
        && p.odd_latin_words * 10 <= p.non_ascii_words
        && p.symbols_inside_words * 50 <= p.non_ascii_words.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: &str = "L’Agence nationale de l’emploi (ANEM) et Pôle emploi ont signé à Alger un \
                      jumelage financé par l’Union européenne. « Ce programme de coopération \
                      renforcera les compétences des conseillers », a déclaré le ministre.";
    const FR_OE: &str = "Le cœur du projet : l'œuvre commune des agences, 5 000 € par an et par conseiller.";
    const AR: &str = "وقعت الوكالة الوطنية للتشغيل ووكالة التشغيل الفرنسية اتفاقية توأمة بتمويل من \
                      الاتحاد الأوروبي، بهدف تعزيز كفاءات المستشارين وتحسين خدمات الباحثين عن عمل في الجزائر.";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot encode the test text", encoding.name());
        bytes.into_owned()
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    fn decoded(bytes: &[u8], container: Container) -> (String, Option<&'static str>) {
        match decode(bytes, container) {
            Ok(d) => (d.text.into_owned(), d.encoding),
            Err(e) => panic!("not decoded: {e}"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decoded(FR.as_bytes(), Container::Text), (FR.to_string(), None));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(AR.as_bytes());
        assert_eq!(decoded(&bom, Container::Text), (AR.to_string(), None));
        assert_eq!(decoded(b"", Container::Text), (String::new(), None));
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(
            decoded(&utf16(AR, false), Container::Text),
            (AR.to_string(), Some("UTF-16LE"))
        );
        assert_eq!(
            decoded(&utf16(FR, true), Container::Html),
            (FR.to_string(), Some("UTF-16BE"))
        );
        let json = r#"{"title":"توأمة"}"#;
        assert_eq!(
            decoded(&utf16(json, false), Container::Json),
            (json.to_string(), Some("UTF-16LE"))
        );
        // Without a BOM, JSON's first ASCII character tells the byte order.
        assert_eq!(
            decoded(&utf16(json, true)[2..], Container::Json),
            (json.to_string(), Some("UTF-16BE"))
        );
        // Text without a BOM: zero bytes on one side of each pair.
        assert_eq!(
            decoded(&utf16(AR, false)[2..], Container::Text),
            (AR.to_string(), Some("UTF-16LE"))
        );
        assert_eq!(
            decoded(&utf16(FR, true)[2..], Container::Html),
            (FR.to_string(), Some("UTF-16BE"))
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x41], Container::Text).err().as_deref(),
            Some("invalid UTF-16LE text (odd length or unpaired surrogate)")
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0], Container::Text)
                .err()
                .as_deref(),
            Some("UTF-32 text is not supported; convert it to UTF-8")
        );
    }

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

    #[test]
    fn json_must_be_unicode() {
        let json = format!("{{\"title\":\"{FR}\"}}");
        assert_eq!(
            decode(&encode(WINDOWS_1252, &json), Container::Json)
                .err()
                .as_deref(),
            Some("not UTF-8: invalid byte at offset 11 (JSON must be UTF-8 or UTF-16)")
        );
    }

    #[test]
    fn undecodable_and_binary() {
        // Cyrillic in Windows-1251 is neither Arabic nor French.
        let ru = "Национальное агентство занятости подписало соглашение о сотрудничестве";
        let bytes = encode(encoding_rs::WINDOWS_1251, ru);
        assert_eq!(
            decode(&bytes, Container::Text).err().as_deref(),
            Some(NO_CODE_PAGE_FITS)
        );
        // UTF-8 Arabic with one stray byte is not re-read in a code page.
        let mut bytes = AR.as_bytes().to_vec();
        bytes.insert(8, 0xE9);
        assert_eq!(
            decode(&bytes, Container::Text).err().as_deref(),
            Some("not UTF-8: invalid byte at offset 8 in otherwise UTF-8 text")
        );
        assert_eq!(
            decode(b"ab\x00cd", Container::Text).err().as_deref(),
            Some(BINARY)
        );
        let noise: Vec<u8> = (0u8..=255).cycle().skip(1).take(300).collect();
        assert_eq!(
            decode(&noise[..250], Container::Text).err().as_deref(),
            Some(BINARY)
        );
        assert_eq!(
            decode(b"\x01\x02\x03\x04text\x05\x06\x07\x08", Container::Text)
                .err()
                .as_deref(),
            Some(BINARY)
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFcaf\xE9", Container::Text).err().as_deref(),
            Some("not UTF-8 despite its byte-order mark: invalid byte at offset 6")
        );
    }

    #[test]
    fn mojibake_in_utf8_is_repaired() {
        let d = decode("Lâ€™ANEM Ã\u{A0} Alger".as_bytes(), Container::Text);
        let d = d.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.text, "L’ANEM à Alger");
        assert_eq!(d.mojibake_repairs, 2);
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn plausibility() {
        assert!(plausible_latin(FR));
        assert!(!plausible_latin(AR));
        assert!(plausible_arabic(AR));
        assert!(!plausible_arabic(FR));
        // Windows-1256 bytes read as Windows-1252, and the reverse.
        let misread = |from: &'static Encoding, to: &'static Encoding, text: &str| {
            to.decode_without_bom_handling(&encode(from, text)).0.into_owned()
        };
        assert!(!plausible_latin(&misread(WINDOWS_1256, WINDOWS_1252, AR)));
        assert!(!plausible_arabic(&misread(WINDOWS_1252, WINDOWS_1256, FR)));
        // ISO-8859-6 bytes read as Windows-1256: Latin letters inside words.
        assert!(!plausible_arabic(&misread(ISO_8859_6, WINDOWS_1256, AR)));
        // UTF-8 Arabic read as Windows-1256: symbols inside words.
        let (wrong, _) = WINDOWS_1256.decode_without_bom_handling(AR.as_bytes());
        assert!(!plausible_arabic(&wrong));
    }

    #[test]
    fn old_decode_utf8_is_unchanged() {
        assert_eq!(decode_utf8("Pôle".as_bytes()), Ok("Pôle"));
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFtest"), Ok("test"));
        assert_eq!(
            decode_utf8(b"P\xF4le"),
            Err("not UTF-8: invalid byte at offset 1".to_string())
        );
    }
}
