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
        return open(dataDir, capture, resolver, dev.clausewatch.alert.DeliveryConfig.fromEnvironment(java.util.Map.of()));
    }

    /** A fresh workspace whose alerts and account mail leave as {@code delivery} says (a test's SMTP server). */
    public Workspace open(Path dataDir, dev.clausewatch.alert.DeliveryConfig delivery) {
        return open(dataDir, CaptureConfig.defaults(), HostResolver.SYSTEM, delivery);
    }

    public Workspace open(Path dataDir, CaptureConfig capture, HostResolver resolver, dev.clausewatch.alert.DeliveryConfig delivery) {
        if (this == SQLITE) return Clausewatch.open(StorageConfig.embedded(dataDir), capture, resolver, delivery);
        PostgresSchemas.Scratch scratch = PostgresSchemas.create(PG_URL, "cw_test");
        return Clausewatch.open(new StorageConfig(dataDir, Optional.of(scratch.url())), capture, resolver, delivery).alsoOnClose(scratch::close);
    }

    /** The JDBC URL a second workspace would use to open the same store (for concurrency tests). */
    public static StorageConfig sameStore(Workspace workspace, Path dataDir) {
        String description = workspace.storeDescription();
        if (description.startsWith("embedded SQLite")) return StorageConfig.embedded(dataDir);
        String url = description.substring("PostgreSQL ".length());
        return new StorageConfig(dataDir, Optional.of(url));
    }

    /**
     * Real data from the shared folder: the whole of it when it is beside this checkout (see
     * {@link #wholeSharedRoot}), else the small sample committed with the tests (the demo dataset,
     * whose files are the shared ones unchanged, and {@code src/test/resources/shared-sample});
     * a test whose data is in neither is skipped, saying what it needs.
     */
    public static Path shared(String relative) {
        Optional<Path> whole = wholeSharedRoot();
        if (whole.isPresent()) return existing(whole.get().resolve(relative));
        for (Path candidate : sampleOf(relative)) if (Files.exists(candidate)) return candidate;
        throw abort(relative);
    }

    /** Real data only the whole shared folder holds (counts over every document, the large corpora): skipped without it. */
    public static Path wholeShared(String relative) {
        return wholeSharedRoot().map(root -> existing(root.resolve(relative))).orElseThrow(() -> abort(relative));
    }

    /**
     * The whole shared data: {@code -Dclausewatch.shared} or {@code $CLAUSEWATCH_SHARED} when set
     * ({@code none} to test as a fresh clone does), else the first of {@code ../shared} (beside this
     * checkout) and {@code /work/shared} that holds {@code data/}.
     */
    public static Optional<Path> wholeSharedRoot() {
        List<Path> roots = new ArrayList<>();
        String chosen = Optional.ofNullable(System.getProperty("clausewatch.shared")).orElse(System.getenv("CLAUSEWATCH_SHARED"));
        if ("none".equals(chosen)) return Optional.empty();
        if (chosen != null) roots.add(Path.of(chosen));
        roots.add(Path.of("..", "shared"));
        roots.add(Path.of("/work/shared"));
        return roots.stream().filter(root -> Files.isDirectory(root.resolve("data"))).findFirst();
    }

    /**
     * Where the committed sample keeps what the shared folder keeps at {@code relative}: the demo
     * dataset's histories (the archives' folders, or a document's, when the demo has it), else
     * {@code shared-sample}, which holds the latest versions of the documents the parser and change
     * tests read by name.
     */
    private static List<Path> sampleOf(String relative) {
        List<Path> candidates = new ArrayList<>();
        if (relative.equals("seeds/001_bd4926011f68c2e1.txt")) candidates.add(Path.of("demo/clipped/aws-responsible-ai-policy-2024-09-17.md"));
        if (relative.startsWith("data/ota-history") || relative.startsWith("data/pga-v1-history")) {
            candidates.add(Path.of("demo").resolve(relative.substring("data/".length())));
        }
        candidates.add(Path.of("src/test/resources/shared-sample").resolve(relative));
        return candidates;
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) throw new IllegalStateException("the shared test data has no " + path.toAbsolutePath());
        return path;
    }

    private static org.opentest4j.TestAbortedException abort(String relative) {
        return new org.opentest4j.TestAbortedException("needs the whole shared data (" + relative + "), which is not beside this checkout "
                + "and not in the committed sample: place it at ../shared or set CLAUSEWATCH_SHARED to the folder holding data/ and seeds/");
    }
}
