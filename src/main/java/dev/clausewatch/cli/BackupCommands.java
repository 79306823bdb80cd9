package dev.clausewatch.cli;

import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.backup.BackupManifest;
import dev.clausewatch.backup.Backups;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `backup DIR` and `restore DIR`: the whole store, rows, blobs and log key together, checked by `verify` after a restore. */
final class BackupCommands {
    private BackupCommands() {}

    @Command(name = "backup", description = {"Writes a consistent backup of the whole store (every table, every blob, the log's signing key)",
            "into DIR, a new or empty folder, while the store stays in use; manifest.json lists every file with its SHA-256."})
    static final class Backup implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "A new or empty folder.")
        Path folder;

        @Option(names = "--without-key", description = "Leave the log's signing key out (keep it apart); a restore then needs it in place.")
        boolean withoutKey;

        @Option(names = "--json", description = "Print the manifest as JSON.")
        boolean json;

        @Override
        public Integer call() {
            long started = System.nanoTime();
            BackupManifest manifest = new Backups(root.storageConfig(), Clock.systemUTC()).backUp(folder, !withoutKey);
            long millis = (System.nanoTime() - started) / 1_000_000;
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, manifest);
                return 0;
            }
            out.printf("backed up %s into %s in %d ms: %d rows in %d tables, %d blob files, schema version %s%s%n", manifest.source(), folder, millis,
                    manifest.rows(), manifest.tables().size(), manifest.blobFiles(), manifest.schemaVersion(), manifest.ledgerKey() ? ", the log key" : "");
            out.println(head(manifest));
            out.flush();
            return 0;
        }
    }

    @Command(name = "restore", description = {"Restores the backup in DIR into this store, which must be empty (it never overwrites an archive),",
            "after checking every file against the backup's manifest; then verifies the archive as `verify` does.",
            "Exits 0 when it verifies, 1 naming what is damaged, 2 when the backup or the store is refused."})
    static final class Restore implements Callable<Integer> {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "A folder written by `clausewatch backup`.")
        Path folder;

        @Option(names = "--json", description = "Print the verification as JSON.")
        boolean json;

        @Override
        public Integer call() {
            long started = System.nanoTime();
            BackupManifest manifest = new Backups(root.storageConfig(), Clock.systemUTC()).restore(folder);
            long millis = (System.nanoTime() - started) / 1_000_000;
            PrintWriter out = spec.commandLine().getOut();
            if (!json) {
                out.printf("restored %s (backed up from %s at %s) in %d ms: %d rows in %d tables, %d blob files%n", folder, manifest.source(),
                        manifest.createdAt(), millis, manifest.rows(), manifest.tables().size(), manifest.blobFiles());
                out.println(head(manifest));
            }
            try (Workspace workspace = root.open()) {
                int verified = VerifyCommand.check(workspace, Optional.empty(), null, out, json);
                Optional<TreeHead> newest = workspace.ledger().newestHead();
                if (!sameHead(manifest.newestHead(), newest)) {
                    spec.commandLine().getErr().println("clausewatch: the restored log's newest head (" + newest.map(h -> h.size() + " records, root "
                            + h.rootHash()).orElse("none") + ") is not the backup's (" + head(manifest) + ")");
                    return ClausewatchCommand.DAMAGED;
                }
                return verified;
            }
        }

        private static boolean sameHead(Optional<BackupManifest.Head> expected, Optional<TreeHead> restored) {
            if (expected.isEmpty() || restored.isEmpty()) return expected.isEmpty() == restored.isEmpty();
            return expected.get().size() == restored.get().size() && expected.get().rootHash().equals(restored.get().rootHash());
        }
    }

    private static String head(BackupManifest manifest) {
        return manifest.newestHead().map(h -> "newest head: " + h.size() + " records, root " + h.rootHash() + ", signed at " + h.signedAt()
                + " (key " + h.keyId() + ")").orElse("newest head: none (nothing was signed yet)");
    }
}
