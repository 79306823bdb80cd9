package dev.clausewatch.archive;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an observation came from: the archive ({@code https://github.com/OpenTermsArchive/contrib-versions},
 * {@code clausewatch} for our own captures) and the reference that is unique within it (a commit,
 * a file path, a snapshot id), plus details worth keeping (commit message, source kind, snapshot
 * links). The pair (archive, reference) is recorded once per document: re-importing it adds nothing.
 */
public record Provenance(String archive, String reference, Map<String, String> details) {
    public Provenance {
        if (archive == null || archive.isBlank()) throw new IllegalArgumentException("provenance needs an archive");
        if (reference == null || reference.isBlank()) throw new IllegalArgumentException("provenance needs a reference");
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public Provenance(String archive, String reference) {
        this(archive, reference, Map.of());
    }

    public String key() {
        return archive + "#" + reference;
    }

    public String detail(String name) {
        return Objects.requireNonNullElse(details.get(name), "");
    }
}
