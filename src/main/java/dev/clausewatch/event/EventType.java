package dev.clausewatch.event;

import dev.clausewatch.registry.DocumentId;

/** The past-tense facts Clausewatch announces. */
public enum EventType {
    /** The archive recorded a new version of a document (import, capture, re-extraction). */
    VersionRecorded,
    /**
     * An observation dated before the first sighting of a text already archived (an older history
     * imported later): the document's timeline changed order without a new version.
     */
    TimelineReordered,
    /** The derivers changed (parser, classifier, knowledge): a document's records were derived again; never alerts. */
    DerivationUpgraded,
    /** The processor compared a new version with the one before it in the document's timeline. */
    ChangeDetected,
    /** A document that another document's current version incorporates changed substantively. */
    ReferencedDocumentChanged,
    /**
     * The processor could not derive a document's new records (the cause in the payload): recorded so
     * that status and the document's page say so; the document stays in the backlog; never alerts.
     */
    DerivationFailed;

    /** The id of this type's event about {@code subject} of {@code document}: the same fact always gets the same id. */
    public String idFor(DocumentId document, String subject) {
        return name() + ":" + document + ":" + subject;
    }
}
