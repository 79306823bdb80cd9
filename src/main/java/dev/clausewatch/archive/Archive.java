package dev.clausewatch.archive;

import dev.clausewatch.capture.CaptureMetadata;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.event.Event;
import dev.clausewatch.event.EventType;
import dev.clausewatch.registry.DocumentId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The archive's public face: records observed texts as versions or verification events, keeps
 * snapshots, and answers what a document said when. Blobs are written before the rows that name
 * them, so a crash leaves at most an unreferenced blob, never a row without its bytes.
 */
public final class Archive {
    private final ArchiveStore store;
    private final BlobStore blobs;
    private final Clock clock;

    public Archive(ArchiveStore store, BlobStore blobs, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
    }

    /**
     * Archives observed texts of one document, in date order, in one transaction. A provenance
     * already archived is skipped, so importing the same history twice adds nothing.
     */
    public RecordOutcome record(DocumentId document, List<Observed> observed) {
        Map<Observed, String> hashes = new HashMap<>();
        for (Observed o : observed) hashes.put(o, blobs.put(o.markdown()));
        List<Observed> byDate = new ArrayList<>(observed);
        byDate.sort(Comparator.comparing(Observed::observedAt));
        return store.withDocumentLock(document, ledger -> {
            Ledger state = new Ledger(document, ledger);
            RecordOutcome outcome = new RecordOutcome(document, 0, 0, 0, 0);
            for (Observed o : byDate) {
                if (!state.isNew(o.provenance())) {
                    outcome = outcome.plusAlreadyArchived();
                    continue;
                }
                outcome = outcome.plus(state.observe(o, hashes.get(o), o.markdown().length, now()));
            }
            return outcome;
        });
    }

    /** Stores a snapshot's bytes and row; capturing the same bytes with the same metadata twice stores one. */
    public Snapshot saveSnapshot(DocumentId document, byte[] bytes, String mediaType, CaptureMetadata metadata) {
        String contentSha256 = blobs.put(bytes);
        String id = Chain.link("", "snapshot", document.toString(), contentSha256, mediaType,
                metadata.url().toString(), metadata.finalUrl().toString(), Integer.toString(metadata.status()),
                metadata.headers().toString(), Chain.instant(metadata.fetchedAt()));
        Snapshot snapshot = new Snapshot(id, document, contentSha256, bytes.length, mediaType, metadata);
        store.save(snapshot);
        return snapshot;
    }

    /** The document's versions in the order they were in force, each with when it was seen. */
    public List<TimelineEntry> timeline(DocumentId document) {
        Map<String, Version> versions = new LinkedHashMap<>();
        for (Version v : store.versions(document)) versions.put(v.contentSha256(), v);
        Map<String, List<Observation>> seen = new LinkedHashMap<>();
        for (Observation o : inDateOrder(store.observations(document))) {
            seen.computeIfAbsent(o.contentSha256(), k -> new ArrayList<>()).add(o);
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (var entry : seen.entrySet()) {
            List<Observation> os = entry.getValue();
            entries.add(new TimelineEntry(entries.size() + 1, versions.get(entry.getKey()), os.getFirst().observedAt(),
                    os.getLast().observedAt(), os.size(), os.stream().map(Observation::provenance).distinct().toList()));
        }
        return entries;
    }

    /** The version in force at {@code instant}: the one seen last at or before it. */
    public Optional<TimelineEntry> inForceAt(DocumentId document, Instant instant) {
        Observation latest = null;
        for (Observation o : inDateOrder(store.observations(document))) {
            if (o.observedAt().isAfter(instant)) break;
            latest = o;
        }
        if (latest == null) return Optional.empty();
        String content = latest.contentSha256();
        return timeline(document).stream().filter(e -> e.version().contentSha256().equals(content)).findFirst();
    }

    /** The Markdown of a version, from its blob. */
    public String text(Version version) {
        return blobs.get(version.contentSha256())
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("the blob of version " + version.shortId() + " of "
                        + version.document() + " is missing; run `clausewatch verify`"));
    }

    public Optional<Snapshot> snapshot(String id) {
        return store.snapshot(id);
    }

    /** The most recent snapshot of a document fetched from this URL (for conditional requests and re-extraction). */
    public Optional<Snapshot> latestSnapshot(DocumentId document, java.net.URI url) {
        return store.latestSnapshot(document, url.toString());
    }

    /** A snapshot's bytes, exactly as captured. */
    public byte[] bytes(Snapshot snapshot) {
        return blobs.get(snapshot.contentSha256()).orElseThrow(() -> new IllegalStateException("the blob of snapshot "
                + snapshot.id() + " is missing; run `clausewatch verify`"));
    }

    public List<DocumentId> archivedDocuments() {
        return store.archivedDocuments();
    }

    public List<Observation> observations(DocumentId document) {
        return store.observations(document);
    }

    private Instant now() {
        return Chain.truncate(clock.instant());
    }

    static List<Observation> inDateOrder(List<Observation> observations) {
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparing(Observation::observedAt).thenComparingInt(Observation::seq));
        return sorted;
    }

    /** A document's rows while its lock is held: decides what each observation is and appends it. */
    private static final class Ledger {
        private final DocumentId document;
        private final ArchiveStore.DocumentLedger rows;
        private final Map<String, Version> versionsByContent = new HashMap<>();
        private final Set<String> provenances = new HashSet<>();
        private final List<Observation> observations;
        private Version lastVersion;
        private Observation lastObservation;

        Ledger(DocumentId document, ArchiveStore.DocumentLedger rows) {
            this.document = document;
            this.rows = rows;
            for (Version v : rows.versions()) {
                versionsByContent.put(v.contentSha256(), v);
                lastVersion = v;
            }
            observations = new ArrayList<>(rows.observations());
            for (Observation o : observations) provenances.add(o.provenance().key());
            lastObservation = observations.isEmpty() ? null : observations.getLast();
        }

        boolean isNew(Provenance provenance) {
            return !provenances.contains(provenance.key());
        }

        ObservationKind observe(Observed o, String sha256, long bytes, Instant now) {
            ObservationKind kind;
            if (!versionsByContent.containsKey(sha256)) {
                appendVersion(o, sha256, bytes, now);
                kind = ObservationKind.RECORDED;
            } else {
                kind = sha256.equals(contentInForceAt(o.observedAt())) ? ObservationKind.VERIFIED : ObservationKind.REAPPEARED;
            }
            int seq = lastObservation == null ? 1 : lastObservation.seq() + 1;
            Observation unsigned = new Observation(document, seq, kind, sha256, o.observedAt(), now, o.provenance(), null);
            Observation signed = new Observation(document, seq, kind, sha256, o.observedAt(), now, o.provenance(),
                    unsigned.computeChainHash(lastObservation == null ? "" : lastObservation.chainHash()));
            rows.append(signed);
            if (kind != ObservationKind.RECORDED && isBeforeFirstSighting(sha256, o.observedAt())) {
                rows.announce(Event.of(EventType.TimelineReordered, document, sha256 + "@" + seq,
                        Map.of("contentSha256", sha256, "observedAt", Chain.instant(o.observedAt())), now));
            }
            observations.add(signed);
            provenances.add(o.provenance().key());
            lastObservation = signed;
            return kind;
        }

        private void appendVersion(Observed o, String sha256, long bytes, Instant now) {
            VersionKind kind = lastVersion == null ? VersionKind.FIRST
                    : o.technical() ? VersionKind.TECHNICAL_UPGRADE : VersionKind.CHANGE;
            int seq = lastVersion == null ? 1 : lastVersion.recordSeq() + 1;
            String previous = lastVersion == null ? null : lastVersion.contentSha256();
            Version unsigned = new Version(document, seq, sha256, bytes, kind, o.extractorVersion(), o.snapshotIds(),
                    now, previous, null);
            Version signed = new Version(document, seq, sha256, bytes, kind, o.extractorVersion(), o.snapshotIds(),
                    now, previous, unsigned.computeChainHash(lastVersion == null ? "" : lastVersion.chainHash()));
            rows.append(signed);
            rows.announce(Event.of(EventType.VersionRecorded, document, sha256, Map.of("contentSha256", sha256,
                    "recordSeq", seq, "kind", kind.name(), "observedAt", Chain.instant(o.observedAt())), now));
            versionsByContent.put(sha256, signed);
            lastVersion = signed;
        }

        private boolean isBeforeFirstSighting(String sha256, Instant observedAt) {
            return observations.stream().filter(o -> o.contentSha256().equals(sha256)).allMatch(o -> o.observedAt().isAfter(observedAt));
        }

        private String contentInForceAt(Instant instant) {
            Observation latest = null;
            for (Observation o : observations) {
                if (o.observedAt().isAfter(instant)) continue;
                if (latest == null || o.observedAt().isAfter(latest.observedAt())
                        || (o.observedAt().equals(latest.observedAt()) && o.seq() > latest.seq())) {
                    latest = o;
                }
            }
            return latest == null ? null : latest.contentSha256();
        }
    }

    /**
     * The last instant a date argument covers: a plain date (YYYY-MM-DD) means the end of that day
     * in UTC, so "in force on 2024-01-01" includes what was first seen during that day; a full ISO
     * 8601 date-time is taken as it is.
     */
    public static Instant endOf(String text) {
        try {
            return java.time.LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).minusMillis(1);
        } catch (java.time.format.DateTimeParseException notDate) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (java.time.format.DateTimeParseException notDateTime) {
                throw new IllegalArgumentException("date \"" + text + "\" must be YYYY-MM-DD or an ISO 8601 date-time such as 2024-01-01T12:00:00Z");
            }
        }
    }

    /** SHA-256 of a text as the archive stores it (UTF-8), for callers that compare contents. */
    public static String contentHash(String markdown) {
        return Sha256.of(markdown);
    }
}
