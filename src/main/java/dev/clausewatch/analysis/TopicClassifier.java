package dev.clausewatch.analysis;

import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.knowledge.Topic;
import dev.clausewatch.provision.Texts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Topics from the knowledge data's own cues, explainably. Each topic's cues are the word stems of
 * its title and trigger phrases, weighted by how few topics share them (a stem only one topic has,
 * such as "grooming" or "weapon", is strong evidence; "content" is none). A provision gets a topic
 * when the weight of the cues it contains reaches a threshold, or when it contains a whole trigger
 * phrase. The evidence names the cues found.
 */
public final class TopicClassifier {
    /**
     * The version of how this class turns model and cues into topics, part of the topic deriver's
     * name (with the models' and knowledge's hashes): raise it when a change here changes topics, so
     * stored topics are derived again as a technical upgrade.
     */
    public static final String RULES = "r3";
    static final double THRESHOLD = 1.0;
    private static final Set<String> STOP = Set.copyOf(List.of("the", "and", "for", "with", "that", "this", "from", "your", "our", "you", "are", "any",
            "not", "may", "must", "will", "use", "uses", "using", "used", "other", "others", "such", "into", "about", "their", "they",
            "them", "which", "when", "where", "what", "who", "all", "can", "its", "has", "have", "been", "under", "over", "more",
            "than", "only", "also", "each", "both", "part", "these", "those", "provid", "servic", "term", "terms", "polici", "policy",
            "conten", "user", "users", "inform", "data", "includ", "person", "without", "agreem", "produc", "or", "of", "to",
            "in", "on", "by", "as", "an", "a", "is", "be", "we", "us", "it", "at", "do", "if",
            // ordinary words that happen to occur in one topic's phrases only, and so would weigh too much
            "specific", "make", "case", "evaluate", "evaluated", "public", "allow", "within", "every", "appropriate", "separate",
            "certain", "general", "related", "based", "responsible", "responsibility", "action", "actions", "should", "collect",
            "collected", "collection", "collectively", "functionality", "features", "provide", "including", "services", "service",
            "content", "information", "person", "terms", "policy", "policies", "agreement", "products", "product"));
    private static final Map<String, String> IRREGULAR = Map.of("children", "child", "minors", "minor", "identify", "identifi",
            "identifies", "identifi", "identified", "identifi");

    /** A cue word of a topic; {@code named} when the topic's title uses it (a title word alone may decide the topic). */
    private record Cue(String stem, double weight, boolean named) {}

    private final Map<String, List<Cue>> cuesByTopic = new LinkedHashMap<>();
    private final Map<String, List<String>> phrasesByTopic = new LinkedHashMap<>();
    private final Map<String, List<String>> claudetteTopics;
    private final java.util.Optional<ClauseModel> model;
    private final java.util.function.Function<String, float[]> embed;
    private final java.util.Optional<TopicModel> learned;
    private java.util.function.Consumer<List<String>> prefetch = sentences -> {};

    /** Cues only: explainable, no model. */
    public TopicClassifier(Knowledge knowledge) {
        this(knowledge, java.util.Optional.empty(), text -> new float[0]);
    }

    /**
     * Cues and the clause model: a sentence the model assigns a CLAUDETTE category also gets that
     * category's closest topic, with the model's probability as evidence.
     */
    public TopicClassifier(Knowledge knowledge, java.util.Optional<ClauseModel> model, java.util.function.Function<String, float[]> embed) {
        this(knowledge, model, java.util.Optional.empty(), embed);
    }

    /** What the build ships: the learned topic model when it holds one, else the cues plus the clause model. */
    public static TopicClassifier shipped(Knowledge knowledge, java.util.function.Function<String, float[]> embed) {
        return TopicModel.bundled().map(model -> learned(knowledge, model, embed))
                .orElseGet(() -> new TopicClassifier(knowledge, ClauseModel.bundled(), embed));
    }

    /**
     * The learned topic model decides each provision's topics; the knowledge's cues are its
     * evidence (and, where a provision contains a topic's cues, that topic's own threshold applies).
     */
    public static TopicClassifier learned(Knowledge knowledge, TopicModel model, java.util.function.Function<String, float[]> embed) {
        return new TopicClassifier(knowledge, java.util.Optional.empty(), java.util.Optional.of(model), embed);
    }

    private TopicClassifier(Knowledge knowledge, java.util.Optional<ClauseModel> model, java.util.Optional<TopicModel> learned,
                            java.util.function.Function<String, float[]> embed) {
        this.claudetteTopics = knowledge.claudetteTopics();
        this.model = model;
        this.learned = learned;
        this.embed = embed;
        Map<String, Set<String>> stemsByTopic = new LinkedHashMap<>();
        Map<String, Set<String>> titleStems = new HashMap<>();
        Map<String, Integer> topicsPerStem = new HashMap<>();
        for (Topic topic : knowledge.topics().values()) {
            titleStems.put(topic.id(), new HashSet<>(stems(topic.title())));
            Set<String> stems = new HashSet<>(stems(topic.title()));
            topic.triggerPhrases().forEach(phrase -> stems.addAll(stems(phrase)));
            stemsByTopic.put(topic.id(), stems);
            stems.forEach(s -> topicsPerStem.merge(s, 1, Integer::sum));
            phrasesByTopic.put(topic.id(), topic.triggerPhrases().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList());
        }
        stemsByTopic.forEach((topic, stems) -> cuesByTopic.put(topic, stems.stream()
                .map(s -> new Cue(s, 1.0 / topicsPerStem.get(s), titleStems.get(topic).contains(s))).sorted(Comparator.comparing(Cue::stem)).toList()));
    }

    /**
     * The same classifier, embedding the sentences of many texts at once through {@code embeddings}
     * before classifying them ({@link #classifyAll}): batched inference and one store write per batch.
     */
    public TopicClassifier prefetchingWith(SentenceEmbeddings embeddings) {
        this.prefetch = embeddings::embedAll;
        return this;
    }

    /** The topics of each text, the new texts' sentences embedded together first. */
    public Map<String, List<TopicMatch>> classifyAll(java.util.Collection<String> texts) {
        if (model.isPresent() || learned.isPresent()) {
            List<String> sentences = new ArrayList<>();
            for (String text : texts) if (!results.containsKey(text)) sentences.addAll(Texts.sentences(text));
            if (!sentences.isEmpty()) prefetch.accept(sentences);
        }
        Map<String, List<TopicMatch>> topics = new LinkedHashMap<>();
        for (String text : texts) topics.put(text, classify(text));
        return topics;
    }

    public List<TopicMatch> classify(String text) {
        // Results are a pure function of the text: an unchanged provision is classified once.
        return results.computeIfAbsent(text, this::classifyNow);
    }

    private final Map<String, List<TopicMatch>> results = new java.util.concurrent.ConcurrentHashMap<>();

    private List<TopicMatch> classifyNow(String text) {
        if (learned.isPresent()) return classifyLearned(text, learned.get());
        Map<String, TopicMatch> best = new LinkedHashMap<>();
        for (String sentence : Texts.sentences(text)) {
            for (TopicMatch match : classifySentence(sentence)) {
                best.merge(match.topicId(), match, (a, b) -> b.confidence() > a.confidence() ? b : a);
            }
            model.ifPresent(m -> {
                float[] embedding = embed.apply(sentence);
                m.predictions(sentence, embedding).forEach((category, p) -> {
                    List<String> topics = claudetteTopics.getOrDefault(category, List.of());
                    if (topics.isEmpty()) return;
                    TopicMatch learned = new TopicMatch(topics.getFirst(), p, List.of(String.format(Locale.ROOT,
                            "model: CLAUDETTE %s, p=%.2f", category, p)));
                    best.merge(learned.topicId(), learned, (a, b) -> new TopicMatch(a.topicId(), Math.max(a.confidence(), b.confidence()),
                            concat(a.evidence(), b.evidence())));
                });
            });
        }
        List<TopicMatch> matches = new ArrayList<>(best.values());
        matches.sort(Comparator.comparingDouble(TopicMatch::confidence).reversed().thenComparing(TopicMatch::topicId));
        return matches;
    }

    /** Nearer than this, a labelled paragraph is the provision itself (or a copy of it), not an example beside it. */
    private static final double SAME_TEXT = 0.995;

    private List<TopicMatch> classifyLearned(String text, TopicModel topics) {
        List<String> sentences = Texts.sentences(text);
        if (sentences.isEmpty()) return List.of();
        List<float[]> vectors = sentences.stream().map(embed).toList();
        float[] paragraph = TopicModel.paragraphVector(vectors);
        Map<String, TopicMatch> cued = cues(text);
        Map<String, Double> said = new LinkedHashMap<>(topics.topics(text, paragraph, cued.keySet()));
        if (Texts.wordCount(text) < TopicModel.SHORTEST_TRAINED && !dev.clausewatch.provision.EffectiveDate.isDateLine(text)) {
            // Shorter than any paragraph the model learned from (a list item, a heading's sentence): its
            // thresholds do not hold there, so the cues name the candidates and the model picks the likeliest.
            // A date statement ("Last updated: …") is none: it dates the document, it does not modify it.
            Map<String, Double> p = topics.probabilities(text, paragraph);
            cued.keySet().stream().max(Comparator.comparingDouble(p::get)).ifPresent(best -> said.putIfAbsent(best, p.get(best)));
        }
        List<TopicMatch> matches = new ArrayList<>();
        said.forEach((topic, p) -> {
            List<String> cues = cued.containsKey(topic) ? cued.get(topic).evidence() : List.of();
            String carrying = sentences.size() < 2 ? null : carryingSentence(topics, topic, sentences, vectors);
            List<TopicMatch.Like> likes = topics.nearest(topic, paragraph, 3).stream().filter(e -> e.getValue() < SAME_TEXT).limit(2)
                    .map(e -> new TopicMatch.Like(e.getKey().document(), e.getKey().excerpt(), Math.round(e.getValue() * 100) / 100.0)).toList();
            matches.add(new TopicMatch(topic, Math.round(topics.calibration().confidence(p, cued.containsKey(topic)) * 100) / 100.0, cues, carrying, likes));
        });
        matches.sort(Comparator.comparingDouble(TopicMatch::confidence).reversed().thenComparing(TopicMatch::topicId));
        return matches;
    }

    /**
     * A parenthesis of examples ("(e.g., medical diagnosis, … legal advice)"): what it names is a
     * passing mention, not what the provision is about, so its words are no cue.
     */
    private static final java.util.regex.Pattern EXAMPLES = java.util.regex.Pattern.compile(
            "\\((?:e\\.g\\.|i\\.e\\.|for example|such as|including)[^()]{0,2000}\\)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The topics whose cues the text contains outside its parentheses of examples, each with its
     * strongest sentence's cues: the evidence the learned model is trained and applied with.
     */
    public Map<String, TopicMatch> cues(String text) {
        Map<String, TopicMatch> cued = new LinkedHashMap<>();
        for (String sentence : Texts.sentences(EXAMPLES.matcher(text).replaceAll(" "))) {
            for (TopicMatch match : classifySentence(sentence)) cued.merge(match.topicId(), match, (a, b) -> b.confidence() > a.confidence() ? b : a);
        }
        return cued;
    }

    /** The sentence that on its own scores highest for the topic. */
    private static String carryingSentence(TopicModel topics, String topic, List<String> sentences, List<float[]> vectors) {
        int best = 0;
        double bestP = -1;
        for (int i = 0; i < sentences.size(); i++) {
            double p = topics.probability(topic, sentences.get(i), vectors.get(i));
            if (p > bestP) {
                bestP = p;
                best = i;
            }
        }
        return sentences.get(best);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<TopicMatch> classifySentence(String text) {
        Set<String> stems = new HashSet<>(stems(text));
        String lower = text.toLowerCase(Locale.ROOT);
        List<TopicMatch> matches = new ArrayList<>();
        for (var entry : cuesByTopic.entrySet()) {
            double score = 0;
            List<String> evidence = new ArrayList<>();
            boolean named = false;
            for (Cue cue : entry.getValue()) {
                if (stems.contains(cue.stem())) {
                    score += cue.weight();
                    evidence.add(cue.stem() + "…");
                    named |= cue.named();
                }
            }
            for (String phrase : phrasesByTopic.get(entry.getKey())) {
                if (lower.contains(phrase)) {
                    score += THRESHOLD;
                    evidence.add(0, "\"" + phrase + "\"");
                }
            }
            // One cue alone must be a word of the topic's own title and of some length: a word taken from
            // one of its example phrases ("affected" from "affected individuals") is too common alone.
            boolean enough = evidence.size() >= 2 || evidence.stream().anyMatch(e -> e.startsWith("\"")) || (named && evidence.getFirst().length() >= 6);
            if (score >= THRESHOLD && enough) matches.add(new TopicMatch(entry.getKey(), Math.min(1.0, score / (2 * THRESHOLD)), evidence));
        }
        return matches;
    }

    /**
     * Lower-case word stems of words of four letters or more, minus stop words: the first six letters
     * ("tracking" and "track", "harassment" and "harass" meet), eight for the few words whose first six
     * letters mean different things ("intelligence", "intellectual"; "governing" law and "government"
     * benefits).
     */
    static List<String> stems(String text) {
        List<String> stems = new ArrayList<>();
        for (String word : Texts.words(text.toLowerCase(Locale.ROOT).replace("’s", "").replace("'s", ""))) {
            String w = IRREGULAR.getOrDefault(word, word);
            if (w.length() < 4 || Character.isDigit(w.charAt(0)) || STOP.contains(w)) continue;
            String stem = stem(w);
            if (!STOP.contains(stem)) stems.add(stem);
        }
        return stems;
    }

    static String stem(String word) {
        int length = word.startsWith("intell") || word.startsWith("identi") || word.startsWith("govern") ? 8 : 6;
        return word.length() > length ? word.substring(0, length) : word;
    }
}
