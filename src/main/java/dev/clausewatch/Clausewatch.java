package dev.clausewatch;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.ArchiveVerifier;
import dev.clausewatch.archive.FileBlobStore;
import dev.clausewatch.cli.ClausewatchCommand;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.ingest.Importer;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.storage.Database;
import dev.clausewatch.storage.JdbiArchiveStore;
import dev.clausewatch.storage.JdbiRegistry;
import dev.clausewatch.storage.StorageConfig;
import java.time.Clock;

/** The composition root: wires a workspace for a storage configuration, and runs the command line. */
public final class Clausewatch {
    private Clausewatch() {}

    public static void main(String[] args) {
        System.exit(ClausewatchCommand.run(Clausewatch::open, args));
    }

    /** Opens (and migrates) the store the configuration names and builds everything on it. */
    public static Workspace open(StorageConfig config) {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(config);
        FileBlobStore blobs = new FileBlobStore(config.blobDir());
        JdbiArchiveStore store = new JdbiArchiveStore(database);
        Registry registry = new JdbiRegistry(database, clock);
        Archive archive = new Archive(store, blobs, clock);
        return new Workspace(database.description(), registry, archive, new Importer(registry, archive),
                new ArchiveVerifier(store, blobs), database::close);
    }
}
