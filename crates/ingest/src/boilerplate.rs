//! Boilerplate removal: the blocks of a press page that are not the
//! article, so that their words never make it match a query about
//! something else.
//!
//! Structural signals first (see ../shared/design/languages.md): the
//! article ends with its last long paragraph of sentences (a list of
//! headlines joined into one paragraph is long but has no full stops); what follows is kept only if
//! it reads like text. A trailing block is removed when it opens with a
//! teaser heading ("Lire aussi", "À lire également", "Sur le même sujet",
//! "اقرأ أيضا", "مواضيع ذات صلة"…), or when it is a list of at least two
//! short lines that are not sentences (headlines and link texts do not end
//! with a full stop), or a line of copyright, sharing, comment or newsletter
//! prompts. Readers' comments are cut from their heading ("12
//! commentaires", "Vos réactions", "التعليقات") on.
//!
//! Anywhere in the body: a short paragraph that opens with a teaser
//! heading ("Lire aussi : …"); a teaser for another story, that is a
//! summary ending with a "read more" link ("Lire plus", "Lire la suite",
//! "اقرأ المزيد"), or, when a page has two or more teasers, a summary cut
//! by an ellipsis below a headline, each with the headline and rubric
//! lines above it; a paragraph said twice (a page saved with its text
//! twice: the first copy stays) and a cut summary that another paragraph
//! says in full (a teaser repeating the lead). Nothing else is touched: a
//! short closing sentence stays.
//!
//! The removed text is returned, so that `fihris show --raw` can print it.

use fihris_lang::script::{TATWEEL, VOWEL_MARKS};
use fihris_lang::{fold_arabic_letter, fold_latin_letter};

use crate::text::sentence_ends;

/// Headings that introduce teasers for other articles, lowercase and
/// without accents or hamza variants (compared after [`fold`]).
const TEASER_HEADINGS: &[&str] = &[
    "a lire aussi",
    "a lire egalement",
    "a voir aussi",
    "ahnliche artikel",
    "ahnliche beitrage",
    "articles recents",
    "articles similaires",
    "auch interessant",
    "beliebte beitrage",
    "dans la meme categorie",
    "dans la meme rubrique",
    "das konnte dich auch interessieren",
    "das konnte sie auch interessieren",
    "das thema konnte dich auch interessieren",
    "derniers articles",
    "explore further",
    "lea tambien",
    "lee tambien",
    "leia tambem",
    "les plus lus",
    "lesen sie auch",
    "lire aussi",
    "lire egalement",
    "mehr zu diesem thema",
    "mehr zum thema",
    "meistgelesen",
    "most popular",
    "most read",
    "neueste beitrage",
    "popular posts",
    "read also",
    "recent posts",
    "related articles",
    "related content",
    "related coverage",
    "related posts",
    "related stories",
    "siehe auch",
    "similar posts",
    "sur le meme sujet",
    "veja tambem",
    "voir aussi",
    "weitere artikel",
    "weitere themen",
    "you may also like",
    "اخبار ذات صله",
    "اقرا ايضا",
    "اقرا كذلك",
    "الاكثر قراءه",
    "مقالات ذات صله",
    "مواضيع ذات صله",
];

/// Headings of the readers' comments below an article (folded): from one
/// of them on, nothing is the article's text.
const COMMENT_HEADINGS: &[&str] = &[
    "ajouter un commentaire",
    "commentaires",
    "comments",
    "comments are closed",
    "kommentar hinzufugen",
    "kommentare",
    "kommentare sind geschlossen",
    "kommentieren",
    "laisser un commentaire",
    "leave a comment",
    "leave a reply",
    "les commentaires sont fermes",
    "reactions",
    "schreibe einen kommentar",
    "vos commentaires",
    "vos reactions",
    "اترك تعليقا",
    "اضف تعليق",
    "التعليقات",
    "تعليقات",
];

/// Lines that close an article on blogs and news sites, before the
/// author's box, the related posts and the comments (folded): its tags,
/// categories, sharing buttons.
const END_MARKERS: &[&str] = &[
    "artikel teilen",
    "categories",
    "category",
    "diesen artikel teilen",
    "etiquettes",
    "filed under",
    "gefallt mir",
    "j'aime",
    "kategorien",
    "like this",
    "mots-cles",
    "partager",
    "partager cet article",
    "posted in",
    "schlagworter",
    "share",
    "share this",
    "tags",
    "teilen",
    "teilen sie dies mit",
    "this entry was posted",
    "الوسوم",
    "شارك",
    "كلمات مفتاحيه",
];

/// Most words of a line that closes an article ("Tags : emploi, jeunes").
const END_MARKER_WORDS: usize = 12;
/// A closing marker stands alone (or before a colon) in a line of at most
/// this many words ("Partager", "Share this:").
const LONE_MARKER_WORDS: usize = 3;

/// Most words of a comment heading's paragraph ("12 commentaires", "Vos
/// réactions (11)").
const COMMENT_HEADING_WORDS: usize = 5;

/// Words of lines that are page furniture, not article text (folded).
const FURNITURE: &[&str] = &[
    "abonnez-vous",
    "ajouter un commentaire",
    "all rights reserved",
    "alle rechte vorbehalten",
    "copyright",
    "newsletter",
    "share on",
    "share this",
    "sign up",
    "todos los derechos reservados",
    "inscrivez-vous a notre newsletter",
    "laisser un commentaire",
    "partager sur",
    "partagez cet article",
    "tous droits reserves",
    "©",
    "اضف تعليقا",
    "اشترك في النشره",
    "جميع الحقوق محفوظه",
    "شارك المقال",
    // ى is folded to ي before comparing.
    "شارك علي",
    "wir verwenden cookies",
    "this site uses cookies",
    "ce site utilise des cookies",
    "privacy & cookies",
];

/// Words that close a teaser's summary, linking to the story it teases
/// (folded, compared with the end of a paragraph).
const READ_MORE: &[&str] = &[
    "lire la suite",
    "lire plus",
    "lire l'article",
    "en savoir plus",
    "read more",
    "continue reading",
    "weiterlesen",
    "mehr lesen",
    "اقرا المزيد",
    "اقرا اكثر",
];

/// Most headlines taken as listed below a teaser heading inside the body.
const MAX_LISTED_TEASERS: usize = 8;
/// A line below a teaser heading of at most this many words is a listed
/// headline even when it ends with a full stop.
const SHORT_TEASER_WORDS: usize = 8;

/// A paragraph is long (article text) from this many words.
const LONG_PARAGRAPH_WORDS: usize = 25;
/// A line is short (a headline, a link) up to this many words.
const SHORT_LINE_WORDS: usize = 14;

/// Lowercase, Latin accents and Arabic letter variants folded, for
/// comparing with the tables.
fn fold(text: &str) -> String {
    fold_chars(text).collect()
}

/// The first `n` characters of `text` folded: enough to compare its start
/// with a heading, without folding a whole paragraph.
fn fold_prefix(text: &str, n: usize) -> String {
    fold_chars(text).take(n).collect()
}

/// Lowercase, then the letters below folded by the one table of
/// `fihris-lang`; vowel marks and tatweel removed; typographic apostrophes
/// made straight. Only these letters: the filter has always folded fewer
/// than the date finder (not á, ñ, œ, ٱ, ی, ک...).
fn fold_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase).filter_map(|c| {
        Some(match c {
            'à' | 'â' | 'ä' | 'é' | 'è' | 'ê' | 'ë' | 'î' | 'ï' | 'ô' | 'ö' | 'ù' | 'û' | 'ü' | 'ç' => {
                fold_latin_letter(c).and_then(|s| s.chars().next()).unwrap_or(c)
            }
            'أ' | 'إ' | 'آ' | 'ة' | 'ى' => fold_arabic_letter(c),
            '’' | 'ʼ' => '\'',
            c if c == TATWEEL || VOWEL_MARKS.contains(&c) => return None,
            c => c,
        })
    })
}

/// Words (runs of characters between whitespace) in `text`, counting
/// ASCII bytes without decoding them.
fn words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            (matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'), 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        if !space && !in_word {
            n += 1;
        }
        in_word = !space;
        i += len;
    }
    n
}

/// Whether `text` has at most `n` words, without counting past them.
fn words_at_most(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_none()
}

/// A paragraph is prose at most this many words per sentence end.
const MAX_WORDS_PER_SENTENCE: usize = 60;

/// Whether a paragraph is article text: long, and made of sentences. A list
/// of headlines that a plain-text file joined into one paragraph is long
/// but has no sentence ends.
fn is_prose(paragraph: &str) -> bool {
    let n = words(paragraph);
    n >= LONG_PARAGRAPH_WORDS && sentence_ends(paragraph).count() * MAX_WORDS_PER_SENTENCE >= n
}

/// Whether `paragraph` opens with a teaser heading.
fn is_teaser_heading(paragraph: &str) -> bool {
    // One character more than the longest heading, to see where it ends.
    let longest = TEASER_HEADINGS
        .iter()
        .map(|h| h.chars().count())
        .max()
        .unwrap_or(0);
    let folded = fold_prefix(
        paragraph.trim_start_matches(|c: char| !c.is_alphanumeric()),
        longest + 1,
    );
    TEASER_HEADINGS.iter().any(|h| {
        folded.starts_with(h)
            && folded[h.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn is_furniture(paragraph: &str) -> bool {
    words_at_most(paragraph, SHORT_LINE_WORDS) && {
        let folded = fold(paragraph);
        FURNITURE.iter().any(|f| folded.contains(f))
    }
}

fn ends_like_a_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '»', '”', ')', ' ']);
    trimmed.ends_with(['.', '!', '?', '؟', '…'])
}

/// Whether `paragraph` ends with a link to read another story ("… Lire
/// plus", "Read more »", "اقرأ المزيد").
fn ends_with_read_more(paragraph: &str) -> bool {
    let longest = READ_MORE.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    // A link's decorations may follow ("Lire la suite »", "Read more…",
    // "[Lire plus]"), a full stop may not: "… pour en savoir plus." ends a
    // sentence.
    let trimmed = paragraph
        .trim_end_matches([' ', '»', '›', '→', '>', ')', ']', '…'])
        .trim_end_matches("...");
    if trimmed.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    let tail: Vec<char> = trimmed.chars().rev().take(longest + 1).collect();
    let folded: String = fold_chars(&tail.into_iter().rev().collect::<String>()).collect();
    READ_MORE.iter().any(|r| {
        folded.ends_with(r)
            && folded[..folded.len() - r.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether `paragraph` ends with an ellipsis, as a teaser's cut summary
/// does ("… after his victory...", "بعد فوزه…").
fn ends_with_ellipsis(paragraph: &str) -> bool {
    let trimmed = paragraph.trim_end_matches([' ', ']', ')', '»', '"']);
    trimmed.ends_with('…') || trimmed.ends_with("...")
}

/// A short line that is not a sentence: a headline or a rubric label.
fn is_headline(paragraph: &str) -> bool {
    words_at_most(paragraph, SHORT_LINE_WORDS)
        && !ends_like_a_sentence(paragraph)
        && !paragraph.contains('\n')
}

/// Most headline lines taken with a teaser's summary (a rubric label and
/// the headline).
const TEASER_LINES: usize = 2;

/// Marks teasers for other stories anywhere in the body: a summary ending
/// with a "read more" link, or (when there are at least two of them, the
/// repeated groups of a list of stories) a summary cut by an ellipsis
/// below a headline; with each, the headline and rubric lines just above
/// it. Nothing is marked when it would leave no sentence of
/// article text.
fn mark_teasers(paragraphs: &[&str], prose: &[bool], keep: &mut [bool]) {
    let groups = |summaries: &[usize]| -> Vec<usize> {
        let mut marked = Vec::new();
        for &i in summaries {
            marked.push(i);
            let mut above = i;
            while above > 0 && i - above < TEASER_LINES && is_headline(paragraphs[above - 1]) {
                above -= 1;
                marked.push(above);
            }
        }
        marked
    };
    let read_more: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| ends_with_read_more(paragraphs[i]))
        .collect();
    let cut: Vec<usize> = (1..paragraphs.len())
        .filter(|&i| ends_with_ellipsis(paragraphs[i]) && is_headline(paragraphs[i - 1]))
        .collect();
    let mut marked = groups(&read_more);
    if cut.len() + read_more.len() >= 2 {
        marked.extend(groups(&cut));
    }
    let left = (0..paragraphs.len())
        .any(|i| keep[i] && !marked.contains(&i) && (prose[i] || ends_like_a_sentence(paragraphs[i])));
    if left {
        for i in marked {
            keep[i] = false;
        }
    }
}

/// Folded text of a paragraph, for finding repeats.
fn repeat_key(paragraph: &str) -> String {
    // Letters and digits, words joined by one space: built in one pass
    // (not a copy, then a list of its words, then their join).
    let mut key = String::new();
    let mut space = false;
    for c in fold_chars(paragraph) {
        if c.is_whitespace() {
            space = !key.is_empty();
        } else if c.is_alphanumeric() {
            if space {
                key.push(' ');
                space = false;
            }
            key.push(c);
        }
    }
    key
}

/// A paragraph is compared with the others for repeats from this many words.
const REPEAT_WORDS: usize = 6;

/// Marks the body's repeats: a paragraph that an earlier kept paragraph
/// already says (a page saved with its text twice), and a summary cut by
/// an ellipsis that another paragraph says in full (a teaser repeating the
/// lead).
fn mark_repeats(paragraphs: &[&str], keep: &mut [bool]) {
    // A paragraph alone repeats nothing (a text of one long paragraph is
    // not folded for nothing).
    if paragraphs.len() < 2 {
        return;
    }
    let keys: Vec<String> = paragraphs
        .iter()
        .map(|p| {
            if words_at_most(p, REPEAT_WORDS - 1) {
                String::new()
            } else {
                repeat_key(p)
            }
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for i in 0..paragraphs.len() {
        if keys[i].is_empty() {
            continue;
        }
        if !seen.insert(keys[i].as_str()) {
            keep[i] = false;
        } else if ends_with_ellipsis(paragraphs[i]) {
            let cut = keys[i].as_str();
            if (0..paragraphs.len()).any(|k| k != i && keys[k].len() > cut.len() && keys[k].starts_with(cut))
            {
                keep[i] = false;
            }
        }
    }
}

/// Marks that open each entry of a list of links to other stories.
const LINK_MARKS: &[&str] = &[">>", "»", "›"];

/// Whether `paragraph` is a list of links to other stories, each opened by
/// ">>" or "»" (">> Le derby reporté (12/03/2019) >> Fortes pluies…"),
/// as a text file joins its lines: short entries, no sentence.
fn is_link_list(paragraph: &str) -> bool {
    let text = paragraph.trim_start();
    !ends_like_a_sentence(text)
        && LINK_MARKS.iter().any(|m| {
            text.starts_with(m)
                && text.matches(m).count() >= 2
                && text.split(m).all(|entry| words_at_most(entry, SHORT_LINE_WORDS))
        })
}

/// Whether `paragraph` closes the article: a tags, categories or sharing
/// line ("Tags : emploi, jeunes", "Partager :", "This entry was posted
/// in …").
fn is_end_marker(paragraph: &str) -> bool {
    if !words_at_most(paragraph, END_MARKER_WORDS) {
        return false;
    }
    let folded = fold(paragraph);
    let text = folded.trim_start_matches(|c: char| !c.is_alphabetic());
    END_MARKERS.iter().any(|m| {
        text.strip_prefix(m).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with(':')
                || (rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
                    && words_at_most(text, LONE_MARKER_WORDS))
                || m.contains(' ') && rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// Words of the prose paragraphs among `paragraphs`.
fn prose_words(paragraphs: &[&str], prose: &[bool]) -> usize {
    paragraphs
        .iter()
        .zip(prose)
        .filter(|(_, p)| **p)
        .map(|(t, _)| words(t))
        .sum()
}

/// Whether `paragraph` is the heading of readers' comments.
fn is_comment_heading(paragraph: &str) -> bool {
    if !words_at_most(paragraph, COMMENT_HEADING_WORDS) {
        return false;
    }
    let folded = fold(paragraph);
    let text = folded.trim_start_matches(|c: char| !c.is_alphabetic());
    COMMENT_HEADINGS.iter().any(|h| {
        text.starts_with(h)
            && text[h.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Splits `body` (paragraphs separated by blank lines) into the article and
/// the boilerplate removed from it.
pub fn strip(body: &str) -> (String, String) {
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    let prose: Vec<bool> = paragraphs.iter().map(|p| is_prose(p)).collect();
    let mut keep = vec![true; paragraphs.len()];
    mark_repeats(&paragraphs, &mut keep);
    mark_teasers(&paragraphs, &prose, &mut keep);

    // A line closing the article (tags, sharing), when more of the article
    // lies above it than below.
    if let Some(c) = (1..paragraphs.len()).find(|&c| {
        is_end_marker(paragraphs[c])
            && prose[..c].contains(&true)
            && prose_words(&paragraphs[..c], &prose[..c]) >= prose_words(&paragraphs[c..], &prose[c..])
    }) {
        for k in keep.iter_mut().skip(c) {
            *k = false;
        }
    }

    // Readers' comments, after some article text.
    if let Some(c) =
        (1..paragraphs.len()).find(|&c| is_comment_heading(paragraphs[c]) && prose[..c].contains(&true))
    {
        for k in keep.iter_mut().skip(c) {
            *k = false;
        }
    }

    // Teaser paragraphs inside the article: a teaser heading, with the
    // headlines listed below it (short lines, or lines that are not
    // sentences) up to the next sentence of text.
    let mut i = 0;
    while i < paragraphs.len() {
        let p = paragraphs[i];
        if is_teaser_heading(p) && !prose[i] {
            keep[i] = false;
            let mut k = i + 1;
            while k < paragraphs.len()
                && k - i <= MAX_LISTED_TEASERS
                && !prose[k]
                && (words_at_most(paragraphs[k], SHORT_TEASER_WORDS) || !ends_like_a_sentence(paragraphs[k]))
            {
                keep[k] = false;
                k += 1;
            }
            i = k;
            continue;
        }
        if is_furniture(p) || is_link_list(p) {
            keep[i] = false;
        }
        i += 1;
    }

    // A teaser heading followed by no more article text cuts the rest (the
    // heading's paragraph may hold the teasers themselves, when a plain-text
    // file joined them into one paragraph).
    if let Some(t) = (0..paragraphs.len())
        .find(|&t| t > 0 && is_teaser_heading(paragraphs[t]) && !prose[t + 1..].contains(&true))
    {
        for k in keep.iter_mut().skip(t) {
            *k = false;
        }
    }

    // The trailing block after the last long paragraph.
    if let Some(last_long) = prose.iter().rposition(|&p| p) {
        let tail: Vec<usize> = (last_long + 1..paragraphs.len()).filter(|&i| keep[i]).collect();
        let lines: Vec<&str> = tail.iter().flat_map(|&i| paragraphs[i].lines()).collect();
        let opens_with_teaser = tail.first().is_some_and(|&i| is_teaser_heading(paragraphs[i]));
        let headline_list = lines.len() >= 2
            && lines.iter().all(|l| words_at_most(l, SHORT_LINE_WORDS))
            && lines.iter().filter(|l| !ends_like_a_sentence(l)).count() * 2 > lines.len();
        if opens_with_teaser || headline_list {
            for i in tail {
                keep[i] = false;
            }
        }
    }

    let mut article = Vec::new();
    let mut removed = Vec::new();
    for (p, k) in paragraphs.iter().zip(keep) {
        if k {
            article.push(*p);
        } else {
            removed.push(*p);
        }
    }
    (article.join("\n\n"), removed.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Le projet de jumelage entre les deux agences publiques de l'emploi, \
        financé par l'Union européenne, durera vingt-quatre mois et formera trois cents conseillers \
        dans douze agences pilotes.";

    #[test]
    fn teaser_tail_is_removed() {
        let body = format!(
            "{ARTICLE}\n\nLire aussi :\n\nFootball : le derby reporté\n\nMétéo : fortes pluies attendues\n\nLa récolte de tomates sous serre"
        );
        let (article, removed) = strip(&body);
        assert_eq!(article, ARTICLE);
        assert!(removed.starts_with("Lire aussi"));
        assert!(removed.contains("tomates"));
    }

    #[test]
    fn teasers_joined_into_one_paragraph_are_removed() {
        let body = format!(
            "{ARTICLE}\n\nLire aussi : JS Kabylie : un nul arraché dans les arrêts de jeu à Bel Abbès \
             Alerte météo : orages et chutes de grêle sur le littoral ce week-end Biskra : les tomates \
             sous serre inondent les étals"
        );
        let (article, removed) = strip(&body);
        assert_eq!(article, ARTICLE);
        assert!(removed.contains("tomates"));
    }

    #[test]
    fn arabic_teaser_and_copyright() {
        let body =
            format!("{ARTICLE}\n\nاقرأ أيضاً: مباراة القمة تؤجل\n\n© 2021 الجريدة - جميع الحقوق محفوظة");
        let (article, removed) = strip(&body);
        assert_eq!(article, ARTICLE);
        assert!(removed.contains("مباراة"));
    }

    #[test]
    fn arabic_share_line_is_removed() {
        // "على" ends with alef maqsura, which the comparison folds.
        let body = format!("{ARTICLE}\n\nشارك على فيسبوك | تويتر | واتساب");
        let (article, removed) = strip(&body);
        assert_eq!(article, ARTICLE);
        assert!(removed.starts_with("شارك"));
    }

    #[test]
    fn teasers_joined_into_a_long_paragraph_after_a_heading_are_removed() {
        // A plain-text file with one teaser a line: its reader joins them.
        let teasers: Vec<String> = (1..=20)
            .map(|i| format!("Titre numéro {i} d'un autre article du site sans point final"))
            .collect();
        let body = format!("{ARTICLE}\n\nLire aussi :\n\n{}", teasers.join(" "));
        let (article, removed) = strip(&body);
        assert_eq!(article, ARTICLE);
        assert!(removed.ends_with("sans point final"));
    }

    #[test]
    fn prose_needs_sentences() {
        assert!(is_prose(ARTICLE));
        assert!(!is_prose(&"Un titre sans point ".repeat(20)));
        assert!(!is_prose("Une phrase courte."));
    }

    #[test]
    fn headline_list_without_heading_is_removed() {
        let body = format!("{ARTICLE}\n\nLe derby reporté à dimanche\nFortes pluies sur le littoral\nUn nouveau stade à Oran");
        let (article, _) = strip(&body);
        assert_eq!(article, ARTICLE);
    }

    #[test]
    fn inline_teaser_paragraph_is_removed() {
        let body = format!("{ARTICLE}\n\nÀ lire également : Le chômage recule\n\n{ARTICLE} Fin.");
        let (article, removed) = strip(&body);
        assert_eq!(article, format!("{ARTICLE}\n\n{ARTICLE} Fin."));
        assert_eq!(removed, "À lire également : Le chômage recule");
    }

    #[test]
    fn short_closing_sentences_stay() {
        let body = format!("{ARTICLE}\n\nLe projet sera évalué en 2022.");
        assert_eq!(strip(&body), (body.clone(), String::new()));
        let body = format!("{ARTICLE}\n\nLe projet sera évalué en 2022.\nUne deuxième phase est prévue.");
        assert_eq!(strip(&body).0, body);
        // "Lire" alone is a verb, not a heading.
        let body = format!("{ARTICLE}\n\nLireaussi n'est pas un titre de rubrique.");
        assert_eq!(strip(&body).0, body);
    }

    #[test]
    fn words_counted_as_split_whitespace_does() {
        for text in [
            "",
            "   ",
            "un deux\ttrois\nquatre",
            "  la vie\u{202F}! 1\u{00A0}200 emplois\u{3000}x ",
            "وقعت الوكالة\u{2003}الوطنية  للتشغيل",
            "é è\r\nà",
        ] {
            assert_eq!(words(text), text.split_whitespace().count(), "{text:?}");
            for n in 0..6 {
                assert_eq!(words_at_most(text, n), words(text) <= n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn empty_and_short_bodies() {
        assert_eq!(strip(""), (String::new(), String::new()));
        assert_eq!(strip("Une ligne."), ("Une ligne.".to_string(), String::new()));
    }

    #[test]
    fn teasers_anywhere() {
        // A group ending with "Lire plus" between two paragraphs of the article.
        let body = format!(
            "{ARTICLE}\n\nÉconomie\n\nLe prix du pétrole en hausse\n\nLe baril a gagné deux dollars en une semaine. Lire plus\n\n{ARTICLE} Fin."
        );
        let (article, removed) = strip(&body);
        assert_eq!(article, format!("{ARTICLE}\n\n{ARTICLE} Fin."));
        assert!(removed.starts_with("Économie"), "{removed}");
        // One summary cut by an ellipsis is not enough; two are a list.
        let one = format!("{ARTICLE}\n\nSport\n\nLa JSK s'est qualifiée après sa victoire…");
        assert_eq!(strip(&one).0, one);
        let two = format!(
            "{ARTICLE}\n\nLa JSK qualifiée\n\nLe club s'est qualifié après sa victoire…\n\nPluies attendues\n\nDe fortes pluies sont attendues sur l'est du pays..."
        );
        assert_eq!(strip(&two).0, ARTICLE);
        // Arabic "read more".
        let ar = format!("{ARTICLE}\n\nارتفاع أسعار النفط في الأسواق العالمية اقرأ المزيد");
        assert_eq!(strip(&ar).0, ARTICLE);
        // A read-more link on the only text keeps it: it is the article.
        let only = format!("{ARTICLE} Lire la suite");
        assert_eq!(strip(&only).0, only);
    }

    #[test]
    fn repeats_are_removed() {
        let twice = format!("{ARTICLE}\n\nSecond paragraphe de l'article, avec ses mots.\n\n{ARTICLE}\n\nSecond paragraphe de l'article, avec ses mots.");
        let (article, removed) = strip(&twice);
        assert_eq!(
            article,
            format!("{ARTICLE}\n\nSecond paragraphe de l'article, avec ses mots.")
        );
        assert!(removed.contains("vingt-quatre"));
        // A teaser repeating the lead, cut by an ellipsis.
        let lead = format!("Le projet de jumelage entre les deux agences publiques…\n\n{ARTICLE}");
        assert_eq!(strip(&lead).0, ARTICLE);
        // Short repeated lines are left alone.
        let short = format!("{ARTICLE}\n\nOui.\n\nOui.");
        assert_eq!(strip(&short).0, short);
    }

    #[test]
    fn comments_are_cut() {
        let body = format!("{ARTICLE}\n\n12 commentaires\n\nJe ne suis pas d'accord avec cet article, le programme n'a rien donné dans notre région depuis deux ans.");
        assert_eq!(strip(&body).0, ARTICLE);
        let body = format!("{ARTICLE}\n\nVos réactions (3)\n\nTrès bon article.");
        assert_eq!(strip(&body).0, ARTICLE);
        // A sentence that opens with the word is no heading.
        let body =
            format!("{ARTICLE}\n\nCommentaires et critiques ont suivi l'annonce du ministre hier soir.");
        assert_eq!(strip(&body).0, body);
    }

    #[test]
    fn end_markers_close_the_article() {
        let body = format!("{ARTICLE}\n\nTags : emploi, jeunes, Oran\n\nNadia B. est journaliste au service économie depuis dix ans, spécialiste de l'emploi et de la formation des jeunes.");
        assert_eq!(strip(&body).0, ARTICLE);
        let body = format!("{ARTICLE}\n\nPartager\n\nFacebook\n\nNadia B. est journaliste au service économie depuis dix ans, spécialiste de l'emploi et de la formation.");
        assert_eq!(strip(&body).0, ARTICLE);
        // Not when most of the article lies below: a sharing bar at the top.
        let body = format!("{ARTICLE}\n\nPartager\n\n{ARTICLE} Un.\n\n{ARTICLE} Deux.");
        assert_eq!(strip(&body).0, body);
        // A sentence that opens with the word is no marker.
        let body =
            format!("{ARTICLE}\n\nPartager les fruits de la croissance reste l'objectif du gouvernement.");
        assert_eq!(strip(&body).0, body);
    }

    #[test]
    fn link_lists_anywhere() {
        let body = format!("{ARTICLE}\n\n>> Le derby reporté (12/03/2019) >> Fortes pluies sur le littoral (11/03/2019)\n\n{ARTICLE} Fin.");
        assert_eq!(strip(&body).0, format!("{ARTICLE}\n\n{ARTICLE} Fin."));
        let body = format!("{ARTICLE}\n\n» Le derby reporté » Fortes pluies");
        assert_eq!(strip(&body).0, ARTICLE);
        // A quotation in guillemets is not a list.
        let body = format!("{ARTICLE}\n\n« Nous sommes venus apprendre », a-t-il dit.");
        assert_eq!(strip(&body).0, body);
    }

    #[test]
    fn sentences_are_not_links() {
        // "en savoir plus." ends a sentence, not a link.
        let body = format!(
            "{ARTICLE}\n\nIl appelle à la poursuite d'essais cliniques randomisés pour en savoir plus."
        );
        assert_eq!(strip(&body).0, body);
        let body = format!("{ARTICLE}\n\nLe baril a gagné deux dollars. Lire la suite »");
        assert_eq!(strip(&body).0, ARTICLE);
        // A paragraph opening with a closing guillemet is not a list.
        let body = format!(
            "{ARTICLE}\n\n» Les mots très forts de son message publié sur le réseau social » ont surpris."
        );
        assert_eq!(strip(&body).0, body);
    }
}
