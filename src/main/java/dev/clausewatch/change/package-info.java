/**
 * Changes between two versions of a document, as people who read terms for a living describe
 * them: provision by provision (added, removed, modified with a word-level diff, moved, split,
 * merged), each classified substantive or cosmetic with the reason, and a structured summary.
 *
 * <p>Imports {@code provision}; pure functions of the two versions' provisions.
 */
package dev.clausewatch.change;
