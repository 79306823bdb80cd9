package dev.clausewatch.capture;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-host manners: at most {@code concurrency} requests to one host at a time, and at least
 * {@code delay} between the end of one and the start of the next. Hosts are independent.
 */
final class HostPoliteness {
    private final Duration delay;
    private final int concurrency;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

    private static final class Host {
        final Semaphore permits;
        long lastFinishedNanos = Long.MIN_VALUE;

        Host(int concurrency) {
            permits = new Semaphore(concurrency, true);
        }
    }

    HostPoliteness(Duration delay, int concurrency) {
        this.delay = delay;
        this.concurrency = concurrency;
    }

    interface Request<T> {
        T run() throws java.io.IOException;
    }

    <T> T call(String host, Request<T> request) throws java.io.IOException {
        Host h = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), k -> new Host(concurrency));
        h.permits.acquireUninterruptibly();
        try {
            waitTurn(h);
            return request.run();
        } finally {
            synchronized (h) {
                h.lastFinishedNanos = System.nanoTime();
            }
            h.permits.release();
        }
    }

    private void waitTurn(Host h) {
        long waitNanos;
        synchronized (h) {
            waitNanos = h.lastFinishedNanos == Long.MIN_VALUE ? 0 : h.lastFinishedNanos + delay.toNanos() - System.nanoTime();
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
