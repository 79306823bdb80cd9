package dev.clausewatch.cli;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.archive.ArchiveVerifier;
import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.ingest.Importer;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.tracking.Tracker;
import dev.clausewatch.tracking.TrackingLog;
import dev.clausewatch.tracking.TrackingLoop;

/** Everything a command needs, built by the composition root on one store; closing it closes the store. */
public record Workspace(String storeDescription, Registry registry, Archive archive, Importer importer,
                        ArchiveVerifier verifier, Tracker tracker, TrackingLoop trackingLoop, TrackingLog trackingLog,
                        DocumentChanges changes, Analyzer analyzer, Knowledge knowledge, Runnable onClose) implements AutoCloseable {

    /** The same workspace, also running {@code more} when closed (after its own closing). */
    public Workspace alsoOnClose(Runnable more) {
        return new Workspace(storeDescription, registry, archive, importer, verifier, tracker, trackingLoop, trackingLog, changes, analyzer, knowledge, () -> {
            onClose.run();
            more.run();
        });
    }

    @Override
    public void close() {
        onClose.run();
    }
}
