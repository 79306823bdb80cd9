package dev.clausewatch;

import dev.clausewatch.capture.CaptureConfig;
import dev.clausewatch.capture.HostResolver;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.storage.PostgresSchemas;
import dev.clausewatch.storage.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Real stores for tests: the embedded SQLite store in a temporary folder, or a scratch schema on
 * the PostgreSQL server at 127.0.0.1:5432 ({@code CLAUSEWATCH_TEST_PG_URL} overrides). A test
 * that needs PostgreSQL fails when the server is down: `.ci/run` starts it.
 */
public enum TestStores {
    SQLITE,
    POSTGRESQL;

    public static final String PG_URL = Optional.ofNullable(System.getenv("CLAUSEWATCH_TEST_PG_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /** A fresh, empty workspace whose blobs live under {@code dataDir}; closing it drops a PostgreSQL scratch schema. */
    public Workspace open(Path dataDir) {
        return open(dataDir, CaptureConfig.defaults(), HostResolver.SYSTEM);
    }

    /** A fresh workspace whose captures use this configuration and name resolution. */
    public Workspace open(Path dataDir, CaptureConfig capture, HostResolver resolver) {
        if (this == SQLITE) return Clausewatch.open(StorageConfig.embedded(dataDir), capture, resolver);
        PostgresSchemas.Scratch scratch = PostgresSchemas.create(PG_URL, "cw_test");
        return Clausewatch.open(new StorageConfig(dataDir, Optional.of(scratch.url())), capture, resolver).alsoOnClose(scratch::close);
    }

    /** The JDBC URL a second workspace would use to open the same store (for concurrency tests). */
    public static StorageConfig sameStore(Workspace workspace, Path dataDir) {
        String description = workspace.storeDescription();
        if (description.startsWith("embedded SQLite")) return StorageConfig.embedded(dataDir);
        String url = description.substring("PostgreSQL ".length());
        return new StorageConfig(dataDir, Optional.of(url));
    }

    /**
     * The shared real data: {@code -Dclausewatch.shared} or {@code $CLAUSEWATCH_SHARED} when set,
     * else the first of {@code ../shared} (beside this checkout) and {@code /work/shared} that exists.
     */
    public static Path shared(String relative) {
        List<Path> roots = new ArrayList<>();
        Optional.ofNullable(System.getProperty("clausewatch.shared")).map(Path::of).ifPresent(roots::add);
        Optional.ofNullable(System.getenv("CLAUSEWATCH_SHARED")).map(Path::of).ifPresent(roots::add);
        roots.add(Path.of("..", "shared"));
        roots.add(Path.of("/work/shared"));
        for (Path root : roots) {
            if (Files.isDirectory(root.resolve("data"))) {
                Path path = root.resolve(relative);
                if (!Files.exists(path)) throw new IllegalStateException("the shared test data has no " + path.toAbsolutePath());
                return path;
            }
        }
        throw new IllegalStateException("the shared test data is missing: looked in " + roots
                + "; set -Dclausewatch.shared or CLAUSEWATCH_SHARED to the folder holding data/ and seeds/");
    }
}
