// Lucene with highlighted snippets, for the equal-work rows of bench/peers.sh:
// an index with positions and the stored text (like Anserini's lucene-full),
// then top-10 ranking and top 10 with a highlighted passage from Lucene's
// UnifiedHighlighter, timed in one process.
//
// Anserini's fat jar (Lucene 9.9.1) has no highlighter module, so this class
// runs on Debian's Lucene 8 (package liblucene8-java: core, analyzers-common,
// highlighter, memory, queries):
//   javac -cp "$CP" -d OUT LuceneHighlight.java
//   java -cp OUT:"$CP" LuceneHighlight index   INDEX LANG DOCS.tsv        (id TAB text, one a line)
//   java -cp OUT:"$CP" LuceneHighlight latency INDEX LANG QUERIES.tsv K1 B rank|snippets [PASSES]
//   java -cp OUT:"$CP" LuceneHighlight version
//
// index: "id" (StringField, stored) and "contents" (FrenchAnalyzer or
// ArabicAnalyzer, with positions, stored), one IndexWriter with a 256 MB
// buffer, committed, then merged to one segment (as Anserini's -optimize).
// latency: the query built like Anserini's BagOfWordsQueryGenerator (the
// analysed terms as SHOULD clauses, a repeated term boosted by its count),
// BM25 k1/b; one untimed pass, then PASSES timed passes (1 by default),
// keeping each query's fastest time. rank = top 10 and their
// stored ids; snippets = the same, plus UnifiedHighlighter.highlight on
// "contents" for the 10 hits (one passage each, about 200 characters: a
// sentence break iterator with a length goal; offsets by re-analysing the
// stored text, as the index keeps positions but no offsets). Prints one line
// per query: qid TAB seconds TAB id1 id2 ...

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

public class LuceneHighlight {
  static final String ID = "id";
  static final String CONTENTS = "contents";

  static Analyzer analyzer(String lang) {
    switch (lang) {
      case "fr": return new FrenchAnalyzer();
      case "ar": return new ArabicAnalyzer();
      default: throw new IllegalArgumentException("unknown language " + lang);
    }
  }

  static Query bagOfWords(Analyzer analyzer, String text) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(CONTENTS, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) counts.merge(term.toString(), 1, Integer::sum);
      ts.end();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      Query q = new TermQuery(new Term(CONTENTS, e.getKey()));
      if (e.getValue() > 1) q = new BoostQuery(q, e.getValue());
      b.add(q, BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "";
    switch (mode) {
      case "index": index(args[1], args[2], args[3]); break;
      case "latency":
        latency(args[1], args[2], args[3], args[4], args[5], args[6],
            args.length > 7 ? Math.max(1, Integer.parseInt(args[7])) : 1);
        break;
      case "version": System.out.println(org.apache.lucene.util.Version.LATEST); break;
      default:
        System.err.println("usage: LuceneHighlight index|latency|version ...");
        System.exit(2);
    }
  }

  static void index(String index, String lang, String docs) throws IOException {
    FieldType contents = new FieldType();
    contents.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    contents.setTokenized(true);
    contents.setStored(true);
    contents.freeze();
    IndexWriterConfig config = new IndexWriterConfig(analyzer(lang));
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setRAMBufferSizeMB(256);
    int n = 0;
    try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(index)), config);
         BufferedReader in = Files.newBufferedReader(Paths.get(docs), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        int tab = line.indexOf('\t');
        if (tab <= 0) continue;
        Document doc = new Document();
        doc.add(new StringField(ID, line.substring(0, tab), Field.Store.YES));
        doc.add(new Field(CONTENTS, line.substring(tab + 1), contents));
        writer.addDocument(doc);
        n++;
      }
      writer.forceMerge(1);
      writer.commit();
    }
    System.out.println("indexed " + n);
  }

  static void latency(String index, String lang, String topics, String k1, String b, String mode,
      int passes) throws IOException {
    boolean snippets;
    switch (mode) {
      case "rank": snippets = false; break;
      case "snippets": snippets = true; break;
      default: throw new IllegalArgumentException("unknown mode " + mode);
    }
    IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(FSDirectory.open(Paths.get(index))));
    searcher.setSimilarity(new BM25Similarity(Float.parseFloat(k1), Float.parseFloat(b)));
    Analyzer analyzer = analyzer(lang);
    UnifiedHighlighter highlighter = new UnifiedHighlighter(searcher, analyzer);
    highlighter.setBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
        BreakIterator.getSentenceInstance(Locale.ROOT), 200));
    List<String[]> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(topics), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0) queries.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
    }
    long sink = 0;
    long[] best = new long[queries.size()];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    List<List<String>> found = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) found.add(null);
    for (int pass = 0; pass <= passes; pass++) { // pass 0: warm-up, untimed
      for (int i = 0; i < queries.size(); i++) {
        String[] q = queries.get(i);
        long t0 = System.nanoTime();
        Query query = bagOfWords(analyzer, q[1]);
        TopDocs top = searcher.search(query, 10);
        List<String> ids = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) ids.add(searcher.doc(sd.doc).get(ID));
        if (snippets) {
          for (String s : highlighter.highlight(CONTENTS, query, top, 1)) sink += s == null ? 0 : s.length();
        }
        long t1 = System.nanoTime();
        if (pass > 0) best[i] = Math.min(best[i], t1 - t0);
        found.set(i, ids);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < queries.size(); i++) {
      out.append(queries.get(i)[0]).append('\t').append(String.format("%.9f", best[i] / 1e9)).append('\t')
          .append(String.join(" ", found.get(i))).append('\n');
    }
    System.out.print(out);
    System.err.println("highlighted characters: " + sink);
  }
}
