package dev.clausewatch.archive;

import java.util.Optional;
import java.util.stream.Stream;

/** Content-addressed storage of immutable bytes, keyed by their SHA-256 in hex. */
public interface BlobStore {

    /** Stores the bytes unless present and returns their SHA-256. Never rewrites a stored blob. */
    String put(byte[] bytes);

    /** The bytes stored under this hash, exactly as they are stored now (verification re-hashes them). */
    Optional<byte[]> get(String sha256);

    boolean contains(String sha256);

    /** Every stored hash, for verification. */
    Stream<String> all();
}
