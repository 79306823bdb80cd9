package dev.clausewatch.backup;

import dev.clausewatch.storage.StorageConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** How one kind of store copies its rows out into a backup folder and back into an empty store. */
sealed interface StoreCopy permits SqliteCopy, PostgresCopy {
    /** Flyway's own table: the target has its own history, made when its schema was created. */
    String SCHEMA_HISTORY = "flyway_schema_history";

    /** What a consistent snapshot of the store held. */
    record Snapshot(String schemaVersion, Map<String, BackupManifest.Table> tables, Optional<BackupManifest.Head> newestHead) {}

    static StoreCopy of(StorageConfig config) {
        return config.isPostgres() ? new PostgresCopy(config) : new SqliteCopy(config);
    }

    BackupManifest.StoreKind kind();

    /** Writes every table's rows, as of one instant, into the folder; writers carry on meanwhile. */
    Snapshot snapshot(BackupFolder folder);

    /** Rows per table now (every table but Flyway's). */
    Map<String, Long> rowCounts();

    /** The schema version Flyway brought the store to. */
    String schemaVersion();

    /** Loads the backup's rows into this empty store, all in one transaction: all of them or none. */
    void load(BackupFolder folder, BackupManifest manifest);

    static String schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select version from " + SCHEMA_HISTORY
                     + " where success and version is not null order by installed_rank desc limit 1")) {
            if (!row.next()) throw new IllegalStateException("the store has no schema version: Flyway never migrated it");
            return row.getString(1);
        }
    }

    static Optional<BackupManifest.Head> newestHead(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select tree_size, root_hash, signed_at, key_id from ledger_heads order by tree_size desc limit 1")) {
            if (!row.next()) return Optional.empty();
            return Optional.of(new BackupManifest.Head(row.getInt(1), row.getString(2), Instant.parse(row.getString(3)), row.getString(4)));
        }
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("select count(*) from " + quoted(table))) {
            row.next();
            return row.getLong(1);
        }
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The first column of a query's rows, as text; {@code parameters} fill its {@code ?} in order. */
    static java.util.List<String> firstColumn(Connection connection, String sql, String... parameters) throws SQLException {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) statement.setString(i + 1, parameters[i]);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) values.add(rows.getString(1));
            }
        }
        return values;
    }

    static String columnList(java.util.List<String> columns) {
        return String.join(", ", columns.stream().map(StoreCopy::quoted).toList());
    }
}
