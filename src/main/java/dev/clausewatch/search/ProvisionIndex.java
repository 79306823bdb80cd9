package dev.clausewatch.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index of passages, on disk under the data directory (or in memory for tests): English
 * stemming ("training" finds "train"), BM25 ranking, and user queries read by Lucene's simple
 * query syntax, which never fails on odd input. Updated one document at a time
 * ({@link #replace}), with what each document's passages were made from kept in the commit, so a
 * restarted server only indexes what changed while it was away.
 */
public final class ProvisionIndex implements AutoCloseable {
    private static final String TEXT = "text", DOCUMENT = "document";
    private final EnglishAnalyzer analyzer = new EnglishAnalyzer();
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private ProvisionIndex(Directory directory) {
        try {
            this.directory = directory;
            this.writer = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The index kept in {@code folder} (created when absent). */
    public static ProvisionIndex onDisk(Path folder) {
        try {
            return new ProvisionIndex(FSDirectory.open(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index folder " + folder + ": " + e.getMessage(), e);
        }
    }

    public static ProvisionIndex inMemory() {
        return new ProvisionIndex(new ByteBuffersDirectory());
    }

    /** An in-memory index of these passages (for tests and one-off searches). */
    public static ProvisionIndex of(List<Passage> passages) {
        ProvisionIndex index = inMemory();
        index.replace("all", passages, Map.of());
        return index;
    }

    /** What each document's indexed passages were made from, as recorded by {@link #replace}. */
    public Map<String, String> sources() {
        Map<String, String> sources = new HashMap<>();
        writer.getLiveCommitData().forEach(e -> sources.put(e.getKey(), e.getValue()));
        return sources;
    }

    /** Replaces the passages of one document and records what they were made from, in one commit. */
    public synchronized void replace(String document, List<Passage> passages, Map<String, String> madeFrom) {
        try {
            writer.deleteDocuments(new Term(DOCUMENT, document));
            for (Passage p : passages) writer.addDocument(document(document, p));
            Map<String, String> data = sources();
            data.putAll(madeFrom);
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the search index for " + document + ": " + e.getMessage(), e);
        }
    }

    private static Document document(String key, Passage p) {
        Document doc = new Document();
        doc.add(new StringField(DOCUMENT, key, Field.Store.NO));
        doc.add(new TextField(TEXT, p.text(), Field.Store.YES));
        doc.add(new StringField("platform", p.platform(), Field.Store.YES));
        doc.add(new StringField("type", p.type(), Field.Store.YES));
        doc.add(new StoredField("title", p.documentTitle()));
        doc.add(new StoredField("provision", p.provisionId()));
        doc.add(new StringField("current", String.valueOf(p.current()), Field.Store.YES));
        for (String topic : p.topics()) doc.add(new StringField("topic", topic, Field.Store.YES));
        doc.add(new LongPoint("since", p.since().toEpochDay()));
        doc.add(new StoredField("sinceDay", p.since().toEpochDay()));
        doc.add(new IntPoint("lastVersion", p.lastVersion()));
        doc.add(new StoredField("first", p.firstVersion()));
        doc.add(new StoredField("last", p.lastVersion()));
        doc.add(new StoredField("runs", String.join(",", p.runs().stream().map(r -> r.first() + "-" + r.last()).toList())));
        return doc;
    }

    private static Passage passage(Document doc) {
        return new Passage(doc.get("platform"), doc.get("type"), doc.get("title"), doc.get("provision"), doc.get(TEXT),
                Arrays.asList(doc.getValues("topic")), doc.getField("first").numericValue().intValue(),
                doc.getField("last").numericValue().intValue(), LocalDate.ofEpochDay(doc.getField("sinceDay").numericValue().longValue()),
                Boolean.parseBoolean(doc.get("current")), runs(doc));
    }

    /** The stored runs of versions ("1-7,9-10"). */
    private static List<Passage.Run> runs(Document doc) {
        List<Passage.Run> runs = new ArrayList<>();
        // An index made before passages kept their runs, until the refresh that makes it anew.
        if (doc.get("runs") == null) return List.of(new Passage.Run(doc.getField("first").numericValue().intValue(), doc.getField("last").numericValue().intValue()));
        for (String run : doc.get("runs").split(",")) {
            String[] ends = run.split("-");
            runs.add(new Passage.Run(Integer.parseInt(ends[0]), Integer.parseInt(ends[1])));
        }
        return runs;
    }

    public int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index", e);
        }
    }

    public SearchResults search(SearchQuery query) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, Map.of(TEXT, 1f));
        parser.setDefaultOperator(Occur.MUST); // every word must be there, as people expect of a search box
        Query words = parser.parse(query.text());
        // Only stop words (or only operators) leave nothing to look for.
        if (words == null || words instanceof MatchNoDocsQuery) throw new IllegalArgumentException("The search \"" + query.text() + "\" has no words to look for.");
        all.add(words, Occur.MUST);
        filter(all, "platform", query.platform());
        filter(all, "type", query.type());
        filter(all, "topic", query.topic());
        if (!query.includePast()) filter(all, "current", Optional.of("true"));
        if (query.since().isPresent() || query.until().isPresent()) {
            long from = query.since().map(d -> d.toEpochDay()).orElse(Long.MIN_VALUE);
            long to = query.until().map(d -> d.toEpochDay()).orElse(Long.MAX_VALUE);
            all.add(LongPoint.newRangeQuery("since", from, to), Occur.FILTER);
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Query built = all.build();
                TopDocs top = searcher.search(built, query.offset() + query.limit());
                List<SearchResults.Hit> hits = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                var stored = searcher.storedFields();
                for (int i = query.offset(); i < docs.length; i++) {
                    Passage passage = passage(stored.document(docs[i].doc));
                    hits.add(new SearchResults.Hit(passage, docs[i].score, highlight(words, passage.text())));
                }
                return new SearchResults(searcher.count(built), hits);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index", e);
        }
    }

    /**
     * The passage's whole text cut into the pieces the query's words matched and the rest, by
     * Lucene's unified highlighter: it analyses the text as the index did (stems, so "training"
     * marks "train"), marks a quoted phrase only where the whole phrase stands, expands prefix*
     * words, and never marks an excluded word. Whole text, one passage: the page shows it all.
     */
    private List<SearchResults.Segment> highlight(Query words, String text) throws IOException {
        Object segments = UnifiedHighlighter.builderWithoutSearcher(analyzer).withBreakIterator(WholeBreakIterator::new)
                .withMaxLength(Math.max(1, text.length() + 1)).withHighlightPhrasesStrictly(true).withHandleMultiTermQuery(true)
                .withMaxNoHighlightPassages(0).withFormatter(SEGMENTS).build().highlightWithoutSearcher(TEXT, words, text, 1);
        @SuppressWarnings("unchecked")
        List<SearchResults.Segment> cut = segments instanceof List<?> list ? (List<SearchResults.Segment>) list : null;
        return cut == null || cut.isEmpty() ? List.of(new SearchResults.Segment(text, false)) : cut;
    }

    /** The highlighter's matches as plain segments of the whole text (matches that overlap are joined). */
    private static final PassageFormatter SEGMENTS = new PassageFormatter() {
        @Override
        public Object format(org.apache.lucene.search.uhighlight.Passage[] passages, String content) {
            List<SearchResults.Segment> segments = new ArrayList<>();
            int at = 0;
            for (var passage : passages) {
                for (int i = 0; i < passage.getNumMatches(); i++) {
                    int start = Math.max(at, passage.getMatchStarts()[i]), end = passage.getMatchEnds()[i];
                    if (end <= start) continue;
                    if (start > at) segments.add(new SearchResults.Segment(content.substring(at, start), false));
                    segments.add(new SearchResults.Segment(content.substring(start, end), true));
                    at = end;
                }
            }
            if (at < content.length()) segments.add(new SearchResults.Segment(content.substring(at), false));
            return segments;
        }
    };

    private static void filter(BooleanQuery.Builder all, String field, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> all.add(new TermQuery(new Term(field, v)), Occur.FILTER));
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the search index", e);
        }
    }
}
