//! Decoding file bytes to text.
//!
//! This version accepts UTF-8, with or without a byte-order mark. Anything
//! else is refused with the offset of the first invalid byte: a file in a
//! Windows code page must not be indexed as mojibake. UTF-16 is recognised
//! by its BOM so that the reason given is the right one.

/// Decodes UTF-8 (an initial BOM is removed) or says why not.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_utf8("Pôle".as_bytes()), Ok("Pôle"));
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFtest"), Ok("test"));
        assert_eq!(decode_utf8(b""), Ok(""));
    }

    #[test]
    fn refuses_other_encodings_with_the_offset() {
        // "Pôle" in Windows-1252.
        assert_eq!(
            decode_utf8(b"P\xF4le"),
            Err("not UTF-8: invalid byte at offset 1".to_string())
        );
        assert!(decode_utf8(b"\xFF\xFEa\x00").is_err());
        assert!(decode_utf8(b"ab\x00cd").is_err());
    }
}
