package dev.clausewatch.capture;

import dev.clausewatch.registry.DocumentId;
import java.util.Objects;

/**
 * The raw bytes of one capture of a source document, kept as evidence. {@code contentSha256} is
 * the SHA-256 of those bytes (they are stored content-addressed under it); {@code id} identifies
 * the capture itself (content and metadata), so the same bytes captured twice are two snapshots
 * sharing one blob.
 */
public record Snapshot(String id, DocumentId document, String contentSha256, long bytes, String mediaType,
                       CaptureMetadata metadata) {
    public Snapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(document, "document");
        if (contentSha256 == null || !contentSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("snapshot content hash \"" + contentSha256 + "\" is not a SHA-256 in hex");
        }
        if (mediaType == null || !mediaType.contains("/")) {
            throw new IllegalArgumentException("snapshot media type \"" + mediaType + "\" is not a media type such as text/html");
        }
        Objects.requireNonNull(metadata, "metadata");
    }
}
