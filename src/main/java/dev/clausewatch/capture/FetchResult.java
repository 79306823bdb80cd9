package dev.clausewatch.capture;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one fetch brought back: the bytes (empty for 304 Not Modified), their media type, and
 * the capture metadata (URL asked for, URL that answered, status, headers, time).
 */
public record FetchResult(byte[] body, String mediaType, CaptureMetadata metadata) {
    public boolean notModified() {
        return metadata.status() == 304;
    }

    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> h : metadata.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) return Optional.of(h.getValue().getFirst());
        }
        return Optional.empty();
    }

    public URI finalUrl() {
        return metadata.finalUrl();
    }

    public Instant fetchedAt() {
        return metadata.fetchedAt();
    }
}
