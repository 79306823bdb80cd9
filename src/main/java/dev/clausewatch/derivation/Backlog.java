package dev.clausewatch.derivation;

import java.time.Duration;
import java.util.Optional;

/**
 * What the processor has still to do: documents with events it has not handled, how many such
 * events, and how long the oldest has waited ({@code lag}, empty when nothing waits).
 */
public record Backlog(int documents, int events, Optional<Duration> lag) {
    public boolean isEmpty() {
        return documents == 0;
    }
}
