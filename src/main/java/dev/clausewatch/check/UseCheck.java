package dev.clausewatch.check;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.Peers;
import dev.clausewatch.analysis.Reading;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.check.CheckAnswer.Applicable;
import dev.clausewatch.check.CheckAnswer.DocumentRead;
import dev.clausewatch.check.CheckAnswer.PlatformAnswer;
import dev.clausewatch.check.CheckAnswer.RegulationNote;
import dev.clausewatch.check.CheckAnswer.UseTopic;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.knowledge.Regulation;
import dev.clausewatch.knowledge.Topic;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionKind;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.provision.Texts;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.Registry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "which provisions apply to what we plan to do?" from the derived records: the current
 * provisions of the chosen platforms' documents and of the documents those incorporate (one step),
 * each scored against the description by {@link Evidence} and kept when {@link Weights} say so.
 */
public final class UseCheck {
    /** At most this many provisions per platform in an answer; the rest are counted. */
    public static final int MOST_PER_PLATFORM = 25;
    private static final int SHORTEST_PROVISION_WORDS = 3;
    /** The nearest topics taken for a description: a use touches a few topics, rarely more. */
    private static final int USE_TOPICS = 3;

    private final Registry registry;
    private final DerivedRecords records;
    private final Analyzer analyzer;
    private final Weights weights;
    private final Clock clock;

    public UseCheck(Registry registry, DerivedRecords records, Analyzer analyzer, Weights weights, Clock clock) {
        this.registry = registry;
        this.records = records;
        this.analyzer = analyzer;
        this.weights = weights;
        this.clock = clock;
    }

    /** A check with the fitted weights, dated by the system clock. */
    public static UseCheck over(Registry registry, DerivedRecords records, Analyzer analyzer) {
        return new UseCheck(registry, records, analyzer, Weights.FITTED, Clock.systemUTC());
    }

    /**
     * Loads the embedding model and embeds the topics' phrases (kept by text hash from then on), so
     * that the first check after a start embeds only its own question.
     */
    public void prepare() {
        nearestByPhrase("prepare");
    }

    /** A provision read for a check, with what was found of it. */
    public record Candidate(Document document, VersionProvisions version, Provision provision, String leadIn, Role role, Evidence evidence,
                            double confidence, Optional<DocumentId> incorporatedBy) {}

    public CheckAnswer check(IntendedUse use) {
        Map<String, Double> useTopics = useTopics(use);
        List<PlatformAnswer> platforms = new ArrayList<>();
        Map<String, Double> matchedTopics = new LinkedHashMap<>();
        for (PlatformId platform : use.platforms()) {
            PlatformDocuments read = read(platform);
            List<Candidate> applying = applying(score(use, useTopics, read), weights).stream()
                    .sorted(Comparator.comparing(Candidate::role).thenComparing(Comparator.comparingDouble(Candidate::confidence).reversed()))
                    .toList();
            applying.forEach(c -> c.evidence().sharedTopics().forEach(t -> matchedTopics.merge(t, c.confidence(), Math::max)));
            List<Applicable> shown = applying.stream().limit(MOST_PER_PLATFORM).map(this::applicable).toList();
            platforms.add(new PlatformAnswer(platform.value(), read.name(), read.documentsRead(), shown, applying.size() - shown.size()));
        }
        List<UseTopic> topics = useTopics.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> new UseTopic(e.getKey(), title(e.getKey()), e.getValue())).toList();
        // The regulations of what applies, and of what the use most reads as, not of every topic it is faintly near.
        topics.stream().findFirst().ifPresent(t -> matchedTopics.putIfAbsent(t.topicId(), t.confidence()));
        return new CheckAnswer(use, topics, platforms, regulations(use, matchedTopics.keySet()), clock.instant(),
                "meaning (" + dev.clausewatch.analysis.SentenceEmbeddings.MODEL + "), topic and rare shared words; " + weights);
    }

    /**
     * Of one platform's candidates, those that apply: above the threshold, or else the best one when
     * it reaches the fallback (a platform whose rules touch the use only once is still named).
     */
    public static List<Candidate> applying(List<Candidate> candidates, Weights weights) {
        List<Candidate> above = candidates.stream().filter(c -> weights.applies(c.evidence())).toList();
        if (!above.isEmpty()) return above;
        return candidates.stream().filter(c -> c.evidence().connected(weights) && c.confidence() >= weights.fallback())
                .max(Comparator.comparingDouble(Candidate::confidence)).map(List::of).orElse(List.of());
    }

    /** Every provision read for the use on every platform, scored, whether it applies or not: what the evaluation measures. */
    public List<Candidate> candidates(IntendedUse use) {
        Map<String, Double> useTopics = useTopics(use);
        List<Candidate> all = new ArrayList<>();
        for (PlatformId platform : use.platforms()) all.addAll(score(use, useTopics, read(platform)));
        return all;
    }

    /**
     * The topics the purpose reads as: the three with a phrase nearest to it in meaning, and any the
     * classifier names with confidence (its cues can find a topic the phrases miss).
     */
    private Map<String, Double> useTopics(IntendedUse use) {
        Map<String, Double> topics = new LinkedHashMap<>();
        nearestByPhrase(use.purpose()).entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(USE_TOPICS)
                .forEach(e -> topics.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        for (TopicMatch m : analyzer.topics(use.purpose())) topics.merge(m.topicId(), m.confidence(), Math::max);
        return topics;
    }

    /**
     * Each topic's closeness to the purpose: the closest of its phrases (title, trigger phrases, and
     * the description cut at its commas and brackets). A whole description is too long to be near a
     * line of a dozen words; one of its phrases ("employment", "law enforcement") can be.
     */
    private Map<String, Double> nearestByPhrase(String purpose) {
        List<String> texts = new ArrayList<>(List.of(purpose));
        List<String> owners = new ArrayList<>();
        for (Topic topic : analyzer.knowledge().topics().values()) {
            List<String> phrases = new ArrayList<>(List.of(topic.title()));
            phrases.addAll(topic.triggerPhrases());
            for (String piece : topic.description().split("[,;()]|\\band\\b|\\bor\\b")) if (piece.strip().length() > 3) phrases.add(piece.strip());
            for (String phrase : phrases) {
                texts.add(phrase);
                owners.add(topic.id());
            }
        }
        List<float[]> vectors = analyzer.meanings(texts);
        Map<String, Double> closeness = new LinkedHashMap<>();
        for (int i = 0; i < owners.size(); i++) closeness.merge(owners.get(i), Peers.cosine(vectors.getFirst(), vectors.get(i + 1)), Math::max);
        return closeness;
    }

    /** A platform's documents as read for a check: their current provisions and the documents they incorporate. */
    private record PlatformDocuments(String name, List<Part> parts, List<DocumentRead> documentsRead) {}

    private record Part(Document document, VersionProvisions version, Optional<DocumentId> incorporatedBy) {}

    private PlatformDocuments read(PlatformId platform) {
        String name = registry.existing(platform).name();
        List<Part> parts = new ArrayList<>();
        Set<DocumentId> seen = new HashSet<>();
        for (Document document : registry.documents(platform)) {
            records.current(document.id()).ifPresent(version -> {
                seen.add(document.id());
                parts.add(new Part(document, version, Optional.empty()));
            });
        }
        for (Part own : List.copyOf(parts)) {
            for (Reference reference : records.references(own.version())) {
                if (!reference.incorporatesTarget() || reference.target().isEmpty() || !seen.add(reference.target().get())) continue;
                DocumentId target = reference.target().get();
                registry.document(target).ifPresent(document -> records.current(target)
                        .ifPresent(version -> parts.add(new Part(document, version, Optional.of(own.document().id())))));
            }
        }
        List<DocumentRead> read = parts.stream().map(p -> new DocumentRead(p.document().id().toString(), p.document().title(),
                p.version().entry().number(), p.version().entry().firstObservedAt(), p.incorporatedBy().map(DocumentId::toString).orElse(null))).toList();
        return new PlatformDocuments(name, parts, read);
    }

    private List<Candidate> score(IntendedUse use, Map<String, Double> useTopics, PlatformDocuments read) {
        record Item(Part part, Provision provision, String leadIn) {}
        List<Item> items = new ArrayList<>();
        for (Part part : read.parts()) {
            List<Provision> provisions = part.version().provisions();
            for (Provision p : provisions) {
                if (p.kind() == ProvisionKind.HEADING || Texts.wordCount(p.text()) < SHORTEST_PROVISION_WORDS && p.kind() != ProvisionKind.LIST_ITEM) continue;
                items.add(new Item(part, p, Analyzer.Context.leadIn(p, provisions)));
            }
        }
        List<String> texts = new ArrayList<>(List.of(use.purpose()));
        items.forEach(i -> texts.add(i.provision().text()));
        // Each sentence on its own as well: one sentence of a long paragraph may be all that bears on the use.
        List<String> sentences = items.stream().flatMap(i -> Texts.sentences(i.provision().text()).stream()).distinct().toList();
        List<float[]> meanings = analyzer.meanings(texts);
        Map<String, float[]> sentenceMeanings = new java.util.HashMap<>();
        List<float[]> sentenceVectors = analyzer.meanings(sentences);
        for (int i = 0; i < sentences.size(); i++) sentenceMeanings.put(sentences.get(i), sentenceVectors.get(i));
        Map<String, List<TopicMatch>> topics = records.topics(texts.subList(1, texts.size()));
        SharedWords words = new SharedWords(texts.subList(1, texts.size()));
        Map<String, String> useStems = SharedWords.stems(use.purpose());
        double[] closeness = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            closeness[i] = Peers.cosine(meanings.getFirst(), meanings.get(i + 1));
            for (String sentence : Texts.sentences(items.get(i).provision().text())) {
                closeness[i] = Math.max(closeness[i], Peers.cosine(meanings.getFirst(), sentenceMeanings.get(sentence)));
            }
        }
        double mean = java.util.Arrays.stream(closeness).average().orElse(0);
        double spread = Math.sqrt(java.util.Arrays.stream(closeness).map(c -> (c - mean) * (c - mean)).average().orElse(0));
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String text = item.provision().text();
            List<TopicMatch> own = Optional.ofNullable(topics.get(text)).orElseGet(() -> analyzer.topics(text));
            Role role = role(item.provision(), item.leadIn(), read.name());
            double standing = spread == 0 ? 0 : (closeness[i] - mean) / spread;
            Evidence evidence = evidence(closeness[i], standing, role, useTopics, own, words.overlap(useStems, text));
            candidates.add(new Candidate(item.part().document(), item.part().version(), item.provision(), item.leadIn(), role, evidence,
                    weights.confidence(evidence), item.part().incorporatedBy()));
        }
        return candidates;
    }

    private static Evidence evidence(double meaning, double standing, Role role, Map<String, Double> useTopics, List<TopicMatch> provisionTopics,
                                     SharedWords.Overlap overlap) {
        double topic = 0;
        List<String> shared = new ArrayList<>();
        for (TopicMatch m : provisionTopics) {
            Double mine = useTopics.get(m.topicId());
            if (mine == null) continue;
            shared.add(m.topicId());
            topic = Math.max(topic, Math.min(mine, m.confidence()));
        }
        return new Evidence(meaning, standing, topic, overlap.share(), role != Role.INFORMATION, shared, overlap.words());
    }

    /** The provision's role, from who it binds and how (read with the sentence that introduces its list). */
    static Role role(Provision provision, String leadIn, String platformName) {
        Reading.Party you = Reading.Party.YOU, provider = Reading.Party.PROVIDER;
        var reading = Reading.of(provision.text(), leadIn, Analyzer.Context.of(leadIn, platformName).providerNames());
        if (reading.has(you, Reading.Modality.MUST_NOT)) return Role.PROHIBITION;
        if (reading.has(you, Reading.Modality.MUST)) return Role.CONDITION;
        if (reading.has(provider, Reading.Modality.MAY)) return Role.PLATFORM_RIGHT;
        return Role.INFORMATION;
    }

    private Applicable applicable(Candidate c) {
        Evidence e = c.evidence();
        List<String> topicTitles = e.sharedTopics().stream().map(this::title).toList();
        List<String> because = new ArrayList<>();
        if (!e.sharedWords().isEmpty()) because.add("shares " + String.join(", ", e.sharedWords().stream().map(w -> "\"" + w + "\"").toList()));
        if (!topicTitles.isEmpty()) because.add("on " + String.join(", ", topicTitles));
        because.add(String.format(Locale.ROOT, "%.0f%% close in meaning", 100 * Math.max(0, e.meaning())));
        var entry = c.version().entry();
        return new Applicable(c.role(), c.document().id().toString(), c.document().title(), entry.number(), entry.firstObservedAt(),
                c.provision().id(), c.provision().text(), c.leadIn(), c.confidence(), e.meaning(), e.sharedWords(), topicTitles,
                String.join("; ", because), c.incorporatedBy().map(DocumentId::toString).orElse(null));
    }

    private String title(String topicId) {
        return analyzer.knowledge().topic(topicId).map(Topic::title).orElse(topicId);
    }

    /** The regulations linked to the topics found, in the use's jurisdictions, each with the topics that bring it. */
    private List<RegulationNote> regulations(IntendedUse use, Set<String> topicIds) {
        Knowledge knowledge = analyzer.knowledge();
        Map<String, List<String>> topicsByRegulation = new LinkedHashMap<>();
        Map<String, String> why = new LinkedHashMap<>();
        for (String topicId : topicIds) {
            knowledge.topic(topicId).ifPresent(topic -> topic.regulations().forEach(link -> {
                topicsByRegulation.computeIfAbsent(link.regulationId(), k -> new ArrayList<>()).add(topic.title());
                why.putIfAbsent(link.regulationId(), link.why());
            }));
        }
        List<RegulationNote> notes = new ArrayList<>();
        topicsByRegulation.forEach((id, topics) -> knowledge.regulation(id).filter(r -> use.concerns(r.jurisdiction()))
                .ifPresent(r -> notes.add(new RegulationNote(id, name(r), r.jurisdiction(), topics, why.get(id)))));
        return notes;
    }

    private static String name(Regulation regulation) {
        return regulation.shortName() == null || regulation.shortName().isBlank() ? regulation.fullTitle() : regulation.shortName();
    }
}
