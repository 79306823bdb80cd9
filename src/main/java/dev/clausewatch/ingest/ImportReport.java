package dev.clausewatch.ingest;

import dev.clausewatch.archive.RecordOutcome;
import dev.clausewatch.registry.InvalidInputException;
import java.util.List;

/**
 * What an import did: per document, what was archived; how many declarations were new or
 * already known; which inputs were rejected (with why); how many files were not importable
 * and were left alone (sources' notes, HTML snapshots, scripts).
 */
public record ImportReport(List<RecordOutcome> documents, int declarationsAdded, int declarationsKnown,
                           List<InvalidInputException> rejected, int filesIgnored) {
    public ImportReport {
        documents = List.copyOf(documents);
        rejected = List.copyOf(rejected);
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
