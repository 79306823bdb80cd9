package dev.clausewatch.analysis;

import dev.clausewatch.analysis.ProvisionAnalysis.Exposure;
import dev.clausewatch.analysis.ProvisionAnalysis.Incorporation;
import dev.clausewatch.analysis.ProvisionAnalysis.Level;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the analysis of a provision from the knowledge data and the provision's own words, by
 * fixed rules, so the same inputs always give the same analysis and every sentence can be traced.
 * Exposure points: per topic, 2 when four or more instruments bear on it, else 1; 1 per discretion phrase in the provision ("at any time", "sole discretion"…); 1 per
 * document it incorporates (the rules then sit outside the text). High from 5 points, medium
 * from 3.
 */
public final class Analyzer {
    public static final String DISCLAIMER = "This analysis describes what the document states, permits or reserves, matched against "
            + "reference facts dated as shown. It is not a legal determination of enforceability or applicability; outcomes depend on "
            + "jurisdiction, enforcement context and individual circumstances.";
    private static final List<String> DISCRETION = List.of("at any time", "sole discretion", "without notice", "for any reason",
            "irrevocable", "perpetual", "waive", "from time to time", "we may change", "we may modify", "we may suspend", "without liability");
    private static final int HIGH = 5, MEDIUM = 3;

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
        List<TopicMatch> topics = topics(provision);
        List<Topic> topicData = topics.stream().map(m -> knowledge.topics().get(m.topicId())).toList();
        List<Reference> binding = references.stream().filter(r -> r.provisionId().equals(provision.id()) && r.binding()).toList();
        List<RegulatoryPoint> landscape = landscape(topicData);
        Exposure exposure = exposure(provision, topicData, binding);
        List<Incorporation> incorporations = new ArrayList<>();
        for (Reference r : binding) {
            List<String> onSameTopics = new ArrayList<>();
            r.target().ifPresent(target -> {
                for (Provision p : currentProvisions.apply(target)) {
                    List<String> shared = topics(p.text()).stream().map(TopicMatch::topicId)
                            .filter(id -> topicData.stream().anyMatch(t -> t.id().equals(id))).toList();
                    if (!shared.isEmpty()) onSameTopics.add(p.id() + " " + shared + ": " + shorten(p.text()));
                }
            });
            incorporations.add(new Incorporation(r.targetLabel(), r.sentence(), onSameTopics));
        }
        return new ProvisionAnalysis(provision.id(), provision.location(), provision.text(), meaning(topicData, binding), affects(topicData),
                topics, exposure, landscape,
                jurisdictionFlags(landscape), contractImplications(topicData, binding), complianceConsiderations(landscape),
                actionItems(topicData, binding, landscape), incorporations, interpretiveNote(topicData, binding),
                "topics " + knowledge.topicsAsOf() + ", regulations " + knowledge.regulationsAsOf(), DISCLAIMER);
    }

    private List<RegulatoryPoint> landscape(List<Topic> topics) {
        List<RegulatoryPoint> points = new ArrayList<>();
        for (Topic topic : topics) {
            for (Topic.RegulationLink link : topic.regulations()) {
                Regulation r = knowledge.regulations().get(link.regulationId());
                points.add(new RegulatoryPoint(topic.id(), r.id(), r.shortName(), r.jurisdiction(), link.why(), link.cites(r).stream().map(k -> k.ref() + ": " + k.subject()).toList(), r.verification()));
            }
        }
        return points;
    }

    private static Exposure exposure(Provision provision, List<Topic> topics, List<Reference> binding) {
        List<String> reasons = new ArrayList<>();
        int points = 0;
        for (Topic topic : topics) {
            int add = topic.regulations().size() >= 4 ? 2 : 1;
            points += add;
            reasons.add("+" + add + " topic " + topic.id() + " (" + topic.regulations().size() + " instruments bear on it)");
        }
        String lower = provision.text().toLowerCase(Locale.ROOT);
        for (String phrase : DISCRETION) {
            if (lower.contains(phrase)) {
                points++;
                reasons.add("+1 the provision says \"" + phrase + "\"");
            }
        }
        for (Reference r : binding) {
            points++;
            reasons.add(r.partOfTarget() ? "+1 part of " + r.targetLabel() + ": this text applies together with rules that sit outside it"
                    : "+1 incorporates " + r.targetLabel() + ": its rules apply but sit outside this text");
        }
        if (topics.isEmpty()) reasons.add("no governance topic recognised in this provision");
        Level level = points >= HIGH ? Level.HIGH : points >= MEDIUM ? Level.MEDIUM : Level.LOW;
        return new Exposure(level, points, reasons);
    }

    private static List<String> jurisdictionFlags(List<RegulatoryPoint> landscape) {
        Map<String, Set<String>> byJurisdiction = new LinkedHashMap<>();
        for (RegulatoryPoint p : landscape) byJurisdiction.computeIfAbsent(p.jurisdiction(), k -> new LinkedHashSet<>()).add(p.name());
        List<String> flags = new ArrayList<>();
        byJurisdiction.forEach((jurisdiction, names) -> flags.add(jurisdiction + ": " + String.join(", ", names)
                + " — assess against your own operations there, independently of the platform's policy"));
        return flags;
    }

    private static List<String> contractImplications(List<Topic> topics, List<Reference> binding) {
        List<String> implications = new ArrayList<>();
        for (Topic t : topics) {
            implications.add(t.title() + ": affects " + String.join(", ", t.affectedParties()) + "; check that vendor agreements and "
                    + "internal policies address it (" + t.id() + ")");
        }
        for (Reference r : binding) {
            implications.add(r.partOfTarget()
                    ? "This document adds to the rules of " + r.targetLabel() + ": whoever is bound by it is bound by this too, and a change "
                            + "here changes what " + r.targetLabel() + " requires: \"" + shorten(r.sentence()) + "\""
                    : "Obligations of " + r.targetLabel() + " bind through this provision and can change without an amendment of "
                            + "this document: \"" + shorten(r.sentence()) + "\"");
        }
        return implications;
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
     * Due-diligence steps: watch what is incorporated, map each topic to controls, place operations in
     * each jurisdiction, and prepare for each instrument's next application date, soonest first.
     */
    private List<String> actionItems(List<Topic> topics, List<Reference> binding, List<RegulatoryPoint> landscape) {
        List<String> items = new ArrayList<>();
        for (Reference r : binding) items.add("Monitor " + r.targetLabel() + " for changes: they apply to you through this provision");
        for (Topic t : topics) items.add("Map this provision to the internal controls that cover " + t.title().toLowerCase(Locale.ROOT));
        landscape.stream().map(RegulatoryPoint::jurisdiction).distinct()
                .forEach(j -> items.add("Confirm which of your operations fall under " + j + " rules cited above"));
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

    /** What the provision does, in sentences: what incorporating a document implies, then each topic's description. */
    private static List<String> meaning(List<Topic> topics, List<Reference> binding) {
        List<String> sentences = new ArrayList<>();
        for (Reference r : binding) {
            sentences.add(r.partOfTarget()
                    ? "This document becomes part of the rules of " + r.targetLabel() + ": the two are read together, and what "
                            + r.targetLabel() + " requires changes whenever this text changes."
                    : "Incorporating " + r.targetLabel() + " makes its rules part of this document: what is required can change "
                            + "whenever " + r.targetLabel() + " changes, without an amendment of this text.");
        }
        for (Topic t : topics) sentences.add(t.title() + ": " + t.description());
        if (sentences.isEmpty()) sentences.add("No governance topic of the knowledge data was recognised in this provision.");
        return sentences;
    }

    /** The parties the provision's topics affect, each once, in the order the topics list them. */
    private static List<String> affects(List<Topic> topics) {
        Set<String> parties = new LinkedHashSet<>();
        for (Topic t : topics) parties.addAll(t.affectedParties());
        return List.copyOf(parties);
    }

    private static String interpretiveNote(List<Topic> topics, List<Reference> binding) {
        if (!binding.isEmpty()) {
            return "The content of " + String.join(", ", binding.stream().map(Reference::targetLabel).distinct().toList())
                    + " is not reproduced in this provision; compliance obligations depend on that separately maintained document, "
                    + "which may be updated independently.";
        }
        if (topics.isEmpty()) return "No governance topic of the knowledge data was recognised in this provision.";
        // The meaning above already gives the topics' descriptions; the note says how far the reading goes.
        return "The topics are recognised from the provision's own words; its effect also depends on the rest of the document, "
                + "on definitions elsewhere in it, and on how the platform applies it.";
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
