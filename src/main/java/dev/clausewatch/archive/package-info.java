/**
 * The archive: every version of every document, exactly, with evidence. Owns content-addressed
 * blobs ({@link dev.clausewatch.archive.BlobStore}), versions (distinct texts of a document,
 * chained by hash in recording order), observations (each time a text was seen: recorded,
 * verified unchanged, or reappearing), and {@link dev.clausewatch.archive.ArchiveVerifier},
 * which re-checks all of it. Nothing archived is rewritten or deleted.
 *
 * <p>Imports {@code registry} and {@code capture}; storage implements {@link
 * dev.clausewatch.archive.ArchiveStore} at the edge.
 */
package dev.clausewatch.archive;
