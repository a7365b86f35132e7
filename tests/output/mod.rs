//! Human-readable output of `fihris search`.

use crate::util::{ar_article, Hay, FR_FILLER};

const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

fn hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/jumelage.txt",
        &format!(
            "Jumelage : l'ANEM et Pôle emploi\n15 janvier 2020\nSource : L'Écho de l'Oranie\n\n\
             Le jumelage institutionnel durera vingt-quatre mois.\n\n{FR_FILLER}\n"
        ),
    )
    .write(
        "corpus/fr/bilan.txt",
        &format!("Bilan d'étape\n\nUn bilan du jumelage est attendu en juin.\n\n{FR_FILLER}\n"),
    )
    .write(
        "corpus/ar/tawama.txt",
        &ar_article(
            "توأمة بين وكالتين",
            "انطلق مشروع توأمة مؤسساتية بين الوكالتين لمدة سنتين.",
        ),
    );
    hay.index();
    hay
}

#[test]
fn hits_with_rank_title_metadata_snippet_and_footer() {
    let hay = hay();
    let out = hay.search(&["jumelage"]);
    out.assert_code(0);
    // Two hits (title, metadata, snippet lines wrapped to 80 columns), each
    // followed by a blank line, then a footer.
    let blocks: Vec<&str> = out.stdout.split("\n\n").collect();
    assert_eq!(blocks.len(), 3, "{}", out.stdout);
    let first: Vec<&str> = blocks[0].lines().collect();
    assert_eq!(first[0], " 1. Jumelage : l'ANEM et Pôle emploi");
    assert!(
        first[1].starts_with("    2020-01-15 · L'Écho de l'Oranie · fr · fr/jumelage.txt · score "),
        "{}",
        first[1]
    );
    let score = first[1].rsplit("score ").next().expect("a score");
    assert!(
        score.parse::<f64>().is_ok_and(|s| s > 0.0) && score.split('.').nth(1).map(str::len) == Some(2),
        "score with two decimals: {score}"
    );
    assert!(first.len() >= 3, "a snippet: {}", blocks[0]);
    for line in &first[2..] {
        assert!(line.starts_with("    "), "{line}");
        assert!(line.chars().count() <= 80, "fits 80 columns: {line}");
    }
    assert!(blocks[0].contains("**jumelage**"), "{}", blocks[0]);
    let second: Vec<&str> = blocks[1].lines().collect();
    assert_eq!(second[0], " 2. Bilan d'étape");
    assert!(
        second[1].starts_with("    undated · fr · fr/bilan.txt · score "),
        "{}",
        second[1]
    );
    assert!(blocks[1].contains("**jumelage**"), "{}", blocks[1]);
    assert_eq!(blocks[2], "1–2 of 2 matching articles\n");
    assert!(!out.stdout.contains('\x1b'), "no colour with --color never");
    assert!(!out.stdout.contains(RLI), "no isolates around French text");
}

#[test]
fn arabic_title_and_snippet_are_isolated_right_to_left() {
    let hay = hay();
    let out = hay.search(&["توأمة"]);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], format!(" 1. {RLI}توأمة بين وكالتين{PDI}"));
    assert!(
        lines[1].contains(" · ar · ar/tawama.txt · score "),
        "{}",
        lines[1]
    );
    let snippet = lines[2].strip_prefix("    ").expect("an indented snippet");
    assert!(snippet.starts_with(RLI) && snippet.ends_with(PDI), "{snippet:?}");
    assert!(snippet.contains("**توأمة**"), "{snippet}");
}

#[test]
fn colour_is_off_when_piped_and_on_when_asked() {
    let hay = hay();
    // --color auto (the default) with stdout a pipe: no escapes, marks.
    let out = hay.run(&["--index", crate::util::INDEX, "search", "jumelage"]);
    out.assert_code(0);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
    assert!(out.stdout.contains("**jumelage**"), "{}", out.stdout);

    let out = hay.run(&[
        "--index",
        crate::util::INDEX,
        "--color",
        "always",
        "search",
        "jumelage",
    ]);
    out.assert_code(0);
    assert!(
        out.stdout.contains("\x1b[1;33mjumelage\x1b[0m"),
        "{:?}",
        out.stdout
    );
    assert!(!out.stdout.contains("**"), "{:?}", out.stdout);
}

#[test]
fn json_output_has_no_colour_and_no_footer() {
    let hay = hay();
    let out = hay.run(&[
        "--index",
        crate::util::INDEX,
        "--color",
        "always",
        "search",
        "--no-cross",
        "--json",
        "jumelage",
    ]);
    out.assert_code(0);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
    let hits = out.json();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["id"], "fr/jumelage.txt");
}

#[test]
fn help_and_version() {
    let hay = Hay::new();
    let out = hay.run(&["--help"]);
    out.assert_code(0);
    for word in ["index", "search", "--index", "FIHRIS_INDEX", "--color"] {
        assert!(out.stdout.contains(word), "{word} missing from --help");
    }
    let out = hay.run(&["search", "--help"]);
    out.assert_code(0);
    for word in ["--limit", "--offset", "--lang", "--json"] {
        assert!(out.stdout.contains(word), "{word} missing from search --help");
    }
    let out = hay.run(&["--version"]);
    out.assert_code(0);
    assert!(out.stdout.starts_with("fihris "), "{}", out.stdout);
}

#[test]
fn shell_completions_and_manual_pages() {
    let hay = Hay::new();
    for (shell, marker) in [
        ("bash", "_fihris()"),
        ("zsh", "#compdef fihris"),
        ("fish", "complete -c fihris"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[fihris]"),
    ] {
        let out = hay.run(&["completions", shell]);
        out.assert_code(0);
        assert!(out.stdout.contains(marker), "{shell}: {}", out.stdout);
        assert!(out.stdout.contains("serve"), "{shell}");
    }
    let out = hay.run(&["man"]);
    out.assert_code(0);
    assert!(out.stdout.contains(".TH fihris 1"), "{}", out.stdout);
    assert!(out.stdout.contains(r"fihris\-search(1)"), "{}", out.stdout);
    let out = hay.run(&["man", "search"]);
    out.assert_code(0);
    assert!(out.stdout.contains(".TH fihris-search 1"), "{}", out.stdout);
    assert!(out.stdout.contains(r"\-\-since"), "{}", out.stdout);
    let out = hay.run(&["man", "nope"]);
    out.assert_code(2);
    assert_eq!(
        out.stderr,
        "fihris: error: no command \"nope\" (see fihris --help)\n"
    );
}
