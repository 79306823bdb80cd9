package dev.clausewatch.derivation;

import dev.clausewatch.registry.DocumentId;
import java.time.Instant;

/**
 * A stored change without its provisions, for lists of many events (home page, timelines): from
 * version {@code number - 1} to {@code number}, substantive or not, how many provision changes are
 * substantive, and when the new version was first seen.
 */
public record ChangeSummary(DocumentId document, int number, boolean substantive, int substantiveCount, boolean technical, Instant observedAt) {}
