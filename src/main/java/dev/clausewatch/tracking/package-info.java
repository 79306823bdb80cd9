/**
 * Tracking: watching documents over time. {@link dev.clausewatch.tracking.Tracker} captures a
 * document (fetch each source, keep the snapshot, extract, combine, archive) and records what
 * happened as a {@link dev.clausewatch.tracking.TrackingEvent}: a new version, a verification, or
 * a classified failure, which never makes a version. {@link dev.clausewatch.tracking.Schedule}
 * says when each document is due; {@link dev.clausewatch.tracking.TrackingLoop} runs what is due.
 *
 * <p>Imports {@code registry}, {@code capture}, {@code extract} and {@code archive}.
 */
package dev.clausewatch.tracking;
