package dev.clausewatch.storage;

import dev.clausewatch.alert.Alert;
import dev.clausewatch.alert.AlertStore;
import dev.clausewatch.alert.AlertText;
import dev.clausewatch.alert.Channel;
import dev.clausewatch.alert.Delivery;
import dev.clausewatch.alert.Digest;
import dev.clausewatch.alert.DigestSchedule;
import dev.clausewatch.alert.Notice;
import dev.clausewatch.alert.Organisation;
import dev.clausewatch.alert.Plan;
import dev.clausewatch.alert.Watch;
import dev.clausewatch.archive.Chain;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Organisations, watches, channels, alerts and deliveries in SQL; inserts are idempotent by key. */
public final class JdbiAlertStore implements AlertStore {
    private final Jdbi jdbi;
    private final String skipLocked;

    public JdbiAlertStore(Database database) {
        this.jdbi = database.jdbi();
        this.skipLocked = database.isPostgres() ? " for update skip locked" : "";
    }

    @Override
    public void create(Organisation organisation, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("insert into organisations (id, name, plan, created_at) values (:id, :name, :plan, :at)")
                .bind("id", organisation.id()).bind("name", organisation.name()).bind("plan", organisation.plan().name())
                .bind("at", Chain.instant(now)).execute());
    }

    @Override
    public Optional<Organisation> organisation(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from organisations where id = :id").bind("id", id)
                .map((rs, ctx) -> organisation(rs)).findOne());
    }

    @Override
    public List<Organisation> organisations() {
        return jdbi.withHandle(h -> h.createQuery("select * from organisations order by id").map((rs, ctx) -> organisation(rs)).list());
    }

    private static Organisation organisation(ResultSet rs) throws SQLException {
        return new Organisation(rs.getString("id"), rs.getString("name"), Plan.valueOf(rs.getString("plan")),
                new DigestSchedule(java.time.DayOfWeek.valueOf(rs.getString("digest_day")), rs.getInt("digest_hour"), java.time.ZoneId.of(rs.getString("time_zone"))),
                Optional.ofNullable(rs.getString("digested_until")).map(Chain::parseInstant));
    }

    @Override
    public void changePlan(String organisation, Plan plan) {
        jdbi.useHandle(h -> h.createUpdate("update organisations set plan = :plan where id = :id").bind("plan", plan.name())
                .bind("id", organisation).execute());
    }

    @Override
    public void changeDigestSchedule(String organisation, DigestSchedule schedule) {
        jdbi.useHandle(h -> h.createUpdate("update organisations set digest_day = :day, digest_hour = :hour, time_zone = :zone where id = :id")
                .bind("day", schedule.day().name()).bind("hour", schedule.hour()).bind("zone", schedule.zone().getId()).bind("id", organisation).execute());
    }

    @Override
    public List<Watch> watches(String organisation) {
        return jdbi.withHandle(h -> h.createQuery("select kind, target from watches where organisation_id = :org order by kind, target")
                .bind("org", organisation).map((rs, ctx) -> new Watch(Watch.Kind.valueOf(rs.getString("kind")), rs.getString("target"))).list());
    }

    @Override
    public List<Watching> watching(String organisation) {
        return jdbi.withHandle(h -> h.createQuery("select kind, target, created_at from watches where organisation_id = :org order by kind, target")
                .bind("org", organisation).map((rs, ctx) -> new Watching(new Watch(Watch.Kind.valueOf(rs.getString("kind")), rs.getString("target")),
                        Chain.parseInstant(rs.getString("created_at")))).list());
    }

    @Override
    public void watch(String organisation, Watch watch, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into watches (organisation_id, kind, target, created_at) values (:org, :kind, :target, :at) on conflict do nothing""")
                .bind("org", organisation).bind("kind", watch.kind().name()).bind("target", watch.target()).bind("at", Chain.instant(now)).execute());
    }

    @Override
    public void unwatch(String organisation, Watch watch) {
        jdbi.useHandle(h -> h.createUpdate("delete from watches where organisation_id = :org and kind = :kind and target = :target")
                .bind("org", organisation).bind("kind", watch.kind().name()).bind("target", watch.target()).execute());
    }

    @Override
    public void removeChannel(String organisation, String channelId) {
        jdbi.useHandle(h -> h.createUpdate("delete from channels where organisation_id = :org and id = :id")
                .bind("org", organisation).bind("id", channelId).execute());
    }

    @Override
    public List<Channel> channels(String organisation) {
        return jdbi.withHandle(h -> h.createQuery("select organisation_id, id, kind, address, secret from channels where organisation_id = :org order by id")
                .bind("org", organisation).map((rs, ctx) -> new Channel(rs.getString("organisation_id"), rs.getString("id"),
                        Channel.Kind.valueOf(rs.getString("kind")), rs.getString("address"), Optional.ofNullable(rs.getString("secret")))).list());
    }

    @Override
    public void add(Channel channel, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into channels (organisation_id, id, kind, address, secret, created_at) values (:org, :id, :kind, :address, :secret, :at)""")
                .bind("org", channel.organisation()).bind("id", channel.id()).bind("kind", channel.kind().name())
                .bind("address", channel.address()).bind("secret", channel.secret().orElse(null)).bind("at", Chain.instant(now)).execute());
    }

    @Override
    public long cursor(String consumer) {
        return jdbi.withHandle(h -> h.createQuery("select seq from event_cursors where consumer = :c").bind("c", consumer)
                .mapTo(Long.class).findOne().orElse(0L));
    }

    @Override
    public void advance(String consumer, long seq) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into event_cursors (consumer, seq) values (:c, :seq)
                        on conflict (consumer) do update set seq = excluded.seq where excluded.seq > event_cursors.seq""")
                .bind("c", consumer).bind("seq", seq).execute());
    }

    @Override
    public void record(Alert alert, List<String> channelIds, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            insert into alerts (id, organisation_id, event_id, document_id, cadence, message, created_at)
                            values (:id, :org, :event, :document, :cadence, :message, :at) on conflict do nothing""")
                    .bind("id", alert.id()).bind("org", alert.organisation()).bind("event", alert.eventId()).bind("document", alert.document())
                    .bind("cadence", alert.cadence().name()).bind("message", AlertText.messageJson(alert.message()))
                    .bind("at", Chain.instant(alert.createdAt())).execute();
            for (String channel : channelIds) {
                pending(h, alert, "alert_id", channel, now);
            }
        });
    }

    private static void pending(org.jdbi.v3.core.Handle h, Notice notice, String column, String channel, Instant now) {
        h.createUpdate("insert into deliveries (idempotency_key, " + column + ", organisation_id, channel_id, state, attempts, next_attempt_at)"
                        + " values (:key, :notice, :org, :channel, 'PENDING', 0, :at) on conflict do nothing")
                .bind("key", Delivery.keyOf(notice.id(), channel)).bind("notice", notice.id()).bind("org", notice.organisation())
                .bind("channel", channel).bind("at", Chain.instant(now)).execute();
    }

    @Override
    public void record(Digest digest, List<String> channelIds, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            insert into digests (id, organisation_id, period_start, period_end, alert_ids, created_at)
                            values (:id, :org, :start, :end, :alerts, :at) on conflict do nothing""")
                    .bind("id", digest.id()).bind("org", digest.organisation()).bind("start", Chain.instant(digest.periodStart()))
                    .bind("end", Chain.instant(digest.periodEnd())).bind("alerts", String.join("\n", digest.alerts().stream().map(Alert::id).toList()))
                    .bind("at", Chain.instant(now)).execute();
            for (String channel : channelIds) pending(h, digest, "digest_id", channel, now);
            digested(h, digest.organisation(), digest.periodEnd());
        });
    }

    @Override
    public void digested(String organisation, Instant until) {
        jdbi.useHandle(h -> digested(h, organisation, until));
    }

    private static void digested(org.jdbi.v3.core.Handle h, String organisation, Instant until) {
        h.createUpdate("update organisations set digested_until = :until where id = :id and (digested_until is null or digested_until < :until)")
                .bind("until", Chain.instant(until)).bind("id", organisation).execute();
    }

    @Override
    public Optional<Digest> digest(String id) {
        return jdbi.withHandle(h -> {
            record Row(String organisation, String start, String end, String alertIds) {}
            Optional<Row> row = h.createQuery("select * from digests where id = :id").bind("id", id)
                    .map((rs, ctx) -> new Row(rs.getString("organisation_id"), rs.getString("period_start"), rs.getString("period_end"),
                            rs.getString("alert_ids"))).findOne();
            return row.map(r -> {
                List<Alert> alerts = new java.util.ArrayList<>();
                for (String alertId : r.alertIds().split("\n")) alert(h, alertId).ifPresent(alerts::add);
                return new Digest(id, r.organisation(), Chain.parseInstant(r.start()), Chain.parseInstant(r.end()), alerts);
            });
        });
    }

    @Override
    public List<Alert> alerts(String organisation, Alert.Cadence cadence, Instant after, Instant until) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select * from alerts where organisation_id = :org and cadence = :cadence and created_at > :after and created_at <= :until
                        order by created_at, id""")
                .bind("org", organisation).bind("cadence", cadence.name()).bind("after", Chain.instant(after)).bind("until", Chain.instant(until))
                .map((rs, ctx) -> alert(rs)).list());
    }

    @Override
    public Optional<Alert> alert(String id) {
        return jdbi.withHandle(h -> alert(h, id));
    }

    private static Optional<Alert> alert(org.jdbi.v3.core.Handle h, String id) {
        return h.createQuery("select * from alerts where id = :id").bind("id", id).map((rs, ctx) -> alert(rs)).findOne();
    }

    @Override
    public List<Alert> alerts(String organisation) {
        return jdbi.withHandle(h -> h.createQuery("select * from alerts where organisation_id = :org order by created_at, id")
                .bind("org", organisation).map((rs, ctx) -> alert(rs)).list());
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getString("id"), rs.getString("organisation_id"), rs.getString("event_id"), rs.getString("document_id"),
                Alert.Cadence.valueOf(rs.getString("cadence")), AlertText.message(rs.getString("message")), Chain.parseInstant(rs.getString("created_at")));
    }

    @Override
    public List<Delivery> claimDue(Instant now, String worker, Duration lease, int limit) {
        String at = Chain.instant(now);
        return jdbi.inTransaction(h -> {
            List<String> keys = h.createQuery("""
                            select idempotency_key from deliveries where state = 'PENDING' and next_attempt_at <= :now
                            and (claimed_until is null or claimed_until < :now) order by next_attempt_at limit :limit""" + skipLocked)
                    .bind("now", at).bind("limit", limit).mapTo(String.class).list();
            if (keys.isEmpty()) return List.<Delivery>of();
            h.createUpdate("update deliveries set claimed_by = :worker, claimed_until = :until where idempotency_key in (<keys>)")
                    .bind("worker", worker).bind("until", Chain.instant(now.plus(lease))).bindList("keys", keys).execute();
            return h.createQuery("select * from deliveries where idempotency_key in (<keys>) order by next_attempt_at, idempotency_key")
                    .bindList("keys", keys).map((rs, ctx) -> delivery(rs)).list();
        });
    }

    @Override
    public void delivered(String key, int attempts, Instant at) {
        update(key, "state = 'DELIVERED', attempts = :attempts, delivered_at = :at, last_error = null", attempts, Chain.instant(at), null);
    }

    @Override
    public void retry(String key, int attempts, Instant next, String error) {
        update(key, "attempts = :attempts, next_attempt_at = :at, last_error = :error", attempts, Chain.instant(next), error);
    }

    @Override
    public void dead(String key, int attempts, String error) {
        update(key, "state = 'DEAD', attempts = :attempts, last_error = :error", attempts, null, error);
    }

    private void update(String key, String set, int attempts, String at, String error) {
        jdbi.useHandle(h -> {
            var update = h.createUpdate("update deliveries set " + set + ", claimed_by = null, claimed_until = null where idempotency_key = :key")
                    .bind("key", key).bind("attempts", attempts);
            if (set.contains(":at")) update.bind("at", at);
            if (set.contains(":error")) update.bind("error", error);
            update.execute();
        });
    }

    @Override
    public List<Delivery> deliveries(String organisation) {
        return jdbi.withHandle(h -> h.createQuery("select * from deliveries where organisation_id = :org order by next_attempt_at, idempotency_key")
                .bind("org", organisation).map((rs, ctx) -> delivery(rs)).list());
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        String digest = rs.getString("digest_id");
        return new Delivery(rs.getString("idempotency_key"), digest == null ? rs.getString("alert_id") : digest, digest != null,
                rs.getString("organisation_id"), rs.getString("channel_id"),
                Delivery.State.valueOf(rs.getString("state")), rs.getInt("attempts"), Chain.parseInstant(rs.getString("next_attempt_at")),
                Optional.ofNullable(rs.getString("last_error")), Optional.ofNullable(rs.getString("delivered_at")).map(Chain::parseInstant));
    }
}
