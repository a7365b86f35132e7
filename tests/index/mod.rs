//! `fihris index`: what gets indexed, what gets reported, exit codes, and
//! where the index goes.

use crate::util::{ar_article, fr_article, sorted, Hay, INDEX};

/// A hay with two French articles and one Arabic one.
fn small_hay() -> Hay {
    let hay = Hay::new();
    hay.write(
        "corpus/fr/jumelage.txt",
        &fr_article(
            "Jumelage entre l'ANEM et Pôle emploi",
            "Le projet de jumelage financé par l'Union européenne durera deux ans.",
        ),
    )
    .write(
        "corpus/fr/apprentissage.txt",
        &fr_article(
            "L'apprentissage séduit les hôteliers de Tanger",
            "Une nouvelle promotion d'apprentis rejoint les établissements hôteliers.",
        ),
    )
    .write(
        "corpus/ar/anapec.txt",
        &ar_article(
            "الوكالة الوطنية لإنعاش التشغيل تطلق برنامجا جديدا",
            "أعلنت الوكالة عن برنامج للتكوين المهني لفائدة الشباب الباحثين عن عمل.",
        ),
    );
    hay
}

#[test]
fn summary_line_counts_articles_languages_files_and_skips() {
    let hay = small_hay();
    hay.write("corpus/notes.pdf", "%PDF-1.4");
    let out = hay.index();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one summary line on stdout: {}", out.stdout);
    let summary = lines[0];
    assert!(
        summary.starts_with("indexed 3 articles (ar 1, fr 2) from 3 files, skipped 1, in "),
        "{summary}"
    );
    assert!(
        summary.ends_with(&format!(
            " s → {INDEX} (3 added, 0 changed, 0 removed, 0 unchanged, full rebuild)"
        )),
        "{summary}"
    );
    assert_eq!(
        out.stderr_lines(),
        ["skipped corpus/notes.pdf: unsupported file type .pdf"]
    );
    assert!(hay.join(INDEX).join("meta.json").is_file());
}

#[test]
fn nothing_to_index_exits_1() {
    let hay = Hay::new();
    hay.write("corpus/notes.pdf", "%PDF-1.4 pas un article");
    let out = hay.run(&["--index", INDEX, "index", "corpus"]);
    out.assert_code(1);
    assert!(
        out.stdout
            .starts_with("indexed 0 articles from 0 files, skipped 1,"),
        "{}",
        out.stdout
    );
    assert!(out
        .stderr
        .contains("skipped corpus/notes.pdf: unsupported file type .pdf"));
}

#[test]
fn empty_text_file_is_skipped() {
    let hay = small_hay();
    hay.write("corpus/fr/vide.txt", "  \n\n \n");
    let out = hay.index();
    assert_eq!(out.stderr_lines(), ["skipped corpus/fr/vide.txt: no text"]);
    assert!(out.stdout.starts_with("indexed 3 articles"), "{}", out.stdout);
}

#[test]
fn missing_root_is_an_error_and_keeps_the_existing_index() {
    let hay = small_hay();
    hay.index();
    assert_eq!(hay.ids(&["jumelage"]), ["fr/jumelage.txt"]);

    let out = hay.run(&["--index", INDEX, "index", "corpus", "nosuchfolder"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(line.contains("nosuchfolder"), "the error names the root: {line}");
    assert!(out.stdout.is_empty(), "no summary on error: {}", out.stdout);

    // The old index is untouched and still answers.
    assert_eq!(hay.ids(&["jumelage"]), ["fr/jumelage.txt"]);
    assert_eq!(hay.ids(&["apprentissage"]), ["fr/apprentissage.txt"]);
}

#[test]
fn default_root_is_corpus() {
    let hay = small_hay();
    let out = hay.run(&["--index", INDEX, "index"]);
    out.assert_code(0);
    assert!(out.stdout.starts_with("indexed 3 articles"), "{}", out.stdout);
    assert_eq!(hay.ids(&["jumelage"]), ["fr/jumelage.txt"]);
}

#[test]
fn default_index_is_index_in_the_current_folder() {
    let hay = small_hay();
    let out = hay.run(&["index"]);
    out.assert_code(0);
    assert!(out.stdout.contains("→ index ("), "{}", out.stdout);
    assert!(hay.join("index/meta.json").is_file());
    assert!(!hay.join(INDEX).exists());

    let out = hay.run(&["search", "--json", "jumelage"]);
    out.assert_code(0);
    assert!(out.stderr.is_empty(), "no rebuild: {}", out.stderr);
    assert_eq!(crate::util::ids(&out.json()), ["fr/jumelage.txt"]);
}

#[test]
fn fihris_index_environment_variable_sets_the_index() {
    let hay = small_hay();
    let mut cmd = hay.command(["index"]);
    cmd.env("FIHRIS_INDEX", "from-env");
    let out = crate::util::run(cmd);
    out.assert_code(0);
    assert!(out.stdout.contains("→ from-env ("), "{}", out.stdout);
    assert!(hay.join("from-env/meta.json").is_file());
    assert!(!hay.join("index").exists());

    let mut cmd = hay.command(["search", "--json", "apprentissage"]);
    cmd.env("FIHRIS_INDEX", "from-env");
    let out = crate::util::run(cmd);
    out.assert_code(0);
    assert_eq!(crate::util::ids(&out.json()), ["fr/apprentissage.txt"]);

    // --index wins over the environment.
    let mut cmd = hay.command(["--index", "explicit", "index"]);
    cmd.env("FIHRIS_INDEX", "from-env");
    crate::util::run(cmd).assert_code(0);
    assert!(hay.join("explicit/meta.json").is_file());
}

#[test]
fn reindexing_replaces_the_content() {
    let hay = small_hay();
    hay.index();
    assert_eq!(hay.ids(&["apprentissage"]), ["fr/apprentissage.txt"]);

    hay.remove("corpus/fr/apprentissage.txt");
    hay.write(
        "corpus/fr/salon.txt",
        &fr_article(
            "Salon de l'emploi à Oran",
            "Des recruteurs attendent les candidats.",
        ),
    );
    let out = hay.index();
    assert!(out.stdout.starts_with("indexed 3 articles"), "{}", out.stdout);

    let gone = hay.search(&["apprentissage"]);
    gone.assert_code(1);
    assert_eq!(gone.stdout.trim(), "0 matching articles");
    assert_eq!(hay.ids(&["recruteurs"]), ["fr/salon.txt"]);
    // Nothing is indexed twice.
    assert_eq!(hay.ids(&["jumelage"]), ["fr/jumelage.txt"]);
}

#[test]
fn ids_are_paths_relative_to_their_root() {
    let hay = small_hay();
    hay.write(
        "corpus/fr/2019/mars/sub.txt",
        &fr_article("Subventions à l'embauche", "Les subventions couvrent six mois."),
    );
    hay.write(
        "single.txt",
        &fr_article("Un article isolé", "Cet article isolé est passé directement."),
    );
    let out = hay.run(&["--index", INDEX, "index", "corpus", "single.txt"]);
    out.assert_code(0);
    assert_eq!(hay.ids(&["subventions"]), ["fr/2019/mars/sub.txt"]);
    assert_eq!(hay.ids(&["الوكالة"]), ["ar/anapec.txt"]);
    // A file given as a root: its file name.
    assert_eq!(hay.ids(&["isolé"]), ["single.txt"]);
    // path is the file as reached from the root given.
    let hit = hay.only_hit(&["subventions"], "fr/2019/mars/sub.txt");
    assert!(
        crate::util::str_field(&hit, "path").ends_with("corpus/fr/2019/mars/sub.txt"),
        "{hit}"
    );
}

#[test]
fn file_given_inside_a_folder_root_keeps_its_name_as_id() {
    let hay = small_hay();
    let out = hay.run(&["--index", INDEX, "index", "corpus/ar/anapec.txt"]);
    out.assert_code(0);
    assert!(
        out.stdout.starts_with("indexed 1 article (ar 1)"),
        "{}",
        out.stdout
    );
    assert_eq!(hay.ids(&["الوكالة"]), ["anapec.txt"]);
}

#[test]
fn jsonl_ids_from_the_record_or_the_line() {
    let hay = Hay::new();
    hay.write(
        "corpus/mixed/wire.jsonl",
        concat!(
            r#"{"id":"wire-1","title":"Jumelage tuniso-européen","body":"Le jumelage de l'ANETI commence en juin.","lang":"fr"}"#,
            "\n",
            r#"{"title":"Salon des métiers","body":"Le salon des métiers ouvre ses portes aux chercheurs d'emploi.","lang":"fr"}"#,
            "\n",
            r#"{"id":42,"title":"Formation des conseillers","body":"Les conseillers suivent une formation.","lang":"fr"}"#,
            "\n",
        ),
    );
    let out = hay.index();
    assert!(
        out.stdout
            .starts_with("indexed 3 articles (fr 3) from 1 file, skipped 0,"),
        "{}",
        out.stdout
    );
    assert_eq!(hay.ids(&["jumelage"]), ["wire-1"]);
    assert_eq!(hay.ids(&["métiers"]), ["mixed/wire.jsonl#2"]);
    assert_eq!(hay.ids(&["conseillers"]), ["42"]);
}

#[test]
fn json_documents_one_object_or_an_array() {
    let hay = Hay::new();
    hay.write(
        "corpus/one.json",
        r#"{"title":"Le forum de l'emploi","body":"Le forum accueille trois mille visiteurs.","lang":"fr"}"#,
    )
    .write(
        "corpus/many.json",
        r#"[{"title":"Premier titre","body":"Les stagiaires découvrent l'entreprise.","lang":"fr"},
            {"id":"m-2","title":"Second titre","body":"Les tuteurs accompagnent les stagiaires.","lang":"fr"}]"#,
    );
    hay.index();
    assert_eq!(hay.ids(&["forum"]), ["one.json"]);
    assert_eq!(hay.ids(&["tuteurs"]), ["m-2"]);
    assert_eq!(sorted(hay.ids(&["stagiaires"])), ["m-2", "many.json#1"]);
}

#[test]
fn utf8_with_a_byte_order_mark() {
    let hay = Hay::new();
    let text = fr_article("Bourse de l'emploi", "La bourse de l'emploi recense les offres.");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    hay.write_bytes("corpus/bom.txt", &bytes);
    let out = hay.index();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let hit = hay.only_hit(&["bourse"], "bom.txt");
    assert_eq!(hit["title"], "Bourse de l'emploi");
    assert_eq!(hit["lang"], "fr");
}

#[test]
fn windows_1252_file_is_decoded_and_reported() {
    let hay = small_hay();
    hay.write_bytes(
        "corpus/fr/cp1252.txt",
        b"Caf\xe9 de l'emploi\n\nLe caf\xe9 des recruteurs ouvre \xe0 Oran, pr\xe8s du p\xf4le.\n",
    );
    let out = hay.index();
    out.assert_code(0);
    assert!(
        out.stderr
            .contains("decoded corpus/fr/cp1252.txt from windows-1252"),
        "{}",
        out.stderr
    );
    assert_eq!(hay.ids(&["recruteurs", "café"]), ["fr/cp1252.txt"]);
}

#[test]
fn undecodable_file_is_skipped_and_the_run_goes_on() {
    let hay = small_hay();
    // Russian in Windows-1251: no Arabic or Latin code page fits.
    hay.write_bytes(
        "corpus/fr/cp1251.txt",
        b"\xd0\xe0\xe1\xee\xf2\xe0 \xe4\xeb\xff \xec\xee\xeb\xee\xe4\xe5\xe6\xe8\n\n\xc2\xf1\xe5 \xf0\xe0\xe1\xee\xf2\xe0\xfe\xf2.\n",
    );
    let out = hay.index();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("skipped corpus/fr/cp1251.txt: "),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("not UTF-8"), "{}", lines[0]);
    assert!(
        out.stdout
            .starts_with("indexed 3 articles (ar 1, fr 2) from 4 files, skipped 1,"),
        "{}",
        out.stdout
    );
    assert_eq!(hay.ids(&["jumelage"]), ["fr/jumelage.txt"]);
}

#[cfg(unix)]
#[test]
fn broken_symlink_is_reported() {
    let hay = small_hay();
    hay.symlink("/nonexistent/fihris/target.txt", "corpus/fr/dangling.txt");
    let out = hay.index();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("skipped corpus/fr/dangling.txt: cannot read"),
        "{}",
        lines[0]
    );
    assert!(out.stdout.starts_with("indexed 3 articles"), "{}", out.stdout);
}

#[test]
fn invalid_jsonl_line_is_reported_with_its_number() {
    let hay = Hay::new();
    hay.write(
        "corpus/wire.jsonl",
        concat!(
            r#"{"id":"ok-1","title":"Reprise des recrutements","body":"Les recrutements reprennent.","lang":"fr"}"#,
            "\n",
            "{\"id\": \"broken\", \"title\": \n",
            "\n",
            r#"{"id":"ok-4","title":"Recrutements saisonniers","body":"Les saisonniers partent en avril.","lang":"fr"}"#,
            "\n",
            r#"{"id":"empty","title":"","body":""}"#,
            "\n",
        ),
    );
    let out = hay.index();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    assert!(
        lines[0].starts_with("skipped corpus/wire.jsonl:2: "),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("JSON"), "{}", lines[0]);
    assert_eq!(
        lines[1],
        "skipped corpus/wire.jsonl:5: record has no title and no body"
    );
    assert!(
        out.stdout
            .starts_with("indexed 2 articles (fr 2) from 1 file, skipped 2,"),
        "{}",
        out.stdout
    );
    assert_eq!(sorted(hay.ids(&["recrutements"])), ["ok-1", "ok-4"]);
}

#[test]
fn crlf_line_endings() {
    let hay = Hay::new();
    let text =
        "Journée portes ouvertes au centre de Sfax\r\n12 mars 2019\r\nSource : La Presse du Sud\r\n\r\n\
                Le centre de formation professionnelle ouvre ses ateliers\r\naux visiteurs samedi.\r\n\r\n\
                Les formateurs présenteront les filières de soudure et d'électricité.\r\n";
    hay.write("corpus/crlf.txt", text);
    hay.index();
    let hit = hay.only_hit(&["ateliers"], "crlf.txt");
    assert_eq!(hit["title"], "Journée portes ouvertes au centre de Sfax");
    assert_eq!(hit["date"], "2019-03-12");
    assert_eq!(hit["source"], "La Presse du Sud");
    // A line break inside a paragraph is a space: the phrase spans it.
    assert_eq!(hay.ids(&["\"ateliers aux visiteurs\""]), ["crlf.txt"]);
    let snippet = crate::util::str_field(&hit, "snippet");
    assert!(!snippet.contains('\r'), "{snippet:?}");
}

#[test]
fn duplicate_ids_across_roots_keep_the_first() {
    let hay = Hay::new();
    hay.write(
        "one/a.txt",
        &fr_article("Premier dépôt", "Le premier dépôt parle des conventions."),
    )
    .write(
        "two/a.txt",
        &fr_article("Second dépôt", "Le second dépôt parle aussi des conventions."),
    );
    let out = hay.run(&["--index", INDEX, "index", "one", "two"]);
    out.assert_code(0);
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("skipped two/a.txt: duplicate id"),
        "{}",
        lines[0]
    );
    assert!(
        out.stdout
            .starts_with("indexed 1 article (fr 1) from 2 files, skipped 1,"),
        "{}",
        out.stdout
    );
    let hit = hay.only_hit(&["conventions"], "a.txt");
    assert_eq!(hit["title"], "Premier dépôt");
}

#[test]
fn hidden_files_and_folders_are_ignored() {
    let hay = small_hay();
    hay.write(
        "corpus/.git/notes.txt",
        &fr_article("Notes cachées", "Ces brouillons ne sont pas des articles."),
    )
    .write(
        "corpus/fr/.brouillon.txt",
        &fr_article("Brouillon", "Ces brouillons ne sont pas des articles."),
    );
    let out = hay.index();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(out.stdout.starts_with("indexed 3 articles"), "{}", out.stdout);
    hay.search(&["brouillons"]).assert_code(1);
}

#[test]
fn index_refuses_a_folder_that_is_not_an_index() {
    let hay = small_hay();
    hay.write("notanindex/precious.txt", "do not delete");
    let out = hay.run(&["--index", "notanindex", "index", "corpus"]);
    out.assert_code(2);
    out.one_error_line();
    assert!(hay.join("notanindex/precious.txt").is_file());
}

#[test]
fn missing_root_error_gives_the_reason_once_in_lowercase() {
    let hay = small_hay();
    let out = hay.run(&["--index", INDEX, "index", "nosuchfolder"]);
    out.assert_code(2);
    let line = out.one_error_line();
    assert!(
        line.contains("cannot read nosuchfolder: no such file or directory"),
        "{line}"
    );
    assert_eq!(line.matches("such file").count(), 1, "{line}");
    assert!(!line.contains("os error"), "{line}");
}

#[test]
fn duplicate_id_inside_a_jsonl_file_names_the_line() {
    let hay = Hay::new();
    hay.write(
        "corpus/wire.jsonl",
        concat!(
            r#"{"id":"x","title":"Première dépêche","body":"Les dépêches arrivent.","lang":"fr"}"#,
            "\n",
            r#"{"id":"x","title":"Seconde dépêche","body":"Les dépêches arrivent encore.","lang":"fr"}"#,
            "\n",
        ),
    );
    let out = hay.index();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("skipped corpus/wire.jsonl:2: duplicate id"),
        "{}",
        lines[0]
    );
}

#[test]
fn the_index_folder_is_not_read_as_articles() {
    let hay = small_hay();
    hay.run(&["index", "corpus"]).assert_code(0);
    let out = hay.run(&["index", "."]);
    out.assert_code(0);
    assert!(!out.stderr.contains("index/"), "{}", out.stderr);
}
