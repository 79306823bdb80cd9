package dev.clausewatch.tracking;

import dev.clausewatch.capture.CaptureFailure;
import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one capture (or re-extraction) of a document did: recorded a new version, verified the
 * version in force, saw an earlier version reappear, left the archive unchanged (a re-extraction
 * that made the same text, or found nothing captured to re-extract), or failed with a classified cause.
 */
public record TrackingEvent(DocumentId document, Instant at, Outcome outcome, Optional<CaptureFailure.Kind> failure,
                            String message, boolean technical, List<String> snapshotIds) {
    /** NOT_CAPTURED: a re-extraction of a document that has no snapshot yet (imported histories only): nothing happened, nothing failed. */
    public enum Outcome { RECORDED, VERIFIED, REAPPEARED, FAILED, UNCHANGED, NOT_CAPTURED }

    public TrackingEvent {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(outcome, "outcome");
        snapshotIds = List.copyOf(snapshotIds);
        if ((outcome == Outcome.FAILED) != failure.isPresent()) {
            throw new IllegalArgumentException("a failed event, and only a failed event, names its failure kind");
        }
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
