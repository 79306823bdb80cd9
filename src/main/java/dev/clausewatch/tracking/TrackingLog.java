package dev.clausewatch.tracking;

import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.util.List;

/** Where tracking events are kept (implemented at the edge, in storage). */
public interface TrackingLog {

    /** A document whose latest captures failed: since when, how many times, the failure that started it and the latest. */
    record Failing(DocumentId document, Instant since, int failures, TrackingEvent first, TrackingEvent latest) {}

    void append(TrackingEvent event);

    /** The document's events, newest first. */
    List<TrackingEvent> events(DocumentId document, int limit);

    /**
     * Documents whose most recent capture failed, longest failing first. Captures only: a
     * re-extraction (a technical event) says nothing about whether the page can be captured.
     */
    List<Failing> failing();

    /** Documents with at least one capture attempt (the others are "not captured yet", e.g. imported histories). */
    java.util.Set<DocumentId> captured();
}
