package dev.clausewatch.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene index of passages: English stemming ("training" finds "train"), BM25
 * ranking, and user queries read by Lucene's simple query syntax, which never fails on odd input.
 * Immutable once built; build a new one when the archive changes.
 */
public final class ProvisionIndex {
    private static final String TEXT = "text";
    private final EnglishAnalyzer analyzer = new EnglishAnalyzer();
    private final List<Passage> passages;
    private final IndexSearcher searcher;

    private ProvisionIndex(List<Passage> passages, IndexSearcher searcher) {
        this.passages = passages;
        this.searcher = searcher;
    }

    public static ProvisionIndex of(List<Passage> passages) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalyzer()))) {
            for (int i = 0; i < passages.size(); i++) writer.addDocument(document(i, passages.get(i)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the in-memory search index", e);
        }
        try {
            return new ProvisionIndex(List.copyOf(passages), new IndexSearcher(DirectoryReader.open(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the in-memory search index", e);
        }
    }

    private static Document document(int ordinal, Passage p) {
        Document doc = new Document();
        doc.add(new StoredField("ordinal", ordinal));
        doc.add(new TextField(TEXT, p.text(), Field.Store.NO));
        doc.add(new StringField("platform", p.platform(), Field.Store.NO));
        doc.add(new StringField("type", p.type(), Field.Store.NO));
        doc.add(new StringField("current", String.valueOf(p.current()), Field.Store.NO));
        for (String topic : p.topics()) doc.add(new StringField("topic", topic, Field.Store.NO));
        doc.add(new LongPoint("since", p.since().toEpochDay()));
        doc.add(new IntPoint("lastVersion", p.lastVersion()));
        return doc;
    }

    public int size() {
        return passages.size();
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
            Query built = all.build();
            TopDocs top = searcher.search(built, query.offset() + query.limit());
            List<SearchResults.Hit> hits = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            var stored = searcher.storedFields();
            for (int i = query.offset(); i < docs.length; i++) {
                int ordinal = stored.document(docs[i].doc).getField("ordinal").numericValue().intValue();
                hits.add(new SearchResults.Hit(passages.get(ordinal), docs[i].score));
            }
            return new SearchResults(searcher.count(built), hits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the in-memory search index", e);
        }
    }

    private static void filter(BooleanQuery.Builder all, String field, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> all.add(new TermQuery(new Term(field, v)), Occur.FILTER));
    }
}
