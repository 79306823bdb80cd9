package dev.clausewatch.storage;

import dev.clausewatch.analysis.EmbeddingCache;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Embeddings in SQL, as little-endian float arrays; inserts that race simply keep the first row. */
public final class JdbiEmbeddingCache implements EmbeddingCache {
    private static final int CHUNK = 500;
    private final Jdbi jdbi;

    public JdbiEmbeddingCache(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Map<String, float[]> load(Set<String> textHashes, String model) {
        Map<String, float[]> found = new HashMap<>();
        List<String> all = new ArrayList<>(textHashes);
        for (int start = 0; start < all.size(); start += CHUNK) {
            List<String> chunk = all.subList(start, Math.min(all.size(), start + CHUNK));
            jdbi.useHandle(handle -> handle.createQuery("select text_sha256, vector from embedding_cache where model = :model and text_sha256 in (<hashes>)")
                    .bind("model", model).bindList("hashes", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), floats(rs.getBytes(2)))).forEach(e -> found.put(e.getKey(), e.getValue())));
        }
        return found;
    }

    @Override
    public void save(Map<String, float[]> byTextHash, String model) {
        if (byTextHash.isEmpty()) return;
        jdbi.useTransaction(handle -> {
            var batch = handle.prepareBatch("insert into embedding_cache (text_sha256, model, vector) values (:hash, :model, :vector) on conflict do nothing");
            byTextHash.forEach((hash, vector) -> batch.bind("hash", hash).bind("model", model).bind("vector", bytes(vector)).add());
            batch.execute();
        });
    }

    private static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4);
        for (float f : vector) buffer.putFloat(f);
        return buffer.array();
    }

    private static float[] floats(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        float[] vector = new float[bytes.length / 4];
        for (int i = 0; i < vector.length; i++) vector[i] = buffer.getFloat();
        return vector;
    }
}
