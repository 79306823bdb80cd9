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
    private static final int BATCH = 64;

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    public float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    public List<float[]> embedAll(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
        for (int start = 0; start < missing.size(); start += BATCH) {
            List<String> batch = missing.subList(start, Math.min(missing.size(), start + BATCH));
            var embeddings = model.embedAll(batch.stream().map(TextSegment::from).toList()).content();
            for (int i = 0; i < batch.size(); i++) cache.put(batch.get(i), embeddings.get(i).vector());
        }
        List<float[]> result = new ArrayList<>();
        for (String t : texts) result.add(cache.get(t));
        return result;
    }

    public int cached() {
        return cache.size();
    }
}
