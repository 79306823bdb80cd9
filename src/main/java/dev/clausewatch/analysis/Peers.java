package dev.clausewatch.analysis;

import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "How other platforms handle this": among other platforms' current provisions that share a topic
 * with the given provision (by the knowledge cues), the closest in meaning (cosine of sentence
 * embeddings), one per document, quoted with their document.
 */
public final class Peers {
    /** A provision of another platform on the same topic, and how close it is (cosine, -1 to 1). */
    public record Peer(String document, String provisionId, String topicId, double similarity, String quote) {}

    private final TopicClassifier cues;
    private final SentenceEmbeddings embeddings;

    public Peers(TopicClassifier cues, SentenceEmbeddings embeddings) {
        this.cues = cues;
        this.embeddings = embeddings;
    }

    public List<Peer> of(Provision provision, Set<String> topics, String ownPlatform, Map<Document, List<Provision>> candidates, int limit) {
        float[] target = embeddings.embed(provision.text());
        List<Peer> peers = new ArrayList<>();
        for (var entry : candidates.entrySet()) {
            if (entry.getKey().id().platform().value().equals(ownPlatform)) continue;
            Peer best = null;
            for (Provision p : entry.getValue()) {
                var shared = cues.classify(p.text()).stream().map(TopicMatch::topicId).filter(topics::contains).findFirst();
                if (shared.isEmpty()) continue;
                double similarity = cosine(target, embeddings.embed(p.text()));
                if (best == null || similarity > best.similarity()) {
                    best = new Peer(entry.getKey().id().toString(), p.id(), shared.get(), similarity, p.text());
                }
            }
            if (best != null) peers.add(best);
        }
        peers.sort(Comparator.comparingDouble(Peer::similarity).reversed());
        return peers.subList(0, Math.min(limit, peers.size()));
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
