package dev.clausewatch.storage;

import dev.clausewatch.monitoring.Figures;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The store-wide figures metrics and readiness read, in SQL (both dialects). */
public final class JdbiFigures implements Figures {
    private final Jdbi jdbi;

    public JdbiFigures(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public List<Captures> captures() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select outcome, coalesce(failure_kind, 'none') as cause, count(*) as n
                        from tracking_events group by outcome, coalesce(failure_kind, 'none')""")
                .map((rs, ctx) -> new Captures(rs.getString("outcome"), rs.getString("cause"), rs.getLong("n"))).list());
    }

    @Override
    public Map<String, Long> deliveries() {
        Map<String, Long> byState = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("select state, count(*) as n from deliveries group by state")
                .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n"))).forEach(e -> byState.put(e.getKey(), e.getValue())));
        return byState;
    }

    @Override
    public List<Duration> deliveryLatencies(Instant since) {
        // Times are ISO-8601 text in both dialects: the window is cut roughly in SQL (a day's margin for
        // text ordering) and exactly here, where they are also subtracted, to stay portable.
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select a.created_at, d.delivered_at from deliveries d join alerts a on a.id = d.alert_id
                        where d.state = 'DELIVERED' and d.delivered_at >= :roughly""")
                .bind("roughly", dev.clausewatch.archive.Chain.instant(since.minus(Duration.ofDays(1))))
                .map((rs, ctx) -> new Instant[] {dev.clausewatch.archive.Chain.parseInstant(rs.getString(1)),
                        dev.clausewatch.archive.Chain.parseInstant(rs.getString(2))})
                .filter(times -> !times[1].isBefore(since))
                .map(times -> Duration.between(times[0], times[1])).list());
    }

    @Override
    public boolean answers() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("select 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
