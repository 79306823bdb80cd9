package dev.clausewatch.change;

/** Why a change is cosmetic, or that it is substantive. */
public enum Reason {
    WHITESPACE("white space only"),
    PUNCTUATION("punctuation only"),
    CAPITALISATION("capitalisation only"),
    NUMBERING("numbering only"),
    LINK_TARGET("link target only"),
    FORMATTING("Markdown formatting only"),
    DATE_LINE("the \"last updated\" date only"),
    REORDERING("moved without new text"),
    SPLIT_OR_MERGED("split or merged without new text"),
    WORDING("the wording changes what it says"),
    ADDED("a new provision"),
    REMOVED("a provision removed");

    private final String description;

    Reason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean substantive() {
        return this == WORDING || this == ADDED || this == REMOVED;
    }
}
