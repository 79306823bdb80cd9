package dev.clausewatch.archive;

import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.event.Event;
import dev.clausewatch.registry.DocumentId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the archive keeps its rows. Implementations live at the edge ({@code storage}) and must
 * make {@link #withDocumentLock} exclusive per document across threads and processes, and all of
 * its appends atomic: either every row of one call is stored or none is.
 */
public interface ArchiveStore {

    /** Rows of one document, read and appended while holding its write lock. */
    interface DocumentLedger {
        List<Version> versions();

        List<Observation> observations();

        void append(Version version);

        void append(Observation observation);

        /** Adds the event to the outbox in this same transaction, unless an event with its id is there. */
        void announce(Event event);
    }

    /** Runs {@code work} in one transaction holding the document's write lock; the document must be registered. */
    <T> T withDocumentLock(DocumentId document, Function<DocumentLedger, T> work);

    /** Versions of a document in recording order. */
    List<Version> versions(DocumentId document);

    /** Observations of a document in recording order. */
    List<Observation> observations(DocumentId document);

    /** Documents that have at least one version. */
    List<DocumentId> archivedDocuments();

    /** Stores the snapshot's row unless one with its id exists; returns whether it was new. */
    boolean save(Snapshot snapshot);

    Optional<Snapshot> snapshot(String id);

    List<Snapshot> snapshots();

    /** The most recent snapshot of a document fetched from this URL. */
    Optional<Snapshot> latestSnapshot(DocumentId document, String url);
}
