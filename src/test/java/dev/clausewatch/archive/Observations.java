package dev.clausewatch.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Observations as the tests record them: a text seen at a date, from a test archive. */
public final class Observations {
    private Observations() {}

    /** {@code text} seen at {@code date} (ISO instant), its provenance reference being {@code reference}. */
    public static Observed seen(String text, String date, String reference) {
        return new Observed(text.getBytes(StandardCharsets.UTF_8), Instant.parse(date), false, "test", List.of(),
                new Provenance("test-archive", reference, Map.of("note", "written by the test")));
    }

    /** {@code text} seen at {@code date}, referenced by that date. */
    public static Observed seen(String text, String date) {
        return seen(text, date, date);
    }
}
