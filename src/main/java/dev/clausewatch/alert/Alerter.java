package dev.clausewatch.alert;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.check.IntendedUse;
import dev.clausewatch.check.UseCheck;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.event.Event;
import dev.clausewatch.event.EventType;
import dev.clausewatch.event.Outbox;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Registry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * Turns the outbox's {@code ChangeDetected} and {@code ReferencedDocumentChanged} events into
 * alerts for the organisations whose watches they touch, in event order, each event once per
 * organisation (the alert id names both), when announced after the watch began. Only substantive
 * changes alert: cosmetic changes and technical upgrades never do, nor history imported long after
 * it happened. Same-day plans get one pending delivery per channel; the Free plan's
 * alerts wait for the weekly digest.
 */
public final class Alerter {
    static final String CONSUMER = "alerts";
    private static final List<EventType> TYPES = List.of(EventType.ChangeDetected, EventType.ReferencedDocumentChanged);
    private static final int BATCH = 200;
    /** How long after a change was seen its announcement is still news (a capture retried for days, a late processor). */
    private static final Duration NEWS = Duration.ofDays(7);

    private final Outbox outbox;
    private final AlertStore store;
    private final DerivedRecords records;
    private final Registry registry;
    private final Knowledge knowledge;
    private final Analyzer analyzer;
    private final Clock clock;
    private final UseCheck uses;

    public Alerter(Outbox outbox, AlertStore store, DerivedRecords records, Registry registry, Analyzer analyzer, Clock clock) {
        this.outbox = outbox;
        this.store = store;
        this.records = records;
        this.registry = registry;
        this.knowledge = analyzer.knowledge();
        this.analyzer = analyzer;
        this.clock = clock;
        this.uses = UseCheck.over(registry, records, analyzer);
    }

    /** Handles every event after the cursor; returns how many alerts it made. */
    public int run() {
        int made = 0;
        while (true) {
            List<Event> events = outbox.after(store.cursor(CONSUMER), TYPES, BATCH);
            if (events.isEmpty()) return made;
            // Who watches what, read once per batch rather than once per event.
            Map<Organisation, List<AlertStore.Watching>> watchers = new java.util.LinkedHashMap<>();
            for (Organisation organisation : store.organisations()) {
                List<AlertStore.Watching> watching = store.watching(organisation.id());
                if (!watching.isEmpty()) watchers.put(organisation, watching);
            }
            for (Event event : events) {
                if (!watchers.isEmpty()) made += handle(event, watchers); // with nobody watching, no summary is worth composing
                store.advance(CONSUMER, event.seq());
            }
        }
    }

    private int handle(Event event, Map<Organisation, List<AlertStore.Watching>> watchers) {
        Optional<Change> change = change(event).map(c -> event.type() == EventType.ChangeDetected
                ? new Change(c.scope().withUses(usesBorneOn(c.scope(), watchers)), c.message()) : c);
        if (change.isEmpty()) return 0;
        int made = 0;
        for (var entry : watchers.entrySet()) {
            Organisation organisation = entry.getKey();
            boolean watched = entry.getValue().stream()
                    .anyMatch(w -> !event.occurredAt().isBefore(w.since()) && w.watch().covers(change.get().scope()));
            if (!watched) continue;
            Alert alert = new Alert(event.id() + "@" + organisation.id(), organisation.id(), event.id(), change.get().scope().document().toString(),
                    organisation.plan().sameDay() ? Alert.Cadence.SAME_DAY : Alert.Cadence.DIGEST, change.get().message(), clock.instant());
            List<String> channels = alert.cadence() == Alert.Cadence.SAME_DAY
                    ? store.channels(organisation.id()).stream().map(Channel::id).toList() : List.of();
            store.record(alert, channels, clock.instant());
            made++;
        }
        return made;
    }

    /**
     * The saved uses a change bears on: those whose check, made now that the change is derived,
     * answers with one of the changed provisions (a provision that applied and changed, or one that
     * starts to apply). A provision removed outright is not in any answer now: its use hears of it
     * through the document's other watches only.
     */
    private Set<String> usesBorneOn(Watch.Scope scope, Map<Organisation, List<AlertStore.Watching>> watchers) {
        Set<String> targets = new java.util.LinkedHashSet<>();
        watchers.values().forEach(list -> list.forEach(w -> {
            if (w.watch().kind() == Watch.Kind.USE) targets.add(w.watch().target());
        }));
        Set<String> borne = new java.util.HashSet<>();
        if (targets.isEmpty() || scope.provisionIds().isEmpty()) return borne;
        // A check reads its platforms' documents and those they incorporate: other changes cannot bear on it.
        boolean incorporated = !records.referringTo(scope.document()).isEmpty();
        for (String target : targets) {
            IntendedUse use = new Watch(Watch.Kind.USE, target).intendedUse();
            if (!incorporated && !use.platforms().contains(scope.document().platform())) continue;
            var answer = uses.check(use);
            boolean hit = answer.platforms().stream().flatMap(p -> p.provisions().stream())
                    .anyMatch(a -> a.document().equals(scope.document().toString()) && scope.provisionIds().contains(a.provisionId()));
            if (hit) borne.add(target);
        }
        return borne;
    }

    /** What watches are matched against, and what the alert says. */
    private record Change(Watch.Scope scope, Alert.Message message) {}

    private Optional<Change> change(Event event) {
        // A change seen long before it was announced is history being imported, not news.
        String observed = event.text("observedAt");
        if (observed != null && Instant.parse(observed).isBefore(event.occurredAt().minus(NEWS))) return Optional.empty();
        if (event.type() == EventType.ChangeDetected) {
            if (!event.flag("substantive") || event.flag("technical")) return Optional.empty();
            return message(event.document(), Integer.parseInt(event.text("toNumber")), Optional.empty()).map(m -> {
                Set<String> topics = m.changes().stream().flatMap(i -> i.topics().stream()).collect(java.util.stream.Collectors.toSet());
                return new Change(new Watch.Scope(event.document(), Set.copyOf(ids(event.text("provisionIds"))), topics,
                        knowledge.regulationsOf(topics), Set.of()), m);
            });
        }
        // Through an incorporation, the document watched is the incorporating one; topic and
        // regulation watches hear of the change itself, from its own ChangeDetected, once.
        DocumentId changed = DocumentId.parse(event.text("changedDocument"));
        return message(changed, Integer.parseInt(event.text("toNumber")), Optional.of(event.document()))
                .map(m -> new Change(new Watch.Scope(event.document(), Set.copyOf(ids(event.text("incorporatingProvisionIds"))), Set.of(), Set.of(), Set.of()), m));
    }

    private static List<String> ids(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** The change summary of {@code document}'s change to version {@code toNumber}, read from the derived records. */
    private Optional<Alert.Message> message(DocumentId document, int toNumber, Optional<DocumentId> incorporatedInto) {
        Optional<DocumentChanges.Event> found = records.events(document).stream().filter(e -> e.after().entry().number() == toNumber).findFirst();
        if (found.isEmpty()) return Optional.empty();
        DocumentChanges.Event e = found.get();
        List<ProvisionChange> substantive = e.changes().substantiveChanges();
        Set<String> texts = new java.util.HashSet<>();
        substantive.forEach(c -> {
            c.before().ifPresent(p -> texts.add(p.text()));
            c.after().ifPresent(p -> texts.add(p.text()));
        });
        Map<String, List<TopicMatch>> topicsOf = records.topics(texts);
        List<Reference> references = records.references(e.after());
        String title = title(document);
        List<Alert.Item> items = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Set<String> touched = new LinkedHashSet<>();
        for (ProvisionChange c : substantive) {
            Optional<Provision> any = c.after().or(c::before);
            Set<String> topics = new LinkedHashSet<>();
            for (Optional<Provision> side : List.of(c.before(), c.after())) {
                side.ifPresent(p -> topicsOf.getOrDefault(p.text(), List.of()).forEach(m -> topics.add(m.topicId())));
            }
            touched.addAll(topics);
            // The exposure of the provision as it now reads (as it read, when removed), from its stored topics.
            String exposure = analyzer.analyze(any.orElseThrow(), references, id -> List.of()).exposure().level().name().toLowerCase(java.util.Locale.ROOT);
            items.add(new Alert.Item(c.provisionId(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.explanation(),
                    any.map(Provision::trail).orElse(List.of()), c.before().map(Provision::text), c.after().map(Provision::text),
                    List.copyOf(topics), exposure, "/documents/" + document + "/provisions/" + c.provisionId()));
            if (!reasons.contains(c.reason().description())) reasons.add(c.reason().description()); // kinds, for the subject line
        }
        int from = e.before().entry().number();
        String link = "/documents/" + document + "/changes?from=" + from + "&to=" + toNumber;
        Optional<String> through = incorporatedInto.map(into -> "The " + title + " changed; the " + title(into) + " you watch incorporates it by reference.");
        String subject = incorporatedInto.map(into -> title(into) + ": the " + title + " it incorporates changed")
                .orElse(title + ": " + items.size() + " substantive change" + (items.size() == 1 ? "" : "s"));
        List<String> topicTitles = touched.stream().map(id -> knowledge.topic(id).map(t -> t.title()).orElse(id)).toList();
        return Optional.of(new Alert.Message(subject, document.toString(), title, through, from, toNumber, e.observedAt(),
                String.join("; ", reasons), link, items, topicTitles, effectiveDateChange(e)));
    }

    private static String effectiveDateChange(DocumentChanges.Event e) {
        Optional<String> before = EffectiveDate.in(e.before().provisions()).map(d -> d.date().toString());
        Optional<String> after = EffectiveDate.in(e.after().provisions()).map(d -> d.date().toString());
        return before.equals(after) ? "" : before.orElse("none stated") + " → " + after.orElse("none stated");
    }

    private String title(DocumentId id) {
        return registry.document(id).map(Document::title).orElse(id.toString());
    }
}
