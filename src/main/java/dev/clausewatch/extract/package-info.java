/**
 * Extraction: from a snapshot's bytes and its source declaration to clean Markdown. HTML goes
 * through declarative normalisers (invisible elements dropped, tracking parameters removed from
 * links, e-mail protection unified), {@code remove} and {@code select} (CSS and OTA's range
 * selectors), then HTML-to-Markdown conversion; PDF through PDFBox with page numbers kept.
 * Challenge and wall pages, and suspiciously short results, are refused: they must never make a
 * version.
 *
 * <p>Imports {@code registry} only; pure functions of their inputs, no I/O.
 */
package dev.clausewatch.extract;
