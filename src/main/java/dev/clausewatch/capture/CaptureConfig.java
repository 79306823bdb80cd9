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
        return with(b -> b.allowLoopback = true);
    }

    public CaptureConfig withTimeouts(Duration connect, Duration read) {
        return with(b -> {
            b.connectTimeout = connect;
            b.readTimeout = read;
        });
    }

    public CaptureConfig withPoliteness(Duration delay, Duration backoff) {
        return with(b -> {
            b.hostDelay = delay;
            b.retryBackoff = backoff;
        });
    }

    public CaptureConfig withChromium(Path path) {
        return with(b -> b.chromiumPath = path);
    }

    public CaptureConfig withBrowserTimeout(Duration timeout) {
        return with(b -> b.browserTimeout = timeout);
    }

    public CaptureConfig withHostConcurrency(int concurrency) {
        return with(b -> b.hostConcurrency = concurrency);
    }

    public CaptureConfig withMaxBytes(long bytes) {
        return with(b -> b.maxBytes = bytes);
    }

    /** A copy with some fields changed (the record's compact constructor validates the result). */
    private CaptureConfig with(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new CaptureConfig(f.userAgent, f.connectTimeout, f.readTimeout, f.maxBytes, f.maxRedirects, f.retries, f.retryBackoff,
                f.hostDelay, f.hostConcurrency, f.respectRobots, f.allowLoopback, f.acceptLanguage, f.chromiumPath, f.browserTimeout);
    }

    private static final class Fields {
        String userAgent, acceptLanguage;
        Duration connectTimeout, readTimeout, retryBackoff, hostDelay, browserTimeout;
        long maxBytes;
        int maxRedirects, retries, hostConcurrency;
        boolean respectRobots, allowLoopback;
        Path chromiumPath;

        Fields(CaptureConfig c) {
            userAgent = c.userAgent;
            connectTimeout = c.connectTimeout;
            readTimeout = c.readTimeout;
            maxBytes = c.maxBytes;
            maxRedirects = c.maxRedirects;
            retries = c.retries;
            retryBackoff = c.retryBackoff;
            hostDelay = c.hostDelay;
            hostConcurrency = c.hostConcurrency;
            respectRobots = c.respectRobots;
            allowLoopback = c.allowLoopback;
            acceptLanguage = c.acceptLanguage;
            chromiumPath = c.chromiumPath;
            browserTimeout = c.browserTimeout;
        }
    }
}
