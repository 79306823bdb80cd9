package dev.clausewatch.archive;

import java.time.Instant;
import java.util.List;

/**
 * A version as it appears in its document's timeline: its number there (1 = oldest), when it was
 * first and last seen, how many observations saw it, and where they came from.
 */
public record TimelineEntry(int number, Version version, Instant firstObservedAt, Instant lastObservedAt,
                            int observations, List<Provenance> provenances) {
    public TimelineEntry {
        provenances = List.copyOf(provenances);
    }
}
