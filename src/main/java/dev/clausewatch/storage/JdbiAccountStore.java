package dev.clausewatch.storage;

import dev.clausewatch.account.AccountStore;
import dev.clausewatch.account.ApiToken;
import dev.clausewatch.account.Member;
import dev.clausewatch.account.Role;
import dev.clausewatch.account.User;
import dev.clausewatch.archive.Chain;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** People, memberships, sessions and tokens in SQL; every secret arrives as its hash. */
public final class JdbiAccountStore implements AccountStore {
    private final Jdbi jdbi;

    public JdbiAccountStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void create(User user, String passwordHash) {
        jdbi.useHandle(h -> h.createUpdate("insert into users (id, email, name, password_hash, created_at) values (:id, :email, :name, :hash, :at)")
                .bind("id", user.id()).bind("email", user.email()).bind("name", user.name()).bind("hash", passwordHash)
                .bind("at", Chain.instant(user.createdAt())).execute());
    }

    @Override
    public Optional<User> user(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from users where id = :id").bind("id", id).map((rs, ctx) -> user(rs)).findOne());
    }

    @Override
    public Optional<User> userByEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("select * from users where email = :email").bind("email", email).map((rs, ctx) -> user(rs)).findOne());
    }

    @Override
    public List<User> users() {
        return jdbi.withHandle(h -> h.createQuery("select * from users order by email").map((rs, ctx) -> user(rs)).list());
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("name"), Chain.parseInstant(rs.getString("created_at")));
    }

    @Override
    public Optional<String> passwordHash(String userId) {
        return jdbi.withHandle(h -> h.createQuery("select password_hash from users where id = :id").bind("id", userId).mapTo(String.class).findOne());
    }

    @Override
    public void changePassword(String userId, String passwordHash) {
        jdbi.useHandle(h -> h.createUpdate("update users set password_hash = :hash where id = :id").bind("hash", passwordHash).bind("id", userId).execute());
    }

    @Override
    public void create(Session session, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("insert into sessions (token_sha256, user_id, csrf, created_at, expires_at) values (:t, :u, :csrf, :at, :exp)")
                .bind("t", session.tokenHash()).bind("u", session.userId()).bind("csrf", session.csrf()).bind("at", Chain.instant(now))
                .bind("exp", Chain.instant(session.expiresAt())).execute());
    }

    @Override
    public Optional<Session> session(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("select * from sessions where token_sha256 = :t").bind("t", tokenHash)
                .map((rs, ctx) -> new Session(rs.getString("token_sha256"), rs.getString("user_id"), rs.getString("csrf"),
                        Chain.parseInstant(rs.getString("expires_at")))).findOne());
    }

    @Override
    public void endSession(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("delete from sessions where token_sha256 = :t").bind("t", tokenHash).execute());
    }

    @Override
    public void endSessions(String userId) {
        jdbi.useHandle(h -> h.createUpdate("delete from sessions where user_id = :u").bind("u", userId).execute());
    }

    @Override
    public void createReset(OneTime reset, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("insert into password_resets (token_sha256, user_id, created_at, expires_at) values (:t, :u, :at, :exp)")
                .bind("t", reset.tokenHash()).bind("u", reset.userOrEmail()).bind("at", Chain.instant(now))
                .bind("exp", Chain.instant(reset.expiresAt())).execute());
    }

    @Override
    public Optional<OneTime> useReset(String tokenHash, Instant now) {
        return jdbi.inTransaction(h -> {
            int used = h.createUpdate("update password_resets set used_at = :at where token_sha256 = :t and used_at is null")
                    .bind("at", Chain.instant(now)).bind("t", tokenHash).execute();
            if (used == 0) return Optional.<OneTime>empty();
            return h.createQuery("select * from password_resets where token_sha256 = :t").bind("t", tokenHash)
                    .map((rs, ctx) -> new OneTime(tokenHash, rs.getString("user_id"), Optional.empty(), Optional.empty(),
                            Chain.parseInstant(rs.getString("expires_at")), true)).findOne();
        });
    }

    @Override
    public void createInvitation(OneTime invitation, String invitedBy, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into invitations (token_sha256, organisation_id, email, role, invited_by, created_at, expires_at)
                        values (:t, :org, :email, :role, :by, :at, :exp)""")
                .bind("t", invitation.tokenHash()).bind("org", invitation.organisation().orElseThrow()).bind("email", invitation.userOrEmail())
                .bind("role", invitation.role().orElseThrow().name()).bind("by", invitedBy).bind("at", Chain.instant(now))
                .bind("exp", Chain.instant(invitation.expiresAt())).execute());
    }

    @Override
    public Optional<OneTime> invitation(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("select * from invitations where token_sha256 = :t").bind("t", tokenHash)
                .map((rs, ctx) -> new OneTime(tokenHash, rs.getString("email"), Optional.of(rs.getString("organisation_id")),
                        Optional.of(Role.valueOf(rs.getString("role"))), Chain.parseInstant(rs.getString("expires_at")),
                        rs.getString("accepted_at") != null)).findOne());
    }

    @Override
    public Optional<OneTime> useInvitation(String tokenHash, Instant now) {
        return jdbi.inTransaction(h -> {
            int used = h.createUpdate("update invitations set accepted_at = :at where token_sha256 = :t and accepted_at is null")
                    .bind("at", Chain.instant(now)).bind("t", tokenHash).execute();
            if (used == 0) return Optional.<OneTime>empty();
            return h.createQuery("select * from invitations where token_sha256 = :t").bind("t", tokenHash)
                    .map((rs, ctx) -> new OneTime(tokenHash, rs.getString("email"), Optional.of(rs.getString("organisation_id")),
                            Optional.of(Role.valueOf(rs.getString("role"))), Chain.parseInstant(rs.getString("expires_at")), true)).findOne();
        });
    }

    @Override
    public void addMember(String organisation, String userId, Role role, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into memberships (organisation_id, user_id, role, created_at) values (:org, :u, :role, :at)
                        on conflict (organisation_id, user_id) do update set role = excluded.role""")
                .bind("org", organisation).bind("u", userId).bind("role", role.name()).bind("at", Chain.instant(now)).execute());
    }

    @Override
    public Optional<Role> role(String organisation, String userId) {
        return jdbi.withHandle(h -> h.createQuery("select role from memberships where organisation_id = :org and user_id = :u")
                .bind("org", organisation).bind("u", userId).mapTo(String.class).findOne().map(Role::valueOf));
    }

    @Override
    public List<Member> members(String organisation) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select u.*, m.organisation_id, m.role from memberships m join users u on u.id = m.user_id
                        where m.organisation_id = :org order by u.email""")
                .bind("org", organisation).map((rs, ctx) -> new Member(user(rs), rs.getString("organisation_id"), Role.valueOf(rs.getString("role")))).list());
    }

    @Override
    public List<Member> memberships(String userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select u.*, m.organisation_id, m.role from memberships m join users u on u.id = m.user_id
                        where m.user_id = :u order by m.organisation_id""")
                .bind("u", userId).map((rs, ctx) -> new Member(user(rs), rs.getString("organisation_id"), Role.valueOf(rs.getString("role")))).list());
    }

    @Override
    public void removeMember(String organisation, String userId) {
        jdbi.useHandle(h -> h.createUpdate("delete from memberships where organisation_id = :org and user_id = :u")
                .bind("org", organisation).bind("u", userId).execute());
    }

    @Override
    public void create(ApiToken token, String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into api_tokens (id, organisation_id, name, token_sha256, scopes, created_by, created_at)
                        values (:id, :org, :name, :hash, :scopes, :by, :at)""")
                .bind("id", token.id()).bind("org", token.organisation()).bind("name", token.name()).bind("hash", tokenHash)
                .bind("scopes", token.scopes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .bind("by", token.createdBy()).bind("at", Chain.instant(token.createdAt())).execute());
    }

    @Override
    public Optional<ApiToken> tokenByHash(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("select * from api_tokens where token_sha256 = :hash").bind("hash", tokenHash)
                .map((rs, ctx) -> token(rs)).findOne());
    }

    @Override
    public List<ApiToken> tokens(String organisation) {
        return jdbi.withHandle(h -> h.createQuery("select * from api_tokens where organisation_id = :org order by created_at, id")
                .bind("org", organisation).map((rs, ctx) -> token(rs)).list());
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("organisation_id"), rs.getString("name"),
                Arrays.stream(rs.getString("scopes").split(",")).map(ApiToken.Scope::valueOf).collect(Collectors.toSet()),
                rs.getString("created_by"), Chain.parseInstant(rs.getString("created_at")),
                Optional.ofNullable(rs.getString("revoked_at")).map(Chain::parseInstant));
    }

    @Override
    public void revokeToken(String organisation, String tokenId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("update api_tokens set revoked_at = :at where organisation_id = :org and id = :id and revoked_at is null")
                .bind("at", Chain.instant(now)).bind("org", organisation).bind("id", tokenId).execute());
    }

    @Override
    public void feedback(Feedback feedback) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into alert_feedback (alert_id, user_id, relevant, reason, created_at) values (:a, :u, :relevant, :reason, :at)
                        on conflict (alert_id, user_id) do update set relevant = excluded.relevant, reason = excluded.reason, created_at = excluded.created_at""")
                .bind("a", feedback.alertId()).bind("u", feedback.userId()).bind("relevant", feedback.relevant())
                .bind("reason", feedback.reason().orElse(null)).bind("at", Chain.instant(feedback.at())).execute());
    }

    @Override
    public List<Feedback> feedback() {
        return jdbi.withHandle(h -> h.createQuery("select * from alert_feedback order by created_at, alert_id, user_id")
                .map((rs, ctx) -> new Feedback(rs.getString("alert_id"), rs.getString("user_id"), rs.getBoolean("relevant"),
                        Optional.ofNullable(rs.getString("reason")), Chain.parseInstant(rs.getString("created_at")))).list());
    }

    @Override
    public Optional<FeedAddress> feedAddress(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("select organisation_id, created_at from alert_feeds where token_sha256 = :t and revoked_at is null")
                .bind("t", tokenHash).map((rs, ctx) -> new FeedAddress(rs.getString("organisation_id"), Chain.parseInstant(rs.getString("created_at"))))
                .findOne());
    }

    @Override
    public void createFeed(String organisation, String tokenHash, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("insert into alert_feeds (token_sha256, organisation_id, created_at) values (:t, :org, :at)")
                .bind("t", tokenHash).bind("org", organisation).bind("at", Chain.instant(now)).execute());
    }

    @Override
    public void revokeFeeds(String organisation, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("update alert_feeds set revoked_at = :at where organisation_id = :org and revoked_at is null")
                .bind("at", Chain.instant(now)).bind("org", organisation).execute());
    }
}
