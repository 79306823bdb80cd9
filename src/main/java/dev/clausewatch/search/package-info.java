/**
 * Full-text search over provisions, current and past, with filters by platform, document type,
 * topic and date. Built on Lucene; fed by the composition of archive, provisions and analysis.
 */
package dev.clausewatch.search;
