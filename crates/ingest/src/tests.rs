//! Unit tests of the ingest crate.

use super::*;
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
    encoder.finish().unwrap_or_else(|e| panic!("{e}"))
}

/// An entry for a file named `name` in `dir`, with `bytes` written.
fn file(dir: &Path, name: &str, bytes: &[u8]) -> FileEntry {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    FileEntry::new(path, dir).unwrap_or_else(|| panic!("unsupported {name}"))
}

fn reason(result: Result<FileArticles, IngestError>) -> String {
    match result {
        Ok(read) => panic!("read: {:?}", read.articles),
        Err(e) => e.reason(),
    }
}

fn read_ok(entry: &FileEntry) -> FileArticles {
    read_file(entry).unwrap_or_else(|e| panic!("{e}"))
}

/// Parts of a JSON Lines file, plain or gzipped, hold the articles and
/// skipped records of a whole read, in order, with their line numbers.
#[test]
fn parts_of_a_json_lines_file() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut text = String::new();
    for i in 1..=7 {
        if i == 4 {
            text.push_str("{broken\n\n");
        } else {
            text.push_str(&format!(
                "{{\"id\":\"r{i}\",\"title\":\"Titre {i}\",\"body\":\"CafÃ© {i}.\"}}\n"
            ));
        }
    }
    for (name, bytes) in [
        ("p.jsonl", text.clone().into_bytes()),
        ("p.jsonl.gz", gzip(text.as_bytes())),
    ] {
        let entry = file(dir.path(), name, &bytes);
        let whole = read_ok(&entry);
        let mut parts = Vec::new();
        read_bytes_in_parts(&entry, &bytes, &ReadOptions::default(), 3, &mut |p| parts.push(p))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            parts.iter().map(|p| p.articles.len()).collect::<Vec<_>>(),
            [3, 2, 1]
        );
        let ids = |a: &[Article]| a.iter().map(|a| (a.id.clone(), a.line)).collect::<Vec<_>>();
        let joined: Vec<Article> = parts.iter().flat_map(|p| p.articles.clone()).collect();
        assert_eq!(ids(&joined), ids(&whole.articles));
        assert_eq!(parts[1].skipped[0].line, Some(4));
        assert_eq!(
            parts.iter().map(|p| p.mojibake_repairs).sum::<usize>(),
            whole.mojibake_repairs
        );
        assert_eq!(whole.mojibake_repairs, 6);
    }
    // Other formats come in one part.
    let entry = file(
        dir.path(),
        "a.txt",
        b"Titre\n\nUn texte assez long pour une langue.",
    );
    let mut n = 0;
    read_bytes_in_parts(
        &entry,
        b"Titre\n\nUn texte.",
        &ReadOptions::default(),
        1,
        &mut |_| n += 1,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(n, 1);
    Ok(())
}

#[test]
fn gzip_round_trip_for_every_format() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let txt = "Jumelage ANEM\n12 mars 2019\n\nLe projet durera deux ans.\n";
    let read = read_ok(&file(dir.path(), "b.txt.gz", &gzip(txt.as_bytes())));
    assert_eq!(read.articles[0].title, "Jumelage ANEM");
    assert_eq!(read.articles[0].body, "Le projet durera deux ans.");
    assert_eq!(read.articles[0].id, "b.txt.gz");
    assert_eq!(read.encoding, None);

    let jsonl =
        "{\"id\":\"a\",\"title\":\"t1\",\"body\":\"b1\"}\n{\"id\":\"b\",\"title\":\"t2\",\"body\":\"b2\"}\n";
    let read = read_ok(&file(dir.path(), "x.jsonl.gz", &gzip(jsonl.as_bytes())));
    let ids: Vec<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);

    // Two gzip members, as `cat a.gz b.gz` makes.
    let mut two = gzip(b"<html><body><h1>Titre</h1>");
    two.extend(gzip(b"<p>Corps.</p></body></html>"));
    let read = read_ok(&file(dir.path(), "a.html.gz", &two));
    assert_eq!(read.articles[0].title, "Titre");
    assert_eq!(read.articles[0].body, "Corps.");

    // A legacy code page inside the gzip.
    let (ar, _, _) = encoding_rs::WINDOWS_1256.encode("توأمة بين الوكالتين\n\nنص المقال عن التشغيل.");
    let read = read_ok(&file(dir.path(), "ar.md.gz", &gzip(&ar)));
    assert_eq!(read.articles[0].title, "توأمة بين الوكالتين");
    assert_eq!(read.encoding, Some("windows-1256"));
    Ok(())
}

#[test]
fn corrupt_gzip() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let entry = file(dir.path(), "n.txt.gz", b"not gzip at all");
    assert_eq!(
        reason(read_file(&entry)),
        "corrupt gzip data: invalid gzip header"
    );
    let good = gzip("Un texte assez long pour être compressé en plusieurs octets.".as_bytes());
    let entry = file(dir.path(), "t.txt.gz", &good[..good.len() - 12]);
    assert_eq!(
        reason(read_file(&entry)),
        "corrupt gzip data: incomplete deflate stream"
    );
    let mut flipped = good.clone();
    let n = flipped.len();
    flipped[n - 6] ^= 0xFF; // the CRC
    let entry = file(dir.path(), "c.txt.gz", &flipped);
    assert_eq!(
        reason(read_file(&entry)),
        "corrupt gzip data: gzip stream does not have a matching checksum"
    );
    assert_eq!(
        reason(read_file(&file(dir.path(), "e.txt.gz", b""))),
        "empty file"
    );
    assert_eq!(
        reason(read_file(&file(dir.path(), "z.txt.gz", &gzip(b"")))),
        "empty file"
    );
    Ok(())
}

#[test]
fn empty_and_binary_files() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    for name in ["e.txt", "e.md", "e.html", "e.json", "e.jsonl"] {
        assert_eq!(
            reason(read_file(&file(dir.path(), name, b""))),
            "empty file",
            "{name}"
        );
    }
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
    assert_eq!(
        reason(read_file(&file(dir.path(), "img.txt", png))),
        "binary data, not text"
    );
    let err = read_file(&file(dir.path(), "bin.html", b"\x01\x02\x03\x04\x05\x06"));
    assert!(matches!(&err, Err(IngestError::Decode { .. })));
    assert_eq!(
        err.map(|_| ()).map_err(|e| e.to_string()),
        Err(format!(
            "cannot decode {}: binary data, not text",
            dir.path().join("bin.html").display()
        ))
    );
    Ok(())
}

#[test]
fn too_large_files() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    // A sparse file: the size is refused from the metadata, unread (a
    // file of records: one of one article meets a lower cap).
    let path = dir.path().join("big.jsonl");
    std::fs::File::create(&path)?.set_len(ReadOptions::DEFAULT_MAX_BYTES + (1 << 20))?;
    let entry = FileEntry::new(path, dir.path()).unwrap_or_else(|| panic!("jsonl"));
    assert_eq!(
        reason(read_file(&entry)),
        "file too large (1025 MiB > cap 1024 MiB)"
    );
    let path = dir.path().join("big.txt");
    std::fs::File::create(&path)?.set_len(ReadOptions::DEFAULT_MAX_BYTES + (1 << 20))?;
    let entry = FileEntry::new(path, dir.path()).unwrap_or_else(|| panic!("txt"));
    assert_eq!(
        reason(read_file(&entry)),
        "file too large for one article (1025 MiB > cap 64 MiB, 4 times --max-article-size)"
    );

    let small = ReadOptions {
        max_bytes: 1000,
        ..ReadOptions::default()
    };
    let entry = file(dir.path(), "a.txt", &[b'a'; 1500]);
    assert_eq!(
        reason(read_file_with(&entry, &small)),
        "file too large (1.5 KiB > cap 1000 bytes)"
    );
    assert_eq!(
        reason(read_bytes_with(&entry, &[b'a'; 1500], &small)),
        "file too large (1.5 KiB > cap 1000 bytes)"
    );
    // A gzip bomb in miniature: small compressed, large decompressed.
    let text = "Titre\n\n".to_string() + &"emploi ".repeat(1000);
    let entry = file(dir.path(), "bomb.txt.gz", &gzip(text.as_bytes()));
    assert!(std::fs::metadata(&entry.path)?.len() < 1000);
    assert_eq!(
        reason(read_file_with(&entry, &small)),
        "file too large (> 1000 bytes decompressed, cap 1000 bytes)"
    );
    assert!(read_file(&entry).is_ok());
    Ok(())
}

/// Articles over the article cap are skipped before their text is copied:
/// a file of one article with its reason, a record as a skipped record; a
/// file of one article or a record over 4 times the cap, unread.
#[test]
fn too_large_articles() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let small = ReadOptions {
        max_article_bytes: 1000,
        ..ReadOptions::default()
    };
    let long = "emploi ".repeat(200); // 1400 bytes
    let text = format!("Titre\n\n{long}\n");
    let entry = file(dir.path(), "a.txt", text.as_bytes());
    assert_eq!(
        reason(read_file_with(&entry, &small)),
        "article text too large (1.4 KiB > cap 1000 bytes; see --max-article-size)"
    );
    assert_eq!(read_ok(&entry).articles.len(), 1);
    let err = read_file_with(&entry, &small).err();
    assert!(
        matches!(err, Some(IngestError::ArticleTooLarge { .. })),
        "{err:?}"
    );
    // A page: its title and body are measured, not its markup.
    let page = format!("<html><head><title>Titre</title></head><body><p>{long}</p></body></html>");
    let entry = file(dir.path(), "a.html", page.as_bytes());
    assert!(reason(read_file_with(&entry, &small))
        .starts_with("article text too large (1.4 KiB > cap 1000 bytes"));
    let page = format!(
        "<html><body><h1>Titre</h1><p>Court.</p><!-- {} --></body></html>",
        "x".repeat(2000)
    );
    let entry = file(dir.path(), "markup.html", page.as_bytes());
    assert_eq!(
        read_file_with(&entry, &small).map(|r| r.articles.len()).ok(),
        Some(1)
    );
    // More than 4 times the cap: unread, a compressed file not inflated
    // past it.
    let huge = "emploi ".repeat(600); // 4200 bytes
    let entry = file(dir.path(), "huge.txt", huge.as_bytes());
    assert_eq!(
        reason(read_file_with(&entry, &small)),
        "file too large for one article (4.1 KiB > cap 3.9 KiB, 4 times --max-article-size)"
    );
    let entry = file(dir.path(), "huge.md.gz", &gzip(huge.as_bytes()));
    assert_eq!(
        reason(read_file_with(&entry, &small)),
        "file too large for one article (> 3.9 KiB decompressed, cap 3.9 KiB, 4 times --max-article-size)"
    );

    // Records: one under the cap, one over it (its JSON escapes measured
    // as the text they stand for: 300 Arabic letters of 2 bytes in 1800
    // bytes of JSON are 600 bytes of text), one over 4 times.
    let escaped = "\\u0627".repeat(300);
    let lines = [
        format!("{{\"id\":\"a\",\"title\":\"Titre\",\"body\":\"{escaped}\"}}"),
        format!("{{\"id\":\"b\",\"title\":\"Titre\",\"body\":\"{long}\"}}"),
        "{\"id\":\"c\",\"title\":\"Court\",\"body\":\"Texte.\"}".to_string(),
        format!("{{\"id\":\"d\",\"title\":\"Titre\",\"body\":\"{huge}\"}}"),
        " ".repeat(5000),
    ];
    let text = lines.join("\n") + "\n";
    let expected = [
        (
            Some(2),
            "article text too large (1.4 KiB > cap 1000 bytes; see --max-article-size)".to_string(),
        ),
        (
            Some(4),
            "record too large (4.1 KiB > cap 3.9 KiB, 4 times --max-article-size)".to_string(),
        ),
        (
            Some(5),
            "record too large (4.9 KiB > cap 3.9 KiB, 4 times --max-article-size)".to_string(),
        ),
    ];
    let entry = file(dir.path(), "r.jsonl", text.as_bytes());
    let key = |r: &FileArticles| {
        (
            r.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
            r.skipped
                .iter()
                .map(|s| (s.line, s.reason.clone()))
                .collect::<Vec<_>>(),
        )
    };
    let whole = read_file_with(&entry, &small).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        key(&whole),
        (vec!["a".to_string(), "c".to_string()], expected.to_vec())
    );
    assert_eq!(whole.articles[0].body.len(), 600);
    // Streamed, in parts of two records: the same.
    let mut parts = Vec::new();
    crate::stream::read_json_lines_in_parts(&entry, &small, 2, &mut |p| parts.push(p))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut streamed = FileArticles::default();
    for part in parts {
        streamed.articles.extend(part.articles);
        streamed.skipped.extend(part.skipped);
    }
    assert_eq!(key(&streamed), key(&whole));

    // A JSON document: a record of an array is skipped, a lone object
    // refuses the file.
    let doc = format!("[{}, {}]", lines[2], lines[1]);
    let read =
        read_file_with(&file(dir.path(), "d.json", doc.as_bytes()), &small).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.articles.len(), 1);
    assert!(read.skipped[0]
        .reason
        .starts_with("record 2: article text too large"));
    let entry = file(dir.path(), "o.json", lines[1].as_bytes());
    assert!(matches!(
        read_file_with(&entry, &small),
        Err(IngestError::ArticleTooLarge { .. })
    ));
    Ok(())
}

/// Character references decode after the file's NFC: a page or a
/// Markdown file writing an accent as `&#x301;` still gives NFC text (the
/// analysis's offsets rely on it). Found by the `read_html` fuzz target.
#[test]
fn character_references_give_nfc_text() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let page = "<html><head><title>Po&#x302;le emploi</title></head><body><article><h1>Po&#x302;le emploi</h1>\
                <p>Le jumelage de Po&#x302;le emploi et de l&#x2019;ANEM a e&#769;te&#x301; signe&#x301; a&#768; Alger.</p>\
                </article></body></html>";
    let md = "# Po&#x302;le emploi\n\nLe jumelage a e&#769;te&#x301; signe&#x301; a&#768; Alger.\n";
    for entry in [
        file(dir.path(), "page.html", page.as_bytes()),
        file(dir.path(), "note.md", md.as_bytes()),
    ] {
        let read = read_ok(&entry);
        let article = &read.articles[0];
        assert_eq!(article.title, "Pôle emploi", "{:?}", entry.path);
        assert!(
            article.body.contains("a été signé à Alger"),
            "{:?}: {:?}",
            entry.path,
            article.body
        );
        for text in [&article.title, &article.body, &article.boilerplate] {
            assert_eq!(fihris_lang::nfc(text), text.as_str());
        }
    }
    Ok(())
}

#[test]
fn deeply_nested_pages_are_refused_unparsed() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    // 100,000 levels would take the parser 43 s (its time grows with the
    // square of the depth); refused at once.
    let deep = "<div>".repeat(100_000) + "Le texte." + &"</div>".repeat(100_000);
    let entry = file(dir.path(), "deep.html", deep.as_bytes());
    assert_eq!(
        reason(read_file(&entry)),
        "elements nested more than 1024 levels deep"
    );
    // As deep as allowed: read.
    let page = "<h1>Titre</h1>".to_string() + &"<div>".repeat(1024) + "Le texte de l'article.";
    let entry = file(dir.path(), "ok.html", page.as_bytes());
    assert_eq!(read_file(&entry).map(|r| r.articles.len()).ok(), Some(1));
    Ok(())
}

#[test]
fn encodings_are_reported() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let fr = "Café de l'emploi\n\nLe café des recruteurs ouvre à Oran.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(fr);
    let read = read_ok(&file(dir.path(), "cp1252.txt", &bytes));
    assert_eq!(read.encoding, Some("windows-1252"));
    assert_eq!(read.articles[0].title, "Café de l'emploi");
    assert_eq!(read.articles[0].body, "Le café des recruteurs ouvre à Oran.");
    assert_eq!(read.articles[0].lang, Lang::Fr);

    let broken = "Lâ€™ANEM Ã\u{A0} Oran\n\nLe cafÃ© des recruteurs.";
    let read = read_ok(&file(dir.path(), "moji.txt", broken.as_bytes()));
    assert_eq!(read.encoding, None);
    assert_eq!(read.mojibake_repairs, 3);
    assert_eq!(read.articles[0].title, "L’ANEM à Oran");
    assert_eq!(read.articles[0].body, "Le café des recruteurs.");

    // JSON in a code page is an error, not a guess.
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("{\"title\":\"Café\"}");
    assert_eq!(
        reason(read_file(&file(dir.path(), "r.json", &bytes))),
        "not UTF-8: invalid byte at offset 13 (JSON must be UTF-8 or UTF-16)"
    );
    Ok(())
}

/// A text file's byline names its author or its source, as `byline.rs`
/// tells them apart; a name alone as the last paragraph signs it.
#[test]
fn authors_of_text_files() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let cases = [
        (
            "a.txt",
            "Titre\nPar Nadia B.\n12 mars 2019\n\nTexte.\n",
            Some("Nadia B."),
            None,
        ),
        ("b.txt", "Titre\nPar APS\n\nTexte.\n", None, Some("APS")),
        (
            "f.txt",
            "Titre\nPar Samia Kherbouche · 16 janvier 2020\n\nTexte.\n",
            Some("Samia Kherbouche"),
            None,
        ),
        (
            "c.txt",
            "عنوان\nبقلم: نادية بن علي\n\nنص المقال.\n",
            Some("نادية بن علي"),
            None,
        ),
        (
            "d.txt",
            "Titre\n\nTexte du corps.\n\nKarim L.\n",
            Some("Karim L."),
            None,
        ),
        (
            "e.txt",
            "Titre\nPar ailleurs, le ministre a annoncé de nouvelles mesures.\n",
            None,
            None,
        ),
    ];
    for (name, text, author, source) in cases {
        let read = read_ok(&file(dir.path(), name, text.as_bytes()));
        let article = &read.articles[0];
        assert_eq!(article.author.as_deref(), author, "{name}");
        assert_eq!(article.source.as_deref(), source, "{name}");
    }
    let read = read_ok(&file(
        dir.path(),
        "g.txt",
        "Titre\nPar Nadia B. · 16 janvier 2020\n\nTexte.\n".as_bytes(),
    ));
    assert_eq!(
        read.articles[0].date.map(|d| d.to_string()).as_deref(),
        Some("2020-01-16")
    );
    Ok(())
}
