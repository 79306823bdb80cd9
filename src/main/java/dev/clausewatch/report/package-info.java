/**
 * Audit-ready reports: a document (or one provision) over a period, with every version's capture
 * evidence and position in the chain, every change with its quotes and reason, the analysis with
 * its citations and the knowledge's dates, methodology, disclaimer and a verification appendix; as
 * HTML and as PDF carrying its evidence in machine-readable form, so that `verify --report` can
 * re-check a report against the archive and name any mismatch.
 */
package dev.clausewatch.report;
