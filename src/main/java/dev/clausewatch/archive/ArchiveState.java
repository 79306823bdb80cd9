package dev.clausewatch.archive;

import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether anything archived has changed: the registered documents and their timelines. Reading
 * them takes a query per document, so they are read again at most once per {@code recheck}
 * interval; whatever is computed over the whole archive (a search index, a page of latest events)
 * may lag a new capture by that long. {@link #current()} returns the same object for as long as
 * nothing changed, so a holder of derived results compares it by identity.
 */
public final class ArchiveState {
    private final Registry registry;
    private final Archive archive;
    private final long recheckNanos;
    private volatile List<Object> state;
    private volatile long checkedAt;

    /** Rechecks the archive at most every five seconds. */
    public ArchiveState(Registry registry, Archive archive) {
        this(registry, archive, Duration.ofSeconds(5));
    }

    public ArchiveState(Registry registry, Archive archive, Duration recheck) {
        this.registry = registry;
        this.archive = archive;
        this.recheckNanos = recheck.toNanos();
    }

    /** A token of the archive's state: the same object while unchanged, another one after any change. */
    public Object current() {
        List<Object> known = state;
        if (known != null && System.nanoTime() - checkedAt < recheckNanos) return known;
        return recheck();
    }

    private synchronized Object recheck() {
        if (state != null && System.nanoTime() - checkedAt < recheckNanos) return state;
        List<Object> now = new ArrayList<>();
        for (Document d : registry.documents()) {
            now.add(d);
            now.add(archive.timeline(d.id()));
        }
        if (!now.equals(state)) state = now;
        checkedAt = System.nanoTime();
        return state;
    }
}
