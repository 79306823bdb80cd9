package dev.clausewatch.capture;

import java.util.Locale;

/**
 * A capture that failed, classified so that people and the retry logic know what it means.
 * A failure never produces a version; tracking records it with its kind and message.
 */
public final class CaptureFailure extends RuntimeException {
    public enum Kind {
        DNS, TLS, TIMEOUT, CONNECTION, REFUSED_ADDRESS, UNSUPPORTED_URL, ROBOTS_DISALLOWED,
        FORBIDDEN, TOO_MANY_REQUESTS, SERVER_ERROR, HTTP_ERROR, TOO_MANY_REDIRECTS, TOO_LARGE,
        BOT_CHALLENGE, LOGIN_OR_COOKIE_WALL, EMPTY, SELECTOR_NOT_FOUND, SUSPICIOUSLY_SHORT, UNREADABLE, BROWSER, INVALID_DECLARATION;

        /** Worth trying again later in the same run: the server or the network may recover. */
        public boolean isTransient() {
            return this == TIMEOUT || this == CONNECTION || this == TOO_MANY_REQUESTS || this == SERVER_ERROR;
        }

        /** Looks like the plain fetch was blocked or saw a script shell: a real browser may get the page. */
        public boolean mayNeedBrowser() {
            return this == FORBIDDEN || this == BOT_CHALLENGE || this == SELECTOR_NOT_FOUND || this == EMPTY || this == SUSPICIOUSLY_SHORT;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Kind kind;
    private final long retryAfterMillis;

    public CaptureFailure(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public CaptureFailure(Kind kind, String message, long retryAfterMillis, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfterMillis = retryAfterMillis;
    }

    public Kind kind() {
        return kind;
    }

    /** What the server asked us to wait (Retry-After), 0 when it said nothing. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
