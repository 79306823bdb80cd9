package dev.clausewatch.derivation;

import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.registry.DocumentId;
import java.time.Instant;

/** The stored change set from version {@code number - 1} to version {@code number} of a document, first seen at {@code observedAt}. */
public record DerivedChange(DocumentId document, String toKey, String fromKey, int number, ChangeSet changes, Instant observedAt) {}
