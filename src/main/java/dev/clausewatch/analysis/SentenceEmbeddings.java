package dev.clausewatch.analysis;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence embeddings computed in-process (all-MiniLM-L6-v2, quantized, shipped as a Maven
 * artifact: no download, no network), cached by text so an unchanged provision is embedded once.
 */
public final class SentenceEmbeddings {
    public static final int DIMENSIONS = 384;
    public static final String MODEL = "all-minilm-l6-v2-q";
    private static final int BATCH = 64;

    /** What the in-memory cache may hold: about 170,000 sentences (a vector is 1.5 KiB), far more than any archive's distinct texts today. */
    private static final long CACHE_BYTES = 256L << 20;

    private EmbeddingModel model;
    // Bounded, least recently used first: a long-running server over a growing archive must not grow without end.
    private final Cache<String, float[]> cache;
    private final EmbeddingCache store;

    public SentenceEmbeddings() {
        this(EmbeddingCache.NONE);
    }

    /** Embeddings also kept in {@code store} between runs (the model itself loads on first need). */
    public SentenceEmbeddings(EmbeddingCache store) {
        this(store, CACHE_BYTES);
    }

    /** The same, holding about {@code cacheBytes} of vectors in memory. */
    SentenceEmbeddings(EmbeddingCache store, long cacheBytes) {
        this.store = store;
        this.cache = Caffeine.newBuilder().maximumWeight(cacheBytes).executor(Runnable::run)
                .weigher((String text, float[] vector) -> 2 * text.length() + 4 * vector.length + 64).build();
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    public List<float[]> embedAll(List<String> texts) {
        // The answer is assembled here, not read back from the cache, which may evict as it fills.
        Map<String, float[]> found = new HashMap<>(cache.getAllPresent(texts));
        List<String> missing = texts.stream().filter(t -> !found.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) found.putAll(fromStore(missing));
        missing = missing.stream().filter(t -> !found.containsKey(t)).toList();
        for (int start = 0; start < missing.size(); start += BATCH) {
            List<String> batch = missing.subList(start, Math.min(missing.size(), start + BATCH));
            var embeddings = model().embedAll(batch.stream().map(TextSegment::from).toList()).content();
            Map<String, float[]> computed = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                found.put(batch.get(i), embeddings.get(i).vector());
                computed.put(dev.clausewatch.capture.Sha256.of(batch.get(i)), embeddings.get(i).vector());
            }
            store.save(computed, MODEL);
        }
        cache.putAll(found);
        List<float[]> result = new ArrayList<>();
        for (String t : texts) result.add(found.get(t));
        return result;
    }

    private Map<String, float[]> fromStore(List<String> missing) {
        Map<String, String> byHash = new HashMap<>();
        for (String t : missing) byHash.put(dev.clausewatch.capture.Sha256.of(t), t);
        Map<String, float[]> loaded = new HashMap<>();
        store.load(byHash.keySet(), MODEL).forEach((hash, vector) -> loaded.put(byHash.get(hash), vector));
        return loaded;
    }

    private synchronized EmbeddingModel model() {
        if (model == null) model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        return model;
    }

    /** About how many texts the in-memory cache holds now. */
    public long cached() {
        return cache.estimatedSize();
    }
}
