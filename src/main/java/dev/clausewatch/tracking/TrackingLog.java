package dev.clausewatch.tracking;

import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.util.List;

/** Where tracking events are kept (implemented at the edge, in storage). */
public interface TrackingLog {

    /** A document whose latest captures failed: since when, how many times, and the latest failure. */
    record Failing(DocumentId document, Instant since, int failures, TrackingEvent latest) {}

    void append(TrackingEvent event);

    /** The document's events, newest first. */
    List<TrackingEvent> events(DocumentId document, int limit);

    /** Documents whose most recent event is a failure, longest failing first. */
    List<Failing> failing();
}
