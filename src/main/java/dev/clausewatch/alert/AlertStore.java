package dev.clausewatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where organisations, watches, channels, alerts and deliveries live (an adapter in storage implements it). */
public interface AlertStore {
    void create(Organisation organisation, Instant now);

    Optional<Organisation> organisation(String id);

    List<Organisation> organisations();

    void changePlan(String organisation, Plan plan);

    List<Watch> watches(String organisation);

    /** A watch and when it began: an organisation is told of changes announced after that. */
    record Watching(Watch watch, Instant since) {}

    List<Watching> watching(String organisation);

    /** Adds the watch (again is a no-op). Plans are checked before, by {@link Organisations}. */
    void watch(String organisation, Watch watch, Instant now);

    void unwatch(String organisation, Watch watch);

    List<Channel> channels(String organisation);

    void removeChannel(String organisation, String channelId);

    void add(Channel channel, Instant now);

    /** The last event {@code consumer} handled (0 before the first). */
    long cursor(String consumer);

    void advance(String consumer, long seq);

    /** Stores the alert once (by id) and one pending delivery per channel (once each by key), in one transaction. */
    void record(Alert alert, List<String> channelIds, Instant now);

    /**
     * Stores the digest once (by id), one pending delivery per channel, and the end of its period
     * as the organisation's {@code digestedUntil}, in one transaction.
     */
    void record(Digest digest, List<String> channelIds, Instant now);

    /** Marks the period up to {@code until} as digested when it held nothing to send. */
    void digested(String organisation, Instant until);

    Optional<Digest> digest(String id);

    /** The organisation's alerts made in {@code (after, until]} with this cadence, oldest first. */
    List<Alert> alerts(String organisation, Alert.Cadence cadence, Instant after, Instant until);

    void changeDigestSchedule(String organisation, DigestSchedule schedule);

    Optional<Alert> alert(String id);

    List<Alert> alerts(String organisation);

    /** Claims up to {@code limit} pending deliveries due by {@code now} that no live claim holds, for {@code lease}. */
    List<Delivery> claimDue(Instant now, String worker, Duration lease, int limit);

    void delivered(String key, int attempts, Instant at);

    void retry(String key, int attempts, Instant next, String error);

    void dead(String key, int attempts, String error);

    List<Delivery> deliveries(String organisation);
}
