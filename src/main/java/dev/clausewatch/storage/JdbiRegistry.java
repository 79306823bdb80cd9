package dev.clausewatch.storage;

import dev.clausewatch.archive.Chain;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.registry.DeclarationJson;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.Platform;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.registry.SourceDeclaration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The registry in SQL; the same statements serve SQLite and PostgreSQL. */
public final class JdbiRegistry implements Registry {
    private static final String DOCUMENT_COLUMNS =
            "select d.id, d.document_type, p.id as platform_id, p.name as platform_name from documents d join platforms p on p.id = d.platform_id ";

    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiRegistry(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    @Override
    public void register(Platform platform) {
        jdbi.useHandle(handle -> insertPlatform(handle, platform));
    }

    @Override
    public void register(Document document) {
        jdbi.useHandle(handle -> {
            insertPlatform(handle, document.platform());
            handle.createUpdate("insert into documents (id, platform_id, document_type, created_at) values (:id, :platform, :type, :now) on conflict do nothing")
                    .bind("id", document.id().toString())
                    .bind("platform", document.id().platform().value())
                    .bind("type", document.id().type().name())
                    .bind("now", now())
                    .execute();
        });
    }

    private void insertPlatform(Handle handle, Platform platform) {
        handle.createUpdate("insert into platforms (id, name, created_at) values (:id, :name, :now) on conflict do nothing")
                .bind("id", platform.id().value()).bind("name", platform.name()).bind("now", now())
                .execute();
    }

    @Override
    public boolean declare(SourceDeclaration declaration, String origin) {
        String sources = DeclarationJson.write(declaration.sources());
        String validUntil = declaration.validUntil().map(Chain::instant).orElse(null);
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        insert into declarations (document_id, valid_until, validity, sources, sources_sha256, origin, recorded_at)
                        values (:document, :validUntil, :validity, :sources, :sha, :origin, :now) on conflict do nothing""")
                .bind("document", declaration.document().toString())
                .bind("validUntil", validUntil)
                .bind("validity", validUntil == null ? "current" : validUntil)
                .bind("sources", sources)
                .bind("sha", Sha256.of(sources))
                .bind("origin", origin)
                .bind("now", now())
                .execute()) == 1;
    }

    @Override
    public List<Platform> platforms() {
        return jdbi.withHandle(handle -> handle.createQuery("select id, name from platforms order by id")
                .map((rs, ctx) -> new Platform(new PlatformId(rs.getString("id")), rs.getString("name"))).list());
    }

    @Override
    public Optional<Instant> beginning() {
        // Instants are stored in one fixed UTC form, so the first by text is the first in time.
        return jdbi.withHandle(handle -> handle.createQuery("select created_at from platforms order by created_at limit 1")
                .mapTo(String.class).findFirst().map(Chain::parseInstant));
    }

    @Override
    public Optional<Platform> platform(PlatformId id) {
        return jdbi.withHandle(handle -> handle.createQuery("select id, name from platforms where id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new Platform(new PlatformId(rs.getString("id")), rs.getString("name"))).findOne());
    }

    @Override
    public List<Document> documents() {
        return jdbi.withHandle(handle -> handle.createQuery(DOCUMENT_COLUMNS + "order by d.id")
                .map((rs, ctx) -> document(rs)).list());
    }

    @Override
    public List<Document> documents(PlatformId platform) {
        return jdbi.withHandle(handle -> handle.createQuery(DOCUMENT_COLUMNS + "where p.id = :platform order by d.id")
                .bind("platform", platform.value())
                .map((rs, ctx) -> document(rs)).list());
    }

    @Override
    public Optional<Document> document(DocumentId id) {
        return jdbi.withHandle(handle -> handle.createQuery(DOCUMENT_COLUMNS + "where d.id = :id")
                .bind("id", id.toString())
                .map((rs, ctx) -> document(rs)).findOne());
    }

    @Override
    public List<SourceDeclaration> declarations(DocumentId document) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select sources, valid_until from declarations where document_id = :document
                        order by case when valid_until is null then 1 else 0 end, valid_until, id""")
                .bind("document", document.toString())
                .map((rs, ctx) -> DeclarationJson.read(document, rs.getString("sources"),
                        Optional.ofNullable(rs.getString("valid_until")).map(Chain::parseInstant)))
                .list());
    }

    private static Document document(ResultSet rs) throws SQLException {
        DocumentId id = new DocumentId(new PlatformId(rs.getString("platform_id")), new DocumentType(rs.getString("document_type")));
        return new Document(id, rs.getString("platform_name"));
    }

    private String now() {
        return Chain.instant(clock.instant());
    }
}
