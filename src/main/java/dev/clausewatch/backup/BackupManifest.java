package dev.clausewatch.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backup holds ({@value #FILE} in its folder): the store it came from, the schema version
 * its rows are in, each table's columns and row count, the newest signed tree head, and every
 * file with its SHA-256. Written last, so a folder without one is no (finished) backup.
 */
public record BackupManifest(String format, int formatVersion, StoreKind store, String schemaVersion, Instant createdAt,
                             String source, Optional<Head> newestHead, boolean ledgerKey, Map<String, Table> tables,
                             int blobFiles, List<BackupFile> files) {
    public static final String FILE = "manifest.json";
    static final String FORMAT = "clausewatch-backup";
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public enum StoreKind { SQLITE, POSTGRESQL }

    /** The newest signed tree head when the backup was taken: what `verify` must find again after a restore. */
    public record Head(int size, String rootHash, Instant signedAt, String keyId) {}

    /** A table's columns (in the order its data file has them) and how many rows it had. */
    public record Table(List<String> columns, long rows) {}

    /** A file of the backup, by its path relative to the backup's folder (always with '/'). */
    public record BackupFile(String path, String sha256, long size) {}

    public long rows() {
        return tables.values().stream().mapToLong(Table::rows).sum();
    }

    /** Written to a temporary name first and moved into place: a manifest is whole or absent. */
    void write(Path folder) {
        Path temporary = folder.resolve(FILE + ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), this);
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup's manifest in " + folder, e);
        }
    }

    /** The manifest of the backup in {@code folder}, refused with the rule it breaks when there is none or it is of another kind. */
    public static BackupManifest read(Path folder) {
        if (!Files.isDirectory(folder)) throw new IllegalArgumentException("the backup folder " + folder + " does not exist");
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " is not a clausewatch backup: it has no " + FILE + " (an unfinished backup has none either)");
        }
        BackupManifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), BackupManifest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not a clausewatch backup manifest: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!FORMAT.equals(manifest.format()) || manifest.files() == null || manifest.tables() == null || manifest.store() == null) {
            throw new IllegalArgumentException(file + " is not a clausewatch backup manifest: it must say \"format\": \"" + FORMAT
                    + "\" and list its store, tables and files");
        }
        if (manifest.formatVersion() > FORMAT_VERSION) {
            throw new IllegalArgumentException(file + " is a backup of format " + manifest.formatVersion() + ", newer than this build's "
                    + FORMAT_VERSION + ": restore it with a newer clausewatch");
        }
        return manifest;
    }
}
