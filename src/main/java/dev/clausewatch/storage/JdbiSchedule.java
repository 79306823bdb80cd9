package dev.clausewatch.storage;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.tracking.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The schedule in SQL. Claiming selects due rows and marks them in one transaction: PostgreSQL
 * skips rows other workers hold ({@code FOR UPDATE SKIP LOCKED}); SQLite's IMMEDIATE transaction
 * already excludes every other writer.
 */
public final class JdbiSchedule implements Schedule {
    private final Jdbi jdbi;
    private final String skipLocked;

    public JdbiSchedule(Database database) {
        this.jdbi = database.jdbi();
        this.skipLocked = database.isPostgres() ? " for update skip locked" : "";
    }

    @Override
    public void ensure(DocumentId document, Duration cadence, Instant firstRun) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into schedule (document_id, cadence_seconds, next_run_at) values (:document, :cadence, :next)
                        on conflict do nothing""")
                .bind("document", document.toString()).bind("cadence", cadence.toSeconds()).bind("next", Chain.instant(firstRun))
                .execute());
    }

    @Override
    public List<DocumentId> claimDue(String worker, Instant now, Duration lease, int limit) {
        String at = Chain.instant(now);
        return jdbi.inTransaction(handle -> {
            List<String> due = handle.createQuery("select document_id from schedule where next_run_at <= :now"
                            + " and (claimed_until is null or claimed_until < :now) order by next_run_at limit :limit" + skipLocked)
                    .bind("now", at).bind("limit", limit).mapTo(String.class).list();
            for (String document : due) {
                handle.createUpdate("update schedule set claimed_by = :worker, claimed_until = :until where document_id = :document")
                        .bind("worker", worker).bind("until", Chain.instant(now.plus(lease))).bind("document", document).execute();
            }
            return due.stream().map(DocumentId::parse).toList();
        });
    }

    @Override
    public void done(DocumentId document, Instant nextRun) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "update schedule set next_run_at = :next, claimed_by = null, claimed_until = null where document_id = :document")
                .bind("next", Chain.instant(nextRun)).bind("document", document.toString()).execute());
    }

    @Override
    public Duration cadence(DocumentId document) {
        return jdbi.withHandle(handle -> handle.createQuery("select cadence_seconds from schedule where document_id = :document")
                .bind("document", document.toString()).mapTo(Long.class).findOne().map(Duration::ofSeconds)
                .orElseThrow(() -> new IllegalStateException(document + " is not on the schedule")));
    }

    @Override
    public Optional<Instant> nextDue() {
        return jdbi.withHandle(handle -> handle.createQuery("select min(next_run_at) from schedule")
                .mapTo(String.class).findOne().map(Chain::parseInstant));
    }
}
