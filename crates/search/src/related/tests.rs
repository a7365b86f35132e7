//! Unit tests of related.

use super::*;

#[test]
fn entities() {
    let text = "Le directeur de l'ANEM a rencontré Pôle emploi en 2019. Jumelage réussi.";
    let at = |w: &str| text.find(w).unwrap_or_default();
    assert!(is_entity(text, at("ANEM"), "ANEM"));
    assert!(is_entity(text, at("Pôle"), "Pôle"));
    assert!(is_entity(text, at("2019"), "2019"));
    assert!(!is_entity(text, at("directeur"), "directeur"));
    // Capitalised at the start of a sentence or of the text: not a name.
    assert!(!is_entity(text, at("Jumelage"), "Jumelage"));
    assert!(!is_entity(text, 0, "Le"));
    assert!(!is_entity("وكالة التشغيل", 0, "وكالة"));
}

#[test]
fn languages_of_the_two_lists() {
    let fr = Langs::of(&Lang::Fr, &Filters::default());
    assert!(fr.wanted(fr.same.as_deref()) && fr.wanted(fr.other));
    assert_eq!(
        (fr.filter_of(false), fr.filter_of(true)),
        (Some(Lang::Fr), Some(Lang::Ar))
    );
    let only_ar = Filters {
        lang: Some(Lang::Ar),
        ..Filters::default()
    };
    let fr = Langs::of(&Lang::Fr, &only_ar);
    assert!(!fr.wanted(fr.same.as_deref()) && fr.wanted(fr.other));
    // An article in neither language: one list, the filter's language.
    let und = Langs::of(&Lang::Und, &only_ar);
    assert_eq!((und.same.as_deref(), und.other), (None, None));
    assert_eq!(und.filter_of(false), Some(Lang::Ar));
}

const SOURCE: &str = "L'ANEM et Pôle emploi ont signé à Alger un accord de jumelage financé par \
    l'Union européenne pour moderniser les agences de placement en 2019.";

/// A hit in short: its id, whether in the other language, its
/// similarity when a near-duplicate.
type Short = (String, bool, Option<f32>);

/// The hits related to `id` in a small index, and their scores.
fn related_to(id: &str, cross: bool) -> (Vec<Short>, Vec<f32>) {
    let index = crate::test_index::index_of(&[
        ("source", "fr", "Jumelage ANEM Pôle emploi", SOURCE),
        ("copy", "fr", "Jumelage ANEM Pôle emploi", &format!("{SOURCE} (APS)")),
        (
            "rewrite",
            "fr",
            "L'ANEM s'associe à Pôle emploi",
            "Un jumelage entre l'ANEM et Pôle emploi, financé par l'Union européenne, modernisera les agences en 2019.",
        ),
        ("other", "fr", "Football", "Le club d'Alger a gagné le championnat de football."),
        (
            "arabic",
            "ar",
            "توأمة بين الوكالة الوطنية للتشغيل وبول أمبلوا",
            "وقعت الوكالة الوطنية للتشغيل ANEM اتفاقية توأمة مع بول أمبلوا بتمويل من الاتحاد الأوروبي سنة 2019.",
        ),
    ]);
    let results = index
        .fihris
        .related(
            &RelatedTo::Id(id.to_string()),
            &RelatedOptions {
                cross,
                ..RelatedOptions::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let scores = results.hits.iter().map(|h| h.score).collect();
    let hits = results
        .hits
        .into_iter()
        .map(|h| (h.meta.id, h.cross, h.duplicate))
        .collect();
    (hits, scores)
}

#[test]
fn copies_first_then_rewrites_then_the_other_language() {
    let (hits, scores) = related_to("source", true);
    let ids: Vec<&str> = hits.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids[..2], ["copy", "rewrite"], "{hits:?}");
    assert!(
        hits[0].2.is_some_and(|s| s > 0.9),
        "the copy is a near-duplicate: {hits:?}"
    );
    assert!(
        hits[1].2.unwrap_or(0.0) < hits[0].2.unwrap_or(0.0),
        "a rewrite is less similar: {hits:?}"
    );
    let arabic = hits.iter().position(|h| h.0 == "arabic").unwrap_or(usize::MAX);
    assert!(arabic < hits.len() && hits[arabic].1, "{hits:?}");
    if let Some(other) = hits.iter().position(|h| h.0 == "other") {
        assert!(other > arabic, "{hits:?}");
    }
    assert!(!ids.contains(&"source"), "never the source itself");
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)), "{scores:?}");
    let (hits, _) = related_to("source", false);
    assert!(
        hits.iter().all(|h| !h.1),
        "no other-language list without cross: {hits:?}"
    );
}

#[test]
fn idf_falls_with_frequency() {
    assert!(idf(1000.0, 1.0) > idf(1000.0, 10.0));
    assert!(idf(1000.0, 999.0) > 0.0);
}
