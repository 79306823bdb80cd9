package dev.clausewatch.analysis;

import java.util.Map;
import java.util.Set;

/** Where sentence embeddings are kept between runs, by the SHA-256 of the sentence and the model's name. */
public interface EmbeddingCache {
    Map<String, float[]> load(Set<String> textHashes, String model);

    void save(Map<String, float[]> byTextHash, String model);

    /** No persistence: every run computes its embeddings again. */
    EmbeddingCache NONE = new EmbeddingCache() {
        @Override
        public Map<String, float[]> load(Set<String> textHashes, String model) {
            return Map.of();
        }

        @Override
        public void save(Map<String, float[]> byTextHash, String model) {}
    };
}
