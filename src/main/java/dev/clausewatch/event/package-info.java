/**
 * Past-tense events kept in an outbox: what a stage did ({@code VersionRecorded},
 * {@code ChangeDetected}, {@code ReferencedDocumentChanged}, {@code DerivationUpgraded}), written in
 * the same transaction as the records they announce, so none is ever lost, and read in order by
 * the stages and side effects that follow. Every event has an id made from what it announces, so
 * writing it twice stores it once: consumers are idempotent by id.
 *
 * <p>Imports nothing of the domain but the registry's ids; storage implements {@link
 * dev.clausewatch.event.Outbox} at the edge.
 */
package dev.clausewatch.event;
