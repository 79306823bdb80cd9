package dev.clausewatch.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Composes each organisation's weekly digest when it falls due: at its day and hour in its time
 * zone, the alerts kept for the digest since the end of the last one ("since you last heard from
 * us"; the first covers the week before). A period with nothing in it sends nothing. Run late (the
 * server was down on the day), it still composes one digest for everything since the last.
 */
public final class Digests {
    private final AlertStore store;
    private final Clock clock;

    public Digests(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Composes the digests due now; returns how many were composed. */
    public int run() {
        Instant now = clock.instant();
        int composed = 0;
        for (Organisation organisation : store.organisations()) {
            Instant due = organisation.digest().lastDueAt(now);
            if (organisation.digestedUntil().filter(until -> !until.isBefore(due)).isPresent()) continue;
            Instant from = organisation.digestedUntil().orElse(due.minus(java.time.Duration.ofDays(7)));
            List<Alert> alerts = store.alerts(organisation.id(), Alert.Cadence.DIGEST, from, due);
            if (alerts.isEmpty()) {
                store.digested(organisation.id(), due);
                continue;
            }
            Digest digest = new Digest(Digest.idOf(organisation.id(), due), organisation.id(), from, due, alerts);
            store.record(digest, store.channels(organisation.id()).stream().map(Channel::id).toList(), now);
            composed++;
        }
        return composed;
    }

    /** The digest the organisation would get if its period ended now: the preview pages show. */
    public Digest preview(Organisation organisation) {
        Instant now = clock.instant();
        Instant from = organisation.digestedUntil().orElse(organisation.digest().lastDueAt(now).minus(java.time.Duration.ofDays(7)));
        return new Digest(Digest.idOf(organisation.id(), now), organisation.id(), from, now, store.alerts(organisation.id(), Alert.Cadence.DIGEST, from, now));
    }
}
