package dev.clausewatch.alert;

import java.time.Clock;
import java.time.Duration;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers pending deliveries: at least once (a delivery is marked delivered only after the
 * receiver accepted it), with the idempotency key in every attempt so a receiver can drop the
 * second of two. Transient failures are retried with exponential backoff and jitter; a
 * permanent failure, or the last attempt, leaves the delivery dead, with its error, for the
 * delivery log.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final AlertStore store;
    private final Map<Channel.Kind, Sender> senders;
    private final Clock clock;
    private final String worker;
    private final Duration lease;
    private final RetryPolicy retry;

    public Dispatcher(AlertStore store, Map<Channel.Kind, Sender> senders, Clock clock, String worker, Duration lease) {
        this(store, senders, clock, worker, lease, RetryPolicy.DEFAULT);
    }

    public Dispatcher(AlertStore store, Map<Channel.Kind, Sender> senders, Clock clock, String worker, Duration lease, RetryPolicy retry) {
        this.store = store;
        this.senders = Map.copyOf(senders);
        this.clock = clock;
        this.worker = worker;
        this.lease = lease;
        this.retry = retry;
    }

    /** Attempts every delivery due now; returns how many were delivered. */
    public int run() {
        int delivered = 0;
        // A few at a time, each batch under a fresh lease: an attempt may take 20 s (connect and
        // answer timeouts), and a batch must be done before its lease lets another process take it.
        for (int batch = 0; batch < 30; batch++) {
            List<Delivery> claimed = store.claimDue(clock.instant(), worker, lease, CLAIM);
            if (claimed.isEmpty()) break;
            for (Delivery delivery : claimed) {
                if (attempt(delivery)) delivered++;
            }
        }
        return delivered;
    }

    /** Deliveries claimed at once: with 20 s per attempt at worst, three fit well within the two-minute lease. */
    private static final int CLAIM = 3;

    private boolean attempt(Delivery delivery) {
        int attempts = delivery.attempts() + 1;
        Notice notice = delivery.digest() ? store.digest(delivery.noticeId()).orElseThrow() : store.alert(delivery.noticeId()).orElseThrow();
        Channel channel = store.channels(delivery.organisation()).stream().filter(c -> c.id().equals(delivery.channelId())).findFirst().orElse(null);
        if (channel == null) {
            store.dead(delivery.key(), attempts, "the channel " + delivery.channelId() + " was removed");
            return false;
        }
        try {
            senders.get(channel.kind()).send(channel, notice, delivery.key());
            store.delivered(delivery.key(), attempts, clock.instant());
            return true;
        } catch (RuntimeException bug) {
            // A channel this sender cannot use (or a bug): recorded against the delivery, never stops the others.
            LOG.error("delivery {} cannot be attempted: {}", delivery.key(), bug.toString(), bug);
            store.dead(delivery.key(), attempts, bug.getMessage() == null ? bug.toString() : bug.getMessage());
            return false;
        } catch (Sender.Failure failure) {
            if (!failure.transientFailure() || attempts >= retry.attempts()) {
                LOG.warn("delivery {} failed for good after {} attempts: {}", delivery.key(), attempts, failure.getMessage());
                store.dead(delivery.key(), attempts, failure.getMessage());
            } else {
                store.retry(delivery.key(), attempts, clock.instant().plus(retry.backoff(attempts)), failure.getMessage());
            }
            return false;
        }
    }

}
