package dev.clausewatch.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where people, memberships and their tokens live (an adapter in storage implements it); secrets arrive hashed. */
public interface AccountStore {
    void create(User user, String passwordHash);

    Optional<User> user(String id);

    Optional<User> userByEmail(String email);

    List<User> users();

    Optional<String> passwordHash(String userId);

    void changePassword(String userId, String passwordHash);

    /** A session, by the hash of its token. */
    record Session(String tokenHash, String userId, String csrf, Instant expiresAt) {}

    void create(Session session, Instant now);

    Optional<Session> session(String tokenHash);

    void endSession(String tokenHash);

    void endSessions(String userId);

    /** A single-use token: a reset link or an invitation. */
    record OneTime(String tokenHash, String userOrEmail, Optional<String> organisation, Optional<Role> role, Instant expiresAt, boolean used) {}

    void createReset(OneTime reset, Instant now);

    /** Marks the reset used and returns it, if it existed and was unused (one caller wins). */
    Optional<OneTime> useReset(String tokenHash, Instant now);

    void createInvitation(OneTime invitation, String invitedBy, Instant now);

    /** The invitation, used or not. */
    Optional<OneTime> invitation(String tokenHash);

    Optional<OneTime> useInvitation(String tokenHash, Instant now);

    void addMember(String organisation, String userId, Role role, Instant now);

    Optional<Role> role(String organisation, String userId);

    List<Member> members(String organisation);

    /** The organisations the user belongs to, with the role there. */
    List<Member> memberships(String userId);

    void removeMember(String organisation, String userId);

    void create(ApiToken token, String tokenHash);

    Optional<ApiToken> tokenByHash(String tokenHash);

    List<ApiToken> tokens(String organisation);

    void revokeToken(String organisation, String tokenId, Instant now);

    /** One person's "relevant / not relevant" on one alert (again replaces it). */
    record Feedback(String alertId, String userId, boolean relevant, Optional<String> reason, Instant at) {}

    void feedback(Feedback feedback);

    /** Every answer, with the alert's organisation, for the evaluation command. */
    List<Feedback> feedback();

    /** A private feed's address as stored: whose it is, and when it was made (what an empty feed is dated by). */
    record FeedAddress(String organisation, Instant createdAt) {}

    /** The private feed a secret names, unless revoked. */
    Optional<FeedAddress> feedAddress(String tokenHash);

    void createFeed(String organisation, String tokenHash, Instant now);

    void revokeFeeds(String organisation, Instant now);
}
