package dev.clausewatch.storage;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.capture.CaptureFailure;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.tracking.TrackingEvent;
import dev.clausewatch.tracking.TrackingLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Tracking events in SQL. */
public final class JdbiTrackingLog implements TrackingLog {
    private final Jdbi jdbi;

    public JdbiTrackingLog(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void append(TrackingEvent e) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into tracking_events (document_id, occurred_at, outcome, failure_kind, message, technical, snapshot_ids)
                        values (:document, :at, :outcome, :kind, :message, :technical, :snapshots)""")
                .bind("document", e.document().toString())
                .bind("at", Chain.instant(e.at()))
                .bind("outcome", e.outcome().name())
                .bind("kind", e.failure().map(Enum::name).orElse(null))
                .bind("message", e.message())
                .bind("technical", e.technical())
                .bind("snapshots", String.join(",", e.snapshotIds()))
                .execute());
    }

    @Override
    public List<TrackingEvent> events(DocumentId document, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select * from tracking_events where document_id = :document order by occurred_at desc, id desc limit :limit")
                .bind("document", document.toString()).bind("limit", limit)
                .map((rs, ctx) -> event(rs)).list());
    }

    @Override
    public List<Failing> failing() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select e.document_id, min(e.occurred_at) as since, count(*) as failures
                        from tracking_events e
                        where e.outcome = 'FAILED' and e.technical = :capture and e.occurred_at > coalesce(
                            (select max(ok.occurred_at) from tracking_events ok
                             where ok.document_id = e.document_id and ok.outcome <> 'FAILED' and ok.technical = :capture), '')
                        group by e.document_id
                        order by since""")
                .bind("capture", false)
                .map((rs, ctx) -> new Object[] {rs.getString("document_id"), rs.getString("since"), rs.getInt("failures")})
                .list().stream()
                .map(row -> {
                    DocumentId document = DocumentId.parse((String) row[0]);
                    String since = (String) row[1];
                    return new Failing(document, Chain.parseInstant(since), (Integer) row[2], capture(document, since, "asc"),
                            capture(document, since, "desc"));
                }).toList());
    }

    /** The first ("asc") or latest ("desc") capture event of the document since the given time. */
    private TrackingEvent capture(DocumentId document, String since, String order) {
        return jdbi.withHandle(handle -> handle.createQuery("select * from tracking_events where document_id = :document and technical = :capture"
                        + " and occurred_at >= :since order by occurred_at " + order + ", id " + order + " limit 1")
                .bind("document", document.toString()).bind("capture", false).bind("since", since)
                .map((rs, ctx) -> event(rs)).one());
    }

    @Override
    public java.util.Set<DocumentId> captured() {
        return jdbi.withHandle(handle -> handle.createQuery("select distinct document_id from tracking_events where technical = :capture")
                .bind("capture", false).mapTo(String.class).stream().map(DocumentId::parse)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }

    private static TrackingEvent event(ResultSet rs) throws SQLException {
        String snapshots = rs.getString("snapshot_ids");
        return new TrackingEvent(DocumentId.parse(rs.getString("document_id")), Chain.parseInstant(rs.getString("occurred_at")),
                TrackingEvent.Outcome.valueOf(rs.getString("outcome")),
                Optional.ofNullable(rs.getString("failure_kind")).map(CaptureFailure.Kind::valueOf), rs.getString("message"),
                rs.getBoolean("technical"), snapshots.isEmpty() ? List.of() : Arrays.asList(snapshots.split(",")));
    }
}
