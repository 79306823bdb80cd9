/**
 * Imports what other archives and people already collected: Open Terms Archive version
 * histories ({@code manifest.json} per document, also the Platform Governance Archive's),
 * OTA declarations ({@code <Service>.json}, {@code <Service>.history.json}), OTA datasets
 * ({@code <Service>/<Terms type>/<date>.md}) and pages clipped to Markdown with front matter.
 * The layout is detected from the files; each input is checked whole before anything is
 * archived, and a rejected input names the file, the field and the rule.
 *
 * <p>Imports {@code registry}, {@code capture} and {@code archive}.
 */
package dev.clausewatch.ingest;
