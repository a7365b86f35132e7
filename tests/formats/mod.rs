//! Every input the librarians' issue lists goes in: formats, encodings and
//! broken files. Each file is indexed or reported with a reason; nothing
//! stops the run.

use std::io::Write;

use crate::util::{ar_article, fr_article, sorted, Hay, INDEX};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    // A stored (uncompressed) deflate stream in a gzip wrapper, written by
    // hand so that the tests need no compression crate: header, one final
    // stored block, CRC-32 and length.
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let len = u16::try_from(bytes.len()).expect("a small test file");
    out.push(1);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(bytes);
    out.extend_from_slice(&crc32(bytes).to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Windows-1256 bytes of an Arabic sentence (letters of the code page's
/// Arabic range, written out so that the test needs no encoder).
fn cp1256_arabic() -> Vec<u8> {
    // "توأمة" = ت(CA) و(E6) أ(C3) م(E3) ة(C9); "التشغيل" = ا(C7) ل(E1) ت(CA)
    // ش(D4) غ(DB) ي(ED) ل(E1); "وكالة" = و(E6) ك(DF) ا(C7) ل(E1) ة(C9).
    let mut text = Vec::new();
    text.extend_from_slice(&[0xCA, 0xE6, 0xC3, 0xE3, 0xC9, b'\n', b'\n']);
    for _ in 0..12 {
        text.extend_from_slice(&[0xCA, 0xE6, 0xC3, 0xE3, 0xC9, b' ']);
        text.extend_from_slice(&[0xC7, 0xE1, 0xCA, 0xD4, 0xDB, 0xED, 0xE1, b' ']);
        text.extend_from_slice(&[0xE6, 0xDF, 0xC7, 0xE1, 0xC9, b' ']);
    }
    text.push(b'\n');
    text
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

#[test]
fn every_format_and_encoding_goes_in_or_is_reported() {
    let hay = Hay::new();
    hay.write("corpus/a.txt", &fr_article("Texte simple", "Le jumelage des agences avance."))
        .write(
            "corpus/b.md",
            "---\ndate: 2020-05-04\nsource: Le Carnet\n---\n# Le *jumelage* en Markdown\n\nUn [lien](https://x.dz) vers la **formation** des conseillers.\n",
        )
        .write_bytes(
            "corpus/c.txt.gz",
            &gzip(fr_article("Texte compressé", "Les dockers du port reprennent le travail.").as_bytes()),
        )
        .write_bytes(
            "corpus/d.jsonl.gz",
            &gzip(b"{\"id\":\"gz-1\",\"title\":\"Dans un gzip\",\"body\":\"Une foire de l'artisanat ouvre.\"}\n"),
        )
        .write_bytes("corpus/e-cp1256.txt", &cp1256_arabic())
        .write_bytes(
            "corpus/f-utf16.txt",
            &utf16le_with_bom(&ar_article("تقرير", "صدر تقرير جديد عن سوق الشغل في المغرب.")),
        )
        .write("corpus/g-mojibake.txt", &fr_article("CafÃ© de l'emploi", "Le cafÃ© des recruteurs ouvre Ã  Oran."))
        .write("corpus/h-empty.txt", "")
        .write_bytes("corpus/i-binary.txt", b"\x00\x01\x02\x03PK\x00\x00binary")
        .write("corpus/j.pdf", "%PDF-1.4")
        .write("corpus/k.json", "{\"title\": 5}")
        .write_bytes("corpus/l-corrupt.txt.gz", b"\x1f\x8b\x08\x00garbage");
    let mut big = std::fs::File::create(hay.join("corpus/m-big.txt")).expect("create");
    big.write_all(fr_article("Gros fichier", &"emploi ".repeat(300_000)).as_bytes())
        .expect("write");
    drop(big);

    let out = hay.run(&["--index", INDEX, "index", "corpus", "--max-file-size", "1"]);
    out.assert_code(0);
    let stderr = &out.stderr;
    for (file, reason) in [
        ("corpus/h-empty.txt", "empty file"),
        ("corpus/i-binary.txt", "binary data"),
        ("corpus/j.pdf", "unsupported file type .pdf"),
        ("corpus/k.json", "unexpected JSON content"),
        ("corpus/l-corrupt.txt.gz", "corrupt gzip data"),
        ("corpus/m-big.txt", "file too large"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&format!("skipped {file}: ")) && l.contains(reason)),
            "{file}: {reason}\n{stderr}"
        );
    }
    assert!(
        stderr.contains("decoded corpus/e-cp1256.txt from windows-1256"),
        "{stderr}"
    );
    assert!(
        stderr.contains("decoded corpus/f-utf16.txt from UTF-16LE"),
        "{stderr}"
    );
    assert!(stderr.contains("mojibake"), "{stderr}");
    assert!(out.stdout.starts_with("indexed 7 articles"), "{}", out.stdout);

    assert_eq!(hay.ids(&["dockers"]), ["c.txt.gz"]);
    assert_eq!(hay.ids(&["artisanat"]), ["gz-1"]);
    assert_eq!(hay.ids(&["توأمة", "وكالة"]), ["e-cp1256.txt"]);
    assert_eq!(hay.ids(&["تقرير"]), ["f-utf16.txt"]);
    assert_eq!(hay.ids(&["café", "recruteurs"]), ["g-mojibake.txt"]);
    let md = hay.only_hit(&["formation"], "b.md");
    assert_eq!(md["title"], "Le jumelage en Markdown");
    assert_eq!(md["date"], "2020-05-04");
    assert_eq!(md["source"], "Le Carnet");
    // Markdown link targets are not text.
    hay.search(&["https"]).assert_code(1);
}

/// Decomposed accents (a letter and a combining mark, written out or as a
/// JSON escape) are composed, and mojibake repaired, field by field, so that
/// they match and print like any other text.
#[test]
fn decomposed_accents_in_json_lines_are_composed() {
    let hay = Hay::new();
    hay.write(
        "corpus/n.jsonl",
        concat!(
            "{\"id\":\"raw\",\"title\":\"Se\u{301}curite\u{301} sociale\",\"body\":\"La se\u{301}curite\u{301} sociale des saisonniers.\"}\n",
            "{\"id\":\"escaped\",\"title\":\"Se\\u0301curite\\u0301 au port\",\"body\":\"La se\\u0301curite\\u0301 des dockers.\"}\n",
            "{\"id\":\"plain\",\"title\":\"Emploi\",\"body\":\"Rien à voir avec le sujet des autres.\"}\n",
            "{\"id\":\"broken\",\"title\":\"CafÃ© de l'emploi\",\"body\":\"Le caf\\u00c3\\u00a9 des recruteurs ouvre.\"}\n",
        ),
    );
    let out = hay.run(&["--index", INDEX, "index", "corpus"]);
    out.assert_code(0);
    assert!(
        out.stderr
            .lines()
            .any(|l| l.contains("mojibake") && l.contains("corpus/n.jsonl")),
        "{}",
        out.stderr
    );
    assert_eq!(
        hay.only_hit(&["recruteurs"], "broken")["title"],
        "Café de l'emploi"
    );
    assert_eq!(sorted(hay.ids(&["\"sécurité\""])), ["escaped", "raw"]);
    assert_eq!(hay.only_hit(&["saisonniers"], "raw")["title"], "Sécurité sociale");
    assert_eq!(hay.only_hit(&["dockers"], "escaped")["title"], "Sécurité au port");
}

/// A JSON Lines file larger than a reading batch (1 MB) is read as a
/// stream, in parts: every record goes in with its line number, broken
/// records and taken ids are reported with theirs, and a sync after one
/// record changed replaces the file's articles.
#[test]
fn large_json_lines_file_is_read_in_parts() {
    let hay = Hay::new();
    let filler = "Les conseillers des agences reçoivent les demandeurs d'emploi chaque matin. ".repeat(30);
    let record = |i: usize, topic: &str| {
        format!(
            "{{\"id\":\"big-{i}\",\"title\":\"Article {i} sur {topic}\",\"body\":\"{filler}Le sujet du jour : {topic}.\"}}\n"
        )
    };
    let mut text = String::new();
    for i in 1..=600 {
        match i {
            300 => text.push_str("{\"id\": broken\n"),
            301 => text.push_str(&record(7, "un doublon")),
            _ => text.push_str(&record(i, if i == 599 { "la pêche au thon" } else { "l'emploi" })),
        }
    }
    assert!(text.len() > 1 << 20, "{}", text.len());
    hay.write("corpus/big.jsonl", &text);
    let out = hay.index();
    assert!(out.stdout.starts_with("indexed 598 articles"), "{}", out.stdout);
    let skipped = out.stderr_lines();
    assert!(
        skipped
            .iter()
            .any(|l| l.starts_with("skipped corpus/big.jsonl:300: invalid JSON")),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|l| l.starts_with("skipped corpus/big.jsonl:301: duplicate id \"big-7\"")),
        "{skipped:?}"
    );
    hay.only_hit(&["thon"], "big-599");

    hay.write(
        "corpus/big.jsonl",
        &text.replace("la pêche au thon", "la sardine"),
    );
    let out = hay.index();
    assert!(out.stdout.contains("1 changed"), "{}", out.stdout);
    assert!(out.stdout.starts_with("indexed 598 articles"), "{}", out.stdout);
    hay.search(&["thon"]).assert_code(1);
    hay.only_hit(&["sardine"], "big-599");
}
