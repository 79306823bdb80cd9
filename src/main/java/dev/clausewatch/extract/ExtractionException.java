package dev.clausewatch.extract;

/**
 * A snapshot that cannot make a version, and why: the kind decides what tracking records
 * (a bot challenge is worth retrying with a browser; a missing selector means the declaration
 * needs care).
 */
public final class ExtractionException extends RuntimeException {
    public enum Kind {
        SELECTOR_NOT_FOUND,
        /** The declaration's selector is not CSS: the declaration needs care, a browser would not help. */
        INVALID_SELECTOR,
        BOT_CHALLENGE,
        LOGIN_OR_COOKIE_WALL,
        EMPTY,
        SUSPICIOUSLY_SHORT,
        UNSUPPORTED_MEDIA_TYPE,
        UNREADABLE
    }

    private final Kind kind;

    public ExtractionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
