package dev.clausewatch.event;

import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One announced fact. {@code seq} is its place in the outbox (0 until stored); {@code id} is
 * derived from what it announces (see {@link EventType#idFor}), so the same fact is stored once
 * however often it is announced; {@code payload} holds its details as strings, numbers and booleans, in key order.
 */
public record Event(long seq, String id, EventType type, DocumentId document, Map<String, Object> payload, Instant occurredAt) {
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(document, "document");
        // sorted, so the stored JSON is the same bytes whichever process announced it
        payload = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(payload));
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** A new event, not yet stored: its id names its type, its document and {@code subject}. */
    public static Event of(EventType type, DocumentId document, String subject, Map<String, Object> payload, Instant occurredAt) {
        return new Event(0, type.idFor(document, subject), type, document, payload, occurredAt);
    }

    public String text(String key) {
        Object value = payload.get(key);
        return value == null ? null : value.toString();
    }

    public boolean flag(String key) {
        return Boolean.TRUE.equals(payload.get(key)) || "true".equals(payload.get(key));
    }
}
