package dev.clausewatch.analysis;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sentence embeddings computed in-process (all-MiniLM-L6-v2, quantized, shipped as a Maven
 * artifact: no download, no network), cached by text so an unchanged provision is embedded once.
 */
public final class SentenceEmbeddings {
    public static final int DIMENSIONS = 384;
    public static final String MODEL = "all-minilm-l6-v2-q";
    private static final int BATCH = 64;

    private EmbeddingModel model;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private final EmbeddingCache store;

    public SentenceEmbeddings() {
        this(EmbeddingCache.NONE);
    }

    /** Embeddings also kept in {@code store} between runs (the model itself loads on first need). */
    public SentenceEmbeddings(EmbeddingCache store) {
        this.store = store;
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    public List<float[]> embedAll(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) fromStore(missing);
        missing = missing.stream().filter(t -> !cache.containsKey(t)).toList();
        for (int start = 0; start < missing.size(); start += BATCH) {
            List<String> batch = missing.subList(start, Math.min(missing.size(), start + BATCH));
            var embeddings = model().embedAll(batch.stream().map(TextSegment::from).toList()).content();
            Map<String, float[]> computed = new java.util.HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                cache.put(batch.get(i), embeddings.get(i).vector());
                computed.put(dev.clausewatch.capture.Sha256.of(batch.get(i)), embeddings.get(i).vector());
            }
            store.save(computed, MODEL);
        }
        List<float[]> result = new ArrayList<>();
        for (String t : texts) result.add(cache.get(t));
        return result;
    }

    private void fromStore(List<String> missing) {
        Map<String, String> byHash = new java.util.HashMap<>();
        for (String t : missing) byHash.put(dev.clausewatch.capture.Sha256.of(t), t);
        store.load(byHash.keySet(), MODEL).forEach((hash, vector) -> cache.put(byHash.get(hash), vector));
    }

    private synchronized EmbeddingModel model() {
        if (model == null) model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        return model;
    }

    public int cached() {
        return cache.size();
    }
}
