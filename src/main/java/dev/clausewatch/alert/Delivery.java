package dev.clausewatch.alert;

import java.time.Instant;
import java.util.Optional;

/** One alert to one channel; {@code key} (alert and channel) makes it idempotent for the receiver too. */
public record Delivery(String key, String alertId, String organisation, String channelId, State state, int attempts,
                       Instant nextAttemptAt, Optional<String> lastError, Optional<Instant> deliveredAt) {
    public enum State { PENDING, DELIVERED, DEAD }

    public static String keyOf(String alertId, String channelId) {
        return alertId + "#" + channelId;
    }
}
