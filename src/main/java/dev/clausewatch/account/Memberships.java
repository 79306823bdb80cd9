package dev.clausewatch.account;

import dev.clausewatch.alert.Organisation;
import dev.clausewatch.alert.Organisations;
import dev.clausewatch.alert.Plan;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who belongs to which organisation and what they may do there: organisations created by a person
 * (who becomes their owner, on the Free plan), invitations by e-mail, roles, API tokens, and the
 * {@link Access} every organisation route starts from. Someone who is not part of an organisation
 * is told it does not exist, exactly as for one that does not.
 */
public final class Memberships {
    private static final Duration INVITATION = Duration.ofDays(7);

    private final AccountStore store;
    private final Organisations organisations;
    private final Mailer mailer;
    private final String baseUrl;
    private final Clock clock;

    public Memberships(AccountStore store, Organisations organisations, Mailer mailer, String baseUrl, Clock clock) {
        this.store = store;
        this.organisations = organisations;
        this.mailer = mailer;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** A new organisation on the Free plan, with {@code owner} as its owner. */
    public Organisation createOrganisation(User owner, String id, String name) {
        Organisation organisation;
        try {
            organisation = organisations.create(id, name, Plan.FREE);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.INVALID, e.getMessage());
        }
        store.addMember(id, owner.id(), Role.OWNER, clock.instant());
        return organisation;
    }

    /** What {@code user} may do in {@code organisation}; not a member is "no such organisation". */
    public Access access(User user, String organisation) {
        Role role = store.role(organisation, user.id()).orElseThrow(() -> notFound(organisation));
        return new Access(organisation, user.email(), role.permissions(), Optional.of(role));
    }

    /** What the API token {@code secret} may do in {@code organisation}. */
    public Access access(String secret, String organisation) {
        ApiToken token = token(secret);
        if (!token.organisation().equals(organisation)) throw notFound(organisation);
        java.util.EnumSet<Permission> permissions = java.util.EnumSet.noneOf(Permission.class);
        token.scopes().forEach(s -> permissions.addAll(s.permissions()));
        return new Access(organisation, "token " + token.name(), permissions, Optional.empty());
    }

    /** The token a bearer secret names, if it exists and is not revoked. */
    public ApiToken token(String secret) {
        return Optional.ofNullable(secret).filter(s -> s.startsWith("cwt_") && s.length() < 200).flatMap(s -> store.tokenByHash(Secrets.hash(s)))
                .filter(t -> t.revokedAt().isEmpty())
                .orElseThrow(() -> new Refused(Refused.Kind.UNAUTHENTICATED, "this API token is unknown or revoked"));
    }

    /** Everyone in an organisation, for administrators at the command line. */
    public List<Member> members(String organisation) {
        organisations.get(organisation);
        return store.members(organisation);
    }

    /** The answers given on alerts, for the evaluation command. */
    public List<AccountStore.Feedback> feedback() {
        return store.feedback();
    }

    /** The organisations {@code user} belongs to, with the role in each. */
    public List<Member> memberships(User user) {
        return store.memberships(user.id());
    }

    public List<Member> members(Access access) {
        access.require(Permission.READ);
        return store.members(access.organisation());
    }

    /** Mails an invitation link; the person accepts it signed in with that address. */
    public void invite(Access access, String email, Role role) {
        access.require(Permission.MANAGE_MEMBERS);
        mayAssign(access, role);
        String address = Accounts.normalise(email);
        String token = Secrets.create("cwi_");
        store.createInvitation(new AccountStore.OneTime(Secrets.hash(token), address, Optional.of(access.organisation()), Optional.of(role),
                clock.instant().plus(INVITATION), false), access.actor(), clock.instant());
        mailer.send(address, "You are invited to " + access.organisation() + " on Clausewatch", access.actor() + " invites you to the "
                + access.organisation() + " organisation on Clausewatch as " + role.label() + ". Sign up or sign in with this address, then "
                + "accept within 7 days at:\n\n" + baseUrl + "/invitations?token=" + token + "\n");
    }

    /** Accepts an invitation for the signed-in user, whose address must be the one invited. */
    public Member accept(User user, String token) {
        Refused unusable = new Refused(Refused.Kind.INVALID, "this invitation is unknown, used or expired: ask for a new one");
        String hash = Secrets.hash(Optional.ofNullable(token).orElse(""));
        AccountStore.OneTime invitation = store.invitation(hash).filter(i -> !i.used() && i.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> unusable);
        if (!invitation.userOrEmail().equals(user.email())) {
            throw new Refused(Refused.Kind.FORBIDDEN, "this invitation is for " + invitation.userOrEmail() + ", not " + user.email());
        }
        Optional<Role> already = store.role(invitation.organisation().orElseThrow(), user.id());
        if (already.isPresent()) {
            // Accepting never changes a member's role (an owner invited as viewer would demote themselves).
            throw new Refused(Refused.Kind.INVALID, "you are already " + already.get().label() + " of " + invitation.organisation().get());
        }
        if (store.useInvitation(hash, clock.instant()).isEmpty()) throw unusable; // accepted a moment ago, elsewhere
        String organisation = invitation.organisation().orElseThrow();
        store.addMember(organisation, user.id(), invitation.role().orElseThrow(), clock.instant());
        return new Member(user, organisation, invitation.role().orElseThrow());
    }

    public void changeRole(Access access, String userId, Role role) {
        access.require(Permission.MANAGE_MEMBERS);
        Role current = store.role(access.organisation(), userId).orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "no such member"));
        mayAssign(access, current);
        mayAssign(access, role);
        if (current == Role.OWNER && role != Role.OWNER) keepAnOwner(access.organisation());
        store.addMember(access.organisation(), userId, role, clock.instant());
    }

    public void remove(Access access, String userId) {
        access.require(Permission.MANAGE_MEMBERS);
        Role current = store.role(access.organisation(), userId).orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "no such member"));
        mayAssign(access, current);
        if (current == Role.OWNER) keepAnOwner(access.organisation());
        store.removeMember(access.organisation(), userId);
    }

    /** A new token and its secret, which is shown this once and stored only as its hash. */
    public record NewToken(ApiToken token, String secret) {}

    public NewToken createToken(Access access, String name, Set<ApiToken.Scope> scopes) {
        access.require(Permission.MANAGE_TOKENS);
        if (name == null || name.isBlank() || name.length() > 100) throw new Refused(Refused.Kind.INVALID, "a token's name is 1 to 100 characters");
        if (scopes.isEmpty()) throw new Refused(Refused.Kind.INVALID, "a token needs at least one scope: read, watch or channels");
        String secret = Secrets.create("cwt_");
        ApiToken token = new ApiToken(UUID.randomUUID().toString(), access.organisation(), name.strip(), scopes, access.actor(), clock.instant(), Optional.empty());
        store.create(token, Secrets.hash(secret));
        return new NewToken(token, secret);
    }

    public List<ApiToken> tokens(Access access) {
        access.require(Permission.MANAGE_TOKENS);
        return store.tokens(access.organisation());
    }

    public void revokeToken(Access access, String tokenId) {
        access.require(Permission.MANAGE_TOKENS);
        if (store.tokens(access.organisation()).stream().noneMatch(t -> t.id().equals(tokenId))) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no such token in " + access.organisation());
        }
        store.revokeToken(access.organisation(), tokenId, clock.instant());
    }

    /** For administrators at the command line: adds a person to an organisation with a role, no invitation. */
    public void addMember(String organisation, User user, Role role) {
        organisations.get(organisation);
        store.addMember(organisation, user.id(), role, clock.instant());
    }

    private static void mayAssign(Access access, Role role) {
        if (access.role().isPresent() && !access.role().get().mayAssign(role)) {
            throw new Refused(Refused.Kind.FORBIDDEN, "a " + access.role().get().label() + " cannot give or change the role " + role.label());
        }
    }

    private void keepAnOwner(String organisation) {
        if (store.members(organisation).stream().filter(m -> m.role() == Role.OWNER).count() <= 1) {
            throw new Refused(Refused.Kind.INVALID, organisation + " would have no owner: make someone else owner first");
        }
    }

    private static Refused notFound(String organisation) {
        return new Refused(Refused.Kind.NOT_FOUND, "there is no organisation " + organisation);
    }
}
