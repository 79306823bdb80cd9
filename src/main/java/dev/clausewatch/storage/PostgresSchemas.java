package dev.clausewatch.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh, throw-away PostgreSQL schemas, so that tests and benchmarks run against a real server
 * without touching anybody's data: each gets its own schema and drops it afterwards.
 */
public final class PostgresSchemas {
    private PostgresSchemas() {}

    /** A schema that lives until closed, and the JDBC URL whose connections use it. */
    public record Scratch(String baseUrl, String schema, String url) implements AutoCloseable {
        @Override
        public void close() {
            execute(baseUrl, "drop schema if exists " + schema + " cascade");
        }
    }

    public static Scratch create(String baseUrl, String prefix) {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(baseUrl, "create schema " + schema);
        String separator = baseUrl.contains("?") ? "&" : "?";
        return new Scratch(baseUrl, schema, baseUrl + separator + "currentSchema=" + schema);
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + Database.redact(url) + " refused \"" + sql + "\": " + e.getMessage(), e);
        }
    }
}
