package dev.clausewatch.tracking;

import dev.clausewatch.registry.DocumentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When each document is due. Persistent, and safe with several workers on one database: a due
 * document is claimed by one worker for a lease (PostgreSQL: {@code FOR UPDATE SKIP LOCKED};
 * SQLite: its single writer), and a claim that outlives its lease (a crashed worker) is free again.
 */
public interface Schedule {

    /** Puts the document on the schedule unless it is there; {@code firstRun} is its first due time. */
    void ensure(DocumentId document, Duration cadence, Instant firstRun);

    /** Claims up to {@code limit} documents due at {@code now}, for {@code lease}. */
    List<DocumentId> claimDue(String worker, Instant now, Duration lease, int limit);

    /** Releases the claim and sets the next due time. */
    void done(DocumentId document, Instant nextRun);

    Duration cadence(DocumentId document);

    /** The earliest next due time, if anything is scheduled. */
    java.util.Optional<Instant> nextDue();
}
