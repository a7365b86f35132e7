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
//!    code page would turn its good characters into garbage. A web page
//!    that declares UTF-8 and has at most one bad sequence per 1000 bytes
//!    is read as a browser reads it, each bad sequence a U+FFFD.
//! 5. An HTML page's own `<meta charset>` (or `http-equiv` content type) is
//!    used when its bytes decode without errors and look right.
//! 6. Else the code pages of French and Arabic press are tried, chardetng's
//!    guess first: Windows-1256 and ISO-8859-6 (Arabic), Windows-1252
//!    (which also reads ISO-8859-1) and ISO-8859-15 (French). A code page is
//!    accepted only when the text it gives is plausible for its script (see
//!    [`plausible_arabic`] and [`plausible_latin`]); if none is, the file is
//!    refused rather than indexed as garbage.
//!
//! Here: the order above, byte-order marks, UTF-16 without one, binary
//! data. The code pages and `<meta charset>` are in `code_page`, the
//! plausibility of a decoded text in `plausible`.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

mod code_page;
mod plausible;

pub(crate) use plausible::{plausible_arabic, plausible_latin};

use code_page::{declared_charset, declared_encoding, detect, family, Family};
use plausible::has_controls;

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
    let (valid, invalid) = utf8_counts(bytes);
    if container == Container::Html
        && invalid * MAX_INVALID_PER_BYTES <= bytes.len()
        && declared_encoding(bytes) == Some(UTF_8)
    {
        // As a browser reads it (WHATWG Encoding: U+FFFD for each invalid
        // sequence): a page that says it is UTF-8 and is, but for a stray
        // byte in an image's alt text or a script.
        let text = String::from_utf8_lossy(bytes).into_owned();
        let (repaired, mojibake_repairs) = mojibake::repair(&text);
        return Ok(Decoded {
            text: Cow::Owned(repaired.into_owned()),
            encoding: None,
            mojibake_repairs,
        });
    }
    if valid >= 2 && valid >= 4 * invalid {
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
    // Without a NUL byte it cannot be UTF-16 (a space is 20 00); most
    // pages stop here, with one fast scan instead of two strided counts.
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
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

/// Bytes that are mostly valid UTF-8 characters with a few invalid bytes
/// are at least two non-ASCII characters, and four times as many as invalid
/// sequences (text in a code page seldom forms valid UTF-8 sequences): the
/// non-ASCII characters and the invalid sequences of `bytes`.
fn utf8_counts(bytes: &[u8]) -> (usize, usize) {
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
    (valid, invalid)
}

/// A web page declared UTF-8 is read with replacement characters when it
/// has at most one invalid sequence in this many bytes.
const MAX_INVALID_PER_BYTES: usize = 1000;

#[cfg(test)]
pub(crate) mod tests {
    use encoding_rs::WINDOWS_1252;

    use super::*;

    pub(crate) const FR: &str = "L’Agence nationale de l’emploi (ANEM) et Pôle emploi ont signé à Alger un \
                      jumelage financé par l’Union européenne. « Ce programme de coopération \
                      renforcera les compétences des conseillers », a déclaré le ministre.";
    pub(crate) const FR_OE: &str =
        "Le cœur du projet : l'œuvre commune des agences, 5 000 € par an et par conseiller.";
    pub(crate) const AR: &str =
        "وقعت الوكالة الوطنية للتشغيل ووكالة التشغيل الفرنسية اتفاقية توأمة بتمويل من \
                      الاتحاد الأوروبي، بهدف تعزيز كفاءات المستشارين وتحسين خدمات الباحثين عن عمل في الجزائر.";

    pub(crate) fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot encode the test text", encoding.name());
        bytes.into_owned()
    }

    pub(crate) fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
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

    pub(crate) fn decoded(bytes: &[u8], container: Container) -> (String, Option<&'static str>) {
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
        // The same in a web page that declares UTF-8 is read as browsers
        // read it; one that declares nothing is refused.
        let page = |head: &str| {
            let mut page = format!("<html><head>{head}</head><body><p>").into_bytes();
            page.extend_from_slice(&bytes);
            page.extend_from_slice(
                format!(
                    "</p><p>{AR}</p>{}</body></html>",
                    format!("<p>{FR}</p>").repeat(4)
                )
                .as_bytes(),
            );
            page
        };
        let declared = page("<meta charset=\"utf-8\">");
        let d = decode(&declared, Container::Html).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.text.matches('\u{FFFD}').count(), 1);
        assert!(d.text.contains(FR));
        assert!(decode(&page(""), Container::Html).is_err());
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
    fn old_decode_utf8_is_unchanged() {
        assert_eq!(decode_utf8("Pôle".as_bytes()), Ok("Pôle"));
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFtest"), Ok("test"));
        assert_eq!(
            decode_utf8(b"P\xF4le"),
            Err("not UTF-8: invalid byte at offset 1".to_string())
        );
    }
}
