package dev.clausewatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one organisation is told about one event: the structured change summary, kept as it was
 * when the alert was made so every channel and every retry sends the same thing.
 */
public record Alert(String id, String organisation, String eventId, String document, Cadence cadence, Message message, Instant createdAt)
        implements Notice {
    @Override
    public String subject() {
        return message.subject();
    }

    public enum Cadence { SAME_DAY, DIGEST }

    /**
     * The change summary: what changed, in which document, and how it reaches what the organisation
     * watches; {@code effectiveDate} says how the stated effective date moved ("2024-01-01 → 2024-06-01"), empty when it did not.
     */
    public record Message(String subject, String document, String documentTitle, Optional<String> through, int fromNumber, int toNumber,
                          Instant observedAt, String reasons, String link, List<Item> changes, List<String> topics, String effectiveDate) {
        public Message {
            changes = List.copyOf(changes);
            topics = topics == null ? List.of() : List.copyOf(topics); // alerts stored before topics were named have none
            effectiveDate = effectiveDate == null ? "" : effectiveDate;
        }
    }

    /** One substantive provision change: its lasting id, kind, reason, heading trail, quotes, topics, exposure (low, medium, high) and page. */
    public record Item(String provisionId, String kind, String reason, List<String> trail, Optional<String> before, Optional<String> after,
                       List<String> topics, String exposure, String link) {
        public Item {
            trail = List.copyOf(trail);
            topics = topics == null ? List.of() : List.copyOf(topics);
            exposure = exposure == null ? "" : exposure;
        }
    }
}
