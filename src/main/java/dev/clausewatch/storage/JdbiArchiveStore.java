package dev.clausewatch.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.archive.ArchiveStore;
import dev.clausewatch.archive.Chain;
import dev.clausewatch.archive.Observation;
import dev.clausewatch.archive.ObservationKind;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.archive.Version;
import dev.clausewatch.archive.VersionKind;
import dev.clausewatch.capture.CaptureMetadata;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.event.Event;
import dev.clausewatch.registry.DocumentId;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The archive's rows in SQL. The per-document lock is the database's: SQLite's IMMEDIATE
 * transaction holds the (single) write lock from its start; PostgreSQL locks the document's row
 * with {@code select … for update}. Unique keys (document + record number, document + content,
 * document + provenance) are the last line of defence against duplicates.
 */
public final class JdbiArchiveStore implements ArchiveStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final String lockClause;

    public JdbiArchiveStore(Database database) {
        this.jdbi = database.jdbi();
        // SQLite has no row locks; its IMMEDIATE transaction already holds the database's write lock.
        this.lockClause = database.isPostgres() ? " for update" : "";
    }

    @Override
    public <T> T withDocumentLock(DocumentId document, Function<DocumentLedger, T> work) {
        return jdbi.inTransaction(handle -> {
            boolean registered = handle.createQuery("select id from documents where id = :id" + lockClause)
                    .bind("id", document.toString()).mapTo(String.class).findOne().isPresent();
            if (!registered) {
                throw new IllegalStateException("document " + document + " is not registered; register it before archiving its versions");
            }
            return work.apply(new Ledger(handle, document));
        });
    }

    /** Versions and observations of one document inside a locked transaction. */
    private record Ledger(Handle handle, DocumentId document) implements DocumentLedger {
        @Override
        public List<Version> versions() {
            return JdbiArchiveStore.versions(handle, document);
        }

        @Override
        public List<Observation> observations() {
            return JdbiArchiveStore.observations(handle, document);
        }

        @Override
        public void append(Version v) {
            handle.createUpdate("""
                            insert into versions (document_id, record_seq, content_sha256, bytes, kind, extractor_version,
                                                  snapshot_ids, recorded_at, previous_content_sha256, chain_hash)
                            values (:document, :seq, :content, :bytes, :kind, :extractor, :snapshots, :recordedAt, :previous, :chain)""")
                    .bind("document", document.toString())
                    .bind("seq", v.recordSeq())
                    .bind("content", v.contentSha256())
                    .bind("bytes", v.bytes())
                    .bind("kind", v.kind().name())
                    .bind("extractor", v.extractorVersion())
                    .bind("snapshots", String.join(",", v.snapshotIds()))
                    .bind("recordedAt", Chain.instant(v.recordedAt()))
                    .bind("previous", v.previousContentSha256())
                    .bind("chain", v.chainHash())
                    .execute();
        }

        @Override
        public void append(Observation o) {
            handle.createUpdate("""
                            insert into observations (document_id, seq, kind, content_sha256, observed_at, recorded_at,
                                                      provenance_archive, provenance_reference, provenance_details, chain_hash)
                            values (:document, :seq, :kind, :content, :observedAt, :recordedAt, :archive, :reference, :details, :chain)""")
                    .bind("document", document.toString())
                    .bind("seq", o.seq())
                    .bind("kind", o.kind().name())
                    .bind("content", o.contentSha256())
                    .bind("observedAt", Chain.instant(o.observedAt()))
                    .bind("recordedAt", Chain.instant(o.recordedAt()))
                    .bind("archive", o.provenance().archive())
                    .bind("reference", o.provenance().reference())
                    .bind("details", json(o.provenance().details()))
                    .bind("chain", o.chainHash())
                    .execute();
        }

        @Override
        public void announce(Event event) {
            JdbiOutbox.append(handle, event);
        }
    }

    @Override
    public List<Version> versions(DocumentId document) {
        return jdbi.withHandle(handle -> versions(handle, document));
    }

    @Override
    public List<Observation> observations(DocumentId document) {
        return jdbi.withHandle(handle -> observations(handle, document));
    }

    @Override
    public List<DocumentId> archivedDocuments() {
        return jdbi.withHandle(handle -> handle.createQuery("select distinct document_id from versions order by document_id")
                .mapTo(String.class).map(DocumentId::parse).list());
    }

    @Override
    public boolean save(Snapshot snapshot) {
        CaptureMetadata meta = snapshot.metadata();
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        insert into snapshots (id, document_id, content_sha256, bytes, media_type, url, final_url, status, headers, fetched_at)
                        values (:id, :document, :content, :bytes, :mediaType, :url, :finalUrl, :status, :headers, :fetchedAt)
                        on conflict do nothing""")
                .bind("id", snapshot.id())
                .bind("document", snapshot.document().toString())
                .bind("content", snapshot.contentSha256())
                .bind("bytes", snapshot.bytes())
                .bind("mediaType", snapshot.mediaType())
                .bind("url", meta.url().toString())
                .bind("finalUrl", meta.finalUrl().toString())
                .bind("status", meta.status())
                .bind("headers", json(meta.headers()))
                .bind("fetchedAt", Chain.instant(meta.fetchedAt()))
                .execute()) == 1;
    }

    @Override
    public Optional<Snapshot> snapshot(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("select * from snapshots where id = :id")
                .bind("id", id).map((rs, ctx) -> snapshot(rs)).findOne());
    }

    @Override
    public List<Snapshot> snapshots() {
        return jdbi.withHandle(handle -> handle.createQuery("select * from snapshots order by fetched_at, id")
                .map((rs, ctx) -> snapshot(rs)).list());
    }

    @Override
    public Optional<Snapshot> latestSnapshot(DocumentId document, String url) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select * from snapshots where document_id = :document and url = :url order by fetched_at desc, id desc limit 1")
                .bind("document", document.toString()).bind("url", url)
                .map((rs, ctx) -> snapshot(rs)).findOne());
    }

    private static List<Version> versions(Handle handle, DocumentId document) {
        return handle.createQuery("select * from versions where document_id = :document order by record_seq")
                .bind("document", document.toString())
                .map((rs, ctx) -> new Version(document, rs.getInt("record_seq"), rs.getString("content_sha256"),
                        rs.getLong("bytes"), VersionKind.valueOf(rs.getString("kind")), rs.getString("extractor_version"),
                        splitIds(rs.getString("snapshot_ids")), Chain.parseInstant(rs.getString("recorded_at")),
                        rs.getString("previous_content_sha256"), rs.getString("chain_hash")))
                .list();
    }

    private static List<Observation> observations(Handle handle, DocumentId document) {
        return handle.createQuery("select * from observations where document_id = :document order by seq")
                .bind("document", document.toString())
                .map((rs, ctx) -> new Observation(document, rs.getInt("seq"), ObservationKind.valueOf(rs.getString("kind")),
                        rs.getString("content_sha256"), Chain.parseInstant(rs.getString("observed_at")),
                        Chain.parseInstant(rs.getString("recorded_at")),
                        new Provenance(rs.getString("provenance_archive"), rs.getString("provenance_reference"),
                                read(rs.getString("provenance_details"), DETAILS)),
                        rs.getString("chain_hash")))
                .list();
    }

    private static Snapshot snapshot(ResultSet rs) throws SQLException {
        CaptureMetadata meta = new CaptureMetadata(URI.create(rs.getString("url")), URI.create(rs.getString("final_url")),
                rs.getInt("status"), read(rs.getString("headers"), HEADERS), Chain.parseInstant(rs.getString("fetched_at")));
        return new Snapshot(rs.getString("id"), DocumentId.parse(rs.getString("document_id")), rs.getString("content_sha256"),
                rs.getLong("bytes"), rs.getString("media_type"), meta);
    }

    private static List<String> splitIds(String ids) {
        return ids.isEmpty() ? List.of() : Arrays.asList(ids.split(","));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + json, e);
        }
    }
}
