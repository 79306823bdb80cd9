package dev.clausewatch.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the store says about the work of every process on it, for metrics and readiness. */
public interface Figures {
    /** A count of capture attempts with one outcome and, for failures, one cause ({@code "none"} otherwise). */
    record Captures(String outcome, String cause, long count) {}

    /** Capture attempts so far, by outcome and cause. */
    List<Captures> captures();

    /** Alert deliveries so far, by state (PENDING, DELIVERED, DEAD). */
    Map<String, Long> deliveries();

    /** How long each alert delivered since {@code since} took, from the alert's creation to its delivery. */
    List<Duration> deliveryLatencies(Instant since);

    /** Whether the database answers a query now (false, never an exception, when it does not). */
    boolean answers();
}
