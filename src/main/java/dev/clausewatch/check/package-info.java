/**
 * The use-case check: "we plan to do this with these platforms: which of their rules apply to us?".
 * An {@link dev.clausewatch.check.IntendedUse} is matched against the current provisions of the
 * chosen platforms' documents and of the documents they incorporate, by meaning (embeddings),
 * topic and the rarer words both share; each provision that applies comes back with its role
 * (prohibition, condition, platform right, information), its version and date, and why it matched.
 *
 * <p>Reads derived records only; imports {@code registry}, {@code provision}, {@code knowledge},
 * {@code analysis} and {@code derivation}.
 */
package dev.clausewatch.check;
