package dev.clausewatch.change;

/**
 * Why a change is cosmetic, or what kind of substantive change it is. The cosmetic reasons come
 * first; a change's {@link ProvisionChange#explanation()} says it with the words concerned.
 */
public enum Reason {
    WHITESPACE("white space only", false, 0),
    PUNCTUATION("punctuation only", false, 0),
    CAPITALISATION("capitalisation only", false, 0),
    NUMBERING("numbering only", false, 0),
    LINK_TARGET("link target only", false, 0),
    FORMATTING("Markdown formatting only", false, 0),
    DATE_LINE("the \"last updated\" date only", false, 0),
    REORDERING("moved without new text", false, 0),
    SPLIT_OR_MERGED("split or merged without new text", false, 0),
    UNICODE_FORMS("Unicode compatibility forms only", false, 0),
    INVISIBLE_CHARACTERS("invisible characters only", false, 0),
    QUOTES_AND_DASHES("quotes and dashes only", false, 0),
    INLINE_SPACING("spacing between inline elements only", false, 0),
    NUMBER_WORDS("numbers written as words or digits only", false, 0),
    DATE_FORMAT("date format only", false, 0),
    TYPO_FIXED("a typo corrected", false, 0),
    SPELLING_VARIANT("British/American spelling only", false, 0),
    REPEATED_WORD("a doubled word removed", false, 0),
    BOILERPLATE("page navigation or footer, not the document", false, 0),
    NORMALISED("spelling, spacing and markup only", false, 0),

    NEGATION_REMOVED("a negation removed", true, 95),
    NEGATION_ADDED("a negation added", true, 95),
    NUMBER_CHANGED("a number changed", true, 90),
    PROHIBITION_ADDED("a prohibition added", true, 85),
    PROHIBITION_REMOVED("a prohibition removed", true, 85),
    OBLIGATION_ADDED("a new obligation", true, 80),
    OBLIGATION_REMOVED("an obligation removed", true, 80),
    PERMISSION_ADDED("a new permission", true, 80),
    PERMISSION_REMOVED("a permission removed", true, 80),
    PARTY_ADDED("a new party", true, 75),
    PARTY_REMOVED("a party removed", true, 70),
    SCOPE_WIDENED("scope widened", true, 70),
    SCOPE_NARROWED("scope narrowed", true, 65),
    DATE_CHANGED("a date changed", true, 60),
    ADDED("a new provision", true, 55),
    REMOVED("a provision removed", true, 55),
    WORDING("reworded", true, 30);

    private final String description;
    private final boolean substantive;
    private final int weight;

    Reason(String description, boolean substantive, int weight) {
        this.description = description;
        this.substantive = substantive;
        this.weight = weight;
    }

    public String description() {
        return description;
    }

    public boolean substantive() {
        return substantive;
    }

    /** How much a change of this kind usually matters to a reader, 0–100: orders the changes of a set. */
    public int weight() {
        return weight;
    }
}
