package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.capture.Sha256;
import dev.clausewatch.storage.Database;
import dev.clausewatch.storage.JdbiEmbeddingCache;
import dev.clausewatch.storage.StorageConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unchanged sentence is embedded once: later runs read its vector from the store. */
class EmbeddingCacheTest {
    @TempDir Path dir;

    @Test
    void the_in_memory_cache_is_bounded_and_a_batch_larger_than_it_still_gets_every_vector() {
        List<String> sentences = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> "Clause " + i + ": you may not use the service for purpose number " + i + ".").toList();
        SentenceEmbeddings small = new SentenceEmbeddings(EmbeddingCache.NONE, 5_000); // room for about three vectors
        List<float[]> vectors = small.embedAll(sentences);
        SentenceEmbeddings unbounded = new SentenceEmbeddings();
        for (int i = 0; i < sentences.size(); i++) {
            assertThat(vectors.get(i)).as(sentences.get(i)).isNotNull().containsExactly(unbounded.embed(sentences.get(i)));
        }
        assertThat(small.cached()).isLessThanOrEqualTo(4);
    }

    @Test
    void embeddings_survive_the_process_keyed_by_the_text_hash() {
        String sentence = "We may use your conversations to train our models unless you opt out.";
        try (Database database = Database.open(StorageConfig.embedded(dir))) {
            JdbiEmbeddingCache cache = new JdbiEmbeddingCache(database);
            float[] computed = new SentenceEmbeddings(cache).embed(sentence);

            var stored = cache.load(Set.of(Sha256.of(sentence)), SentenceEmbeddings.MODEL);
            assertThat(stored).containsOnlyKeys(Sha256.of(sentence));
            assertThat(stored.get(Sha256.of(sentence))).containsExactly(computed);
            assertThat(new SentenceEmbeddings(cache).embedAll(List.of(sentence)).getFirst()).containsExactly(computed);
            assertThat(cache.load(Set.of(Sha256.of(sentence)), "another-model")).isEmpty();
        }
    }
}
