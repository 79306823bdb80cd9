package dev.clausewatch.derivation;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.event.Event;
import dev.clausewatch.event.EventType;
import dev.clausewatch.provision.RegisteredDocuments;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Registry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The derivation stage: claims documents with unhandled events, derives what their timeline lacks
 * (only the versions after the last one already derived, so a new capture costs one version),
 * and writes records, events and the moved head in one transaction. Several processes may run it
 * on one PostgreSQL: a claim is exclusive for its lease, and a worker that dies (kill -9) leaves
 * its documents to the others once the lease runs out. A document whose derivation fails is
 * logged and released; the others go on.
 */
public final class Processor {
    /** The claims this processor is deriving under now (several when it catches up on several threads). */
    private final Set<DerivedStore.Claim> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Logger LOG = LoggerFactory.getLogger(Processor.class);
    private static final int BATCH = 64;
    /** Workers per process for a catch-up, at most one per core. */
    private static final int WORKERS = 1;

    /** How far a catch-up got: documents handled, versions and changes derived, events announced, documents that failed. */
    public record Progress(int documents, int versions, int changes, int events, int failed, Backlog backlog) {
        Progress with(Backlog now) {
            return new Progress(documents, versions, changes, events, failed, now);
        }

        Progress plus(Progress one, boolean failedNow, Backlog now) {
            return new Progress(documents + (failedNow ? 0 : 1), versions + one.versions, changes + one.changes, events + one.events,
                    failed + (failedNow ? 1 : 0), now);
        }
    }

    private static final Progress NOTHING = new Progress(0, 0, 0, 0, 0, null);

    private final Registry registry;
    private final Archive archive;
    private final DerivedStore store;
    private final Derivation derivation;
    private final Analyzer analyzer;
    private final Derivers derivers;
    private final Clock clock;
    private final String worker;
    private final Duration lease;

    public Processor(Registry registry, Archive archive, DerivedStore store, Derivation derivation, Analyzer analyzer,
                     Derivers derivers, Clock clock, String worker, Duration lease) {
        this.registry = registry;
        this.archive = archive;
        this.store = store;
        this.derivation = derivation;
        this.analyzer = analyzer;
        this.derivers = derivers;
        this.clock = clock;
        this.worker = worker;
        this.lease = lease;
    }

    public Derivers derivers() {
        return derivers;
    }

    public String worker() {
        return worker;
    }

    /** This processor with another worker name and lease (a second worker in the same process, or a test's short lease). */
    public Processor as(String otherWorker, Duration otherLease) {
        return new Processor(registry, archive, store, derivation, analyzer, derivers, clock, otherWorker, otherLease);
    }

    /** This processor with other derivers: what a release with a new parser or classifier runs. */
    public Processor upgradedTo(Derivers newDerivers) {
        return new Processor(registry, archive, store, derivation, analyzer, newDerivers, clock, worker, lease);
    }

    /**
     * Announces a technical upgrade for every document whose records were made by other derivers
     * (or by none: an archive from before this stage), so the backlog includes them. Never alerts.
     */
    public int announceUpgrades() {
        List<Event> events = new ArrayList<>();
        for (DocumentId document : store.needingUpgrade(derivers)) {
            events.add(Event.of(EventType.DerivationUpgraded, document, derivers.label(), Map.of("derivers", derivers.label()), now()));
        }
        store.announce(events);
        return events.size();
    }

    /**
     * Handles the whole backlog, also waiting for documents other workers hold (or held, until
     * their lease runs out), and reports progress after each document. Runs one worker per core in
     * this process (each with its own claims: documents are independent, and the cross-document
     * events are checked under the commit lock), so deriving one document overlaps with
     * classifying another.
     */
    public Progress catchUp(Consumer<Progress> progress) {
        return catchUp(progress, Math.max(1, Math.min(WORKERS, Runtime.getRuntime().availableProcessors())));
    }

    /** {@link #catchUp(Consumer)} with {@code threads} workers in this process. */
    public Progress catchUp(Consumer<Progress> progress, int threads) {
        announceUpgrades();
        CatchUp run = new CatchUp(new Progress(0, 0, 0, 0, 0, store.backlog(now())), progress);
        if (threads == 1) return run.by(this);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "processor-" + worker);
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Progress>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Processor one = i == 0 ? this : as(worker + "#" + (i + 1), lease);
                workers.add(pool.submit(() -> run.by(one)));
            }
            for (var w : workers) w.get();
            return run.done().with(store.backlog(now()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while catching up", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a processing worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One catch-up shared by the workers of this process: what failed here is not retried, progress is summed. */
    private final class CatchUp {
        private final Set<DocumentId> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Documents one of this process's workers is handling: a failure is recorded before the document leaves this set. */
        private final Set<DocumentId> inHand = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Consumer<Progress> progress;
        private Progress done;

        CatchUp(Progress start, Consumer<Progress> progress) {
            this.done = start;
            this.progress = progress;
        }

        synchronized Progress done() {
            return done;
        }

        private synchronized void count(Outcome outcome) {
            done = done.plus(outcome.progress(), outcome.kind() == Outcome.Kind.FAILED, store.backlog(now()));
            progress.accept(done);
        }

        Progress by(Processor processor) {
            while (true) {
                boolean moved = false;
                List<DocumentId> pending = store.pending(BATCH + failed.size());
                for (DocumentId document : pending) {
                    if (failed.contains(document) || !inHand.add(document)) continue;
                    Outcome outcome;
                    try {
                        outcome = processor.handle(document);
                        if (outcome.kind() == Outcome.Kind.FAILED) failed.add(document);
                    } finally {
                        inHand.remove(document);
                    }
                    if (outcome.kind() == Outcome.Kind.HELD) continue;
                    moved = true;
                    count(outcome);
                }
                if (!moved) {
                    // What is left is held by other workers (wait for them or their leases) or failed here (reported, left pending).
                    if (failed.containsAll(pending) && pending.size() < BATCH + failed.size()) return done().with(store.backlog(now()));
                    sleep(Duration.ofMillis(100));
                }
            }
        }
    }

    /** Handles what is pending now, once, without waiting for documents others hold: for a loop that polls. */
    public int drain() {
        return drain(() -> false);
    }

    /** {@link #drain()}, stopping between documents once {@code stopping} says so: a shutdown finishes the one in hand. */
    public int drain(java.util.function.BooleanSupplier stopping) {
        int handled = 0;
        for (DocumentId document : store.pending(BATCH)) {
            if (stopping.getAsBoolean()) break;
            if (handle(document).kind() == Outcome.Kind.DONE) handled++;
        }
        return handled;
    }

    /**
     * Lets go of the documents this processor is deriving, if any, so that another worker takes them at
     * once instead of after the lease: for a shutdown that cannot wait for it. Safe while the
     * derivation runs on: its commit finds the claim gone and writes nothing.
     */
    public void releaseHeld() {
        for (DerivedStore.Claim claim : List.copyOf(held)) store.release(claim);
    }

    /** What handling one document came to. */
    public record Outcome(Kind kind, Progress progress) {
        public enum Kind { DONE, HELD, FAILED }
    }

    /** Claims and derives one document: HELD when another worker holds it, FAILED (logged, released) when it cannot be derived. */
    @SuppressWarnings("try") // the renewal is held open, not read: it renews the claim while the block runs
    public Outcome handle(DocumentId document) {
        Optional<DerivedStore.Claim> claimed = store.claim(document, worker, now(), lease);
        if (claimed.isEmpty()) return new Outcome(Outcome.Kind.HELD, NOTHING);
        DerivedStore.Claim claim = claimed.get();
        held.add(claim);
        try {
            DerivedStore.Work work;
            try (var renewal = LeaseRenewal.start(store, claim, clock, lease)) {
                work = derive(claim);
            }
            if (!store.commit(work, derivers, now(), () -> crossDocumentEvents(claim, work))) {
                LOG.warn("{}: the claim on {} expired before its records were written; another worker derives them", worker, document);
                return new Outcome(Outcome.Kind.HELD, NOTHING);
            }
            return new Outcome(Outcome.Kind.DONE, new Progress(1, work.versions().size(), work.changes().size(), work.events().size(), 0, null));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("{}: cannot derive the records of {}: {}", worker, document, e.toString(), e);
            store.release(claim);
            recordFailure(document, e);
            return new Outcome(Outcome.Kind.FAILED, NOTHING);
        } finally {
            held.remove(claim);
        }
    }

    /**
     * Records the failure as an event, so that status and the document's page show it; one event
     * per document, version and derivers (the same failure again announces nothing new). The other
     * documents are not touched: each is derived and committed on its own.
     */
    private void recordFailure(DocumentId document, Throwable failure) {
        try {
            List<TimelineEntry> timeline = archive.timeline(document);
            String head = timeline.isEmpty() ? "empty" : LineageKeys.of(document, timeline).getLast();
            String cause = failure.toString();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("cause", cause.length() > 500 ? cause.substring(0, 500) + "…" : cause);
            payload.put("derivers", derivers.label());
            payload.put("headKey", head);
            store.announce(List.of(Event.of(EventType.DerivationFailed, document, head + "@" + derivers.label(), payload, now())));
        } catch (RuntimeException e) {
            LOG.error("{}: cannot record that {} failed: {}", worker, document, e.toString());
        }
    }

    private DerivedStore.Work derive(DerivedStore.Claim claim) {
        DocumentId document = claim.document();
        List<TimelineEntry> timeline = archive.timeline(document);
        List<String> keys = LineageKeys.of(document, timeline);
        Set<String> derived = store.derivedKeys(document, derivers.structure());
        int start = 0;
        while (start < keys.size() && derived.contains(keys.get(start))) start++;
        String head = keys.isEmpty() ? null : keys.getLast();
        if (start == keys.size()) return new DerivedStore.Work(claim, head, List.of(), List.of(), Map.of(), List.of());

        // The version before the run, and the ones before it that a new version may bring back in another variant.
        List<String> earlierKeys = keys.subList(Math.max(0, start - 1 - Derivation.VARIANT_WINDOW), start);
        Map<String, DerivedVersion> stored = earlierKeys.isEmpty() ? Map.of() : store.versions(document, earlierKeys, derivers.structure());
        DerivedVersion before = start == 0 ? null : stored.get(keys.get(start - 1));
        List<DerivedVersion> earlier = earlierKeys.isEmpty() ? List.of()
                : earlierKeys.subList(0, earlierKeys.size() - 1).stream().map(stored::get).filter(java.util.Objects::nonNull).toList();
        var registered = new RegisteredDocuments(registry, registry.platform(document.platform()));
        Derivation.Result result = derivation.derive(document, timeline.subList(start, keys.size()), keys.subList(start, keys.size()), before,
                earlier, entry -> archive.text(entry.version()), registered);
        Map<String, List<TopicMatch>> topics = newTopics(result.versions());
        // Events only for what was recorded, not for derivers that changed: a technical upgrade never alerts.
        List<Event> events = announces(claim) ? events(document, result.changes(), head) : List.of();
        return new DerivedStore.Work(claim, head, result.versions(), result.changes(), topics, events);
    }

    /** Topics of the texts no earlier work classified, each distinct text once. */
    private Map<String, List<TopicMatch>> newTopics(List<DerivedVersion> versions) {
        Map<String, String> bySha = new LinkedHashMap<>();
        for (String text : Derivation.texts(versions)) bySha.putIfAbsent(Archive.contentHash(text), text);
        Set<String> known = store.topics(bySha.keySet(), derivers.topics()).keySet();
        Map<String, String> unknown = new LinkedHashMap<>(bySha);
        unknown.keySet().removeAll(known);
        Map<String, List<TopicMatch>> byText = analyzer.topicsOfAll(unknown.values());
        Map<String, List<TopicMatch>> topics = new HashMap<>();
        unknown.forEach((sha, text) -> topics.put(sha, byText.get(text)));
        return topics;
    }

    private List<Event> events(DocumentId document, List<DerivedChange> changes, String head) {
        List<Event> events = new ArrayList<>();
        for (DerivedChange change : changes) {
            boolean latest = change.toKey().equals(head);
            events.add(Event.of(EventType.ChangeDetected, document, change.toKey(), changePayload(change, latest), now()));
        }
        return events;
    }

    /** The ReferencedDocumentChanged events of this work, checked under the commit lock (see below). */
    private List<Event> crossDocumentEvents(DerivedStore.Claim claim, DerivedStore.Work work) {
        if (!announces(claim) || work.headKey() == null) return List.of();
        Optional<DerivedVersion> newHead = work.versions().stream().filter(v -> v.key().equals(work.headKey())).findFirst();
        List<Event> events = new ArrayList<>();
        work.changes().stream().filter(c -> c.toKey().equals(work.headKey()) && c.changes().alertable()).findFirst()
                .ifPresent(latest -> events.addAll(incorporatingDocumentsChanged(claim.document(), newHead, latest)));
        newHead.ifPresent(head -> inForceSince(claim.document(), head.key())
                .ifPresent(since -> events.addAll(incorporatedDocumentsChanged(head, since))));
        return events;
    }

    private static boolean announces(DerivedStore.Claim claim) {
        return claim.eventTypes().contains(EventType.VersionRecorded.name()) || claim.eventTypes().contains(EventType.TimelineReordered.name());
    }

    private static Map<String, Object> changePayload(DerivedChange change, boolean latest) {
        ChangeSet set = change.changes();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("fromNumber", change.number() - 1);
        payload.put("toNumber", change.number());
        payload.put("toKey", change.toKey());
        payload.put("substantive", set.substantive());
        payload.put("technical", set.technical());
        payload.put("substantiveChanges", set.substantiveChanges().size());
        payload.put("changes", set.changes().size());
        payload.put("reasons", String.join("; ", reasons(set)));
        payload.put("provisionIds", String.join(",", set.substantiveChanges().stream().map(c -> c.provisionId()).toList()));
        payload.put("observedAt", Chain.instant(change.observedAt()));
        payload.put("latest", latest);
        return payload;
    }

    /** Each distinct explanation once, the most significant first ("a number changed: 30 days → 14 days; a new provision: '…'"). */
    private static List<String> reasons(ChangeSet set) {
        Set<String> reasons = new LinkedHashSet<>();
        set.changes().stream().sorted(java.util.Comparator.comparingInt(ProvisionChange::significance).reversed())
                .limit(5).forEach(c -> reasons.add(c.explanation()));
        return List.copyOf(reasons);
    }

    /*
     * A document "changed through one it incorporates" when its current version bindingly
     * references a document whose latest change is alertable and came while that version was in
     * force. The rule is checked from both sides — when the changed document is derived and when the
     * incorporating one is — under the lock all commits take, so the events do not depend on which
     * of the two a worker took first or on two workers committing them at once; the event id names
     * both, so checking twice announces once.
     */

    /**
     * From the changed document's side: every document that incorporates it, whether the
     * incorporating document's current version says so ("you must comply with …") or the changed
     * document's own new version does ("This Policy supplements …").
     */
    private List<Event> incorporatingDocumentsChanged(DocumentId changed, Optional<DerivedVersion> changedHead, DerivedChange change) {
        Map<DocumentId, List<String>> incorporators = new LinkedHashMap<>();
        store.referringTo(changed, derivers.structure()).forEach((referrer, referrals) -> {
            List<String> provisions = referrals.stream().filter(DerivedStore.Referral::incorporatesTarget).map(DerivedStore.Referral::provisionId).distinct().toList();
            if (!provisions.isEmpty()) incorporators.put(referrer, provisions);
        });
        changedHead.ifPresent(head -> head.references().stream().filter(Reference::partOfTarget).forEach(r ->
                r.target().ifPresent(target -> incorporators.putIfAbsent(target, List.of()))));
        incorporators.remove(changed);
        List<Event> events = new ArrayList<>();
        Map<DocumentId, String> heads = headKeys();
        incorporators.forEach((incorporator, provisions) -> {
            Optional<Instant> since = inForceSince(incorporator, heads.get(incorporator));
            if (since.isPresent() && !change.observedAt().isBefore(since.get())) {
                events.add(referencedDocumentChanged(incorporator, changed, change, provisions));
            }
        });
        return events;
    }

    /**
     * From the incorporating document's side: its new current version, against each document it
     * incorporates, by its own references or by theirs ("This Policy supplements" this document).
     */
    private List<Event> incorporatedDocumentsChanged(DerivedVersion head, Instant since) {
        Map<DocumentId, List<String>> incorporated = new LinkedHashMap<>();
        for (Reference reference : head.references()) {
            if (!reference.incorporatesTarget() || reference.target().isEmpty()) continue;
            List<String> provisions = incorporated.computeIfAbsent(reference.target().get(), k -> new ArrayList<>());
            if (!provisions.contains(reference.provisionId())) provisions.add(reference.provisionId());
        }
        store.referringTo(head.document(), derivers.structure()).forEach((referrer, referrals) -> {
            if (referrals.stream().anyMatch(DerivedStore.Referral::partOfTarget)) incorporated.putIfAbsent(referrer, List.of());
        });
        incorporated.remove(head.document());
        if (incorporated.isEmpty()) return List.of();
        Map<DocumentId, String> heads = headKeys();
        List<Event> events = new ArrayList<>();
        incorporated.forEach((target, provisions) -> {
            String targetHead = heads.get(target);
            if (targetHead == null) return;
            DerivedChange latest = store.changes(target, List.of(targetHead), derivers.structure()).get(targetHead);
            if (latest != null && latest.changes().alertable() && !latest.observedAt().isBefore(since)) {
                events.add(referencedDocumentChanged(head.document(), target, latest, provisions));
            }
        });
        return events;
    }

    private Event referencedDocumentChanged(DocumentId referrer, DocumentId changed, DerivedChange change, List<String> provisions) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("changedDocument", changed.toString());
        payload.put("changeEvent", EventType.ChangeDetected.idFor(changed, change.toKey()));
        payload.put("toNumber", change.number());
        payload.put("incorporatingProvisionIds", String.join(",", provisions));
        payload.put("observedAt", Chain.instant(change.observedAt()));
        return Event.of(EventType.ReferencedDocumentChanged, referrer, changed + "@" + change.toKey(), payload, now());
    }

    /** The derived head of every document, by the current structure deriver. */
    private Map<DocumentId, String> headKeys() {
        Map<DocumentId, String> heads = new HashMap<>();
        for (DerivedStore.Head h : store.heads()) {
            if (h.headKey() != null && h.deriver() != null && h.deriver().startsWith(derivers.structure() + "+")) heads.put(h.document(), h.headKey());
        }
        return heads;
    }

    /** Since when the version with this lineage key is the document's current one (its first sighting). */
    private Optional<Instant> inForceSince(DocumentId document, String headKey) {
        if (headKey == null) return Optional.empty();
        List<TimelineEntry> timeline = archive.timeline(document);
        int at = LineageKeys.of(document, timeline).indexOf(headKey);
        return at < 0 ? Optional.empty() : Optional.of(timeline.get(at).firstObservedAt());
    }

    private Instant now() {
        return Chain.truncate(clock.instant());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for other workers' documents", e);
        }
    }
}
