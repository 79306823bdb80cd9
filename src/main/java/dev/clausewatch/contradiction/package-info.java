/**
 * Contradictions across a platform's own documents: two provisions of different documents on the
 * same topic whose stances cannot both hold (the terms say content is not used for training; the
 * privacy policy says it is, unless you opt out), each side quoted with its version and date, and
 * the change that made them disagree when one did.
 *
 * <p>Reads derived records only; imports {@code registry}, {@code provision}, {@code change},
 * {@code analysis} and {@code derivation}.
 */
package dev.clausewatch.contradiction;
