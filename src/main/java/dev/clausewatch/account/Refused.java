package dev.clausewatch.account;

/**
 * A refusal with its HTTP meaning: not signed in (401), not allowed (403), not found or not
 * visible to this person (404: an organisation one is not part of is not revealed), too many
 * attempts (429), or a bad request (400).
 */
public final class Refused extends RuntimeException {
    public enum Kind {
        UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), TOO_MANY(429), INVALID(400);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public Refused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
