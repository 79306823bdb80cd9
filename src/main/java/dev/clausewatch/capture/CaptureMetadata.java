package dev.clausewatch.capture;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a snapshot was obtained: the URL asked for, the URL finally answered (after redirects),
 * the HTTP status, the response headers, and when. {@code status} is 0 and {@code headers} empty
 * for captures that did not come over HTTP (a clipped page, an imported file).
 */
public record CaptureMetadata(URI url, URI finalUrl, int status, Map<String, List<String>> headers, Instant fetchedAt) {
    public CaptureMetadata {
        Objects.requireNonNull(url, "url");
        finalUrl = finalUrl == null ? url : finalUrl;
        Map<String, List<String>> sorted = new TreeMap<>();
        headers.forEach((name, values) -> sorted.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(sorted);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
