package dev.clausewatch.derivation;

import dev.clausewatch.registry.DocumentId;
import java.time.Instant;

/** A document whose newest derivation failed and that no derivation has handled since: the cause and since when. */
public record DerivationFailure(DocumentId document, String cause, Instant at) {}
