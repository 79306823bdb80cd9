package dev.clausewatch.capture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Per-host manners: at most {@code concurrency} requests to one host at a time, and at most one
 * request started per {@code delay} (a token bucket of one token, so a request longer than the
 * delay is followed at once: decision 0011). A zero delay means no spacing. Hosts are independent.
 */
final class HostPoliteness {
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private final Duration delay;
    private final int concurrency;
    /**
     * The hosts in use or used within the last {@code delay}, so a crawl of many hosts holds only
     * the recent ones. An entry is pinned while any request holds or awaits it: were it dropped
     * then, the next request would make a second entry with its own semaphore and the host would
     * get more than {@code concurrency} requests at once. Once its last user leaves it expires after
     * {@code delay}: by then its bucket is full again, so a new entry behaves exactly as it would.
     */
    private final Cache<String, Host> hosts;

    private final class Host {
        final Semaphore permits = new Semaphore(concurrency, true);
        final Bucket starts = !delay.isPositive() ? null : Bucket.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, delay))
                .withNanosecondPrecision() // System.nanoTime: a wall clock set back would not stall a host
                .build();
        /** Requests holding or awaiting this entry; changed only inside the cache's compute, which locks the entry. */
        int users;
    }

    HostPoliteness(Duration delay, int concurrency) {
        this(delay, concurrency, Ticker.systemTicker());
    }

    /** With the clock the cache expires entries by: tests move it by hand. */
    HostPoliteness(Duration delay, int concurrency, Ticker ticker) {
        this.delay = delay;
        this.concurrency = concurrency;
        this.hosts = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(Expiry.writing((String host, Host h) -> h.users > 0 ? FOREVER : delay))
                .build();
    }

    interface Request<T> {
        T run() throws IOException;
    }

    <T> T call(String host, Request<T> request) throws IOException {
        String key = host.toLowerCase(Locale.ROOT);
        Host h = hosts.asMap().compute(key, (k, known) -> {
            Host used = known == null ? new Host() : known;
            used.users++;
            return used;
        });
        try {
            h.permits.acquire();
            try {
                if (h.starts != null) h.starts.asBlocking().consume(1);
                return request.run();
            } finally {
                h.permits.release();
            }
        } catch (InterruptedException e) {
            // A stop: give up waiting for the host's turn; the fetcher reports it as an interrupted request.
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + host + "'s turn");
        } finally {
            hosts.asMap().computeIfPresent(key, (k, used) -> {
                used.users--;
                return used;
            });
        }
    }

    /** How many hosts are remembered now, after dropping the expired ones. */
    long hostsRemembered() {
        hosts.cleanUp();
        return hosts.estimatedSize();
    }
}
