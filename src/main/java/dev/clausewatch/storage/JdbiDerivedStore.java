package dev.clausewatch.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.derivation.Backlog;
import dev.clausewatch.derivation.ChangeSummary;
import dev.clausewatch.derivation.DerivedChange;
import dev.clausewatch.derivation.DerivedStore;
import dev.clausewatch.derivation.DerivedVersion;
import dev.clausewatch.derivation.Derivers;
import dev.clausewatch.event.Event;
import dev.clausewatch.event.EventType;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.registry.DocumentId;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Derived records and the processor's claims in SQL. Claims follow the schedule's pattern: on
 * PostgreSQL the head row is taken {@code FOR UPDATE SKIP LOCKED}, so workers never wait on each
 * other, and a lease lets another worker take over from one that died; SQLite's IMMEDIATE
 * transactions already exclude every other writer. Rows are inserted {@code on conflict do
 * nothing}: two workers deriving the same version write the same row once.
 */
public final class JdbiDerivedStore implements DerivedStore {
    private static final List<String> TRIGGERS = List.of(EventType.VersionRecorded.name(), EventType.TimelineReordered.name(),
            EventType.DerivationUpgraded.name());
    private static final TypeReference<List<Provision>> PROVISIONS = new TypeReference<>() {};
    private static final TypeReference<List<Reference>> REFERENCES = new TypeReference<>() {};
    private static final TypeReference<List<TopicMatch>> TOPICS = new TypeReference<>() {};
    private static final int CHUNK = 500;

    private final Jdbi jdbi;
    private final String skipLocked;
    /** The advisory lock every commit takes on PostgreSQL (an arbitrary constant: "cw" in ASCII). */
    private static final long COMMIT_LOCK = 0x6377;
    private final boolean postgres;
    private final String forUpdate;

    public JdbiDerivedStore(Database database) {
        this.jdbi = database.jdbi();
        this.skipLocked = database.isPostgres() ? " for update skip locked" : "";
        this.postgres = database.isPostgres();
        this.forUpdate = postgres ? " for update" : "";
    }

    @Override
    public List<DocumentId> pending(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select e.document_id, min(e.seq) as first_seq from events e
                        left join derivation_heads h on h.document_id = e.document_id
                        where e.type in (<triggers>) and e.seq > coalesce(h.handled_seq, 0)
                        group by e.document_id order by first_seq limit :limit""")
                .bindList("triggers", TRIGGERS).bind("limit", limit)
                .map((rs, ctx) -> DocumentId.parse(rs.getString("document_id"))).list());
    }

    @Override
    public Optional<Claim> claim(DocumentId document, String worker, Instant now, Duration lease) {
        String id = document.toString();
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("insert into derivation_heads (document_id) values (:document) on conflict do nothing").bind("document", id).execute();
            var head = handle.createQuery("select handled_seq, claimed_by, claimed_until from derivation_heads where document_id = :document" + skipLocked)
                    .bind("document", id).mapToMap().findOne();
            if (head.isEmpty()) return Optional.<Claim>empty(); // another worker has the row locked right now
            String holder = (String) head.get().get("claimed_by");
            String until = (String) head.get().get("claimed_until");
            if (holder != null && !holder.equals(worker) && until != null && until.compareTo(Chain.instant(now)) > 0) return Optional.<Claim>empty();
            long handled = ((Number) head.get().get("handled_seq")).longValue();
            List<Map<String, Object>> waiting = handle.createQuery("""
                            select type, max(seq) as through from events
                            where document_id = :document and seq > :handled and type in (<triggers>) group by type""")
                    .bind("document", id).bind("handled", handled).bindList("triggers", TRIGGERS).mapToMap().list();
            if (waiting.isEmpty()) return Optional.<Claim>empty();
            long through = waiting.stream().mapToLong(row -> ((Number) row.get("through")).longValue()).max().orElseThrow();
            Set<String> types = new TreeSet<>();
            waiting.forEach(row -> types.add((String) row.get("type")));
            handle.createUpdate("update derivation_heads set claimed_by = :worker, claimed_until = :until where document_id = :document")
                    .bind("worker", worker).bind("until", Chain.instant(now.plus(lease))).bind("document", id).execute();
            return Optional.of(new Claim(document, worker, through, types));
        });
    }

    @Override
    public boolean commit(Work work, Derivers derivers, Instant now, java.util.function.Supplier<List<Event>> crossDocument) {
        Claim claim = work.claim();
        String document = claim.document().toString();
        return jdbi.inTransaction(handle -> {
            String holder = handle.createQuery("select claimed_by from derivation_heads where document_id = :document" + forUpdate)
                    .bind("document", document).mapTo(String.class).findOne().orElse(null);
            if (!claim.worker().equals(holder)) return false;
            // SQLite's IMMEDIATE transaction already excludes every other writer; PostgreSQL needs the lock said.
            if (postgres) handle.execute("select pg_advisory_xact_lock(" + COMMIT_LOCK + ")");
            List<Event> crossDocumentEvents = crossDocument.get();
            insertVersions(handle, work.versions(), derivers.structure());
            insertChanges(handle, work.changes(), derivers.structure());
            insertTopics(handle, work.topicsByTextSha(), derivers.topics());
            for (Event event : work.events()) JdbiOutbox.append(handle, event);
            for (Event event : crossDocumentEvents) JdbiOutbox.append(handle, event);
            handle.createUpdate("""
                            update derivation_heads set handled_seq = :through, head_key = :head, deriver = :deriver, derived_at = :now,
                                   claimed_by = null, claimed_until = null
                            where document_id = :document""")
                    .bind("through", claim.throughSeq()).bind("head", work.headKey()).bind("deriver", derivers.label())
                    .bind("now", Chain.instant(now)).bind("document", document).execute();
            return true;
        });
    }

    private static void insertVersions(Handle handle, List<DerivedVersion> versions, String deriver) {
        if (versions.isEmpty()) return;
        PreparedBatch rows = handle.prepareBatch("""
                insert into derived_versions (document_id, lineage_key, deriver, number, content_sha256, previous_key, effective_date, provisions, refs)
                values (:document, :key, :deriver, :number, :content, :previous, :effective, :provisions, :refs) on conflict do nothing""");
        PreparedBatch references = handle.prepareBatch("""
                insert into derived_references (document_id, lineage_key, deriver, target_document_id, provision_id, binding, part_of_target)
                values (:document, :key, :deriver, :target, :provision, :binding, :partOf) on conflict do nothing""");
        int referenceRows = 0;
        for (DerivedVersion v : versions) {
            rows.bind("document", v.document().toString()).bind("key", v.key()).bind("deriver", deriver).bind("number", v.number())
                    .bind("content", v.contentSha256()).bind("previous", v.previousKey())
                    .bind("effective", v.effectiveDate().map(DerivedJson::write).orElse(null))
                    .bind("provisions", DerivedJson.write(v.provisions())).bind("refs", DerivedJson.write(v.references())).add();
            Set<String> seen = new HashSet<>();
            for (Reference r : v.references()) {
                if (r.target().isEmpty() || !seen.add(r.target().get() + " " + r.provisionId())) continue;
                List<Reference> same = v.references().stream().filter(o -> o.target().equals(r.target()) && o.provisionId().equals(r.provisionId())).toList();
                references.bind("document", v.document().toString()).bind("key", v.key()).bind("deriver", deriver)
                        .bind("target", r.target().get().toString()).bind("provision", r.provisionId())
                        .bind("binding", same.stream().anyMatch(Reference::binding)).bind("partOf", same.stream().anyMatch(Reference::partOfTarget)).add();
                referenceRows++;
            }
        }
        rows.execute();
        if (referenceRows > 0) references.execute();
    }

    private static void insertChanges(Handle handle, List<DerivedChange> changes, String deriver) {
        if (changes.isEmpty()) return;
        PreparedBatch rows = handle.prepareBatch("""
                insert into derived_changes (document_id, to_key, deriver, from_key, number, substantive, substantive_count, technical, observed_at, change_set)
                values (:document, :to, :deriver, :from, :number, :substantive, :count, :technical, :observed, :set) on conflict do nothing""");
        for (DerivedChange c : changes) {
            rows.bind("document", c.document().toString()).bind("to", c.toKey()).bind("deriver", deriver).bind("from", c.fromKey())
                    .bind("number", c.number()).bind("substantive", c.changes().substantive()).bind("count", c.changes().substantiveChanges().size())
                    .bind("technical", c.changes().technical()).bind("observed", Chain.instant(c.observedAt()))
                    .bind("set", DerivedJson.write(c.changes())).add();
        }
        rows.execute();
    }

    private static void insertTopics(Handle handle, Map<String, List<TopicMatch>> topics, String deriver) {
        if (topics.isEmpty()) return;
        PreparedBatch rows = handle.prepareBatch("insert into derived_texts (text_sha256, deriver, topics) values (:sha, :deriver, :topics) on conflict do nothing");
        topics.forEach((sha, matches) -> rows.bind("sha", sha).bind("deriver", deriver).bind("topics", DerivedJson.write(matches)).add());
        rows.execute();
    }

    @Override
    public boolean renew(Claim claim, Instant now, Duration lease) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "update derivation_heads set claimed_until = :until where document_id = :document and claimed_by = :worker")
                .bind("until", Chain.instant(now.plus(lease))).bind("document", claim.document().toString()).bind("worker", claim.worker())
                .execute()) == 1;
    }

    @Override
    public void release(Claim claim) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "update derivation_heads set claimed_by = null, claimed_until = null where document_id = :document and claimed_by = :worker")
                .bind("document", claim.document().toString()).bind("worker", claim.worker()).execute());
    }

    @Override
    public void announce(List<Event> events) {
        if (events.isEmpty()) return;
        jdbi.useTransaction(handle -> events.forEach(e -> JdbiOutbox.append(handle, e)));
    }

    @Override
    public Set<String> derivedKeys(DocumentId document, String structureDeriver) {
        return jdbi.withHandle(handle -> new HashSet<>(handle.createQuery(
                        "select lineage_key from derived_versions where document_id = :document and deriver = :deriver")
                .bind("document", document.toString()).bind("deriver", structureDeriver).mapTo(String.class).list()));
    }

    @Override
    public Map<String, DerivedVersion> versions(DocumentId document, Collection<String> keys, String structureDeriver) {
        return chunked(keys, chunk -> jdbi.withHandle(handle -> handle.createQuery("""
                        select * from derived_versions where document_id = :document and deriver = :deriver and lineage_key in (<keys>)""")
                .bind("document", document.toString()).bind("deriver", structureDeriver).bindList("keys", chunk)
                .map((rs, ctx) -> {
                    String key = rs.getString("lineage_key");
                    String what = "derived version " + key + " of " + document;
                    String effective = rs.getString("effective_date");
                    return new DerivedVersion(document, key, rs.getInt("number"), rs.getString("content_sha256"), rs.getString("previous_key"),
                            DerivedJson.read(rs.getString("provisions"), PROVISIONS, what),
                            DerivedJson.read(rs.getString("refs"), REFERENCES, what),
                            Optional.ofNullable(effective).map(json -> DerivedJson.read(json, EffectiveDate.class, what)));
                }).list()), DerivedVersion::key);
    }

    @Override
    public Map<String, DerivedChange> changes(DocumentId document, Collection<String> toKeys, String structureDeriver) {
        return chunked(toKeys, chunk -> jdbi.withHandle(handle -> handle.createQuery("""
                        select * from derived_changes where document_id = :document and deriver = :deriver and to_key in (<keys>)""")
                .bind("document", document.toString()).bind("deriver", structureDeriver).bindList("keys", chunk)
                .map((rs, ctx) -> new DerivedChange(document, rs.getString("to_key"), rs.getString("from_key"), rs.getInt("number"),
                        DerivedJson.read(rs.getString("change_set"), ChangeSet.class, "change set into " + rs.getString("to_key") + " of " + document),
                        Chain.parseInstant(rs.getString("observed_at")))).list()), DerivedChange::toKey);
    }

    @Override
    public List<ChangeSummary> summaries(Optional<DocumentId> document, String structureDeriver) {
        String oneDocument = document.isPresent() ? " and document_id = :document" : "";
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery("""
                            with recursive chain (document_id, lineage_key) as (
                                select document_id, head_key from derivation_heads where head_key is not null""" + oneDocument + """

                                union all
                                select v.document_id, v.previous_key from derived_versions v
                                join chain c on v.document_id = c.document_id and v.lineage_key = c.lineage_key
                                where v.deriver = :deriver and v.previous_key is not null
                            )
                            select d.document_id, d.number, d.substantive, d.substantive_count, d.technical, d.observed_at
                            from derived_changes d join chain c on d.document_id = c.document_id and d.to_key = c.lineage_key
                            where d.deriver = :deriver order by d.observed_at desc, d.document_id, d.number desc""")
                    .bind("deriver", structureDeriver);
            document.ifPresent(d -> query.bind("document", d.toString()));
            return query.map((rs, ctx) -> new ChangeSummary(DocumentId.parse(rs.getString("document_id")), rs.getInt("number"),
                    rs.getBoolean("substantive"), rs.getInt("substantive_count"), rs.getBoolean("technical"),
                    Chain.parseInstant(rs.getString("observed_at")))).list();
        });
    }

    @Override
    public Map<String, List<TopicMatch>> topics(Collection<String> textSha256s, String topicsDeriver) {
        Map<String, List<TopicMatch>> found = new HashMap<>();
        chunked(textSha256s, chunk -> jdbi.withHandle(handle -> handle.createQuery(
                        "select text_sha256, topics from derived_texts where deriver = :deriver and text_sha256 in (<shas>)")
                .bind("deriver", topicsDeriver).bindList("shas", chunk)
                .map((rs, ctx) -> new AbstractMap.SimpleEntry<>(rs.getString("text_sha256"),
                        DerivedJson.read(rs.getString("topics"), TOPICS, "topics of text " + rs.getString("text_sha256")))).list()),
                Map.Entry::getKey).forEach((sha, entry) -> found.put(sha, entry.getValue()));
        return found;
    }

    @Override
    public Map<DocumentId, List<Referral>> referringTo(DocumentId target, String structureDeriver) {
        Map<DocumentId, List<Referral>> referrers = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        select r.document_id, r.provision_id, r.binding, r.part_of_target from derived_references r
                        join derivation_heads h on h.document_id = r.document_id and h.head_key = r.lineage_key
                        where r.target_document_id = :target and r.deriver = :deriver order by r.document_id, r.provision_id""")
                .bind("target", target.toString()).bind("deriver", structureDeriver)
                .map((rs, ctx) -> Map.entry(DocumentId.parse(rs.getString("document_id")),
                        new Referral(rs.getString("provision_id"), rs.getBoolean("binding"), rs.getBoolean("part_of_target"))))
                .forEach(e -> referrers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        return referrers;
    }

    @Override
    public List<Head> heads() {
        return jdbi.withHandle(handle -> handle.createQuery("select * from derivation_heads order by document_id")
                .map((rs, ctx) -> new Head(DocumentId.parse(rs.getString("document_id")), rs.getString("head_key"), rs.getString("deriver"),
                        rs.getLong("handled_seq"))).list());
    }

    @Override
    public List<DocumentId> needingUpgrade(Derivers derivers) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select distinct v.document_id from versions v left join derivation_heads h on h.document_id = v.document_id
                        where (h.deriver is null or h.deriver <> :label)
                          and not exists (select 1 from events e where e.document_id = v.document_id
                                          and e.seq > coalesce(h.handled_seq, 0) and e.type in (<triggers>))
                        order by v.document_id""")
                .bind("label", derivers.label()).bindList("triggers", TRIGGERS).map((rs, ctx) -> DocumentId.parse(rs.getString(1))).list());
    }

    @Override
    public Backlog backlog(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select count(distinct e.document_id) as documents, count(*) as events, min(e.occurred_at) as oldest from events e
                        left join derivation_heads h on h.document_id = e.document_id
                        where e.type in (<triggers>) and e.seq > coalesce(h.handled_seq, 0)""")
                .bindList("triggers", TRIGGERS)
                .map((rs, ctx) -> new Backlog(rs.getInt("documents"), rs.getInt("events"),
                        Optional.ofNullable(rs.getString("oldest")).map(oldest -> Duration.between(Chain.parseInstant(oldest), now))))
                .one());
    }

    @Override
    public List<dev.clausewatch.derivation.DerivationFailure> failures() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select e.document_id, e.payload, e.occurred_at from events e
                        left join derivation_heads h on h.document_id = e.document_id
                        where e.type = 'DerivationFailed' and e.seq > coalesce(h.handled_seq, 0)
                          and e.seq = (select max(f.seq) from events f where f.document_id = e.document_id and f.type = 'DerivationFailed')
                        order by e.occurred_at""")
                .map((rs, ctx) -> new dev.clausewatch.derivation.DerivationFailure(DocumentId.parse(rs.getString("document_id")), cause(rs.getString("payload")),
                        Chain.parseInstant(rs.getString("occurred_at"))))
                .list());
    }

    private static String cause(String payload) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).path("cause").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return payload;
        }
    }

    @Override
    public String state() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select (select coalesce(max(seq), 0) from events) as seq,
                               (select coalesce(sum(handled_seq), 0) from derivation_heads) as handled,
                               (select coalesce(max(derived_at), '') from derivation_heads) as derived""")
                .map((rs, ctx) -> rs.getLong("seq") + ":" + rs.getLong("handled") + ":" + rs.getString("derived")).one());
    }

    @Override
    public Optional<Instant> changedAt() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select (select occurred_at from events order by seq desc limit 1) as announced,
                               (select max(derived_at) from derivation_heads) as derived""")
                .map((rs, ctx) -> java.util.stream.Stream.of(rs.getString("announced"), rs.getString("derived"))
                        .filter(java.util.Objects::nonNull).map(Instant::parse).max(Instant::compareTo))
                .one());
    }

    private static <T> Map<String, T> chunked(Collection<String> keys, Function<List<String>, List<T>> query, Function<T, String> keyOf) {
        Map<String, T> found = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            for (T row : query.apply(all.subList(from, Math.min(all.size(), from + CHUNK)))) found.put(keyOf.apply(row), row);
        }
        return found;
    }
}
