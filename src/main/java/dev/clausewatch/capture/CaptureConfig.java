package dev.clausewatch.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How captures behave, with the defaults in one place. {@code allowLoopback} exists for tests,
 * which serve pages on 127.0.0.1; in production it stays false.
 */
public record CaptureConfig(String userAgent, Duration connectTimeout, Duration readTimeout, long maxBytes, int maxRedirects,
                            int retries, Duration retryBackoff, Duration hostDelay, int hostConcurrency, boolean respectRobots,
                            boolean allowLoopback, String acceptLanguage, Path chromiumPath, Duration browserTimeout) {
    public static final String USER_AGENT =
            "Clausewatch/0.1 (archives platforms' public terms and policies; +https://github.com/clausewatch/clausewatch)";

    public CaptureConfig {
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        if (maxRedirects < 0 || retries < 0 || hostConcurrency < 1) {
            throw new IllegalArgumentException("maxRedirects and retries must be 0 or more and hostConcurrency at least 1");
        }
    }

    public static CaptureConfig defaults() {
        return new CaptureConfig(USER_AGENT, Duration.ofSeconds(10), Duration.ofSeconds(30), 20L * 1024 * 1024, 5,
                2, Duration.ofSeconds(2), Duration.ofSeconds(2), 1, true, false, "en", Path.of("/usr/bin/chromium"),
                Duration.ofSeconds(45));
    }

    public CaptureConfig withLoopbackAllowed() {
        return new CaptureConfig(userAgent, connectTimeout, readTimeout, maxBytes, maxRedirects, retries, retryBackoff, hostDelay,
                hostConcurrency, respectRobots, true, acceptLanguage, chromiumPath, browserTimeout);
    }

    public CaptureConfig withTimeouts(Duration connect, Duration read) {
        return new CaptureConfig(userAgent, connect, read, maxBytes, maxRedirects, retries, retryBackoff, hostDelay,
                hostConcurrency, respectRobots, allowLoopback, acceptLanguage, chromiumPath, browserTimeout);
    }

    public CaptureConfig withPoliteness(Duration delay, Duration backoff) {
        return new CaptureConfig(userAgent, connectTimeout, readTimeout, maxBytes, maxRedirects, retries, backoff, delay,
                hostConcurrency, respectRobots, allowLoopback, acceptLanguage, chromiumPath, browserTimeout);
    }

    public CaptureConfig withChromium(Path path) {
        return new CaptureConfig(userAgent, connectTimeout, readTimeout, maxBytes, maxRedirects, retries, retryBackoff, hostDelay,
                hostConcurrency, respectRobots, allowLoopback, acceptLanguage, path, browserTimeout);
    }

    public CaptureConfig withBrowserTimeout(Duration timeout) {
        return new CaptureConfig(userAgent, connectTimeout, readTimeout, maxBytes, maxRedirects, retries, retryBackoff, hostDelay,
                hostConcurrency, respectRobots, allowLoopback, acceptLanguage, chromiumPath, timeout);
    }

    public CaptureConfig withHostConcurrency(int concurrency) {
        return new CaptureConfig(userAgent, connectTimeout, readTimeout, maxBytes, maxRedirects, retries, retryBackoff, hostDelay,
                concurrency, respectRobots, allowLoopback, acceptLanguage, chromiumPath, browserTimeout);
    }

    public CaptureConfig withMaxBytes(long bytes) {
        return new CaptureConfig(userAgent, connectTimeout, readTimeout, bytes, maxRedirects, retries, retryBackoff, hostDelay,
                hostConcurrency, respectRobots, allowLoopback, acceptLanguage, chromiumPath, browserTimeout);
    }
}
