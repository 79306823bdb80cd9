package dev.clausewatch.cli;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.ArchiveVerifier;
import dev.clausewatch.ingest.Importer;
import dev.clausewatch.registry.Registry;

/** Everything a command needs, built by the composition root on one store; closing it closes the store. */
public record Workspace(String storeDescription, Registry registry, Archive archive, Importer importer,
                        ArchiveVerifier verifier, Runnable onClose) implements AutoCloseable {
    @Override
    public void close() {
        onClose.run();
    }
}
