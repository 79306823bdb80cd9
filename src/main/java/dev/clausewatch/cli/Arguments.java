package dev.clausewatch.cli;

import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Turns command-line words into domain values, with errors that say what was expected. */
final class Arguments {
    private Arguments() {}

    /** A registered document; an id that is well-formed but unknown is a sentence saying so. */
    static Document document(Workspace workspace, String text) {
        DocumentId id = DocumentId.parse(text);
        return workspace.registry().document(id).orElseThrow(() -> new NotFoundException("No document " + id
                + " in the registry; `clausewatch documents " + id.platform() + "` lists that platform's documents."));
    }

    /** The document's timeline; a document with no version yet is a sentence saying so. */
    static List<TimelineEntry> timeline(Workspace workspace, Document document) {
        List<TimelineEntry> timeline = workspace.archive().timeline(document.id());
        if (timeline.isEmpty()) throw new NotFoundException("No version of " + document.id() + " is archived yet.");
        return timeline;
    }

    /**
     * The last instant a date argument covers: a plain date means the end of that day (UTC), so
     * "in force on 2024-01-01" includes versions first seen during that day.
     */
    static Instant endOf(String text) {
        try {
            return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
        } catch (DateTimeParseException notDate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notDateTime) {
                throw new IllegalArgumentException("date \"" + text + "\" must be YYYY-MM-DD or an ISO 8601 date-time such as 2024-01-01T12:00:00Z");
            }
        }
    }
}
