package dev.clausewatch.ingest;

import dev.clausewatch.archive.RecordOutcome;
import dev.clausewatch.registry.InvalidInputException;
import java.util.List;

/**
 * What an import did: per document, what was archived; how many declarations were new or
 * already known; which inputs were rejected (with why); which files in the folders given were
 * not importable and were left alone (sources' notes, HTML snapshots, scripts), each with why.
 */
public record ImportReport(List<RecordOutcome> documents, int declarationsAdded, int declarationsKnown,
                           List<InvalidInputException> rejected, List<Ignored> ignored) {
    /** A file left alone, and why. */
    public record Ignored(java.nio.file.Path file, String why) {}

    public ImportReport {
        documents = List.copyOf(documents);
        rejected = List.copyOf(rejected);
        ignored = List.copyOf(ignored);
    }

    public int filesIgnored() {
        return ignored.size();
    }

    public int versionsAdded() {
        return documents.stream().mapToInt(RecordOutcome::versionsAdded).sum();
    }

    public int observationsAdded() {
        return documents.stream().mapToInt(RecordOutcome::observationsAdded).sum();
    }

    public int alreadyArchived() {
        return documents.stream().mapToInt(RecordOutcome::alreadyArchived).sum();
    }

    public boolean complete() {
        return rejected.isEmpty();
    }
}
