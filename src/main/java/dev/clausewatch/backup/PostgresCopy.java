package dev.clausewatch.backup;

import dev.clausewatch.storage.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL, through JDBC alone (no pg_dump): every table of the store's schema is copied out
 * with {@code COPY … TO STDOUT} (text format: exact for every type the schema uses, bytea included)
 * inside one read-only REPEATABLE READ transaction, so all tables are read as of one instant while
 * writers carry on. A restore copies them back in foreign-key order in one transaction, then moves
 * each identity column's sequence past the restored ids.
 */
record PostgresCopy(StorageConfig config) implements StoreCopy {
    @Override
    public BackupManifest.StoreKind kind() {
        return BackupManifest.StoreKind.POSTGRESQL;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl());
    }

    @Override
    public Snapshot snapshot(BackupFolder folder) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            // The transaction's first statement fixes its snapshot; everything below reads as of then.
            String version = StoreCopy.schemaVersion(connection);
            Map<String, BackupManifest.Table> tables = new LinkedHashMap<>();
            Files.createDirectories(folder.table("any").getParent());
            for (String table : tableNames(connection)) {
                List<String> columns = columns(connection, table);
                try (OutputStream out = Files.newOutputStream(folder.table(table))) {
                    long rows = copy.copyOut("copy " + StoreCopy.quoted(table) + " (" + StoreCopy.columnList(columns) + ") to stdout", out);
                    tables.put(table, new BackupManifest.Table(columns, rows));
                }
            }
            Snapshot snapshot = new Snapshot(version, tables, StoreCopy.newestHead(connection));
            connection.commit();
            return snapshot;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy " + config.description() + " into " + folder.root() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tables of " + config.description() + " into " + folder.root(), e);
        }
    }

    private static List<String> tableNames(Connection connection) throws SQLException {
        return StoreCopy.firstColumn(connection,
                "select tablename from pg_tables where schemaname = current_schema() and tablename <> ? order by tablename", SCHEMA_HISTORY);
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        return StoreCopy.firstColumn(connection, "select column_name from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ? order by ordinal_position", table);
    }

    @Override
    public Map<String, Long> rowCounts() {
        try (Connection connection = connect()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : tableNames(connection)) counts.put(table, StoreCopy.count(connection, table));
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + config.description() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String schemaVersion() {
        try (Connection connection = connect()) {
            return StoreCopy.schemaVersion(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema version of " + config.description() + ": " + e.getMessage(), e);
        }
    }

    /** COPY FROM writes identity columns' values as given (as INSERT … OVERRIDING SYSTEM VALUE would). */
    @Override
    public void load(BackupFolder folder, BackupManifest manifest) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                for (String table : referencedFirst(connection, manifest.tables().keySet())) {
                    List<String> columns = manifest.tables().get(table).columns();
                    try (InputStream in = Files.newInputStream(folder.table(table))) {
                        copy.copyIn("copy " + StoreCopy.quoted(table) + " (" + StoreCopy.columnList(columns) + ") from stdin", in);
                    }
                }
                moveIdentitiesPastRestoredIds(connection);
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restore the tables of " + folder.root() + " into " + config.description() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tables of " + folder.root(), e);
        }
    }

    /**
     * The tables in an order where each comes after those its foreign keys reference (the
     * constraints are not deferrable), else by name. A self-reference needs no order: COPY checks
     * foreign keys when the statement ends.
     */
    private static List<String> referencedFirst(Connection connection, Set<String> tables) throws SQLException {
        Map<String, Set<String>> references = new TreeMap<>();
        for (String table : tables) references.put(table, new TreeSet<>());
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select child.relname, parent.relname from pg_constraint c join pg_class child on child.oid = c.conrelid"
                        + " join pg_class parent on parent.oid = c.confrelid join pg_namespace n on n.oid = c.connamespace"
                        + " where c.contype = 'f' and n.nspname = current_schema()")) {
            while (rows.next()) {
                if (references.containsKey(rows.getString(1)) && !rows.getString(1).equals(rows.getString(2))) {
                    references.get(rows.getString(1)).add(rows.getString(2));
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String table : references.keySet()) addAfterItsReferences(table, references, ordered, new LinkedHashSet<>());
        return List.copyOf(ordered);
    }

    private static void addAfterItsReferences(String table, Map<String, Set<String>> references, Set<String> ordered, Set<String> visiting) {
        if (ordered.contains(table) || !references.containsKey(table)) return;
        if (!visiting.add(table)) throw new IllegalStateException("the foreign keys of " + visiting + " form a cycle: no order restores them");
        for (String referenced : references.get(table)) addAfterItsReferences(referenced, references, ordered, visiting);
        ordered.add(table);
    }

    /** The next id an identity column hands out comes after the largest restored one. */
    private static void moveIdentitiesPastRestoredIds(Connection connection) throws SQLException {
        Map<String, String> identities = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select table_name, column_name from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'")) {
            while (rows.next()) identities.put(rows.getString(1), rows.getString(2));
        }
        for (Map.Entry<String, String> identity : identities.entrySet()) {
            String table = StoreCopy.quoted(identity.getKey());
            String column = StoreCopy.quoted(identity.getValue());
            try (PreparedStatement statement = connection.prepareStatement("select setval(pg_get_serial_sequence(?, ?), coalesce(max(" + column
                    + "), 0) + 1, false) from " + table)) {
                statement.setString(1, table);
                statement.setString(2, identity.getValue());
                statement.execute();
            }
        }
    }
}
