package dev.clausewatch.backup;

import dev.clausewatch.capture.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A backup's folder: {@code database.sqlite} (embedded store) or {@code tables/<table>.copy}
 * (PostgreSQL), {@code blobs/sha256/ab/cd/<sha256>} (blob files, as the data directory keeps them),
 * {@code keys/ledger-ed25519.key}, and the manifest that lists them all with their hashes.
 */
record BackupFolder(Path root) {
    static final String DATABASE = "database.sqlite";
    static final String TABLES = "tables";
    static final String BLOBS = "blobs";
    static final String KEY = "keys/ledger-ed25519.key";

    /** A new backup goes into a folder that does not exist or is empty: a backup never mixes with other files. */
    static BackupFolder fresh(Path root) {
        try {
            if (Files.exists(root)) {
                if (!Files.isDirectory(root)) throw new IllegalArgumentException("cannot back up into " + root + ": it is a file, not a folder");
                try (Stream<Path> entries = Files.list(root)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("cannot back up into " + root + ": the folder is not empty (a backup goes into a new or empty folder)");
                    }
                }
            }
            Files.createDirectories(root);
            return new BackupFolder(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the backup folder " + root, e);
        }
    }

    Path database() {
        return root.resolve(DATABASE);
    }

    Path table(String name) {
        return root.resolve(TABLES).resolve(name + ".copy");
    }

    Path key() {
        return root.resolve(KEY);
    }

    Path blobs() {
        return root.resolve(BLOBS);
    }

    /**
     * Copies the stored blob files under {@code blobDir} (never a writer's unfinished temporary file)
     * and returns how many. Called after the rows' snapshot: a blob is stored before any row names it,
     * so every blob the snapshot names is already there; blobs written since come along unnamed.
     */
    int copyBlobsFrom(Path blobDir) {
        List<Path> blobs = blobFilesUnder(blobDir);
        try {
            for (Path blob : blobs) {
                Path target = blobs().resolve(blobDir.relativize(blob).toString());
                Files.createDirectories(target.getParent());
                Files.copy(blob, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the blob files of " + blobDir + " into " + root, e);
        }
        return blobs.size();
    }

    /** Every file in the folder but the manifest, with its hash, in path order. */
    List<BackupManifest.BackupFile> describeFiles() {
        List<BackupManifest.BackupFile> files = new ArrayList<>();
        for (Map.Entry<String, Path> file : files().entrySet()) {
            files.add(new BackupManifest.BackupFile(file.getKey(), sha256(file.getValue()), size(file.getValue())));
        }
        return files;
    }

    /**
     * Checks the folder against its manifest before anything is restored: each listed file must be
     * there with its hash, and no other file may be (a restore takes nothing the manifest does not vouch for).
     */
    void check(BackupManifest manifest) {
        Map<String, Path> present = files();
        for (BackupManifest.BackupFile listed : manifest.files()) {
            Path file = present.remove(listed.path());
            if (file == null) throw new IllegalArgumentException("the backup in " + root + " is damaged: " + listed.path() + " is missing");
            String actual = sha256(file);
            if (!actual.equals(listed.sha256())) {
                throw new IllegalArgumentException("the backup in " + root + " is damaged: " + root.resolve(listed.path()) + " has SHA-256 " + actual
                        + ", the manifest says " + listed.sha256() + "; nothing was restored");
            }
        }
        if (!present.isEmpty()) {
            throw new IllegalArgumentException("the backup in " + root + " holds files its manifest does not list: "
                    + String.join(", ", present.keySet()) + "; nothing was restored");
        }
    }

    /** Relative path ('/'-separated) to file, for every regular file but the manifest. */
    private Map<String, Path> files() {
        try (Stream<Path> walk = Files.walk(root)) {
            Map<String, Path> files = new TreeMap<>();
            walk.filter(Files::isRegularFile).forEach(file -> files.put(root.relativize(file).toString().replace('\\', '/'), file));
            files.remove(BackupManifest.FILE);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backup folder " + root, e);
        }
    }

    /** The stored blob files of a data directory's blob folder: named by their SHA-256, never a writer's temporary file. */
    static List<Path> blobFilesUnder(Path blobDir) {
        if (!Files.isDirectory(blobDir)) return List.of();
        try (Stream<Path> walk = Files.walk(blobDir)) {
            return walk.filter(Files::isRegularFile).filter(f -> Sha256.isHex(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the blob files under " + blobDir, e);
        }
    }

    static String sha256(Path file) {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
