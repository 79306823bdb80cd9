package dev.clausewatch.web;

import dev.clausewatch.account.Accounts;
import dev.clausewatch.account.Refused;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * The signed-in person behind a request: a session token in an HttpOnly, SameSite=Lax cookie
 * (Secure over https), and for every state-changing request made with that cookie the session's
 * CSRF secret, from the form's {@code _csrf} field or the {@code X-CSRF-Token} header. Requests
 * with an API token carry no cookie and need no CSRF secret.
 */
final class Signed {
    static final String COOKIE = "cw_session";
    static final String PRE_SESSION = "cw_form";
    private final Accounts accounts;

    Signed(Accounts accounts) {
        this.accounts = accounts;
    }

    Optional<Accounts.Session> session(Context ctx) {
        return accounts.session(ctx.cookie(COOKIE));
    }

    Accounts.Session require(Context ctx) {
        return session(ctx).orElseThrow(() -> new Refused(Refused.Kind.UNAUTHENTICATED, "sign in first"));
    }

    /** The session of a state-changing request, with its CSRF secret checked. */
    Accounts.Session requireForChange(Context ctx) {
        Accounts.Session session = require(ctx);
        checkCsrf(ctx, session);
        return session;
    }

    static void checkCsrf(Context ctx, Accounts.Session session) {
        String sent = Optional.ofNullable(ctx.header("X-CSRF-Token")).orElseGet(() -> formParam(ctx, "_csrf"));
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), session.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new Refused(Refused.Kind.FORBIDDEN, "this form is stale or was not sent from Clausewatch: reload the page and try again");
        }
    }

    private static String formParam(Context ctx, String name) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded") ? ctx.formParam(name) : null;
    }

    /**
     * The CSRF secret of the forms shown before there is a session (sign-up, sign-in, reset): a
     * random value in its own HttpOnly cookie and in the form, which must match (double submit), so
     * another site cannot sign someone into the other site's chosen account.
     */
    static String preSession(Context ctx) {
        String existing = ctx.cookie(PRE_SESSION);
        if (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) return existing;
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        String value = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.cookie(new Cookie(PRE_SESSION, value, "/", 3_600, "https".equals(ctx.scheme()), true, null, SameSite.LAX));
        return value;
    }

    static void checkPreSession(Context ctx) {
        String cookie = ctx.cookie(PRE_SESSION);
        String sent = formParam(ctx, "_csrf");
        if (cookie == null || sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused(Refused.Kind.FORBIDDEN, "this form is stale or was not sent from Clausewatch: reload the page and try again");
        }
    }

    static void start(Context ctx, Accounts.Session session) {
        ctx.cookie(new Cookie(COOKIE, session.token(), "/", (int) Duration.between(java.time.Instant.now(), session.expiresAt()).toSeconds(),
                "https".equals(ctx.scheme()), true, null, SameSite.LAX));
    }

    static void end(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, "https".equals(ctx.scheme()), true, null, SameSite.LAX));
    }
}
