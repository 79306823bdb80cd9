package dev.clausewatch.backup;

import dev.clausewatch.archive.HeadSigner;
import dev.clausewatch.storage.Database;
import dev.clausewatch.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Backs up one store (its configuration names it) and restores a backup into an empty one. What
 * is backed up: every table's rows, every blob file, and the key that signs the log's tree heads
 * (unless left out): the restored archive must verify, and its heads verify only under that key.
 * The search index is not: it is derived, and rebuilt by `process` or `serve`.
 */
public final class Backups {
    private final StorageConfig config;
    private final Clock clock;

    public Backups(StorageConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Rows first, as of one instant; then the blob files. Every blob is stored before the rows that
     * name it commit, so the files copied afterwards include every blob the rows name (and perhaps a
     * few newer ones no row names yet, as a crash can leave too). The manifest is written last.
     */
    public BackupManifest backUp(Path into, boolean withKey) {
        BackupFolder folder = BackupFolder.fresh(into);
        StoreCopy store = StoreCopy.of(config);
        StoreCopy.Snapshot snapshot = store.snapshot(folder);
        int blobFiles = folder.copyBlobsFrom(config.blobDir());
        boolean keyCopied = withKey && copyKey(config.ledgerKey(), folder.key());
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.FORMAT_VERSION, store.kind(), snapshot.schemaVersion(),
                clock.instant(), config.description(), snapshot.newestHead(), keyCopied, snapshot.tables(), blobFiles, folder.describeFiles());
        manifest.write(into);
        return manifest;
    }

    /**
     * Checks the backup against its manifest, then the target (same kind, same schema version, empty,
     * no other signing key), and only then writes: blob files, the key, and last all rows in one
     * transaction. A restore that stopped before its rows committed can be run again.
     */
    public BackupManifest restore(Path from) {
        BackupManifest manifest = BackupManifest.read(from);
        BackupFolder folder = new BackupFolder(from);
        folder.check(manifest);
        StoreCopy target = StoreCopy.of(config);
        if (manifest.store() != target.kind()) {
            throw new IllegalArgumentException("the backup in " + from + " is of " + kindName(manifest.store()) + " store and " + config.description()
                    + " is " + kindName(target.kind()) + " one: a backup restores into a store of its own kind");
        }
        // Before anything opens the target through Flyway, which would migrate an existing archive it is about to refuse.
        refuseUnlessEmpty(target, folder);
        // Opened once so that the target's tables exist (an empty store, when it was none) at this build's schema version.
        Database.open(config).close();
        refuseOtherSchema(manifest, target, from);
        refuseOtherKey(manifest, folder);
        restoreBlobs(folder);
        if (manifest.ledgerKey()) copyKey(folder.key(), config.ledgerKey());
        target.load(folder, manifest);
        refuseOtherCounts(manifest, target);
        return manifest;
    }

    /** What was loaded must be what the manifest counted when the backup was taken. */
    private void refuseOtherCounts(BackupManifest manifest, StoreCopy target) {
        Map<String, Long> restored = target.rowCounts();
        for (Map.Entry<String, BackupManifest.Table> table : manifest.tables().entrySet()) {
            if (restored.getOrDefault(table.getKey(), -1L) != table.getValue().rows()) {
                throw new IllegalStateException("the restore into " + config.description() + " holds " + restored.get(table.getKey()) + " rows in "
                        + table.getKey() + ", the backup's manifest counted " + table.getValue().rows());
            }
        }
    }

    private static String kindName(BackupManifest.StoreKind kind) {
        return kind == BackupManifest.StoreKind.SQLITE ? "an embedded SQLite" : "a PostgreSQL";
    }

    private void refuseOtherSchema(BackupManifest manifest, StoreCopy target, Path from) {
        String current = target.schemaVersion();
        if (newer(manifest.schemaVersion(), current)) throw newerSchema(manifest, from, current);
        if (!manifest.schemaVersion().equals(current)) {
            throw new IllegalArgumentException("the backup in " + from + " is of schema version " + manifest.schemaVersion() + " and this build's is "
                    + current + ": restore it with the clausewatch that made it, which brings it to this version when this one next opens it");
        }
    }

    private static boolean newer(String version, String than) {
        return MigrationVersion.fromVersion(version).isNewerThan(than);
    }

    private static IllegalArgumentException newerSchema(BackupManifest manifest, Path from, String current) {
        return new IllegalArgumentException("the backup in " + from + " is of schema version " + manifest.schemaVersion()
                + ", newer than this build's " + current + ": restore it with a newer clausewatch");
    }

    /**
     * Empty: no table holds a row. Blob files may already be there only if the backup holds the same
     * (named by their hash): what a restore stopped after its blobs and before its rows left.
     */
    private void refuseUnlessEmpty(StoreCopy target, BackupFolder folder) {
        for (Map.Entry<String, Long> table : target.rowCounts().entrySet()) {
            if (table.getValue() > 0) {
                throw new IllegalArgumentException("cannot restore into " + config.description() + ": it is not empty (table " + table.getKey()
                        + " holds " + table.getValue() + " rows); a backup is restored only into an empty store, never over an archive");
            }
        }
        Set<String> backedUp = BackupFolder.blobFilesUnder(folder.blobs()).stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        for (Path blob : BackupFolder.blobFilesUnder(config.blobDir())) {
            if (!backedUp.contains(blob.getFileName().toString())) {
                throw new IllegalArgumentException("cannot restore into " + config.description() + ": its blob folder " + config.blobDir()
                        + " holds blobs (" + blob.getFileName() + ") that are not in the backup; a backup is restored only into an empty store");
            }
        }
    }

    /** The heads verify only under the key that signed them: the target may hold no other. */
    private void refuseOtherKey(BackupManifest manifest, BackupFolder folder) {
        Path targetKey = config.ledgerKey();
        if (manifest.ledgerKey()) {
            if (Files.exists(targetKey) && !keyId(targetKey).equals(keyId(folder.key()))) {
                throw new IllegalArgumentException("cannot restore into " + config.description() + ": its log key " + targetKey + " (key " + keyId(targetKey)
                        + ") is not the one that signed the backup's heads (key " + keyId(folder.key()) + "); move it away or set CLAUSEWATCH_LEDGER_KEY");
            }
            return;
        }
        manifest.newestHead().ifPresent(head -> {
            if (!Files.exists(targetKey) || !keyId(targetKey).equals(head.keyId())) {
                throw new IllegalArgumentException("the backup in " + folder.root() + " was made without its log key: put the key that signed its heads (key "
                        + head.keyId() + ") at " + targetKey + " or point CLAUSEWATCH_LEDGER_KEY at it");
            }
        });
    }

    private static String keyId(Path keyFile) {
        return HeadSigner.at(keyFile).keyId();
    }

    /** Each file is written under a temporary name and moved into place: a blob file is whole or absent. */
    private void restoreBlobs(BackupFolder folder) {
        List<Path> blobs = BackupFolder.blobFilesUnder(folder.blobs());
        try {
            for (Path blob : blobs) {
                Path target = config.blobDir().resolve(folder.blobs().relativize(blob).toString());
                Files.createDirectories(target.getParent());
                Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
                Files.copy(blob, temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the blob files of " + folder.root() + " into " + config.blobDir(), e);
        }
    }

    /** Copies the signing key, readable by its owner only; false when there is none to copy. */
    private static boolean copyKey(Path from, Path to) {
        if (!Files.isRegularFile(from)) return false;
        if (Files.exists(to)) return true; // the same key: refuseOtherKey checked it
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Files.copy(from, to);
            try {
                Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // other file systems: the folder's own protection applies
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the log key " + from + " to " + to, e);
        }
    }
}
