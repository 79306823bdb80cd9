package dev.clausewatch.storage;

import dev.clausewatch.alert.Alert;
import dev.clausewatch.alert.AlertStore;
import dev.clausewatch.alert.AlertText;
import dev.clausewatch.alert.Channel;
import dev.clausewatch.alert.Delivery;
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
        return jdbi.withHandle(h -> h.createQuery("select id, name, plan from organisations where id = :id").bind("id", id)
                .map((rs, ctx) -> organisation(rs)).findOne());
    }

    @Override
    public List<Organisation> organisations() {
        return jdbi.withHandle(h -> h.createQuery("select id, name, plan from organisations order by id").map((rs, ctx) -> organisation(rs)).list());
    }

    private static Organisation organisation(ResultSet rs) throws SQLException {
        return new Organisation(rs.getString("id"), rs.getString("name"), Plan.valueOf(rs.getString("plan")));
    }

    @Override
    public void changePlan(String organisation, Plan plan) {
        jdbi.useHandle(h -> h.createUpdate("update organisations set plan = :plan where id = :id").bind("plan", plan.name())
                .bind("id", organisation).execute());
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
                h.createUpdate("""
                                insert into deliveries (idempotency_key, alert_id, organisation_id, channel_id, state, attempts, next_attempt_at)
                                values (:key, :alert, :org, :channel, 'PENDING', 0, :at) on conflict do nothing""")
                        .bind("key", Delivery.keyOf(alert.id(), channel)).bind("alert", alert.id()).bind("org", alert.organisation())
                        .bind("channel", channel).bind("at", Chain.instant(now)).execute();
            }
        });
    }

    @Override
    public Optional<Alert> alert(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from alerts where id = :id").bind("id", id).map((rs, ctx) -> alert(rs)).findOne());
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
        return new Delivery(rs.getString("idempotency_key"), rs.getString("alert_id"), rs.getString("organisation_id"), rs.getString("channel_id"),
                Delivery.State.valueOf(rs.getString("state")), rs.getInt("attempts"), Chain.parseInstant(rs.getString("next_attempt_at")),
                Optional.ofNullable(rs.getString("last_error")), Optional.ofNullable(rs.getString("delivered_at")).map(Chain::parseInstant));
    }
}
