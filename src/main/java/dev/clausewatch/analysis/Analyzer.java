package dev.clausewatch.analysis;

import dev.clausewatch.analysis.ProvisionAnalysis.Exposure;
import dev.clausewatch.analysis.ProvisionAnalysis.Incorporation;
import dev.clausewatch.analysis.ProvisionAnalysis.RegulatoryPoint;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.knowledge.Regulation;
import dev.clausewatch.knowledge.Topic;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.registry.DocumentId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the analysis of a provision from its own words ({@link Reading}: who is bound, how, to do
 * what, on what conditions) and the knowledge data, by fixed rules, so the same inputs always give
 * the same analysis and every sentence can be traced. Exposure is read from the wording
 * ({@link ExposureReading}).
 */
public final class Analyzer {
    public static final String DISCLAIMER = "This analysis describes what the document states, permits or reserves, matched against "
            + "reference facts dated as shown. It is not a legal determination of enforceability or applicability; outcomes depend on "
            + "jurisdiction, enforcement context and individual circumstances.";
    /** The instruments shown by default; the rest are named behind "more". */
    static final int LANDSCAPE = 5;

    private final Knowledge knowledge;
    private final TopicClassifier classifier;
    private final Peers peers;
    private final Function<String, List<TopicMatch>> topicsOf;

    /** An analyzer whose "how other platforms handle this" embeds texts with its own, unpersisted embeddings. */
    public Analyzer(Knowledge knowledge, TopicClassifier classifier) {
        this(knowledge, classifier, new Peers(new TopicClassifier(knowledge), new SentenceEmbeddings()));
    }

    public Analyzer(Knowledge knowledge, TopicClassifier classifier, Peers peers) {
        this(knowledge, classifier, peers, classifier::classify);
    }

    private Analyzer(Knowledge knowledge, TopicClassifier classifier, Peers peers, Function<String, List<TopicMatch>> topicsOf) {
        this.knowledge = knowledge;
        this.classifier = classifier;
        this.peers = peers;
        this.topicsOf = topicsOf;
    }

    /**
     * The same analysis reading the topics of a text from {@code stored} (the derived records) and
     * classifying only texts it has none for: what readers use, so a page never runs the classifier
     * for a provision the processor already classified.
     */
    public Analyzer withStoredTopics(Function<String, java.util.Optional<List<TopicMatch>>> stored) {
        return new Analyzer(knowledge, classifier, peers, text -> stored.apply(text).orElseGet(() -> classifier.classify(text)));
    }

    /**
     * "How other platforms handle this": the closest provisions of other platforms' documents
     * ({@code candidates}, current provisions by document) on the provision's topics, at most {@code limit}.
     */
    public List<Peers.Peer> peers(Provision provision, String ownPlatform, Map<dev.clausewatch.registry.Document, List<Provision>> candidates, int limit) {
        Set<String> topics = new java.util.HashSet<>(topics(provision).stream().map(TopicMatch::topicId).toList());
        if (topics.isEmpty()) return List.of();
        return peers.of(provision, topics, ownPlatform, candidates, limit);
    }

    /**
     * Each text's meaning as one vector (the mean of its sentences' embeddings, stored ones reused),
     * comparable by cosine: what the use-case check matches a description against provisions with.
     */
    public List<float[]> meanings(List<String> texts) {
        return peers.meanOfSentences(texts);
    }

    /** The knowledge this analysis is matched against. */
    public Knowledge knowledge() {
        return knowledge;
    }

    public List<TopicMatch> topics(Provision provision) {
        return topics(provision.text());
    }

    /** The topics of many texts, classified together (their sentences embedded in batches): what the processor calls. */
    public Map<String, List<TopicMatch>> topicsOfAll(java.util.Collection<String> texts) {
        return classifier.classifyAll(texts);
    }

    /** The topics of a provision's text (results are kept per text, so repeated texts cost nothing). */
    public List<TopicMatch> topics(String text) {
        return topicsOf.apply(text);
    }

    /**
     * Analyses a provision. {@code references} are the provision's references; {@code currentProvisions}
     * gives the current provisions of a registered document (empty when not archived).
     */
    public ProvisionAnalysis analyze(Provision provision, List<Reference> references, Function<DocumentId, List<Provision>> currentProvisions) {
        return analyze(provision, references, currentProvisions, Context.NONE);
    }

    /** Where a provision stands: the sentence a list item continues, and the names its platform goes by ("AWS", "Amazon Web Services"). */
    public record Context(String leadIn, List<String> providerNames) {
        public static final Context NONE = new Context("", List.of());

        public Context {
            providerNames = List.copyOf(providerNames);
        }

        /**
         * The sentence that introduces the list {@code provision} is an item of (the paragraph before
         * its first item, when it ends with a colon; or, for any provision, the one just before it
         * ending so), and the platform's names.
         */
        public static Context of(Provision provision, List<Provision> provisions, String platformName) {
            return of(leadIn(provision, provisions), platformName);
        }

        /** The same with the lead-in already known. */
        public static Context of(String leadIn, String platformName) {
            // A platform named in several words also goes by its initials ("Amazon Web Services", "AWS").
            String initials = platformName.contains(" ") ? java.util.Arrays.stream(platformName.split("\\s+"))
                    .filter(w -> !w.isEmpty() && Character.isUpperCase(w.charAt(0))).map(w -> w.substring(0, 1)).reduce("", String::concat) : "";
            return new Context(leadIn, initials.length() >= 2 ? List.of(platformName, initials) : List.of(platformName));
        }

        /** The text that introduces {@code provision}: see {@link #of(Provision, List, String)}. */
        public static String leadIn(Provision provision, List<Provision> provisions) {
            int at = provisions.indexOf(provision);
            if (provision.kind() == dev.clausewatch.provision.ProvisionKind.LIST_ITEM) {
                while (at > 0 && provisions.get(at - 1).kind() == dev.clausewatch.provision.ProvisionKind.LIST_ITEM) at--;
            }
            return at > 0 && provisions.get(at - 1).text().strip().endsWith(":") ? provisions.get(at - 1).text() : "";
        }
    }

    /** The same, reading the provision in its {@code context}. */
    public ProvisionAnalysis analyze(Provision provision, List<Reference> references, Function<DocumentId, List<Provision>> currentProvisions,
                                     Context context) {
        List<TopicMatch> topics = topics(provision);
        List<Topic> topicData = topics.stream().map(m -> knowledge.topics().get(m.topicId())).toList();
        List<Reference> binding = references.stream().filter(r -> r.provisionId().equals(provision.id()) && r.binding()).toList();
        Reading reading = Reading.of(provision.text(), context.leadIn(), context.providerNames());
        String provider = context.providerNames().isEmpty() ? "the provider" : context.providerNames().getFirst();
        List<RegulatoryPoint> ranked = landscape(topics, topicData, provision.text());
        List<RegulatoryPoint> landscape = ranked.stream().limit(LANDSCAPE).toList();
        List<String> more = ranked.stream().skip(LANDSCAPE).map(RegulatoryPoint::name).toList();
        Exposure exposure = ExposureReading.of(provision, reading, topicData, binding);
        List<Incorporation> incorporations = new ArrayList<>();
        for (Reference r : binding) {
            List<String> onSameTopics = new ArrayList<>();
            r.target().ifPresent(target -> {
                for (Provision p : currentProvisions.apply(target)) {
                    List<String> shared = topics(p.text()).stream().map(TopicMatch::topicId)
                            .filter(id -> topicData.stream().anyMatch(t -> t.id().equals(id))).toList();
                    if (!shared.isEmpty()) onSameTopics.add(p.id() + " " + shared + ": " + Prose.shorten(p.text()));
                }
            });
            incorporations.add(new Incorporation(r.targetLabel(), r.sentence(), onSameTopics));
        }
        return new ProvisionAnalysis(provision.id(), provision.location(), provision.text(),
                Prose.meaning(reading, topicData, binding, provider), Prose.affects(reading, topicData, provider), topics, exposure, landscape, more,
                jurisdictionFlags(landscape, reading), Prose.contractImplications(reading, topicData, binding, provider),
                complianceConsiderations(landscape), actionItems(reading, topicData, binding, landscape, provider, provision.text()), incorporations,
                Prose.interpretiveNote(reading, topicData, binding, provision.text()),
                "topics " + knowledge.topicsAsOf() + ", regulations " + knowledge.regulationsAsOf(), DISCLAIMER);
    }

    /**
     * The instruments that bear on the provision, each once (with the reason of the strongest topic
     * that brings it in), most relevant first: each topic's instruments in the order its fact sheet
     * ranks them, weighted by how sure the topic is, raised where the instrument's reason shares
     * words with the provision ("employment", "credit", "children").
     */
    private List<RegulatoryPoint> landscape(List<TopicMatch> matches, List<Topic> topics, String text) {
        Set<String> words = new java.util.HashSet<>(TopicClassifier.stems(text));
        record Ranked(RegulatoryPoint point, double score) {}
        Map<String, Ranked> best = new LinkedHashMap<>();
        for (int t = 0; t < topics.size(); t++) {
            Topic topic = topics.get(t);
            List<Topic.RegulationLink> links = topic.regulations();
            for (int j = 0; j < links.size(); j++) {
                Topic.RegulationLink link = links.get(j);
                Regulation r = knowledge.regulations().get(link.regulationId());
                long shared = TopicClassifier.stems(link.why()).stream().distinct().filter(words::contains).count();
                // How sure the topic is scales all its instruments alike: within a topic the order is the fact sheet's, raised by shared words.
                double score = matches.get(t).confidence() * (1.0 / (1 + j) + 0.1 * shared);
                RegulatoryPoint point = new RegulatoryPoint(topic.id(), r.id(), r.shortName(), r.jurisdiction(), link.why(),
                        link.cites(r).stream().map(k -> k.ref() + ": " + k.subject()).toList(), r.verification());
                // Said once, with the reason of the strongest topic that brings it in, ranked by its best link.
                best.merge(r.id(), new Ranked(point, score), (a, b) -> new Ranked(a.point(), Math.max(a.score(), b.score())));
            }
        }
        return best.values().stream().sorted(java.util.Comparator.comparingDouble(Ranked::score).reversed()).map(Ranked::point).toList();
    }

    /** Per jurisdiction, its instruments, said of whoever the provision binds. */
    private static List<String> jurisdictionFlags(List<RegulatoryPoint> landscape, Reading reading) {
        Map<String, Set<String>> byJurisdiction = new LinkedHashMap<>();
        for (RegulatoryPoint p : landscape) byJurisdiction.computeIfAbsent(p.jurisdiction(), k -> new LinkedHashSet<>()).add(p.name());
        boolean you = reading.statements().stream().anyMatch(s -> s.party() == Reading.Party.YOU);
        List<String> flags = new ArrayList<>();
        byJurisdiction.forEach((jurisdiction, names) -> flags.add(jurisdiction + ": " + String.join(", ", names)
                + (you ? " — apply to what you do there under this provision, whatever the platform's terms say"
                        : " — govern the provider's practice described here for people there")));
        return flags;
    }

    /**
     * What each instrument of the landscape means for planning, once per instrument (the landscape
     * says why it bears on each topic): its status, who enforces it and the penalties the fact sheet
     * states, the next date from which more of it applies (after the knowledge's own date, so the
     * same knowledge always gives the same analysis), and a caveat where the fact sheet could not
     * verify the entry.
     */
    private List<String> complianceConsiderations(List<RegulatoryPoint> landscape) {
        java.time.LocalDate asOf = java.time.LocalDate.parse(knowledge.regulationsAsOf());
        List<String> considerations = new ArrayList<>();
        for (String id : landscape.stream().map(RegulatoryPoint::regulationId).distinct().toList()) {
            Regulation r = knowledge.regulations().get(id);
            StringBuilder line = new StringBuilder(r.shortName() + " (" + r.jurisdiction() + "): " + r.status() + ".");
            if (!r.enforcer().isBlank()) line.append(" Enforced by ").append(r.enforcer()).append(r.enforcer().endsWith(".") ? "" : ".");
            if (!r.maxPenalties().isEmpty()) line.append(" Penalties: ").append(r.maxPenalties().getFirst())
                    .append(r.maxPenalties().getFirst().endsWith(".") ? "" : ".");
            for (Regulation.Milestone m : upcoming(r, landscape)) line.append(" From ").append(m.date()).append(": ").append(m.what()).append(".");
            if (!r.verification().equals("verified")) {
                line.append(" The fact sheet marks this entry ").append(r.verification()).append(": confirm it against the official text.");
            }
            considerations.add(line.toString());
        }
        return considerations;
    }

    /**
     * Due-diligence steps: watch what is incorporated, what the provision asks of you and keeps for
     * the provider, then each instrument's next application date, soonest first.
     */
    private List<String> actionItems(Reading reading, List<Topic> topics, List<Reference> binding, List<RegulatoryPoint> landscape, String provider,
                                     String text) {
        List<String> items = new ArrayList<>();
        for (Reference r : binding) items.add("Monitor " + r.targetLabel() + " for changes: they apply to you through this provision");
        items.addAll(Prose.actionItems(reading, topics, text, provider));
        landscape.stream().map(RegulatoryPoint::regulationId).distinct().map(knowledge.regulations()::get)
                .flatMap(r -> upcoming(r, landscape).stream().map(m -> java.util.Map.entry(m, r)))
                .sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.comparing(Regulation.Milestone::start)))
                .forEach(e -> items.add("Before " + e.getKey().date() + ", prepare for " + e.getValue().shortName() + ": " + e.getKey().what()));
        return items;
    }

    /**
     * The instrument's dates still ahead (after the knowledge's own date) that concern what the
     * landscape cites of it ("Annex III", "Art. 50"); when none names a cited part, just the next date.
     */
    private List<Regulation.Milestone> upcoming(Regulation regulation, List<RegulatoryPoint> landscape) {
        java.time.LocalDate asOf = java.time.LocalDate.parse(knowledge.regulationsAsOf());
        List<String> cited = landscape.stream().filter(p -> p.regulationId().equals(regulation.id())).flatMap(p -> p.articles().stream())
                .flatMap(a -> java.util.Arrays.stream(a.substring(0, Math.max(0, a.indexOf(':'))).split(" \\+ | / "))).map(String::strip)
                .filter(part -> !part.isEmpty()).distinct().toList();
        List<Regulation.Milestone> ahead = regulation.application().stream().filter(m -> m.start().isAfter(asOf)).toList();
        List<Regulation.Milestone> relevant = ahead.stream().filter(m -> cited.stream().anyMatch(m.what()::contains)).toList();
        return !relevant.isEmpty() ? relevant : ahead.stream().limit(1).toList();
    }
}
