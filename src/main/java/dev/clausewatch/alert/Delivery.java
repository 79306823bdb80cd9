package dev.clausewatch.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * One alert or digest ({@code noticeId}) to one channel; {@code key} (notice and channel) makes it
 * idempotent for the receiver too.
 */
public record Delivery(String key, String noticeId, boolean digest, String organisation, String channelId, State state, int attempts,
                       Instant nextAttemptAt, Optional<String> lastError, Optional<Instant> deliveredAt) {
    public enum State { PENDING, DELIVERED, DEAD }

    public static String keyOf(String noticeId, String channelId) {
        return noticeId + "#" + channelId;
    }
}
