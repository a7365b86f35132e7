//! Compatibility folding: NFKC for the characters that need it, and removal
//! of invisible format characters.
//!
//! Text is NFC-normalized once at ingestion (and queries before parsing), so
//! offsets point into the NFC text. Some characters survive NFC but must
//! still meet their plain forms: Arabic presentation forms (U+FB50–U+FDFF,
//! U+FE70–U+FEFC; common in text copied from PDFs and old web pages, "ﻻ"
//! for "لا") and Latin ligatures ("ﬁ"). Only tokens that contain such a
//! character are NFKC-normalized, so the common case costs one scan.
//! Zero-width joiners and directional marks (U+200B–U+200F, U+2060, U+FEFF)
//! are removed: they change nothing a reader sees.

use fihris_lang::script::{ARABIC_PRESENTATION_FORMS_A, ARABIC_PRESENTATION_FORMS_B};
use tantivy::tokenizer::Token;
use unicode_normalization::UnicodeNormalization;

use crate::token_map::{MapFilter, TokenMap};

/// See the module documentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompatFold;

impl CompatFold {
    /// The tantivy token filter.
    pub fn filter() -> MapFilter<CompatFold> {
        MapFilter(CompatFold)
    }
}

/// Latin ligatures (U+FB00–U+FB06) and Arabic presentation forms.
fn needs_nfkc(c: char) -> bool {
    ('\u{FB00}'..='\u{FB06}').contains(&c)
        || ARABIC_PRESENTATION_FORMS_A.contains(&c)
        || ARABIC_PRESENTATION_FORMS_B.contains(&c)
}

fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x2060 | 0xFEFF | 0x00AD)
}

impl TokenMap for CompatFold {
    fn apply(&self, token: &mut Token, scratch: &mut String) -> bool {
        if token.text.is_ascii() {
            return true;
        }
        let nfkc = token.text.chars().any(needs_nfkc);
        if nfkc || token.text.chars().any(is_invisible) {
            scratch.clear();
            if nfkc {
                scratch.extend(token.text.nfkc().filter(|&c| !is_invisible(c)));
            } else {
                scratch.extend(token.text.chars().filter(|&c| !is_invisible(c)));
            }
            std::mem::swap(&mut token.text, scratch);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::assert_map;

    #[test]
    fn presentation_forms_become_base_letters() {
        // ﻻ (U+FEFB, lam-alef ligature) is two letters.
        assert_map(CompatFold, "ﻻ", "لا");
        // Isolated/final presentation forms of "عمل".
        assert_map(CompatFold, "\u{FECB}\u{FEE4}\u{FEDE}", "عمل");
        assert_map(CompatFold, "ﬁnance", "finance");
    }

    #[test]
    fn invisible_characters_removed() {
        assert_map(CompatFold, "تشغ\u{200C}يل", "تشغيل");
        assert_map(CompatFold, "emp\u{00AD}loi", "emploi");
    }

    #[test]
    fn plain_text_untouched() {
        assert_map(CompatFold, "Pôle", "Pôle");
        assert_map(CompatFold, "تشغيل", "تشغيل");
    }
}
