package dev.clausewatch.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Signing up, in and out, and resetting a forgotten password. Passwords are hashed with Argon2id
 * (19 MiB, 2 passes: OWASP's minimum); sign-in is limited per address to 5 attempts a minute and
 * takes as long for an unknown address as for a known one; a session lasts 14 days; a reset link
 * is single-use, valid for an hour, and ends every session of the account.
 */
public final class Accounts {
    static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    private static final Duration SESSION = Duration.ofDays(14);
    private static final Duration RESET = Duration.ofHours(1);
    private static final int MIN_PASSWORD = 12;
    private static final int MAX_PASSWORD = 1_024;

    private final AccountStore store;
    private final Mailer mailer;
    private final String baseUrl;
    private final Clock clock;
    private final com.github.benmanes.caffeine.cache.Cache<String, Bucket> attempts = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    public Accounts(AccountStore store, Mailer mailer, String baseUrl, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** A signed-in session: its token goes in an HttpOnly cookie, {@code csrf} in every form. */
    public record Session(String token, User user, String csrf, Instant expiresAt) {}

    public User signUp(String email, String name, String password) {
        String address = normalise(email);
        if (name == null || name.isBlank() || name.length() > 200) throw new Refused(Refused.Kind.INVALID, "a name is 1 to 200 characters");
        checkPassword(password, address);
        if (store.userByEmail(address).isPresent()) throw new Refused(Refused.Kind.INVALID, "an account with " + address + " exists already: sign in, or reset its password");
        User user = new User(UUID.randomUUID().toString(), address, name.strip(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        store.create(user, hash(password));
        return user;
    }

    public Session signIn(String email, String password) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Bucket bucket = attempts.get(address, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofMinutes(1)).build()).build());
        if (!bucket.tryConsume(1)) {
            throw new Refused(Refused.Kind.TOO_MANY, "too many sign-in attempts for " + address + ": try again in a minute");
        }
        Optional<User> user = store.userByEmail(address);
        String stored = user.flatMap(u -> store.passwordHash(u.id())).orElseGet(UnknownUser::hash);
        boolean matches = password != null && password.length() <= MAX_PASSWORD && Argon2Function.getInstanceFromHash(stored).check(password, stored);
        if (user.isEmpty() || !matches) throw new Refused(Refused.Kind.UNAUTHENTICATED, "the address or the password is wrong");
        return startSession(user.get());
    }

    private Session startSession(User user) {
        String token = Secrets.create("cws_");
        String csrf = Secrets.create("");
        Instant expires = clock.instant().plus(SESSION);
        store.create(new AccountStore.Session(Secrets.hash(token), user.id(), csrf, expires), clock.instant());
        return new Session(token, user, csrf, expires);
    }

    /** The session a cookie names, if it exists and has not expired. */
    public Optional<Session> session(String token) {
        if (token == null || token.isBlank() || token.length() > 200) return Optional.empty();
        return store.session(Secrets.hash(token)).filter(s -> s.expiresAt().isAfter(clock.instant()))
                .flatMap(s -> store.user(s.userId()).map(u -> new Session(token, u, s.csrf(), s.expiresAt())));
    }

    public void signOut(String token) {
        if (token != null) store.endSession(Secrets.hash(token));
    }

    /**
     * Mails a single-use reset link to the address if it has an account; says nothing either way,
     * so the form does not tell who has an account.
     */
    public void requestReset(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        store.userByEmail(address).ifPresent(user -> {
            String token = Secrets.create("cwr_");
            store.createReset(new AccountStore.OneTime(Secrets.hash(token), user.id(), Optional.empty(), Optional.empty(),
                    clock.instant().plus(RESET), false), clock.instant());
            mailer.send(user.email(), "Reset your Clausewatch password", "Someone asked to reset the password of " + user.email()
                    + ". If it was you, choose a new one within an hour at:\n\n" + baseUrl + "/reset?token=" + token
                    + "\n\nThe link works once. If it was not you, ignore this mail: your password is unchanged.\n");
        });
    }

    /** Sets a new password with a reset link's token, once; every session of the account ends. */
    public User resetPassword(String token, String password) {
        AccountStore.OneTime reset = Optional.ofNullable(token).flatMap(t -> store.useReset(Secrets.hash(t), clock.instant()))
                .filter(r -> r.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> new Refused(Refused.Kind.INVALID, "this reset link is unknown, used or expired: ask for a new one"));
        User user = store.user(reset.userOrEmail()).orElseThrow();
        checkPassword(password, user.email());
        store.changePassword(user.id(), hash(password));
        store.endSessions(user.id());
        return user;
    }

    /** Everyone with an account, by address (for administrators at the command line). */
    public java.util.List<User> users() {
        return store.users();
    }

    public Optional<User> user(String email) {
        return store.userByEmail(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    static String normalise(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new Refused(Refused.Kind.INVALID, "\"" + email + "\" is not an e-mail address");
        }
        return address;
    }

    private static void checkPassword(String password, String email) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new Refused(Refused.Kind.INVALID, "a password has at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) throw new Refused(Refused.Kind.INVALID, "a password has at most " + MAX_PASSWORD + " characters");
        if (password.chars().distinct().count() < 5 || password.toLowerCase(Locale.ROOT).contains(email.substring(0, email.indexOf('@')))) {
            throw new Refused(Refused.Kind.INVALID, "this password is too easy to guess: use at least 5 different characters and not your address");
        }
    }

    /** A hash to check a sign-in of an unknown address against, made on first need (not when any command starts). */
    private static final class UnknownUser {
        private static final String HASH = Password.hash("no such user: compared so the answer takes as long").addRandomSalt(16).with(ARGON2).getResult();

        static String hash() {
            return HASH;
        }
    }
}
