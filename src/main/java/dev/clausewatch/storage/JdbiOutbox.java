package dev.clausewatch.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.event.Event;
import dev.clausewatch.event.EventType;
import dev.clausewatch.event.Outbox;
import dev.clausewatch.registry.DocumentId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The outbox table: events appended inside their writers' transactions ({@link #append}), read in sequence order. */
public final class JdbiOutbox implements Outbox {
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {};
    private final Jdbi jdbi;

    public JdbiOutbox(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Appends the event in the caller's transaction; an event with the same id already there is left as it is. */
    static void append(Handle handle, Event event) {
        handle.createUpdate("""
                        insert into events (id, type, document_id, payload, occurred_at) values (:id, :type, :document, :payload, :at)
                        on conflict (id) do nothing""")
                .bind("id", event.id())
                .bind("type", event.type().name())
                .bind("document", event.document().toString())
                .bind("payload", DerivedJson.write(event.payload()))
                .bind("at", Chain.instant(event.occurredAt()))
                .execute();
    }

    @Override
    public List<Event> after(long seq, Collection<EventType> types, int limit) {
        String typeFilter = types.isEmpty() ? "" : " and type in (<types>)";
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery("select * from events where seq > :seq" + typeFilter + " order by seq limit :limit")
                    .bind("seq", seq).bind("limit", limit);
            if (!types.isEmpty()) query.bindList("types", types.stream().map(Enum::name).toList());
            return query.map((rs, ctx) -> new Event(rs.getLong("seq"), rs.getString("id"), EventType.valueOf(rs.getString("type")),
                    DocumentId.parse(rs.getString("document_id")), DerivedJson.read(rs.getString("payload"), PAYLOAD, "payload of event " + rs.getString("id")),
                    Chain.parseInstant(rs.getString("occurred_at")))).list();
        });
    }

    @Override
    public long latestSeq() {
        return jdbi.withHandle(handle -> handle.createQuery("select coalesce(max(seq), 0) from events").mapTo(Long.class).one());
    }
}
