package dev.clausewatch.archive;

import dev.clausewatch.registry.DocumentId;

/** What one call to {@link Archive#record} did to a document. */
public record RecordOutcome(DocumentId document, int versionsAdded, int verified, int reappeared, int alreadyArchived) {

    public int observationsAdded() {
        return versionsAdded + verified + reappeared;
    }

    RecordOutcome plus(ObservationKind kind) {
        return switch (kind) {
            case RECORDED -> new RecordOutcome(document, versionsAdded + 1, verified, reappeared, alreadyArchived);
            case VERIFIED -> new RecordOutcome(document, versionsAdded, verified + 1, reappeared, alreadyArchived);
            case REAPPEARED -> new RecordOutcome(document, versionsAdded, verified, reappeared + 1, alreadyArchived);
        };
    }

    RecordOutcome plusAlreadyArchived() {
        return new RecordOutcome(document, versionsAdded, verified, reappeared, alreadyArchived + 1);
    }
}
