package dev.clausewatch.archive;

import dev.clausewatch.capture.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code root/sha256/ab/cd/<hash>}, like git's objects. A blob is written to
 * a temporary file in its final folder, forced to disk, then hard-linked to its final name: the
 * link fails if the name exists, so a stored blob is never replaced, and a reader never sees a
 * partial file. Concurrent writers of the same bytes both succeed with one file.
 */
public final class FileBlobStore implements BlobStore {
    private final Path root;

    public FileBlobStore(Path root) {
        this.root = root.resolve("sha256");
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob folder " + this.root, e);
        }
        removeAbandonedWrites();
    }

    /** A writer killed between writing and moving leaves an incoming file; an hour old, no live writer still owns it. */
    private static final java.time.Duration ABANDONED = java.time.Duration.ofHours(1);

    private void removeAbandonedWrites() {
        java.time.Instant before = java.time.Instant.now().minus(ABANDONED);
        try (var files = Files.walk(root, 3)) {
            files.filter(f -> f.getFileName().toString().startsWith(".incoming-") && f.getFileName().toString().endsWith(".tmp"))
                    .filter(f -> {
                        try {
                            return Files.getLastModifiedTime(f).toInstant().isBefore(before);
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .forEach(f -> {
                        try {
                            Files.deleteIfExists(f);
                        } catch (IOException ignored) {
                            // another start-up removed it, or it cannot be removed: it holds nothing archived
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            // cleaning is best effort; the archive is complete without it
        }
    }

    @Override
    public String put(byte[] bytes) {
        String sha256 = Sha256.of(bytes);
        Path target = pathOf(sha256);
        if (Files.exists(target)) return sha256;
        try {
            Path folder = Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(folder, ".incoming-", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) channel.write(buffer);
                    channel.force(true);
                }
                Files.createLink(target, temp);
                forceFolder(folder);
            } catch (FileAlreadyExistsException alreadyStored) {
                // Another writer stored the same bytes first: theirs is identical, keep it.
            } finally {
                Files.deleteIfExists(temp);
            }
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + sha256 + " at " + target, e);
        }
    }

    @Override
    public Optional<byte[]> get(String sha256) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(sha256)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + sha256, e);
        }
    }

    @Override
    public boolean contains(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    @Override
    public Stream<String> all() {
        try {
            return Files.walk(root).filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(Sha256::isHex)
                    .sorted();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list blobs under " + root, e);
        }
    }

    /** Where a blob lives; public so that operators and tests can find the file of a hash. */
    public Path pathOf(String sha256) {
        if (!Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("\"" + sha256 + "\" is not a SHA-256 in lower-case hex");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static void forceFolder(Path folder) {
        // Makes the new directory entry durable; some file systems refuse to open folders, which is harmless.
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Folder fsync is best effort: the blob itself was already forced.
        }
    }
}
