package dev.clausewatch.backup;

import dev.clausewatch.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: {@code VACUUM INTO} writes a consistent copy of the whole database while
 * writers carry on (in WAL mode it reads as of one instant and blocks nobody); a restore attaches
 * a copy of that file and inserts its rows into the empty target.
 */
record SqliteCopy(StorageConfig config) implements StoreCopy {
    private static final int BUSY_TIMEOUT_MS = 120_000;

    @Override
    public BackupManifest.StoreKind kind() {
        return BackupManifest.StoreKind.SQLITE;
    }

    private Path databaseFile() {
        return Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length()));
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        return sqlite.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    @Override
    public Snapshot snapshot(BackupFolder folder) {
        if (!Files.isRegularFile(databaseFile())) {
            throw new IllegalArgumentException("there is no archive to back up in " + config.dataDir() + ": it has no database " + databaseFile());
        }
        try {
            try (Connection source = connect(databaseFile()); Statement statement = source.createStatement()) {
                statement.execute("vacuum into '" + folder.database().toAbsolutePath().toString().replace("'", "''") + "'");
            }
            try (Connection copy = connect(folder.database()); Statement statement = copy.createStatement()) {
                // The copy keeps WAL mode; in rollback mode reading it leaves no -wal or -shm file beside it.
                statement.execute("pragma journal_mode = delete");
                return new Snapshot(StoreCopy.schemaVersion(copy), tables(copy), StoreCopy.newestHead(copy));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy " + config.description() + " into " + folder.database() + ": " + e.getMessage(), e);
        }
    }

    /** Every table but SQLite's and Flyway's, with its columns and rows. */
    private static Map<String, BackupManifest.Table> tables(Connection connection) throws SQLException {
        Map<String, BackupManifest.Table> tables = new LinkedHashMap<>();
        for (String table : tableNames(connection)) tables.put(table, new BackupManifest.Table(columns(connection, table), StoreCopy.count(connection, table)));
        return tables;
    }

    private static List<String> tableNames(Connection connection) throws SQLException {
        return StoreCopy.firstColumn(connection, "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'"
                + " and name <> ? order by name", SCHEMA_HISTORY);
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("pragma table_info(" + StoreCopy.quoted(table) + ")")) {
            while (rows.next()) columns.add(rows.getString("name"));
        }
        return columns;
    }

    @Override
    public Map<String, Long> rowCounts() {
        if (!java.nio.file.Files.exists(databaseFile())) return Map.of(); // no store yet: empty, and not made by counting
        try (Connection connection = connect(databaseFile())) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : tableNames(connection)) counts.put(table, StoreCopy.count(connection, table));
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + config.description() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String schemaVersion() {
        try (Connection connection = connect(databaseFile())) {
            return StoreCopy.schemaVersion(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema version of " + config.description() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Attaches a private copy of the backup's database (never the backup's own file, which must stay
     * as its hash says) and inserts every table's rows in their original order. Foreign keys are
     * checked at commit, so tables go in any order.
     */
    @Override
    public void load(BackupFolder folder, BackupManifest manifest) {
        Path copy = null;
        try {
            copy = Files.createTempFile(databaseFile().toAbsolutePath().getParent(), ".restore-", ".sqlite");
            Files.copy(folder.database(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (Connection target = connect(databaseFile())) {
                try (PreparedStatement attach = target.prepareStatement("attach database ? as backup")) {
                    attach.setString(1, copy.toString());
                    attach.execute();
                }
                insertAll(target, manifest);
                try (Statement statement = target.createStatement()) {
                    statement.execute("detach database backup");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restore the rows of " + folder.database() + " into " + config.description() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + folder.database() + " beside " + databaseFile(), e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void insertAll(Connection target, BackupManifest manifest) throws SQLException {
        target.setAutoCommit(false);
        try (Statement statement = target.createStatement()) {
            statement.execute("pragma defer_foreign_keys = on");
            for (Map.Entry<String, BackupManifest.Table> table : manifest.tables().entrySet()) {
                String columns = StoreCopy.columnList(table.getValue().columns());
                String name = StoreCopy.quoted(table.getKey());
                statement.executeUpdate("insert into main." + name + " (" + columns + ") select " + columns + " from backup." + name + " order by rowid");
            }
            target.commit();
        } catch (SQLException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(true);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray temporary copy of rows that are restored anyway: nothing to report
        }
    }
}
