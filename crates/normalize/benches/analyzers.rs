//! Throughput of the French and Arabic analyzers on real press text.
//!
//!     cargo bench -p fihris-normalize
//!
//! The sample is the title and body of the first articles of
//! `../shared/data/{fr,ar}_news.jsonl.gz` (or of `$FIHRIS_DATA`, relative to
//! the repository root), about 1 MB per language; without the data, a short
//! built-in paragraph repeated to the same size, and a note on stderr.
//! Throughput is reported per word (the tokens of the exact analyzer, the
//! same count for every analyzer of one text, so stopword removal does not
//! inflate it) and per byte.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use fihris_normalize::{exact_analyzer, stem_analyzer, Stemmer, WordTokenizer};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

fn main() {
    // Read the samples first, so a note about missing data comes before the table.
    for lang in LANGS {
        sample(lang);
    }
    divan::main();
}

/// Bytes of text sampled per language.
const SAMPLE_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy)]
enum Lang {
    Fr,
    Ar,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Fr => "fr",
            Lang::Ar => "ar",
        })
    }
}

const LANGS: [Lang; 2] = [Lang::Fr, Lang::Ar];

const FALLBACK_FR: &str = "L’Agence nationale pour l'emploi a publié jeudi ses chiffres du \
    chômage : le nombre de demandeurs d'emploi inscrits à Pôle emploi a baissé de 0,8 % au \
    troisième trimestre, selon les données publiées par le ministère du Travail. Les jeunes de \
    moins de 25 ans sont les premiers bénéficiaires de cette amélioration, qui reste fragile.";
const FALLBACK_AR: &str = "أعلنت الوكالة الوطنية للتشغيل والعمل المستقل يوم الخميس عن \
    انخفاض عدد طالبي الشغل المسجلين بنسبة 0,8 بالمائة خلال الثلاثي الثالث، وفق البيانات التي \
    نشرتها وزارة التكوين المهني والتشغيل. وأكد المسؤولون أن الشباب هم أول المستفيدين من هذا \
    التحسن الذي يبقى هشا في ظل الظروف الاقتصادية الصعبة.";

/// The sample text of a language, read once.
fn sample(lang: Lang) -> &'static str {
    static FR: OnceLock<String> = OnceLock::new();
    static AR: OnceLock<String> = OnceLock::new();
    let cell = match lang {
        Lang::Fr => &FR,
        Lang::Ar => &AR,
    };
    cell.get_or_init(|| {
        load(lang).unwrap_or_else(|why| {
            eprintln!("analyzers bench: {why}; using the built-in {lang} paragraph");
            let paragraph = match lang {
                Lang::Fr => FALLBACK_FR,
                Lang::Ar => FALLBACK_AR,
            };
            let mut text = String::with_capacity(SAMPLE_BYTES + paragraph.len());
            while text.len() < SAMPLE_BYTES {
                text.push_str(paragraph);
                text.push_str("\n\n");
            }
            text
        })
    })
}

/// Title and body of the first articles of the language's news file.
fn load(lang: Lang) -> Result<String, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data = std::env::var_os("FIHRIS_DATA").map_or_else(|| root.join("../shared/data"), |d| root.join(d));
    let path = data.join(format!("{lang}_news.jsonl.gz"));
    let file = File::open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut text = String::with_capacity(SAMPLE_BYTES + 64 * 1024);
    for line in reader.lines() {
        let line = line.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let article: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("bad JSON in {}: {e}", path.display()))?;
        for field in ["title", "body"] {
            if let Some(s) = article.get(field).and_then(|v| v.as_str()) {
                text.push_str(s);
                text.push_str("\n\n");
            }
        }
        if text.len() >= SAMPLE_BYTES {
            return Ok(text);
        }
    }
    if text.is_empty() {
        Err(format!("no articles in {}", path.display()))
    } else {
        Ok(text)
    }
}

/// Number of tokens the analyzer gives for `text`.
fn count_tokens(analyzer: &mut TextAnalyzer, text: &str) -> usize {
    let mut stream = analyzer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += 1;
    }
    n
}

/// Tokens of the exact analyzer, counted on another thread: the exact
/// analyzer remembers its last analyses on its thread for the stemmed one
/// (`shared_analysis`), which would make a stemmed run that follows faster.
fn words_of(text: &str) -> usize {
    std::thread::scope(|s| s.spawn(|| count_tokens(&mut exact_analyzer(), text)).join()).unwrap_or(0)
}

fn run(bencher: Bencher, lang: Lang, mut analyzer: TextAnalyzer) {
    let text = sample(lang);
    let words = words_of(text);
    bencher
        .counter(ItemsCount::new(words))
        .counter(BytesCount::of_str(text))
        .bench_local(|| count_tokens(&mut analyzer, divan::black_box(text)));
}

/// The word tokenizer alone.
#[divan::bench(args = LANGS, sample_count = 20)]
fn words(bencher: Bencher, lang: Lang) {
    run(bencher, lang, TextAnalyzer::from(WordTokenizer::default()));
}

/// The exact analyzer: words, folding, elision, Arabic normalization.
#[divan::bench(args = LANGS, sample_count = 20)]
fn exact(bencher: Bencher, lang: Lang) {
    run(bencher, lang, exact_analyzer());
}

/// The stemmed analyzer with the default stemmer (what every index uses).
#[divan::bench(args = LANGS, sample_count = 20)]
fn stem_default(bencher: Bencher, lang: Lang) {
    run(bencher, lang, stem_analyzer(Stemmer::default()));
}

/// What indexing does: the exact analyzer, then the default stemmed one on
/// the same text (which replays the exact analysis).
#[divan::bench(args = LANGS, sample_count = 20)]
fn exact_then_stem(bencher: Bencher, lang: Lang) {
    let text = sample(lang);
    let words = words_of(text);
    let mut exact = exact_analyzer();
    let mut stem = stem_analyzer(Stemmer::default());
    bencher
        .counter(ItemsCount::new(words))
        .counter(BytesCount::of_str(text))
        .bench_local(|| {
            count_tokens(&mut exact, divan::black_box(text)) + count_tokens(&mut stem, divan::black_box(text))
        });
}

/// The stemmed analyzer with each stemmer, on French text.
#[divan::bench(args = ["none", "snowball", "light", "light-exceptions", "multi"], sample_count = 20)]
fn stem_fr_by_stemmer(bencher: Bencher, stemmer: &str) {
    let stemmer = Stemmer::from_name(stemmer).unwrap_or_default();
    run(bencher, Lang::Fr, stem_analyzer(stemmer));
}

/// The stemmed analyzer with each stemmer, on Arabic text.
#[divan::bench(args = ["none", "snowball", "light", "light-exceptions", "multi"], sample_count = 20)]
fn stem_ar_by_stemmer(bencher: Bencher, stemmer: &str) {
    let stemmer = Stemmer::from_name(stemmer).unwrap_or_default();
    run(bencher, Lang::Ar, stem_analyzer(stemmer));
}
