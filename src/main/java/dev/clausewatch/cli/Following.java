package dev.clausewatch.cli;

import dev.clausewatch.alert.Notifications;
import dev.clausewatch.derivation.Processor;
import dev.clausewatch.search.ArchiveSearch;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command current with the archive: derives what was recorded (the
 * processor, shared safely with other processes through claims), brings this node's search
 * index up to the derived records, and makes and delivers the alerts their events call for. Polls the outbox's cheap state every {@code interval}; a failure
 * in one round is logged and the next round goes on.
 */
final class Following implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Following.class);
    /** How long a stop waits for the document in hand before releasing it to another worker. */
    private static final Duration GRACE = Duration.ofSeconds(20);
    private final Thread thread;
    private final Processor processor;
    private volatile boolean stopped;

    private Following(Processor processor, Optional<ArchiveSearch> search, Optional<Notifications> notifications, Duration interval) {
        this.processor = processor;
        thread = Thread.ofPlatform().daemon().name("clausewatch-following").start(() -> {
            while (!stopped) {
                try {
                    processor.drain(() -> stopped);
                    search.ifPresent(ArchiveSearch::refresh);
                    notifications.ifPresent(Notifications::run);
                } catch (RuntimeException e) {
                    LOG.warn("processing, indexing or alerting failed this round; retrying: {}", e.toString());
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Starts following; {@code search} is this node's index, when it serves one. */
    static Following start(Processor processor, Optional<ArchiveSearch> search) {
        return new Following(processor, search, Optional.empty(), Duration.ofMillis(100));
    }

    /** Starts following as {@code serve} and {@code track} do: processing, this node's index if any, then alerts. */
    static Following start(Workspace workspace, Optional<ArchiveSearch> search) {
        return new Following(workspace.processor(), search, Optional.of(workspace.notifications()), Duration.ofMillis(100));
    }

    /**
     * Stops gracefully: no new document is taken, the one in hand is finished and committed if that
     * takes less than {@link #GRACE}, else released so another worker takes it at once. The loop
     * is not interrupted while it works (an interrupt closes Lucene's and the database's channels).
     */
    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(GRACE);
            if (thread.isAlive()) {
                LOG.warn("stopping: the document in hand is not finished after {} s; released to other workers", GRACE.toSeconds());
                processor.releaseHeld();
            }
        } catch (InterruptedException e) {
            processor.releaseHeld();
            Thread.currentThread().interrupt();
        }
    }
}
