package dev.clausewatch.storage;

import dev.clausewatch.archive.BlobStore;
import dev.clausewatch.capture.Sha256;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Blobs in PostgreSQL's {@code blobs} table, so several machines share one archive with no shared
 * file system. {@link #put} commits the bytes in a transaction of their own before it returns, and
 * the archive calls it before it writes the rows that name the blob: a crash can leave a blob no
 * row names, never a row whose bytes are missing. Inserting bytes already stored does nothing
 * (content addressing), also when two writers race. Reads fall back to {@code older}, the blob
 * files of an archive made before blobs moved into the database; nothing is ever written there.
 */
public final class DatabaseBlobStore implements BlobStore {
    private final Jdbi jdbi;
    private final BlobStore older;

    public DatabaseBlobStore(Database database, BlobStore older) {
        if (!database.isPostgres()) throw new IllegalArgumentException("blobs live in the database only on PostgreSQL; " + database.description()
                + " keeps them as files");
        this.jdbi = database.jdbi();
        this.older = older;
    }

    @Override
    public String put(byte[] bytes) {
        String sha256 = Sha256.of(bytes);
        // Into the database even when an old file holds the same bytes: other machines read only the database.
        jdbi.useTransaction(handle -> handle.createUpdate("insert into blobs (sha256, bytes, size) values (:sha, :bytes, :size) on conflict do nothing")
                .bind("sha", sha256).bind("bytes", bytes).bind("size", bytes.length).execute());
        return sha256;
    }

    @Override
    public Optional<byte[]> get(String sha256) {
        Optional<byte[]> stored = jdbi.withHandle(handle -> handle.createQuery("select bytes from blobs where sha256 = :sha")
                .bind("sha", sha256).mapTo(byte[].class).findOne());
        return stored.isPresent() ? stored : older.get(sha256);
    }

    @Override
    public boolean contains(String sha256) {
        return jdbi.withHandle(handle -> handle.createQuery("select count(*) from blobs where sha256 = :sha")
                .bind("sha", sha256).mapTo(Integer.class).one()) > 0 || older.contains(sha256);
    }

    @Override
    public Stream<String> all() {
        // Hashes only (never the bytes), read whole: a few hundred thousand short strings at most.
        var stored = jdbi.withHandle(handle -> handle.createQuery("select sha256 from blobs order by sha256").mapTo(String.class).list());
        var inDatabase = new java.util.HashSet<>(stored);
        return Stream.concat(stored.stream(), older.all().filter(sha -> !inDatabase.contains(sha)));
    }
}
