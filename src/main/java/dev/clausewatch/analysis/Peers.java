package dev.clausewatch.analysis;

import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Texts;
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
        // The candidates on a shared topic first, then their embeddings in one batch: one read of the
        // stored embeddings and one model call for those missing, not one of each per candidate.
        record Candidate(Document document, Provision provision, String topicId) {}
        List<Candidate> sharing = new ArrayList<>();
        for (var entry : candidates.entrySet()) {
            if (entry.getKey().id().platform().value().equals(ownPlatform)) continue;
            for (Provision p : entry.getValue()) {
                cues.classify(p.text()).stream().map(TopicMatch::topicId).filter(topics::contains).findFirst()
                        .ifPresent(topic -> sharing.add(new Candidate(entry.getKey(), p, topic)));
            }
        }
        List<String> texts = new ArrayList<>(List.of(provision.text()));
        sharing.forEach(c -> texts.add(c.provision().text()));
        List<float[]> vectors = meanOfSentences(texts);
        Map<Document, Peer> best = new java.util.LinkedHashMap<>();
        for (int i = 0; i < sharing.size(); i++) {
            Candidate c = sharing.get(i);
            double similarity = cosine(vectors.getFirst(), vectors.get(i + 1));
            Peer current = best.get(c.document());
            if (current == null || similarity > current.similarity()) {
                best.put(c.document(), new Peer(c.document().id().toString(), c.provision().id(), c.topicId(), similarity, c.provision().text()));
            }
        }
        List<Peer> peers = new ArrayList<>(best.values());
        peers.sort(Comparator.comparingDouble(Peer::similarity).reversed());
        return peers.subList(0, Math.min(limit, peers.size()));
    }

    /**
     * Each text's vector as the mean of its sentences' embeddings: the processor embedded every
     * sentence when it classified the text, so a reader finds them stored and never waits for the
     * model (which loads in about a second) unless a sentence is new.
     */
    List<float[]> meanOfSentences(List<String> texts) {
        List<List<String>> sentences = texts.stream().map(Texts::sentences).toList();
        List<float[]> all = embeddings.embedAll(sentences.stream().flatMap(List::stream).toList());
        List<float[]> means = new ArrayList<>();
        int at = 0;
        for (List<String> own : sentences) {
            float[] mean = new float[SentenceEmbeddings.DIMENSIONS];
            for (int i = 0; i < own.size(); i++) {
                float[] v = all.get(at + i);
                for (int d = 0; d < mean.length; d++) mean[d] += v[d] / own.size();
            }
            at += own.size();
            means.add(mean);
        }
        return means;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
