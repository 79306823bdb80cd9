package dev.clausewatch.provision;

/** What a provision is on the page. */
public enum ProvisionKind {
    /** A heading: starts a section, and names the provisions under it. */
    HEADING,
    /** A paragraph that starts with a clause number ("3.2", "(a)", "Section 4."). */
    CLAUSE,
    PARAGRAPH,
    LIST_ITEM,
    TABLE_ROW
}
