package dev.clausewatch.tracking;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.archive.RecordOutcome;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.capture.BrowserFetcher;
import dev.clausewatch.capture.CaptureFailure;
import dev.clausewatch.capture.CaptureFailure.Kind;
import dev.clausewatch.capture.FetchResult;
import dev.clausewatch.capture.HttpFetcher;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.extract.ExtractionException;
import dev.clausewatch.extract.Extractor;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.registry.Selector;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Captures one document now: each declared source is fetched (HTTP, or the browser when declared
 * or when the plain fetch looks blocked or lacks the selected content), kept as a snapshot, and
 * extracted; the parts are combined and archived. What happened is logged as a tracking event. A
 * failure at any step is classified and logged, and never makes a version; challenge and wall
 * pages are still kept as snapshots (evidence of what the site served).
 */
public final class Tracker {
    static final String ARCHIVE = "clausewatch";
    /** A new text with less than this share of the previous version's words is refused as suspiciously short. */
    static final double MIN_SHARE_OF_PREVIOUS = 0.2;

    private final Registry registry;
    private final Archive archive;
    private final Extractor extractor;
    private final HttpFetcher http;
    private final BrowserFetcher browser;
    private final TrackingLog log;
    private final Clock clock;

    public Tracker(Registry registry, Archive archive, Extractor extractor, HttpFetcher http, BrowserFetcher browser,
                   TrackingLog log, Clock clock) {
        this.registry = registry;
        this.archive = archive;
        this.extractor = extractor;
        this.http = http;
        this.browser = browser;
        this.log = log;
        this.clock = clock;
    }

    /** One part of a document as captured: its snapshot and the Markdown extracted from it. */
    private record Part(Snapshot snapshot, String markdown) {}

    public TrackingEvent capture(DocumentId document) {
        Instant started = Chain.truncate(clock.instant());
        List<String> snapshotIds = new ArrayList<>();
        TrackingEvent event;
        try {
            SourceDeclaration declaration = declarationAt(document, started);
            List<String> parts = new ArrayList<>();
            for (SourceDocument source : declaration.sources()) {
                Part part = capture(document, source, snapshotIds);
                parts.add(part.markdown());
            }
            String markdown = declaration.sources().size() == 1 ? parts.getFirst() : Extractor.combine(parts);
            refuseIfMuchShorter(document, markdown);
            event = record(document, markdown, snapshotIds, started, false);
        } catch (CaptureFailure failure) {
            event = failed(document, started, failure.kind(), failure.getMessage(), snapshotIds);
        }
        log.append(event);
        return event;
    }

    /**
     * Re-extracts the document's latest snapshots with the current declaration and extractor. A
     * different text is recorded as a technical upgrade (never alerted on); the same text changes nothing.
     */
    public TrackingEvent reextract(DocumentId document) {
        Instant now = Chain.truncate(clock.instant());
        TrackingEvent event;
        List<String> snapshotIds = new ArrayList<>();
        try {
            SourceDeclaration declaration = declarationAt(document, now);
            List<String> parts = new ArrayList<>();
            for (SourceDocument source : declaration.sources()) {
                Optional<Snapshot> latest = archive.latestSnapshot(document, source.location());
                if (latest.isEmpty()) {
                    // Never captured (its versions were imported): nothing to re-extract, and nothing failed. Not logged,
                    // so it neither looks like a failure nor hides the document's real one.
                    return new TrackingEvent(document, now, TrackingEvent.Outcome.NOT_CAPTURED, Optional.empty(),
                            "not captured yet: no snapshot of " + source.location() + " to re-extract", true, List.of());
                }
                Snapshot snapshot = latest.get();
                snapshotIds.add(snapshot.id());
                parts.add(extract(archive.bytes(snapshot), snapshot.mediaType(), source));
            }
            String markdown = declaration.sources().size() == 1 ? parts.getFirst() : Extractor.combine(parts);
            Optional<TimelineEntry> inForce = archive.inForceAt(document, Instant.MAX);
            if (inForce.isPresent() && inForce.get().version().contentSha256().equals(Archive.contentHash(markdown))) {
                event = new TrackingEvent(document, now, TrackingEvent.Outcome.UNCHANGED, Optional.empty(),
                        "re-extraction with " + Extractor.VERSION + " gives the version in force", true, snapshotIds);
            } else {
                event = record(document, markdown, snapshotIds, now, true);
            }
        } catch (CaptureFailure failure) {
            event = failed(document, now, failure.kind(), failure.getMessage(), snapshotIds);
        }
        log.append(event);
        return event;
    }

    private SourceDeclaration declarationAt(DocumentId document, Instant at) {
        return SourceDeclaration.applicableAt(registry.declarations(document), at).orElseThrow(() -> new CaptureFailure(Kind.UNSUPPORTED_URL,
                document + " has no source declaration: import its declaration (OTA <Service>.json) first"));
    }

    private Part capture(DocumentId document, SourceDocument source, List<String> snapshotIds) {
        Optional<Snapshot> previous = archive.latestSnapshot(document, source.location());
        boolean viaBrowser = source.fetchMode() == FetchMode.BROWSER;
        FetchResult fetched;
        try {
            fetched = viaBrowser ? browse(source) : http.fetch(source.location(), validators(previous), source.acceptLanguage().orElse(null));
        } catch (CaptureFailure failure) {
            if (viaBrowser || !failure.kind().mayNeedBrowser() || !browser.available()) throw failure;
            fetched = browse(source);
            viaBrowser = true;
        }
        Snapshot snapshot = keep(document, fetched, previous);
        snapshotIds.add(snapshot.id());
        try {
            return new Part(snapshot, extract(archive.bytes(snapshot), snapshot.mediaType(), source));
        } catch (CaptureFailure failure) {
            if (viaBrowser || !failure.kind().mayNeedBrowser() || !browser.available()) throw failure;
            Snapshot rendered = keep(document, browse(source), Optional.empty());
            snapshotIds.add(rendered.id());
            return new Part(rendered, extract(archive.bytes(rendered), rendered.mediaType(), source));
        }
    }

    private FetchResult browse(SourceDocument source) {
        List<String> waitFor = source.select().stream()
                .map(s -> switch (s) {
                    case Selector.Css css -> css.query();
                    case Selector.Range range -> range.end();
                }).toList();
        return browser.fetch(source.location(), waitFor, source.acceptLanguage().orElse(null));
    }

    /** Stores what was fetched; a 304 stores a snapshot of the previous bytes with this capture's metadata. */
    private Snapshot keep(DocumentId document, FetchResult fetched, Optional<Snapshot> previous) {
        if (fetched.notModified() && previous.isPresent()) {
            return archive.saveSnapshot(document, archive.bytes(previous.get()), previous.get().mediaType(), fetched.metadata());
        }
        if (fetched.notModified()) {
            throw new CaptureFailure(Kind.HTTP_ERROR, "HTTP 304 from " + fetched.metadata().url() + " but no earlier snapshot to stand for");
        }
        String mediaType = fetched.mediaType().isBlank() ? "text/html" : fetched.mediaType();
        return archive.saveSnapshot(document, fetched.body(), mediaType, fetched.metadata());
    }

    private String extract(byte[] bytes, String mediaType, SourceDocument source) {
        try {
            return extractor.extract(bytes, mediaType, source.location(), source);
        } catch (ExtractionException e) {
            throw new CaptureFailure(kindOf(e.kind()), e.getMessage(), 0, e);
        }
    }

    private void refuseIfMuchShorter(DocumentId document, String markdown) {
        archive.inForceAt(document, Instant.MAX).ifPresent(entry -> {
            int before = Extractor.words(archive.text(entry.version()));
            int now = Extractor.words(markdown);
            if (now < before * MIN_SHARE_OF_PREVIOUS) {
                throw new CaptureFailure(Kind.SUSPICIOUSLY_SHORT, "the new extraction of " + document + " has " + now
                        + " words where the version in force has " + before + ": more likely a broken page than new terms");
            }
        });
    }

    private TrackingEvent record(DocumentId document, String markdown, List<String> snapshotIds, Instant at, boolean technical) {
        String captureId = Sha256.of(String.join(",", snapshotIds) + (technical ? "|" + Extractor.VERSION : ""));
        Provenance provenance = new Provenance(ARCHIVE, (technical ? "reextract " : "capture ") + captureId,
                Map.of("snapshots", String.join(" ", snapshotIds), "extractor", Extractor.VERSION));
        RecordOutcome outcome = archive.record(document, List.of(new Observed(markdown.getBytes(StandardCharsets.UTF_8), at,
                technical, Extractor.VERSION, snapshotIds, provenance)));
        TrackingEvent.Outcome result = outcome.versionsAdded() > 0 ? TrackingEvent.Outcome.RECORDED
                : outcome.reappeared() > 0 ? TrackingEvent.Outcome.REAPPEARED
                : outcome.verified() > 0 ? TrackingEvent.Outcome.VERIFIED : TrackingEvent.Outcome.UNCHANGED;
        String message = switch (result) {
            case RECORDED -> technical ? "technical upgrade: re-extraction made a new version" : "new version recorded";
            case VERIFIED -> "unchanged: verified the version in force";
            case REAPPEARED -> "an earlier version is back";
            default -> "already archived";
        };
        return new TrackingEvent(document, at, result, Optional.empty(), message, technical, snapshotIds);
    }

    private static TrackingEvent failed(DocumentId document, Instant at, Kind kind, String message, List<String> snapshotIds) {
        return new TrackingEvent(document, at, TrackingEvent.Outcome.FAILED, Optional.of(kind), message, false, snapshotIds);
    }

    static Kind kindOf(ExtractionException.Kind kind) {
        return switch (kind) {
            case SELECTOR_NOT_FOUND -> Kind.SELECTOR_NOT_FOUND;
            case INVALID_SELECTOR -> Kind.INVALID_DECLARATION;
            case BOT_CHALLENGE -> Kind.BOT_CHALLENGE;
            case LOGIN_OR_COOKIE_WALL -> Kind.LOGIN_OR_COOKIE_WALL;
            case EMPTY -> Kind.EMPTY;
            case SUSPICIOUSLY_SHORT -> Kind.SUSPICIOUSLY_SHORT;
            case UNSUPPORTED_MEDIA_TYPE, UNREADABLE -> Kind.UNREADABLE;
        };
    }


    private static HttpFetcher.Validators validators(Optional<Snapshot> previous) {
        if (previous.isEmpty()) return HttpFetcher.Validators.NONE;
        Map<String, List<String>> headers = previous.get().metadata().headers();
        return new HttpFetcher.Validators(header(headers, "ETag"), header(headers, "Last-Modified"));
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty())
                .map(h -> h.getValue().getFirst()).findFirst();
    }
}
