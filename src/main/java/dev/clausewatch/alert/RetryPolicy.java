package dev.clausewatch.alert;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed delivery is retried: after a random wait between half and all of {@code first} ×
 * 2^(attempts−1), at most {@code max} (receivers coming back are not stampeded), until
 * {@code attempts} attempts were made. {@code CLAUSEWATCH_RETRY=first,max,attempts} (e.g.
 * {@code 30s,2h,8}, the default) sets it.
 */
public record RetryPolicy(Duration first, Duration max, int attempts) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(2), 8);

    public RetryPolicy {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("a retry policy waits a positive time at first, at most as long at most, and makes at least one attempt");
        }
    }

    /** Reads {@code 30s,2h,8}: durations in s, m or h. */
    public static RetryPolicy parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) throw new IllegalArgumentException("CLAUSEWATCH_RETRY=" + text + " is not first,max,attempts (e.g. 30s,2h,8)");
        try {
            return new RetryPolicy(duration(parts[0]), duration(parts[1]), Integer.parseInt(parts[2].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CLAUSEWATCH_RETRY=" + text + " is not first,max,attempts (e.g. 30s,2h,8)");
        }
    }

    private static Duration duration(String text) {
        String t = text.strip();
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new NumberFormatException(t);
        };
    }

    Duration backoff(int attemptsMade) {
        long cap = Math.min(max.toMillis(), first.toMillis() << Math.min(20, attemptsMade - 1));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }
}
