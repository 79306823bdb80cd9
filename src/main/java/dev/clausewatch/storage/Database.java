package dev.clausewatch.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open, migrated database. SQLite runs in WAL mode with full sync and IMMEDIATE transactions,
 * so a write transaction takes the write lock when it begins (no lock upgrades, hence no
 * deadlocks between concurrent writers) and waits up to two minutes for it.
 */
public final class Database implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 120_000;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;
    private final String description;

    private Database(HikariDataSource dataSource, boolean postgres, String description) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.postgres = postgres;
        this.description = description;
    }

    public static Database open(StorageConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("clausewatch");
        String description = config.description();
        if (config.isPostgres()) {
            hikari.setJdbcUrl(config.jdbcUrl());
            hikari.setMaximumPoolSize(8);
        } else {
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
            sqlite.enforceForeignKeys(true);
            SQLiteDataSource source = new SQLiteDataSource(sqlite);
            source.setUrl(config.jdbcUrl());
            hikari.setDataSource(source);
            hikari.setMaximumPoolSize(4);
        }
        hikari.setConnectionTimeout(BUSY_TIMEOUT_MS);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to " + (config.isPostgres() ? redact(config.jdbcUrl()) : config.jdbcUrl())
                    + ": " + rootMessage(e), e);
        }
        migrate(dataSource, config.isPostgres());
        return new Database(dataSource, config.isPostgres(), description);
    }

    private static void migrate(HikariDataSource dataSource, boolean postgres) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + (postgres ? "postgresql" : "sqlite"))
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** For people: which store this is, without any password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause.getMessage();
    }
}
