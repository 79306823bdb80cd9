package dev.clausewatch.storage;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Clausewatch keeps its data. The data directory always holds the blobs; it also holds the
 * embedded SQLite database unless {@code databaseUrl} names a PostgreSQL database
 * ({@code jdbc:postgresql://host:port/db?user=…}).
 */
public record StorageConfig(Path dataDir, Optional<String> databaseUrl) {
    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        databaseUrl = databaseUrl.filter(url -> !url.isBlank());
        databaseUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
                throw new IllegalArgumentException("database URL \"" + url
                        + "\" is not supported: use jdbc:postgresql://HOST:PORT/DATABASE?user=USER (or leave it unset for the embedded store)");
            }
        });
    }

    public static StorageConfig embedded(Path dataDir) {
        return new StorageConfig(dataDir, Optional.empty());
    }

    public String jdbcUrl() {
        return databaseUrl.orElseGet(() -> "jdbc:sqlite:" + dataDir.resolve("clausewatch.db").toAbsolutePath());
    }

    public boolean isPostgres() {
        return jdbcUrl().startsWith("jdbc:postgresql:");
    }

    public Path blobDir() {
        return dataDir.resolve("blobs");
    }

    /** The database address with any password hidden, for printing. */
    public String redactedUrl() {
        return Database.redact(jdbcUrl());
    }

    public String description() {
        return isPostgres() ? "PostgreSQL " + Database.redact(jdbcUrl()) : "embedded SQLite " + jdbcUrl().substring("jdbc:sqlite:".length());
    }

    /** The key that signs the log's tree heads: outside the database ($CLAUSEWATCH_LEDGER_KEY, or under the data directory). */
    public Path ledgerKey() {
        String configured = System.getenv("CLAUSEWATCH_LEDGER_KEY");
        return configured != null && !configured.isBlank() ? Path.of(configured) : dataDir.resolve("keys").resolve("ledger-ed25519.key");
    }
}
