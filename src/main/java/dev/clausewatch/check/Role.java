package dev.clausewatch.check;

/** How a provision bears on an intended use, most direct first: the order an answer lists them in. */
public enum Role {
    /** The use, or a stated variant of it, would break it. */
    PROHIBITION("prohibition", "would be prohibited"),
    /** Something the user must do or meet to go ahead: oversight, disclosure, age limits, information on request. */
    CONDITION("condition", "must be met"),
    /** What the platform may do in return: investigate, suspend, remove, audit. */
    PLATFORM_RIGHT("platform-right", "the platform may"),
    /** What shapes the use without binding it: definitions, data use, ownership of outputs. */
    INFORMATION("information", "worth knowing");

    private final String label;
    private final String heading;

    Role(String label, String heading) {
        this.label = label;
        this.heading = heading;
    }

    /** The name in JSON and on the command line. */
    public String label() {
        return label;
    }

    /** A few words for people. */
    public String heading() {
        return heading;
    }
}
