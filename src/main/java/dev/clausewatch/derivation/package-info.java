/**
 * Derived records as a stage. The {@link dev.clausewatch.derivation.Processor} consumes the
 * archive's {@code VersionRecorded} events in order per document and stores, once per version,
 * what the later stages read: provisions with lasting ids, the change set against the version
 * before, references and incorporation edges, and the topics of every distinct provision text. It
 * announces {@code ChangeDetected} and {@code ReferencedDocumentChanged}. {@link
 * dev.clausewatch.derivation.DerivedRecords} is the one read side the web app, the API and the
 * command line call: they never derive anything themselves.
 *
 * <p>Derived rows are keyed by their lineage key (the chain of texts up to the version, on which
 * lasting ids depend) and by the deriver that made them, and never updated: an older history
 * imported later, or a new parser or classifier, gives new keys or a new deriver, and new rows.
 */
package dev.clausewatch.derivation;
