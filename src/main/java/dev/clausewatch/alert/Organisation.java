package dev.clausewatch.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * An organisation: every watch, channel, alert and digest belongs to exactly one. {@code digestedUntil}
 * is the end of the last weekly digest period composed for it.
 */
public record Organisation(String id, String name, Plan plan, DigestSchedule digest, Optional<Instant> digestedUntil) {
    public Organisation(String id, String name, Plan plan) {
        this(id, name, plan, DigestSchedule.DEFAULT, Optional.empty());
    }
}
