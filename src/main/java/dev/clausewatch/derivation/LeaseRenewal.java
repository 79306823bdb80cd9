package dev.clausewatch.derivation;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a claim alive while its document is derived: renews it every third of the lease. Without
 * it a document that takes longer than one lease (a long history on a busy machine) is taken by
 * another worker, whose commit then wins, and the same happens to that worker in turn.
 */
final class LeaseRenewal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewal.class);
    private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-renewal");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> task;
    private final AtomicBoolean lost = new AtomicBoolean();

    private LeaseRenewal(DerivedStore store, DerivedStore.Claim claim, Clock clock, Duration lease) {
        long every = Math.max(50, lease.toMillis() / 3);
        this.task = RENEWER.scheduleWithFixedDelay(() -> renew(store, claim, clock, lease), every, every, TimeUnit.MILLISECONDS);
    }

    static LeaseRenewal start(DerivedStore store, DerivedStore.Claim claim, Clock clock, Duration lease) {
        return new LeaseRenewal(store, claim, clock, lease);
    }

    private void renew(DerivedStore store, DerivedStore.Claim claim, Clock clock, Duration lease) {
        if (lost.get()) return;
        try {
            if (!store.renew(claim, clock.instant(), lease)) {
                lost.set(true);
                LOG.warn("{}: lost the claim on {} while deriving it; another worker derives it", claim.worker(), claim.document());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot renew the claim on {}: {}", claim.worker(), claim.document(), e.toString());
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
