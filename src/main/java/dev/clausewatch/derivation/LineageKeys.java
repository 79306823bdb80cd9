package dev.clausewatch.derivation;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.registry.DocumentId;
import java.util.ArrayList;
import java.util.List;

/**
 * The key of each version of a timeline: a hash of the document and of every text up to and
 * including it, in timeline order. Lasting provision ids depend on every version before, so two
 * versions share derived records only when their whole chains agree; an older version imported
 * later changes the keys after it, never the rows already stored.
 */
public final class LineageKeys {
    private LineageKeys() {}

    public static List<String> of(DocumentId document, List<TimelineEntry> timeline) {
        List<String> keys = new ArrayList<>(timeline.size());
        String previous = document.toString();
        for (TimelineEntry entry : timeline) {
            previous = Archive.contentHash(previous + "\n" + entry.version().contentSha256()).substring(0, 40);
            keys.add(previous);
        }
        return keys;
    }
}
