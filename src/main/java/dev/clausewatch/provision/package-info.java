/**
 * Provisions: a version's Markdown split into the units people cite (sections, numbered clauses,
 * paragraphs, list items, table rows), each with its heading trail, position, kind and
 * sentences; document metadata (title, "last updated"/"effective" date with the provision it
 * came from); references to other documents (binding incorporation or mere mention); and the
 * lasting identity of each provision across versions ({@link dev.clausewatch.provision.Lineage}).
 *
 * <p>Pure functions of texts; imports {@code registry} only.
 */
package dev.clausewatch.provision;
