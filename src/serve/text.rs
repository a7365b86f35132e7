//! The interface's words, in French and Arabic: one table per language.
//! The language is the `ui` parameter (`fr`, `ar`) or, without it, the
//! browser's first preferred language.

/// The interface's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    Fr,
    Ar,
}

impl Ui {
    /// From the `ui` parameter, else the `Accept-Language` header (its
    /// first language), else French.
    pub fn choose(param: Option<&str>, accept_language: Option<&str>) -> Ui {
        match param {
            Some("ar") => return Ui::Ar,
            Some("fr") => return Ui::Fr,
            _ => {}
        }
        let first = accept_language
            .and_then(|h| h.split(',').next())
            .map(|l| l.trim().to_ascii_lowercase())
            .unwrap_or_default();
        if first == "ar" || first.starts_with("ar-") || first.starts_with("ar;") {
            Ui::Ar
        } else {
            Ui::Fr
        }
    }

    /// Its code (`lang` attribute, `ui` parameter).
    pub fn code(self) -> &'static str {
        match self {
            Ui::Fr => "fr",
            Ui::Ar => "ar",
        }
    }

    /// Its writing direction.
    pub fn dir(self) -> &'static str {
        match self {
            Ui::Fr => "ltr",
            Ui::Ar => "rtl",
        }
    }

    /// Its words.
    pub fn text(self) -> &'static Text {
        match self {
            Ui::Fr => &FR,
            Ui::Ar => &AR,
        }
    }
}

/// The words of the interface.
#[derive(Debug)]
pub struct Text {
    pub search: &'static str,
    pub query_label: &'static str,
    pub lang: &'static str,
    pub any_lang: &'static str,
    pub french: &'static str,
    pub arabic: &'static str,
    pub since: &'static str,
    pub until: &'static str,
    pub source: &'static str,
    pub author: &'static str,
    pub sort: &'static str,
    pub by_score: &'static str,
    pub by_date: &'static str,
    pub collapse: &'static str,
    pub results: &'static str,
    pub stories: &'static str,
    pub no_results: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub shared_words: &'static str,
    pub other_copies: &'static str,
    pub coverage: &'static str,
    pub by_year: &'static str,
    pub by_month: &'static str,
    pub by_source: &'static str,
    pub by_lang: &'static str,
    pub more_bars: &'static str,
    pub undated: &'static str,
    pub removed_text: &'static str,
    pub no_removed_text: &'static str,
    pub related_same: &'static str,
    pub related_other: &'static str,
    pub duplicates: &'static str,
    pub similarity: &'static str,
    pub none: &'static str,
    pub back: &'static str,
    pub error: &'static str,
    pub not_found: &'static str,
    pub other_ui: &'static str,
}

static FR: Text = Text {
    search: "Rechercher",
    query_label: "Requête",
    lang: "Langue",
    any_lang: "toutes",
    french: "français",
    arabic: "arabe",
    since: "Depuis",
    until: "Jusqu’au",
    source: "Source",
    author: "Auteur",
    sort: "Tri",
    by_score: "pertinence",
    by_date: "date",
    collapse: "une seule copie par dépêche",
    results: "résultats",
    stories: "histoires",
    no_results: "Aucun résultat.",
    previous: "← Précédents",
    next: "Suivants →",
    shared_words: "mots partagés",
    other_copies: "autres copies",
    coverage: "Couverture",
    by_year: "par année",
    by_month: "par mois",
    by_source: "par source",
    by_lang: "par langue",
    more_bars: "barres de plus, non montrées",
    undated: "sans date",
    removed_text: "Texte retiré à l’indexation",
    no_removed_text: "Rien n’a été retiré.",
    related_same: "Articles liés, même langue",
    related_other: "Articles liés, autre langue",
    duplicates: "Quasi-doublons",
    similarity: "similarité",
    none: "Aucun.",
    back: "Recherche",
    error: "Erreur",
    not_found: "Page ou article introuvable.",
    other_ui: "عربي",
};

static AR: Text = Text {
    search: "بحث",
    query_label: "الاستعلام",
    lang: "اللغة",
    any_lang: "الكل",
    french: "الفرنسية",
    arabic: "العربية",
    since: "من",
    until: "إلى",
    source: "المصدر",
    author: "الكاتب",
    sort: "الترتيب",
    by_score: "الصلة",
    by_date: "التاريخ",
    collapse: "نسخة واحدة لكل خبر",
    results: "نتيجة",
    stories: "خبر",
    no_results: "لا نتائج.",
    previous: "→ السابق",
    next: "التالي ←",
    shared_words: "كلمات مشتركة",
    other_copies: "نسخ أخرى",
    coverage: "التغطية",
    by_year: "حسب السنة",
    by_month: "حسب الشهر",
    by_source: "حسب المصدر",
    by_lang: "حسب اللغة",
    more_bars: "أعمدة أخرى غير معروضة",
    undated: "بدون تاريخ",
    removed_text: "النص المحذوف عند الفهرسة",
    no_removed_text: "لم يحذف شيء.",
    related_same: "مقالات ذات صلة، اللغة نفسها",
    related_other: "مقالات ذات صلة، اللغة الأخرى",
    duplicates: "نسخ شبه مطابقة",
    similarity: "التشابه",
    none: "لا شيء.",
    back: "البحث",
    error: "خطأ",
    not_found: "الصفحة أو المقال غير موجود.",
    other_ui: "Français",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_the_interface_language() {
        assert_eq!(Ui::choose(Some("ar"), Some("fr-FR")), Ui::Ar);
        assert_eq!(Ui::choose(None, Some("ar-MA,fr;q=0.8")), Ui::Ar);
        assert_eq!(Ui::choose(None, Some("fr-FR,ar;q=0.8")), Ui::Fr);
        assert_eq!(Ui::choose(None, None), Ui::Fr);
    }
}
